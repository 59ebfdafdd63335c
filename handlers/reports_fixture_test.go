package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/trialmatch/trialmatch/models"
)

// reportFixture is the recruiting trial of recruitingTrial (target 40; site A
// in Ankara, target 20, with its investigator) plus site B (target 15) with
// an investigator of its own, five matching volunteers in the registry, and
// the referral history of reportHistory.
type reportFixture struct {
	trialFixture
	siteB         string
	investigatorB account
}

// cohort is a group of referrals with one history: each step on its day
// (09:00 UTC). strata has one entry per person: "sex,age_band,country,race,
// ethnicity", an empty field for not known.
type cohort struct {
	site   string // "A" or "B"
	origin string
	steps  []string // "state@2026-09-01"
	reason string   // of the screen failure
	strata []string
}

// reportHistory, as of 2026-11-22 (a Sunday, the harness's today):
//
//	site A: 12 enrolled (5 on 6 Oct, 2 on 20 Oct, 5 on 27 Oct), 6 declined,
//	        6 screen failed (4 inclusion, 2 exclusion), 3 still invited,
//	        1 withdrawn before and 1 after enrollment; 8 treated, 2 completed.
//	site B: 3 enrolled (3 Nov), 2 declined, 5 screen failed (4 inclusion,
//	        1 exclusion).
var reportHistory = []cohort{
	{"A", "invitation", []string{"invited@2026-09-01", "accepted@2026-09-03", "prescreening@2026-09-08", "eligible@2026-09-15", "consented@2026-09-22", "enrolled@2026-10-06", "treated@2026-10-13"}, "",
		rep(3, "female,2-11,TR,white,not_hispanic_or_latino")},
	{"A", "invitation", []string{"invited@2026-09-01", "accepted@2026-09-03", "prescreening@2026-09-08", "eligible@2026-09-15", "consented@2026-09-22", "enrolled@2026-10-06", "treated@2026-10-13", "completed@2026-11-10"}, "",
		rep(2, "female,2-11,TR,white,not_hispanic_or_latino")},
	{"A", "invitation", []string{"invited@2026-09-10", "accepted@2026-09-12", "prescreening@2026-09-15", "eligible@2026-09-22", "consented@2026-10-01", "enrolled@2026-10-20"}, "",
		[]string{"female,2-11,TR,white,"}},
	{"A", "invitation", []string{"invited@2026-09-10", "accepted@2026-09-12", "prescreening@2026-09-15", "eligible@2026-09-22", "consented@2026-10-01", "enrolled@2026-10-20", "withdrawn@2026-10-30"}, "",
		[]string{"female,2-11,TR,asian,"}},
	{"A", "interest", []string{"interested@2026-10-01", "prescreening@2026-10-05", "eligible@2026-10-12", "consented@2026-10-19", "enrolled@2026-10-27", "treated@2026-11-03"}, "",
		[]string{"female,12-17,TR,asian,not_hispanic_or_latino", "female,12-17,TR,asian,not_hispanic_or_latino", "male,12-17,TR,asian,not_hispanic_or_latino"}},
	{"A", "interest", []string{"interested@2026-10-01", "prescreening@2026-10-05", "eligible@2026-10-12", "consented@2026-10-19", "enrolled@2026-10-27"}, "",
		[]string{"male,12-17,TR,asian,not_hispanic_or_latino", "male,12-17,TR,,not_hispanic_or_latino"}},
	{"A", "invitation", []string{"invited@2026-09-01", "declined@2026-09-03"}, "", rep(6, "male,25-39,KZ,black_or_african_american,hispanic_or_latino")},
	{"A", "invitation", []string{"invited@2026-09-01", "accepted@2026-09-05", "prescreening@2026-09-08", "screen_failed@2026-09-15"}, "inclusion_not_met", rep(4, "male,40-64,KZ,,")},
	{"A", "invitation", []string{"invited@2026-09-01", "accepted@2026-09-05", "prescreening@2026-09-08", "screen_failed@2026-09-15"}, "exclusion_met", rep(2, "male,40-64,KZ,,")},
	{"A", "invitation", []string{"invited@2026-11-02"}, "", rep(3, "male,40-64,KZ,,")},
	{"A", "invitation", []string{"invited@2026-09-01", "withdrawn@2026-09-04"}, "", rep(1, "male,40-64,KZ,,")},
	{"B", "invitation", []string{"invited@2026-10-01", "accepted@2026-10-02", "prescreening@2026-10-05", "eligible@2026-10-12", "consented@2026-10-19", "enrolled@2026-11-03"}, "",
		rep(3, "male,18-24,DE,,")},
	{"B", "interest", []string{"interested@2026-10-01", "prescreening@2026-10-03", "screen_failed@2026-10-10"}, "inclusion_not_met", rep(4, "female,65-74,DE,white,")},
	{"B", "invitation", []string{"invited@2026-10-01", "accepted@2026-10-02", "prescreening@2026-10-05", "eligible@2026-10-12", "screen_failed@2026-10-20"}, "exclusion_met", rep(1, "female,65-74,DE,white,")},
	{"B", "invitation", []string{"invited@2026-10-01", "declined@2026-10-02"}, "", rep(2, "female,65-74,DE,white,")},
}

