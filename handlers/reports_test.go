package handlers_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"

	"github.com/trialmatch/trialmatch/models"
)

func (ts *testServer) report(token, trialID, query string) reportBody {
	ts.t.Helper()
	var r reportBody
	ts.do(req{method: "GET", path: "/api/v1/trials/" + trialID + "/reports/enrollment" + query, token: token}).Expect(http.StatusOK).JSON(&r)
	return r
}

func expectLine(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s:\n got  %s\n want %s", what, got, want)
	}
}

var reportGoals = map[string]any{"goals": []map[string]any{
	{"dimension": "sex", "value": "female", "target_percent": 50},
	{"dimension": "sex", "value": "male", "target_percent": 40},
	{"dimension": "age_band", "value": "18-24", "target_percent": 20},
	{"dimension": "country", "value": "TR", "target_percent": 50},
	{"dimension": "country", "value": "KZ", "target_percent": 10},
	{"dimension": "race", "value": "white", "target_percent": 30},
	{"dimension": "ethnicity", "value": "hispanic_or_latino", "target_percent": 10},
}}

// TestEnrollmentReportForTheSponsor checks every figure of the report of
// reportHistory, with the threshold 5.
func TestEnrollmentReportForTheSponsor(t *testing.T) {
	ts := newTestServer(t)
	f := ts.reportFixture()
	ts.do(req{method: "PUT", path: "/api/v1/trials/" + f.trialID + "/diversity-goals", token: f.sponsor.Token, body: reportGoals}).Expect(http.StatusOK)
	r := ts.report(f.sponsor.Token, f.trialID, "")

	if r.AsOf != "2026-11-22" || r.SmallCellThreshold != 5 || !r.Scope.AllSites || len(r.Scope.SiteIDs) != 2 || r.TrialID != f.trialID {
		t.Errorf("header: %+v", r)
	}
	expectLine(t, "funnel", stagesLine(r.Funnel), "matched=5 invited=29 declined=8 accepted_or_interested=26 prescreening=26 "+
		"screen_failed=11 eligible=16 consented=15 enrolled=15 treated=8 completed=<5 withdrawn=<5")
	if e := r.Enrollment; e.Enrolled.Display != "15" || *e.Target != 40 || *e.PercentOfTarget.Value != 37.5 || e.PercentOfTarget.Display != "37.5%" {
		t.Errorf("enrollment %+v", e)
	}
	// Sites: each stage is a table of the two sites; one suppressed cell
	// takes the other with it (≥5).
	for stage, want := range map[string]string{
		"invited":                "Hacettepe University Children's Hospital=23 Charité Berlin=6",
		"declined":               "Hacettepe University Children's Hospital=≥5 Charité Berlin=<5",
		"accepted_or_interested": "Hacettepe University Children's Hospital=18 Charité Berlin=8",
		"prescreening":           "Hacettepe University Children's Hospital=18 Charité Berlin=8",
		"screen_failed":          "Hacettepe University Children's Hospital=6 Charité Berlin=5",
		"eligible":               "Hacettepe University Children's Hospital=≥5 Charité Berlin=<5",
		"consented":              "Hacettepe University Children's Hospital=≥5 Charité Berlin=<5",
		"enrolled":               "Hacettepe University Children's Hospital=≥5 Charité Berlin=<5",
		"treated":                "Hacettepe University Children's Hospital=8 Charité Berlin=0",
		"completed":              "Hacettepe University Children's Hospital=<5 Charité Berlin=0", // the total is suppressed too
		"withdrawn":              "Hacettepe University Children's Hospital=<5 Charité Berlin=0",
	} {
		expectLine(t, "sites "+stage, r.siteColumn(stage), want)
	}
	for _, s := range r.Sites {
		if s.PercentOfTarget == nil || !s.PercentOfTarget.Suppressed || s.PercentOfTarget.Value != nil {
			t.Errorf("site %s: the percent of a suppressed count must be suppressed: %+v", s.Name, s.PercentOfTarget)
		}
	}
	if *r.Sites[0].Target != 20 || *r.Sites[1].Target != 15 {
		t.Errorf("site targets %v %v", *r.Sites[0].Target, *r.Sites[1].Target)
	}
	// Weekly: 5, 0, 2, 5, 3 enrollments in W41–W45. W43 alone between the
	// running totals of W42 and W44 would be 7-5, so those are hidden.
	expectLine(t, "weekly", r.weeklyLine(), "2026-W41(2026-10-05):5/5 2026-W42(2026-10-12):0/5 2026-W43(2026-10-19):<5/≥5 "+
		"2026-W44(2026-10-26):5/≥5 2026-W45(2026-11-02):<5/15 2026-W46(2026-11-09):0/15 2026-W47(2026-11-16):0/15")
	expectLine(t, "screen failures", r.reasonsLine(), "total=11 inclusion_not_met=≥5 exclusion_met=<5 declined=0 lost_to_follow_up=0 other=0")
	// Days from invitation or interest: 26 ×5, 33 ×3, 35 ×5, 40 ×2.
	expectLine(t, "time to enrollment", r.medianLine(), "median=33 n=15 reason=-")
	// 15 enrollments in the 8 complete weeks to Sunday 22 November: 1.875 a
	// week; 25 to go is 93.3 days, rounded up to 94.
	expectLine(t, "projection", r.projectionLine(), "window 2026-09-28..2026-11-22 n=15 rate=1.875 remaining=25 date=2027-02-24 reason=-")
	expectLine(t, "sex", r.diversityLine("sex"), "total=15 female=9(60.0% goal 50 true) male=6(40.0% goal 40 true) unknown=0(0.0%)")
	expectLine(t, "age band", r.diversityLine("age_band"), "total=15 0-1=0(0.0%) 2-11=7(46.7%) 12-17=≥5(suppressed) "+
		"18-24=<5(suppressed goal 20 ?) 25-39=0(0.0%) 40-64=0(0.0%) 65-74=0(0.0%) 75+=0(0.0%) unknown=0(0.0%)")
	expectLine(t, "country", r.diversityLine("country"), "total=15 DE=<5(suppressed) KZ=0(0.0% goal 10 false) TR=≥5(suppressed goal 50 ?) unknown=0(0.0%)")
	expectLine(t, "race", r.diversityLine("race"), "total=15 american_indian_or_alaska_native=0(0.0%) asian=≥5(suppressed) "+
		"black_or_african_american=0(0.0%) native_hawaiian_or_other_pacific_islander=0(0.0%) white=6(40.0% goal 30 true) "+
		"more_than_one_race=0(0.0%) other=0(0.0%) prefer_not_to_say=0(0.0%) unknown=<5(suppressed)")
	expectLine(t, "ethnicity", r.diversityLine("ethnicity"), "total=15 hispanic_or_latino=0(0.0% goal 10 false) "+
		"not_hispanic_or_latino=10(66.7%) prefer_not_to_say=0(0.0%) unknown=5(33.3%)")

	// No individual: no candidate or referral id, no day of a single person.
	body := string(ts.do(req{method: "GET", path: "/api/v1/trials/" + f.trialID + "/reports/enrollment", token: f.sponsor.Token}).Body)
	var referralID string
	ts.db.Raw("SELECT id FROM referrals LIMIT 1").Scan(&referralID)
	if strings.Contains(body, "C-TEST") || strings.Contains(body, referralID) || strings.Contains(body, "2026-10-06") {
		t.Error("the report names or dates an individual")
	}
}

