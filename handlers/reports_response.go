package handlers

import (
	"strconv"

	"github.com/trialmatch/trialmatch/services"
)

func toPercent(p *services.Percent) *percentResponse {
	if p == nil {
		return nil
	}
	return &percentResponse{Value: p.Value, Display: p.Display, Suppressed: p.Suppressed}
}

func toStages(stages []services.StageCount) []stageResponse {
	out := make([]stageResponse, len(stages))
	for i, s := range stages {
		out[i] = stageResponse{Stage: s.Stage, Exit: s.Exit, Count: toCount(s.Count)}
	}
	return out
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func toReportResponse(r services.EnrollmentReport) enrollmentReportResponse {
	out := enrollmentReportResponse{
		TrialID: r.TrialID.String(), AsOf: r.AsOf, SmallCellThreshold: r.Threshold,
		Scope:  reportScopeResponse{AllSites: r.AllSites, SiteIDs: make([]string, len(r.SiteIDs))},
		Funnel: toStages(r.Funnel),
		Enrollment: enrollmentResponse{Enrolled: toCount(r.Enrollment.Enrolled), Target: r.Enrollment.Target,
			PercentOfTarget: toPercent(r.Enrollment.PercentOfTarget)},
		Sites:  make([]siteReportResponse, len(r.Sites)),
		Weekly: make([]weekResponse, len(r.Weekly)),
		ScreenFailures: screenFailuresResponse{Total: toCount(r.ScreenFailures.Total),
			Reasons: make([]reasonResponse, len(r.ScreenFailures.Reasons))},
		TimeToEnrollment: timeToEnrollmentResponse{From: "invitation_or_interest", MedianDays: r.TimeToEnrollment.MedianDays,
			Enrollments: toCount(r.TimeToEnrollment.Enrollments), Reason: optional(r.TimeToEnrollment.Reason)},
		Diversity: make([]diversityResponse, len(r.Diversity)),
	}
	for i, id := range r.SiteIDs {
		out.Scope.SiteIDs[i] = id.String()
	}
	for i, s := range r.Sites {
		out.Sites[i] = siteReportResponse{SiteID: s.Site.ID.String(), Name: s.Site.Name, City: s.Site.City, Country: s.Site.Country,
			Target: s.Site.TargetEnrollment, PercentOfTarget: toPercent(s.PercentOfTarget), Funnel: toStages(s.Funnel)}
	}
	for i, w := range r.Weekly {
		out.Weekly[i] = weekResponse{Week: w.Week, WeekStart: w.WeekStart, New: toCount(w.New), Cumulative: toCount(w.Cumulative)}
	}
	for i, x := range r.ScreenFailures.Reasons {
		out.ScreenFailures.Reasons[i] = reasonResponse{Reason: x.Reason, Count: toCount(x.Count)}
	}
	p := r.Projection
	out.Projection = projectionResponse{Method: "last_8_complete_weeks", WindowWeeks: p.WindowWeeks, WindowStart: p.WindowStart,
		WindowEnd: p.WindowEnd, EnrollmentsInWindow: toCount(p.EnrollmentsInWindow), RatePerWeek: p.RatePerWeek,
		Remaining: p.Remaining, ProjectedDate: p.ProjectedDate, Reason: optional(p.Reason)}
	for i, d := range r.Diversity {
		dr := diversityResponse{Dimension: d.Dimension, Total: toCount(d.Total), Strata: make([]stratumResponse, len(d.Strata))}
		for j, s := range d.Strata {
			dr.Strata[j] = stratumResponse{Value: s.Value, Count: toCount(s.Count), Percent: toPercent(s.Percent),
				GoalPercent: s.GoalPercent, GoalMet: s.GoalMet}
		}
		out.Diversity[i] = dr
	}
	return out
}

// reportCSVRows is the report as one long table with the columns section,
// group, key, measure, value: the same figures as the JSON, suppressed
// counts as their display ("<5", "≥5"), an absent value as an empty cell.
//
//	report,,trial_id,text,…           funnel,,invited,count,120
//	enrollment,,enrolled,count,30      site,<site id>,enrolled,count,<5
//	weekly,2026-W05,new,count,<5       screen_failures,,exclusion_met,count,7
//	time_to_enrollment,,median_days,days,41.5
//	projection,,projected_date,date,2027-03-01
//	diversity,sex,female,percent,52.4
func reportCSVRows(r enrollmentReportResponse) [][]string {
	rows := [][]string{{"section", "group", "key", "measure", "value"}}
	add := func(section, group, key, measure, value string) {
		rows = append(rows, []string{section, group, key, measure, value})
	}
	count := func(c countResponse) string { return c.Display }
	pct := func(p *percentResponse) string {
		if p == nil {
			return ""
		}
		if p.Value == nil {
			return p.Display
		}
		return strconv.FormatFloat(*p.Value, 'f', 1, 64)
	}
	num := func(x *float64) string {
		if x == nil {
			return ""
		}
		return strconv.FormatFloat(*x, 'f', -1, 64)
	}
	integer := func(n *int) string {
		if n == nil {
			return ""
		}
		return strconv.Itoa(*n)
	}
	text := func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	}

	add("report", "", "trial_id", "text", r.TrialID)
	add("report", "", "as_of", "date", r.AsOf.String())
	add("report", "", "small_cell_threshold", "count", strconv.Itoa(r.SmallCellThreshold))
	add("report", "", "all_sites", "boolean", strconv.FormatBool(r.Scope.AllSites))
	for _, s := range r.Funnel {
		add("funnel", "", s.Stage, "count", count(s.Count))
	}
	add("enrollment", "", "enrolled", "count", count(r.Enrollment.Enrolled))
	add("enrollment", "", "target", "count", integer(r.Enrollment.Target))
	add("enrollment", "", "percent_of_target", "percent", pct(r.Enrollment.PercentOfTarget))
	for _, s := range r.Sites {
		add("site", s.SiteID, "name", "text", s.Name)
		add("site", s.SiteID, "country", "text", s.Country)
		add("site", s.SiteID, "target", "count", integer(s.Target))
		add("site", s.SiteID, "percent_of_target", "percent", pct(s.PercentOfTarget))
		for _, st := range s.Funnel {
			add("site", s.SiteID, st.Stage, "count", count(st.Count))
		}
	}
	for _, w := range r.Weekly {
		add("weekly", w.Week, "week_start", "date", w.WeekStart.String())
		add("weekly", w.Week, "new", "count", count(w.New))
		add("weekly", w.Week, "cumulative", "count", count(w.Cumulative))
	}
	add("screen_failures", "", "total", "count", count(r.ScreenFailures.Total))
	for _, x := range r.ScreenFailures.Reasons {
		add("screen_failures", "", x.Reason, "count", count(x.Count))
	}
	t := r.TimeToEnrollment
	add("time_to_enrollment", "", "median_days", "days", num(t.MedianDays))
	add("time_to_enrollment", "", "enrollments", "count", count(t.Enrollments))
	add("time_to_enrollment", "", "reason", "text", text(t.Reason))
	p := r.Projection
	add("projection", "", "method", "text", p.Method)
	add("projection", "", "window_start", "date", p.WindowStart.String())
	add("projection", "", "window_end", "date", p.WindowEnd.String())
	add("projection", "", "enrollments_in_window", "count", count(p.EnrollmentsInWindow))
	add("projection", "", "rate_per_week", "per_week", num(p.RatePerWeek))
	add("projection", "", "remaining", "count", integer(p.Remaining))
	projected := ""
	if p.ProjectedDate != nil {
		projected = p.ProjectedDate.String()
	}
	add("projection", "", "projected_date", "date", projected)
	add("projection", "", "reason", "text", text(p.Reason))
	for _, d := range r.Diversity {
		add("diversity", d.Dimension, "total", "count", count(d.Total))
		for _, s := range d.Strata {
			add("diversity", d.Dimension, s.Value, "count", count(s.Count))
			add("diversity", d.Dimension, s.Value, "percent", pct(s.Percent))
			add("diversity", d.Dimension, s.Value, "goal_percent", num(s.GoalPercent))
			met := ""
			if s.GoalMet != nil {
				met = strconv.FormatBool(*s.GoalMet)
			}
			add("diversity", d.Dimension, s.Value, "goal_met", met)
		}
	}
	return rows
}
