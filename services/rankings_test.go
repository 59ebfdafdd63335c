package services_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/internal/synth"
	"github.com/trialmatch/trialmatch/internal/testdb"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

// rankingFixture is a synthetic registry with the two benchmark trials
// (selective and broad) and an investigator on their sites.
type rankingFixture struct {
	all          *services.All
	db           *gorm.DB
	now          *time.Time
	sponsor      services.Actor
	investigator services.Actor
	trials       []uuid.UUID
}

func newRankingFixture(t *testing.T) *rankingFixture {
	t.Helper()
	ctx := context.Background()
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	fx := &rankingFixture{db: testdb.New(t), now: &now}
	fx.all = services.NewAll(fx.db, func() time.Time { return *fx.now }, services.Settings{
		JWTSecret: []byte("test-secret-test-secret-test-secret"), JWTIssuer: "trialmatch", Audience: "trialmatch-api",
		AccessTTL: 15 * time.Minute, RefreshTTL: time.Hour, LoginWindow: 15 * time.Minute, MaxAccountFailures: 5, MaxAddressFailures: 20,
	})
	if err := synth.Load(ctx, fx.db, fx.all, 600, 11, synth.LoadOptions{Today: models.NewDate(now)}); err != nil {
		t.Fatal(err)
	}
	users := []models.User{
		{Email: "sponsor@rank.test", Role: models.RoleSponsor, DisplayName: "Sponsor", Status: models.UserActive, Locale: "en"},
		{Email: "investigator@rank.test", Role: models.RoleInvestigator, DisplayName: "Investigator", Status: models.UserActive, Locale: "en"},
	}
	if err := fx.db.Create(&users).Error; err != nil {
		t.Fatal(err)
	}
	fx.sponsor = services.Actor{UserID: users[0].ID, Role: models.RoleSponsor}
	fx.investigator = services.Actor{UserID: users[1].ID, Role: models.RoleInvestigator}
	for _, spec := range synth.Trials(11, 2) {
		target := spec.TargetEnrollment
		view, err := fx.all.Trials.Create(ctx, fx.sponsor, services.TrialInput{Title: &spec.Title, Summary: spec.Summary, Phases: spec.Phases, TargetEnrollment: &target})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range spec.Sites {
			lat, lon := s.Latitude, s.Longitude
			site, err := fx.all.Trials.AddSite(ctx, fx.sponsor, view.Trial.ID, services.SiteInput{Name: s.Name, City: s.City, Country: s.Country, Latitude: &lat, Longitude: &lon})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := fx.all.Trials.AddSiteStaff(ctx, fx.sponsor, view.Trial.ID, site.ID, users[1].Email, models.SitePrincipalInvestigator); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := fx.all.Trials.PutCriteria(ctx, fx.sponsor, view.Trial.ID, spec.Criteria); err != nil {
			t.Fatal(err)
		}
		if err := fx.db.Model(&models.Trial{}).Where("id = ?", view.Trial.ID).Update("status", models.TrialRecruiting).Error; err != nil {
			t.Fatal(err)
		}
		fx.trials = append(fx.trials, view.Trial.ID)
	}
	return fx
}

// judged is the ranking of a trial computed afresh by its compiled SQL, as
// "volunteer verdict" lines in ranking order, and the counts by verdict.
func (fx *rankingFixture) judged(t *testing.T, trialID uuid.UUID) ([]string, [2]int) {
	t.Helper()
	ctx := context.Background()
	view, err := fx.all.Trials.Get(ctx, fx.sponsor, trialID)
	if err != nil {
		t.Fatal(err)
	}
	criteria, err := fx.all.Trials.DecodeCriteria(ctx, view.Trial.Criteria)
	if err != nil {
		t.Fatal(err)
	}
	var sites []eligibility.Site
	for _, s := range view.Sites {
		sites = append(sites, eligibility.Site{Latitude: s.Site.Latitude, Longitude: s.Site.Longitude, Country: s.Site.Country})
	}
	plan, err := eligibility.CompileSQL(criteria, eligibility.EvalContext{ReferenceDate: models.NewDate(*fx.now), Sites: sites})
	if err != nil {
		t.Fatal(err)
	}
	q, args := plan.CandidatesQuery()
	var rows []struct {
		VolunteerID uuid.UUID
		Verdict     string
	}
	if err := fx.db.Raw(q, args...).Scan(&rows).Error; err != nil {
		t.Fatal(err)
	}
	var out []string
	var counts [2]int
	for _, r := range rows {
		out = append(out, fmt.Sprintf("%s %s", r.VolunteerID, r.Verdict))
		if r.Verdict == string(eligibility.Eligible) {
			counts[0]++
		} else {
			counts[1]++
		}
	}
	return out, counts
}

// served pages through the candidates as an investigator sees them, and
// reads the counts by verdict; pseudonyms are mapped back to volunteers.
func (fx *rankingFixture) served(t *testing.T, trialID uuid.UUID) ([]string, [2]int) {
	t.Helper()
	ctx := context.Background()
	var out []string
	f := services.CandidatesFilter{Limit: 37}
	for {
		page, err := fx.all.Matching.Candidates(ctx, fx.investigator, trialID, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page.Items {
			var v string
			if err := fx.db.Raw("SELECT volunteer_id::text FROM trial_candidates WHERE trial_id = ? AND candidate_id = ?", trialID, c.CandidateID).Row().Scan(&v); err != nil {
				t.Fatal(err)
			}
			if c.Explanation.Verdict != c.Verdict {
				t.Errorf("candidate %s: ranked %s, explained %s", c.CandidateID, c.Verdict, c.Explanation.Verdict)
			}
			out = append(out, fmt.Sprintf("%s %s", v, c.Verdict))
		}
		if page.NextCursor == nil {
			break
		}
		f.Cursor = *page.NextCursor
	}
	feas, err := fx.all.Matching.Feasibility(ctx, fx.investigator, trialID, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var counts [2]int
	for i, c := range []services.Count{feas.Eligible, feas.PossiblyEligible} {
		if c.Value == nil {
			counts[i] = -1 // suppressed
		} else {
			counts[i] = *c.Value
		}
	}
	return out, counts
}

func (fx *rankingFixture) check(t *testing.T, step string) {
	t.Helper()
	for i, id := range fx.trials {
		want, wantCounts := fx.judged(t, id)
		got, gotCounts := fx.served(t, id)
		if !slices.Equal(got, want) {
			t.Errorf("%s, trial %d: served %d candidates, judged afresh %d; the first difference at %d", step, i, len(got), len(want), firstDifference(got, want))
		}
		for k := range 2 {
			if gotCounts[k] != -1 && gotCounts[k] != wantCounts[k] {
				t.Errorf("%s, trial %d: count %d is %d, judged afresh %d", step, i, k, gotCounts[k], wantCounts[k])
			}
		}
		if len(want) == 0 {
			t.Fatalf("%s, trial %d: no candidates; the fixture should have some", step, i)
		}
	}
}

func firstDifference(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// The kept ranking serves exactly what judging the registry afresh gives,
// through every change that moves it: profiles, consents, erasure, criteria,
// sites, and a new day.
func TestRankingStaysEqualToAFreshJudgement(t *testing.T) {
	fx := newRankingFixture(t)
	ctx := context.Background()
	fx.check(t, "first build")

	var states int64
	fx.db.Table("trial_ranking_states").Where("reference_date = ?", models.NewDate(*fx.now)).Count(&states)
	if states != 2 {
		t.Fatalf("%d rankings kept for today, want 2", states)
	}

	// Some candidates of the broad trial change: a profile edit that makes
	// one ineligible (no diagnosis of a malignancy), a withdrawn matching
	// consent, an erased account.
	var vols []models.Volunteer
	if err := fx.db.Raw(`SELECT v.* FROM volunteers v JOIN trial_rankings r ON r.volunteer_id = v.id
		WHERE r.trial_id = ? ORDER BY v.id LIMIT 3`, fx.trials[1]).Scan(&vols).Error; err != nil || len(vols) < 3 {
		t.Fatalf("candidates to change: %v (%d)", err, len(vols))
	}
	self := func(v models.Volunteer) services.Actor {
		return services.Actor{UserID: v.AccountID, Role: models.RoleVolunteer}
	}
	clinical, err := fx.all.Volunteers.GetClinical(ctx, self(vols[0]), vols[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	p := clinical.Profile
	p.Diagnoses = []models.Diagnosis{}
	if _, err := fx.all.Volunteers.PutClinical(ctx, self(vols[0]), vols[0].ID, p); err != nil {
		t.Fatal(err)
	}
	if err := fx.all.Volunteers.WithdrawConsent(ctx, self(vols[1]), vols[1].ID, models.ConsentMatching); err != nil {
		t.Fatal(err)
	}
	if err := fx.all.Volunteers.DeleteAccount(ctx, self(vols[2])); err != nil {
		t.Fatal(err)
	}
	fx.check(t, "after a profile edit, a withdrawal and an erasure")

	// And one who was not a candidate of the selective trial becomes one.
	var outsider models.Volunteer
	if err := fx.db.Raw(`SELECT v.* FROM volunteers v JOIN volunteer_facts f ON f.volunteer_id = v.id AND f.matchable
		WHERE NOT EXISTS (SELECT 1 FROM trial_rankings r WHERE r.volunteer_id = v.id AND r.trial_id = ?)
		ORDER BY v.id LIMIT 1`, fx.trials[0]).Scan(&outsider).Error; err != nil || outsider.ID == uuid.Nil {
		t.Fatalf("a non-candidate: %v", err)
	}
	dob := models.NewDate(fx.now.AddDate(-9, 0, 0))
	female := "female"
	child := models.ClinicalProfile{DateOfBirth: &dob, Sex: &female, Country: ptr("TR")}
	if _, err := fx.all.Volunteers.PutClinical(ctx, self(outsider), outsider.ID, child); err != nil {
		t.Fatal(err)
	}
	var ranked int64
	fx.db.Table("trial_rankings").Where("trial_id = ? AND volunteer_id = ?", fx.trials[0], outsider.ID).Count(&ranked)
	if ranked != 1 {
		t.Errorf("a child with unknown diagnosis is not in the selective trial's ranking (%d rows)", ranked)
	}
	fx.check(t, "after a new possible candidate")

	// The sponsor narrows the broad trial and adds a site: rebuilt on read.
	narrower := `[{"id": "age", "kind": "age", "rule": "include", "min": {"value": 30, "unit": "years"}, "max": {"value": 60, "unit": "years"}}]`
	if _, err := fx.all.Trials.PutCriteria(ctx, fx.sponsor, fx.trials[1], []byte(narrower)); err != nil {
		t.Fatal(err)
	}
	lat, lon := 43.24, 76.89
	if _, err := fx.all.Trials.AddSite(ctx, fx.sponsor, fx.trials[1], services.SiteInput{Name: "Almaty", City: "Almaty", Country: "KZ", Latitude: &lat, Longitude: &lon}); err != nil {
		t.Fatal(err)
	}
	fx.check(t, "after new criteria and a new site")

	// A new day moves ages: rebuilt for the new date.
	*fx.now = fx.now.AddDate(0, 0, 1)
	fx.check(t, "on the next day")
	fx.db.Table("trial_ranking_states").Where("reference_date = ?", models.NewDate(*fx.now)).Count(&states)
	if states != 2 {
		t.Errorf("%d rankings kept for the new day, want 2", states)
	}

	// Prewarm has nothing left to build.
	if n, err := fx.all.Rankings.Prewarm(ctx); err != nil || n != 0 {
		t.Errorf("prewarm built %d (%v), want 0", n, err)
	}
}

func ptr[T any](v T) *T { return &v }

// A volunteer's matches over hundreds of recruiting trials (from the cached
// catalog) are each trial's own evaluation, in ranking order.
func TestMatchesOverManyTrials(t *testing.T) {
	fx := newRankingFixture(t)
	ctx := context.Background()
	org := models.Organisation{Kind: "sponsor", Name: "Many Trials"}
	if err := fx.db.Create(&org).Error; err != nil {
		t.Fatal(err)
	}
	for i, spec := range synth.Trials(5, 400) {
		tr := models.Trial{SponsorID: org.ID, Title: fmt.Sprintf("%s #%d", spec.Title, i), Status: models.TrialRecruiting,
			Criteria: spec.Criteria, Summary: models.JSONStrings{}, Phases: models.StringArray{}, Conditions: models.StringArray{},
			UnmappedConditions: models.StringArray{}, Source: "manual", Version: 1}
		if err := fx.db.Create(&tr).Error; err != nil {
			t.Fatal(err)
		}
		lat, lon := spec.Sites[0].Latitude, spec.Sites[0].Longitude
		if err := fx.db.Create(&models.TrialSite{TrialID: tr.ID, Name: spec.Sites[0].Name, Country: spec.Sites[0].Country, Latitude: &lat, Longitude: &lon}).Error; err != nil {
			t.Fatal(err)
		}
	}
	var v models.Volunteer
	if err := fx.db.Raw("SELECT v.* FROM volunteers v JOIN volunteer_clinical c ON c.volunteer_id = v.id ORDER BY v.id LIMIT 1").Scan(&v).Error; err != nil {
		t.Fatal(err)
	}
	matches, err := fx.all.Matching.Matches(ctx, services.Actor{UserID: v.AccountID, Role: models.RoleVolunteer}, v.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(matches) != 402 {
		t.Fatalf("%d matches, want 402 recruiting trials", len(matches))
	}
	clinical, err := fx.all.Volunteers.GetClinical(ctx, services.Actor{UserID: v.AccountID, Role: models.RoleVolunteer}, v.ID)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uuid.UUID]bool{}
	rank := map[eligibility.Verdict]int{eligibility.Eligible: 0, eligibility.PossiblyEligible: 1, eligibility.Ineligible: 2}
	for i, m := range matches {
		if seen[m.Trial.Trial.ID] {
			t.Fatalf("trial %s twice", m.Trial.Trial.ID)
		}
		seen[m.Trial.Trial.ID] = true
		want, err := fx.all.Matching.Evaluate(ctx, m.Trial.Trial.Criteria, clinical.Profile, nil)
		if err != nil {
			t.Fatal(err)
		}
		if m.Result.Verdict != want.Verdict || m.Result.Counts != want.Counts {
			t.Errorf("trial %d: %s %+v, one by one %s %+v", i, m.Result.Verdict, m.Result.Counts, want.Verdict, want.Counts)
		}
		if i > 0 && rank[matches[i-1].Result.Verdict] > rank[m.Result.Verdict] {
			t.Errorf("trial %d out of order: %s after %s", i, m.Result.Verdict, matches[i-1].Result.Verdict)
		}
	}
}