// TestEnrollmentReportAsOfAnEarlierDay reproduces the report of Sunday 25
// October from the history, after everything that happened since.
func TestEnrollmentReportAsOfAnEarlierDay(t *testing.T) {
	ts := newTestServer(t)
	f := ts.reportFixture()
	r := ts.report(f.sponsor.Token, f.trialID, "?as_of=2026-10-25")
	expectLine(t, "funnel", stagesLine(r.Funnel), "matched=5 invited=26 declined=8 accepted_or_interested=26 prescreening=26 "+
		"screen_failed=11 eligible=16 consented=15 enrolled=7 treated=5 completed=0 withdrawn=<5")
	// 5 in W41 and 2 in W43: the last running total (7) is the published
	// enrollment, so with W43 suppressed W41 is hidden too.
	expectLine(t, "weekly", r.weeklyLine(), "2026-W41(2026-10-05):≥5/≥5 2026-W42(2026-10-12):0/≥5 2026-W43(2026-10-19):<5/7")
	expectLine(t, "sites enrolled", r.siteColumn("enrolled"), "Hacettepe University Children's Hospital=7 Charité Berlin=0")
	expectLine(t, "time to enrollment", r.medianLine(), "median=35 n=7 reason=-")
	// 7 in the window: 0.875 a week, 33 to go: 264 days.
	expectLine(t, "projection", r.projectionLine(), "window 2026-08-31..2026-10-25 n=7 rate=0.875 remaining=33 date=2027-07-16 reason=-")
	expectLine(t, "sex", r.diversityLine("sex"), "total=7 female=7(100.0%) male=0(0.0%) unknown=0(0.0%)")
	// The same day again gives the same report.
	path := "/api/v1/trials/" + f.trialID + "/reports/enrollment?as_of=2026-10-25"
	first := ts.do(req{method: "GET", path: path, token: f.sponsor.Token}).Expect(http.StatusOK).Body
	if again := ts.do(req{method: "GET", path: path, token: f.sponsor.Token}).Expect(http.StatusOK).Body; string(again) != string(first) {
		t.Error("a report as of a past day changed between two calls")
	}
	// Before anyone enrolled there is no series and no projection.
	early := ts.report(f.sponsor.Token, f.trialID, "?as_of=2026-09-30")
	expectLine(t, "funnel on 30 Sep", stagesLine(early.Funnel), "matched=5 invited=20 declined=6 accepted_or_interested=13 prescreening=13 "+
		"screen_failed=6 eligible=7 consented=5 enrolled=0 treated=0 completed=0 withdrawn=<5")
	if len(early.Weekly) != 0 || early.medianLine() != "median=- n=0 reason=no_enrollments" {
		t.Errorf("30 Sep: %s, %s", early.weeklyLine(), early.medianLine())
	}
	expectLine(t, "projection on 30 Sep", early.projectionLine(), "window 2026-08-03..2026-09-27 n=0 rate=0 remaining=40 date=- reason=no_recent_enrollments")
}