func rep(n int, s string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

func (ts *testServer) reportFixture() reportFixture {
	ts.t.Helper()
	f := reportFixture{trialFixture: ts.recruitingTrial("")}
	f.investigatorB = ts.createUser(models.RoleInvestigator, "pi-b@hospital.example")
	var site struct{ ID string }
	ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/sites", token: f.sponsor.Token, body: map[string]any{
		"name": "Charité Berlin", "city": "Berlin", "country": "DE", "latitude": 52.52, "longitude": 13.38, "target_enrollment": 15}}).Expect(http.StatusCreated).JSON(&site)
	f.siteB = site.ID
	ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/sites/" + f.siteB + "/staff", token: f.sponsor.Token,
		body: map[string]any{"email": f.investigatorB.User.Email, "role": "principal_investigator"}}).Expect(http.StatusCreated)
	for i := range 5 {
		ts.candidateVolunteer(fmt.Sprintf("match%d@example.org", i), exampleProfile, true)
	}
	ts.seedHistory(f, reportHistory)
	return f
}

// seedHistory inserts referrals and their events directly, with the chosen
// times; the milestones follow from the events (the trigger of 00011).
func (ts *testServer) seedHistory(f reportFixture, cohorts []cohort) {
	ts.t.Helper()
	n := 0
	for _, c := range cohorts {
		site := map[string]string{"A": f.siteID, "B": f.siteB}[c.site]
		for _, strata := range c.strata {
			n++
			s := strings.Split(strata, ",")
			null := func(v string) any {
				if v == "" {
					return nil
				}
				return v
			}
			var reason any
			if c.reason != "" {
				reason = c.reason
			}
			last, _, _ := strings.Cut(c.steps[len(c.steps)-1], "@")
			var id string
			ts.db.Raw(`INSERT INTO referrals (trial_id, site_id, candidate_id, origin, state, screen_fail_reason, age_band, sex, country, race, ethnicity, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, f.trialID, site, fmt.Sprintf("C-TEST%03d", n), c.origin, last, reason,
				null(s[1]), null(s[0]), null(s[2]), null(s[3]), null(s[4]), stepTime(c.steps[0]), stepTime(c.steps[len(c.steps)-1])).Scan(&id)
			if id == "" {
				ts.t.Fatalf("referral %d not inserted", n)
			}
			var from any
			for _, step := range c.steps {
				state, _, _ := strings.Cut(step, "@")
				var code any
				if state == "screen_failed" {
					code = reason
				}
				if err := ts.db.Exec(`INSERT INTO referral_events (referral_id, from_state, to_state, reason_code, occurred_at) VALUES (?, ?, ?, ?, ?)`,
					id, from, state, code, stepTime(step)).Error; err != nil {
					ts.t.Fatal(err)
				}
				from = state
			}
		}
	}
}

func stepTime(step string) time.Time {
	_, day, _ := strings.Cut(step, "@")
	return models.MustDate(day).Time().Add(9 * time.Hour)
}

type percentBody struct {
	Value      *float64
	Display    string
	Suppressed bool
}

type stageBody struct {
	Stage string
	Exit  bool
	Count countBody
}

type reportBody struct {
	TrialID            string `json:"trial_id"`
	AsOf               string `json:"as_of"`
	SmallCellThreshold int    `json:"small_cell_threshold"`
	Scope              struct {
		AllSites bool     `json:"all_sites"`
		SiteIDs  []string `json:"site_ids"`
	}
	Funnel     []stageBody
	Enrollment struct {
		Enrolled        countBody
		Target          *int
		PercentOfTarget *percentBody `json:"percent_of_target"`
	}
	Sites []struct {
		SiteID          string `json:"site_id"`
		Name            string
		Target          *int
		PercentOfTarget *percentBody `json:"percent_of_target"`
		Funnel          []stageBody
	}
	Weekly []struct {
		Week            string
		WeekStart       string `json:"week_start"`
		New, Cumulative countBody
	}
	ScreenFailures struct {
		Total   countBody
		Reasons []struct {
			Reason string
			Count  countBody
		}
	} `json:"screen_failures"`
	TimeToEnrollment struct {
		MedianDays  *float64 `json:"median_days"`
		Enrollments countBody
		Reason      *string
	} `json:"time_to_enrollment"`
	Projection struct {
		WindowStart         string    `json:"window_start"`
		WindowEnd           string    `json:"window_end"`
		EnrollmentsInWindow countBody `json:"enrollments_in_window"`
		RatePerWeek         *float64  `json:"rate_per_week"`
		Remaining           *int
		ProjectedDate       *string `json:"projected_date"`
		Reason              *string
	}
	Diversity []struct {
		Dimension string
		Total     countBody
		Strata    []struct {
			Value       string
			Count       countBody
			Percent     *percentBody
			GoalPercent *float64 `json:"goal_percent"`
			GoalMet     *bool    `json:"goal_met"`
		}
	}
}

// The report's figures as compact strings, so a test states every number.

func stagesLine(stages []stageBody) string {
	var parts []string
	for _, s := range stages {
		parts = append(parts, s.Stage+"="+s.Count.Display)
	}
	return strings.Join(parts, " ")
}

func (r reportBody) weeklyLine() string {
	var parts []string
	for _, w := range r.Weekly {
		parts = append(parts, fmt.Sprintf("%s(%s):%s/%s", w.Week, w.WeekStart, w.New.Display, w.Cumulative.Display))
	}
	return strings.Join(parts, " ")
}

// siteColumn is one stage across the sites, with each site's percent of target.
func (r reportBody) siteColumn(stage string) string {
	var parts []string
	for _, s := range r.Sites {
		for _, st := range s.Funnel {
			if st.Stage == stage {
				parts = append(parts, s.Name+"="+st.Count.Display)
			}
		}
	}
	return strings.Join(parts, " ")
}

func (r reportBody) reasonsLine() string {
	parts := []string{"total=" + r.ScreenFailures.Total.Display}
	for _, x := range r.ScreenFailures.Reasons {
		parts = append(parts, x.Reason+"="+x.Count.Display)
	}
	return strings.Join(parts, " ")
}

// diversityLine is one dimension: value=count(percent, goal, met).
func (r reportBody) diversityLine(dimension string) string {
	for _, d := range r.Diversity {
		if d.Dimension != dimension {
			continue
		}
		parts := []string{"total=" + d.Total.Display}
		for _, s := range d.Strata {
			p := "-"
			if s.Percent != nil {
				p = s.Percent.Display
			}
			part := fmt.Sprintf("%s=%s(%s", s.Value, s.Count.Display, p)
			if s.GoalPercent != nil {
				met := "?"
				if s.GoalMet != nil {
					met = fmt.Sprint(*s.GoalMet)
				}
				part += fmt.Sprintf(" goal %g %s", *s.GoalPercent, met)
			}
			parts = append(parts, part+")")
		}
		return strings.Join(parts, " ")
	}
	return "no dimension " + dimension
}

func (r reportBody) projectionLine() string {
	p := r.Projection
	str := func(s *string) string {
		if s == nil {
			return "-"
		}
		return *s
	}
	rate, remaining := "-", "-"
	if p.RatePerWeek != nil {
		rate = fmt.Sprint(*p.RatePerWeek)
	}
	if p.Remaining != nil {
		remaining = fmt.Sprint(*p.Remaining)
	}
	return fmt.Sprintf("window %s..%s n=%s rate=%s remaining=%s date=%s reason=%s", p.WindowStart, p.WindowEnd,
		p.EnrollmentsInWindow.Display, rate, remaining, str(p.ProjectedDate), str(p.Reason))
}

func (r reportBody) medianLine() string {
	m, reason := "-", "-"
	if r.TimeToEnrollment.MedianDays != nil {
		m = fmt.Sprint(*r.TimeToEnrollment.MedianDays)
	}
	if r.TimeToEnrollment.Reason != nil {
		reason = *r.TimeToEnrollment.Reason
	}
	return fmt.Sprintf("median=%s n=%s reason=%s", m, r.TimeToEnrollment.Enrollments.Display, reason)
}
