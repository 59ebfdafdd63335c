package handlers_test

import (
	"io/fs"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/trialmatch/trialmatch/migrations"
)

// TestReportFollowsTheReferralService moves a referral through the real
// service, day by day, and reads it back from reports as of each day. The
// threshold 1 shows every count.
func TestReportFollowsTheReferralService(t *testing.T) {
	ts := newTestServer(t)
	ts.now = time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	f := ts.recruitment(true)
	// at moves the clock and signs fresh tokens (they last 15 minutes).
	at := func(day int) {
		ts.now = time.Date(2026, 11, day, 10, 0, 0, 0, time.UTC)
		for _, a := range []*account{&f.parent, &f.investigator, &f.sponsor} {
			token, _, err := ts.svc.Tokens.Issue(a.User)
			if err != nil {
				t.Fatal(err)
			}
			a.Token = token
		}
	}
	var r referralBody
	ts.invite(f).Expect(http.StatusCreated).JSON(&r)
	at(3)
	ts.do(req{method: "POST", path: "/api/v1/invitations/" + r.ID + "/accept", token: f.parent.Token}).Expect(http.StatusOK).JSON(&r)
	for _, step := range []struct {
		to  string
		day int
	}{{"prescreening", 4}, {"eligible", 9}, {"consented", 10}, {"enrolled", 16}} {
		at(step.day)
		ts.do(req{method: "POST", path: "/api/v1/referrals/" + r.ID + "/transitions", token: f.investigator.Token,
			body: map[string]any{"to": step.to, "version": r.Version}}).Expect(http.StatusOK).JSON(&r)
	}
	at(22)
	ts.svc.Matching.SmallCell = 1

	var m struct {
		InvitedOn, EnrolledOn    time.Time
		Sex, AgeBand, Country    string
		Race, Ethnicity, TrialID *string
	}
	ts.db.Raw("SELECT invited_on, enrolled_on, sex, age_band, country, race, ethnicity FROM referral_milestones WHERE referral_id = ?", r.ID).Scan(&m)
	if !m.InvitedOn.Equal(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)) || !m.EnrolledOn.Equal(time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)) ||
		m.Sex != "female" || m.AgeBand != "2-11" || m.Country != "TR" || m.Race != nil {
		t.Errorf("milestones %+v", m)
	}
	for asOf, want := range map[string]string{
		"2026-11-01": "matched=1 invited=0 declined=0 accepted_or_interested=0 prescreening=0 screen_failed=0 eligible=0 consented=0 enrolled=0 treated=0 completed=0 withdrawn=0",
		"2026-11-09": "matched=1 invited=1 declined=0 accepted_or_interested=1 prescreening=1 screen_failed=0 eligible=1 consented=0 enrolled=0 treated=0 completed=0 withdrawn=0",
		"2026-11-22": "matched=1 invited=1 declined=0 accepted_or_interested=1 prescreening=1 screen_failed=0 eligible=1 consented=1 enrolled=1 treated=0 completed=0 withdrawn=0",
	} {
		rep := ts.report(f.investigator.Token, f.trialID, "?as_of="+asOf)
		expectLine(t, "funnel as of "+asOf, stagesLine(rep.Funnel), want)
	}
	rep := ts.report(f.sponsor.Token, f.trialID, "")
	expectLine(t, "weekly", rep.weeklyLine(), "2026-W47(2026-11-16):1/1")
	expectLine(t, "time to enrollment", rep.medianLine(), "median=14 n=1 reason=-")
	// 1 in 8 weeks, 39 to go: 39 × 56 days.
	expectLine(t, "projection", rep.projectionLine(), "window 2026-09-28..2026-11-22 n=1 rate=0.125 remaining=39 date=2032-11-14 reason=-")
	expectLine(t, "sex", rep.diversityLine("sex"), "total=1 female=1(100.0%) male=0(0.0%) unknown=0(0.0%)")
	expectLine(t, "race", rep.diversityLine("race"), "total=1 american_indian_or_alaska_native=0(0.0%) asian=0(0.0%) black_or_african_american=0(0.0%) "+
		"native_hawaiian_or_other_pacific_islander=0(0.0%) white=0(0.0%) more_than_one_race=0(0.0%) other=0(0.0%) prefer_not_to_say=0(0.0%) unknown=1(100.0%)")
}

// TestMilestonesBackfillMatchesTheTrigger runs the backfill of migration
// 00011 over the seeded history and expects what the trigger built.
func TestMilestonesBackfillMatchesTheTrigger(t *testing.T) {
	ts := newTestServer(t)
	ts.reportFixture()
	const snapshot = "SELECT coalesce(json_agg(m ORDER BY referral_id), '[]')::text FROM referral_milestones m"
	var byTrigger, byBackfill string
	ts.db.Raw(snapshot).Scan(&byTrigger)
	src, err := fs.ReadFile(migrations.FS, "00011_reports.sql")
	if err != nil {
		t.Fatal(err)
	}
	_, backfill, _ := strings.Cut(string(src), "-- Milestones of the referrals that exist already.\n")
	backfill, _, _ = strings.Cut(backfill, ";")
	if err := ts.db.Exec("DELETE FROM referral_milestones").Error; err != nil {
		t.Fatal(err)
	}
	if err := ts.db.Exec(backfill).Error; err != nil {
		t.Fatalf("backfill: %v\n%s", err, backfill)
	}
	ts.db.Raw(snapshot).Scan(&byBackfill)
	if byTrigger != byBackfill || len(byTrigger) < 1000 {
		t.Errorf("trigger and backfill differ:\n%s\n%s", byTrigger, byBackfill)
	}
}