// TestEnrollmentReportWithThreshold11 is the same history where the network
// suppresses counts up to 10.
func TestEnrollmentReportWithThreshold11(t *testing.T) {
	ts := newTestServer(t)
	f := ts.reportFixture()
	ts.svc.Matching.SmallCell = 11
	r := ts.report(f.sponsor.Token, f.trialID, "")
	if r.SmallCellThreshold != 11 {
		t.Errorf("threshold %d", r.SmallCellThreshold)
	}
	expectLine(t, "funnel", stagesLine(r.Funnel), "matched=<11 invited=29 declined=<11 accepted_or_interested=26 prescreening=26 "+
		"screen_failed=11 eligible=16 consented=15 enrolled=15 treated=<11 completed=<11 withdrawn=<11")
	expectLine(t, "weekly", r.weeklyLine(), "2026-W41(2026-10-05):<11/<11 2026-W42(2026-10-12):0/<11 2026-W43(2026-10-19):<11/<11 "+
		"2026-W44(2026-10-26):<11/≥11 2026-W45(2026-11-02):<11/15 2026-W46(2026-11-09):0/15 2026-W47(2026-11-16):0/15")
	expectLine(t, "sites invited", r.siteColumn("invited"), "Hacettepe University Children's Hospital=≥11 Charité Berlin=<11")
	expectLine(t, "sites screen failed", r.siteColumn("screen_failed"), "Hacettepe University Children's Hospital=<11 Charité Berlin=<11")
	expectLine(t, "sites enrolled", r.siteColumn("enrolled"), "Hacettepe University Children's Hospital=≥11 Charité Berlin=<11")
	expectLine(t, "screen failures", r.reasonsLine(), "total=11 inclusion_not_met=<11 exclusion_met=<11 declined=0 lost_to_follow_up=0 other=0")
	expectLine(t, "country", r.diversityLine("country"), "total=15 DE=<11(suppressed) TR=≥11(suppressed) unknown=0(0.0%)")
	expectLine(t, "ethnicity", r.diversityLine("ethnicity"), "total=15 hispanic_or_latino=0(0.0%) "+
		"not_hispanic_or_latino=<11(suppressed) prefer_not_to_say=0(0.0%) unknown=<11(suppressed)")
	expectLine(t, "time to enrollment", r.medianLine(), "median=33 n=15 reason=-")
	expectLine(t, "projection", r.projectionLine(), "window 2026-09-28..2026-11-22 n=15 rate=1.875 remaining=25 date=2027-02-24 reason=-")
	e := r.Enrollment
	if e.Enrolled.Display != "15" || e.PercentOfTarget.Display != "37.5%" {
		t.Errorf("enrollment %+v", e)
	}
	// Below the threshold there is no median and no projection.
	early := ts.report(f.sponsor.Token, f.trialID, "?as_of=2026-10-25")
	expectLine(t, "time to enrollment on 25 Oct", early.medianLine(), "median=- n=<11 reason=too_few_enrollments")
	expectLine(t, "projection on 25 Oct", early.projectionLine(), "window 2026-08-31..2026-10-25 n=<11 rate=- remaining=- date=- reason=too_few_recent_enrollments")
}

