package services

import (
	"context"
	"slices"

	"github.com/google/uuid"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// AuditReportExported is written when a report is downloaded as a file.
const AuditReportExported = "trial.report_exported"

// ReportService builds enrollment reports (DESIGN.md §6) and keeps the
// sponsor's diversity goals. Reports are aggregates computed in SQL and
// suppressed below the small-cell threshold (reports_suppress.go); they never
// name or date an individual. The trial's sponsor sees every site; site staff
// see the sites they are on; anyone else gets not-found.
type ReportService struct {
	Deps
	Trials *TrialService
	// Matching gives the feasibility count and the threshold (SmallCell).
	Matching *MatchingService
}

// ReportQuery narrows an enrollment report: the day it is as of (today in
// UTC when nil) and one site. Export marks a file download, which is audited.
type ReportQuery struct {
	AsOf   *models.Date
	SiteID *uuid.UUID
	Export bool
}

// EnrollmentReport is a trial's (or some of its sites') recruitment as of the
// end of a day, UTC.
type EnrollmentReport struct {
	TrialID   uuid.UUID
	AsOf      models.Date
	Threshold int
	// AllSites is true when the report covers every site of the trial
	// (then the target is the trial's); else the sites in SiteIDs (and the
	// target is the sum of theirs).
	AllSites         bool
	SiteIDs          []uuid.UUID
	Funnel           []StageCount
	Enrollment       EnrollmentVsTarget
	Sites            []SiteReport
	Weekly           []WeekCount
	ScreenFailures   ScreenFailures
	TimeToEnrollment TimeToEnrollment
	Projection       Projection
	Diversity        []DiversityDimension
}

// StageCount is how many referrals ever reached a stage by as_of (for
// "matched": how many volunteers match now). Exit stages leave the funnel.
type StageCount struct {
	Stage string
	Exit  bool
	Count Count
}

type EnrollmentVsTarget struct {
	Enrolled        Count
	Target          *int
	PercentOfTarget *Percent
}

type SiteReport struct {
	Site            models.TrialSite
	Funnel          []StageCount
	PercentOfTarget *Percent
}

// WeekCount is one ISO week (Monday to Sunday, UTC) of the enrollment series;
// the last week runs to as_of.
type WeekCount struct {
	Week       string // 2026-W47
	WeekStart  models.Date
	New        Count
	Cumulative Count
}

type ScreenFailures struct {
	Total   Count
	Reasons []ReasonCount
}

type ReasonCount struct {
	Reason string
	Count  Count
}

// TimeToEnrollment is the median of whole days from invitation (or the
// volunteer's interest) to enrollment, over the people enrolled by as_of; nil
// with a reason when there are fewer than the threshold.
type TimeToEnrollment struct {
	MedianDays  *float64
	Enrollments Count
	Reason      string
}

// Projection is the date the target would be reached at the recent rate:
// the enrollments of the last 8 complete ISO weeks up to as_of, divided by 8.
// With no date, Reason says why (see projectionFor).
type Projection struct {
	WindowWeeks         int
	WindowStart         models.Date
	WindowEnd           models.Date
	EnrollmentsInWindow Count
	RatePerWeek         *float64
	Remaining           *int
	ProjectedDate       *models.Date
	Reason              string
}

type DiversityDimension struct {
	Dimension string
	Total     Count
	Strata    []Stratum
}

// Stratum is the enrolled population in one value of a dimension ("unknown"
// for people who did not say), against the sponsor's goal if any.
type Stratum struct {
	Value       string
	Count       Count
	Percent     *Percent
	GoalPercent *float64
	GoalMet     *bool
}

// reportScope is the sites a report covers.
type reportScope struct {
	sites    []SiteView
	allSites bool
}

func (sc reportScope) siteIDs() []uuid.UUID {
	ids := make([]uuid.UUID, len(sc.sites))
	for i, sv := range sc.sites {
		ids[i] = sv.Site.ID
	}
	return ids
}

// scopeOf is the sites of the trial the actor may report on (all for the
// sponsor, their own for site staff), narrowed to siteID when given.
func scopeOf(view TrialView, siteID *uuid.UUID) (reportScope, error) {
	var sites []SiteView
	for _, sv := range view.Sites {
		if view.CanEdit || slices.Contains(view.SiteIDs, sv.Site.ID) {
			sites = append(sites, sv)
		}
	}
	if siteID == nil {
		return reportScope{sites: sites, allSites: len(sites) == len(view.Sites)}, nil
	}
	i := slices.IndexFunc(sites, func(sv SiteView) bool { return sv.Site.ID == *siteID })
	if i < 0 {
		return reportScope{}, apperr.FromFields([]apperr.FieldError{{Field: "site_id", Code: "not_your_site",
			Message: "Choose a site of this trial that you may report on."}})
	}
	return reportScope{sites: sites[i : i+1]}, nil
}

// Enrollment builds the enrollment report of a trial as of the end of a day.
func (s *ReportService) Enrollment(ctx context.Context, actor Actor, trialID uuid.UUID, q ReportQuery) (EnrollmentReport, error) {
	today := models.NewDate(s.Now().UTC())
	asOf := today
	if q.AsOf != nil {
		if q.AsOf.After(today) {
			return EnrollmentReport{}, apperr.FromFields([]apperr.FieldError{{Field: "as_of", Code: "in_future",
				Message: "A report can be as of today or an earlier day, not a future one."}})
		}
		asOf = *q.AsOf
	}
	view, err := s.Trials.Get(ctx, actor, trialID)
	if err != nil {
		return EnrollmentReport{}, err
	}
	if !view.CanEdit && len(view.SiteIDs) == 0 {
		return EnrollmentReport{}, apperr.NotFoundf("No such trial.")
	}
	sc, err := scopeOf(view, q.SiteID)
	if err != nil {
		return EnrollmentReport{}, err
	}
	data, err := s.load(ctx, trialID, sc, asOf)
	if err != nil {
		return EnrollmentReport{}, err
	}
	matched, err := s.matched(ctx, view, sc, asOf)
	if err != nil {
		return EnrollmentReport{}, err
	}
	r := s.build(view, sc, asOf, matched, data)
	if q.Export {
		details := models.JSONMap{"as_of": asOf.String(), "sites": len(sc.sites)}
		if err := writeAudit(ctx, s.DB, actor, AuditReportExported, "trial", trialID.String(), details); err != nil {
			return EnrollmentReport{}, err
		}
	}
	return r, nil
}

// build turns the query results into the suppressed report.
func (s *ReportService) build(view TrialView, sc reportScope, asOf models.Date, matched int, d reportData) EnrollmentReport {
	sup := suppressor{min: s.Matching.SmallCell}
	r := EnrollmentReport{TrialID: view.Trial.ID, AsOf: asOf, Threshold: sup.min, AllSites: sc.allSites, SiteIDs: sc.siteIDs()}

	// Stage counts per site in scope, and screen failures by reason.
	index := map[uuid.UUID]int{}
	for i, sv := range sc.sites {
		index[sv.Site.ID] = i
	}
	perSite := make([][]int, len(sc.sites))
	for i := range perSite {
		perSite[i] = make([]int, len(funnelStages))
	}
	reasons := map[string]int{}
	for _, row := range d.funnel {
		i, ok := index[row.SiteID]
		if !ok {
			continue
		}
		for k, n := range row.stages() {
			perSite[i][k] += n
		}
		if row.ScreenFailed > 0 {
			reasons[reasonKey(row.ScreenFailReason)] += row.ScreenFailed
		}
	}
	totals := make([]int, len(funnelStages))
	columns := make([][]Count, len(funnelStages)) // per stage, the suppressed site cells
	for k := range funnelStages {
		cells := make([]int, len(sc.sites))
		for i := range sc.sites {
			cells[i] = perSite[i][k]
			totals[k] += cells[i]
		}
		columns[k] = sup.table(cells)
	}

	r.Funnel = []StageCount{{Stage: "matched", Count: sup.count(matched)}}
	for k, st := range funnelStages {
		r.Funnel = append(r.Funnel, StageCount{Stage: st.Name, Exit: st.Exit, Count: sup.count(totals[k])})
	}
	r.Sites = make([]SiteReport, len(sc.sites))
	for i, sv := range sc.sites {
		sr := SiteReport{Site: sv.Site, Funnel: make([]StageCount, len(funnelStages))}
		for k, st := range funnelStages {
			sr.Funnel[k] = StageCount{Stage: st.Name, Exit: st.Exit, Count: columns[k][i]}
		}
		if t := sv.Site.TargetEnrollment; t != nil {
			sr.PercentOfTarget = percent(columns[stageEnrolled][i], *t)
		}
		r.Sites[i] = sr
	}

	enrolled := totals[stageEnrolled]
	r.Enrollment = EnrollmentVsTarget{Enrolled: sup.count(enrolled), Target: scopeTarget(view, sc)}
	if r.Enrollment.Target != nil {
		r.Enrollment.PercentOfTarget = percent(r.Enrollment.Enrolled, *r.Enrollment.Target)
	}
	r.ScreenFailures = screenFailures(sup, reasons, totals[stageScreenFailed])

	weeks, days, strata := splitEnrolled(d.enrolled)
	var news []int
	r.Weekly, news = weeklySeries(sup, weeks, asOf)
	r.TimeToEnrollment = timeToEnrollment(sup, days)
	r.Projection = projectionFor(sup, r.Weekly, news, asOf, r.Enrollment)
	r.Diversity = diversity(sup, strata, d.goals, enrolled)
	return r
}

// scopeTarget is the enrollment target of the sites in scope: the trial's
// for the whole trial, else the sum of the sites' (nil if one has none).
func scopeTarget(view TrialView, sc reportScope) *int {
	if sc.allSites {
		return view.Trial.TargetEnrollment
	}
	sum := 0
	for _, sv := range sc.sites {
		if sv.Site.TargetEnrollment == nil {
			return nil
		}
		sum += *sv.Site.TargetEnrollment
	}
	return &sum
}