// TestEnrollmentReportWhoSeesWhat: the sponsor every site, site staff their
// own, nobody else anything.
func TestEnrollmentReportWhoSeesWhat(t *testing.T) {
	ts := newTestServer(t)
	f := ts.reportFixture()
	path := "/api/v1/trials/" + f.trialID + "/reports/enrollment"

	a := ts.report(f.investigator.Token, f.trialID, "")
	if a.Scope.AllSites || len(a.Sites) != 1 || a.Sites[0].SiteID != f.siteID || strings.Join(a.Scope.SiteIDs, ",") != f.siteID {
		t.Fatalf("site A's investigator sees %+v", a.Scope)
	}
	expectLine(t, "site A funnel", stagesLine(a.Funnel), "matched=5 invited=23 declined=6 accepted_or_interested=18 prescreening=18 "+
		"screen_failed=6 eligible=12 consented=12 enrolled=12 treated=8 completed=<5 withdrawn=<5")
	if e := a.Enrollment; *e.Target != 20 || e.Enrolled.Display != "12" || e.PercentOfTarget.Display != "60.0%" || a.Sites[0].PercentOfTarget.Display != "60.0%" {
		t.Errorf("site A enrollment %+v", e)
	}
	expectLine(t, "site A weekly", a.weeklyLine(), "2026-W41(2026-10-05):5/5 2026-W42(2026-10-12):0/5 2026-W43(2026-10-19):<5/≥5 "+
		"2026-W44(2026-10-26):≥5/12 2026-W45(2026-11-02):0/12 2026-W46(2026-11-09):0/12 2026-W47(2026-11-16):0/12")
	expectLine(t, "site A reasons", a.reasonsLine(), "total=6 inclusion_not_met=<5 exclusion_met=<5 declined=0 lost_to_follow_up=0 other=0")
	// 12 enrollments in the window, 8 to go at 1.5 a week.
	expectLine(t, "site A projection", a.projectionLine(), "window 2026-09-28..2026-11-22 n=12 rate=1.5 remaining=8 date=2026-12-30 reason=-")

	b := ts.report(f.investigatorB.Token, f.trialID, "")
	expectLine(t, "site B funnel", stagesLine(b.Funnel), "matched=5 invited=6 declined=<5 accepted_or_interested=8 prescreening=8 "+
		"screen_failed=5 eligible=<5 consented=<5 enrolled=<5 treated=0 completed=0 withdrawn=0")
	if b.Enrollment.PercentOfTarget.Display != "suppressed" || *b.Enrollment.Target != 15 {
		t.Errorf("site B enrollment %+v", b.Enrollment)
	}
	expectLine(t, "site B projection", b.projectionLine(), "window 2026-09-28..2026-11-22 n=<5 rate=- remaining=- date=- reason=too_few_recent_enrollments")
	expectLine(t, "site B median", b.medianLine(), "median=- n=<5 reason=too_few_enrollments")

	// The sponsor may narrow to one site; an investigator only to their own.
	one := ts.report(f.sponsor.Token, f.trialID, "?site_id="+f.siteB)
	if one.Scope.AllSites || *one.Enrollment.Target != 15 || stagesLine(one.Funnel) != stagesLine(b.Funnel) {
		t.Errorf("sponsor, site B only: %+v %s", one.Scope, stagesLine(one.Funnel))
	}
	p := ts.do(req{method: "GET", path: path + "?site_id=" + f.siteB, token: f.investigator.Token}).Expect(http.StatusUnprocessableEntity).Problem()
	if !hasFieldCode(p.Errors, "site_id", "not_your_site") {
		t.Errorf("another site: %+v", p)
	}
	ts.do(req{method: "GET", path: path + "?site_id=" + uuid.NewString(), token: f.sponsor.Token}).Expect(http.StatusUnprocessableEntity)
	ts.do(req{method: "GET", path: path + "?site_id=nope", token: f.sponsor.Token, invalid: true}).Expect(http.StatusUnprocessableEntity)

	other := ts.createUser(models.RoleSponsor, "other-sponsor@example.org")
	volunteer := ts.createUser(models.RoleVolunteer, "curious@example.org")
	admin := ts.createUser(models.RoleAdmin, "admin@example.org")
	stranger := ts.recruitingTrial("stranger-")
	for name, c := range map[string]struct {
		token  string
		status int
	}{
		"another sponsor":       {other.Token, http.StatusNotFound},
		"another investigator":  {stranger.investigator.Token, http.StatusNotFound},
		"a volunteer":           {volunteer.Token, http.StatusForbidden},
		"an admin":              {admin.Token, http.StatusForbidden},
		"anonymous":             {"", http.StatusUnauthorized},
		"the sponsor, no trial": {f.sponsor.Token, http.StatusNotFound},
	} {
		p := path
		if name == "the sponsor, no trial" {
			p = "/api/v1/trials/" + uuid.NewString() + "/reports/enrollment"
		}
		ts.do(req{method: "GET", path: p, token: c.token}).Expect(c.status)
		ts.do(req{method: "GET", path: strings.Replace(p, "enrollment", "enrollment.csv", 1), token: c.token}).Expect(c.status)
	}
	for _, bad := range []string{"2026-11-23", "2027-01-01", "22.11.2026", "2026-02-30", "yesterday"} {
		p := ts.do(req{method: "GET", path: path + "?as_of=" + bad, token: f.sponsor.Token, invalid: true}).Expect(http.StatusUnprocessableEntity).Problem()
		if len(p.Errors) != 1 || p.Errors[0].Field != "as_of" {
			t.Errorf("as_of=%s: %+v", bad, p)
		}
	}
}

// TestEnrollmentReportCSV: the CSV holds the JSON's figures, suppressed as
// "<5", and its download is audited.
func TestEnrollmentReportCSV(t *testing.T) {
	ts := newTestServer(t)
	f := ts.reportFixture()
	ts.do(req{method: "PUT", path: "/api/v1/trials/" + f.trialID + "/diversity-goals", token: f.sponsor.Token, body: reportGoals}).Expect(http.StatusOK)
	r := ts.report(f.sponsor.Token, f.trialID, "?as_of=2026-11-15")
	resp := ts.do(req{method: "GET", path: "/api/v1/trials/" + f.trialID + "/reports/enrollment.csv?as_of=2026-11-15", token: f.sponsor.Token}).Expect(http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); ct != "text/csv; charset=utf-8" || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("headers %v", resp.Header)
	}
	body, bom := strings.CutPrefix(string(resp.Body), "\ufeff")
	if !bom {
		t.Error("the CSV has no byte-order mark: spreadsheets would not read it as UTF-8")
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "section,group,key,measure,value" {
		t.Fatalf("header %v", rows[0])
	}
	cell := map[string]string{}
	for _, row := range rows[1:] {
		key := strings.Join(row[:4], "|")
		if _, dup := cell[key]; dup {
			t.Errorf("row %s twice", key)
		}
		cell[key] = row[4]
	}
	want := map[string]string{
		"report||as_of|date": "2026-11-15", "report||small_cell_threshold|count": "5", "report||trial_id|text": f.trialID,
		"enrollment||enrolled|count": r.Enrollment.Enrolled.Display, "enrollment||target|count": "40", "enrollment||percent_of_target|percent": "37.5",
		"screen_failures||total|count":         r.ScreenFailures.Total.Display,
		"time_to_enrollment||median_days|days": "33", "time_to_enrollment||enrollments|count": "15",
		"projection||projected_date|date": *r.Projection.ProjectedDate, "projection||rate_per_week|per_week": fmt.Sprint(*r.Projection.RatePerWeek),
		"projection||reason|text": "",
	}
	for _, s := range r.Funnel {
		want["funnel||"+s.Stage+"|count"] = s.Count.Display
	}
	for _, s := range r.Sites {
		want["site|"+s.SiteID+"|name|text"] = s.Name
		want["site|"+s.SiteID+"|percent_of_target|percent"] = s.PercentOfTarget.Display
		for _, st := range s.Funnel {
			want["site|"+s.SiteID+"|"+st.Stage+"|count"] = st.Count.Display
		}
	}
	for _, w := range r.Weekly {
		want["weekly|"+w.Week+"|new|count"], want["weekly|"+w.Week+"|cumulative|count"] = w.New.Display, w.Cumulative.Display
		want["weekly|"+w.Week+"|week_start|date"] = w.WeekStart
	}
	for _, x := range r.ScreenFailures.Reasons {
		want["screen_failures||"+x.Reason+"|count"] = x.Count.Display
	}
	for _, d := range r.Diversity {
		for _, s := range d.Strata {
			want["diversity|"+d.Dimension+"|"+s.Value+"|count"] = s.Count.Display
			p := s.Percent.Display
			if s.Percent.Value != nil {
				p = fmt.Sprintf("%.1f", *s.Percent.Value)
			}
			want["diversity|"+d.Dimension+"|"+s.Value+"|percent"] = p
			goal, met := "", ""
			if s.GoalPercent != nil {
				goal = fmt.Sprint(*s.GoalPercent)
			}
			if s.GoalMet != nil {
				met = fmt.Sprint(*s.GoalMet)
			}
			want["diversity|"+d.Dimension+"|"+s.Value+"|goal_percent"], want["diversity|"+d.Dimension+"|"+s.Value+"|goal_met"] = goal, met
		}
	}
	for k, v := range want {
		if cell[k] != v {
			t.Errorf("CSV %s = %q, JSON says %q", k, cell[k], v)
		}
	}
	if cell["diversity|sex|female|goal_percent"] != "50" || cell["diversity|sex|female|goal_met"] != "true" {
		t.Errorf("goals in the CSV: %q %q", cell["diversity|sex|female|goal_percent"], cell["diversity|sex|female|goal_met"])
	}
	if cell["site|"+f.siteB+"|enrolled|count"] != "<5" || cell["weekly|2026-W43|new|count"] != "<5" {
		t.Error("suppressed cells must read <5 in the CSV")
	}
	var exports int64
	ts.db.Model(&models.AuditEvent{}).Where("action = ? AND subject_id = ?", "trial.report_exported", f.trialID).Count(&exports)
	if exports != 1 {
		t.Errorf("%d export audit events, want 1", exports)
	}
}
