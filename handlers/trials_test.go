package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/trialmatch/trialmatch/models"
)

const ballCriteria = `[
  {"id": "age", "kind": "age", "rule": "include", "min": {"value": 1, "unit": "years"}, "max": {"value": 25, "unit": "years"}},
  {"id": "dx", "kind": "condition", "rule": "include", "any_of": ["b_all"]},
  {"id": "rr", "kind": "disease_status", "rule": "include", "any_of": ["relapsed", "refractory", "primary_refractory"]},
  {"id": "no-cd19", "kind": "prior_therapy", "rule": "exclude", "targets": ["CD19"]},
  {"id": "organs", "kind": "manual", "rule": "include", "text": "Adequate organ function"}
]`

type trialBody struct {
	ID        string   `json:"id"`
	Status    string   `json:"status"`
	CanEdit   bool     `json:"can_edit"`
	MySiteIDs []string `json:"my_site_ids"`
	Sites     []struct {
		ID    string `json:"id"`
		Staff []struct {
			Email string `json:"email"`
		} `json:"staff"`
	} `json:"sites"`
}

// trialFixture is a recruiting B-ALL trial with one site in Ankara whose
// investigator is on the site.
type trialFixture struct {
	sponsor, investigator account
	trialID, siteID       string
}

func (ts *testServer) recruitingTrial(prefix string) trialFixture {
	ts.t.Helper()
	f := trialFixture{
		sponsor:      ts.createUser(models.RoleSponsor, prefix+"sponsor@example.org"),
		investigator: ts.createUser(models.RoleInvestigator, prefix+"pi@hospital.example"),
	}
	var tr trialBody
	ts.do(req{method: "POST", path: "/api/v1/trials", token: f.sponsor.Token, body: map[string]any{
		"title": "CD19 CAR-T for relapsed B-ALL in children", "phases": []string{"phase1", "phase2"}, "target_enrollment": 40,
		"summary":    map[string]string{"en": "A cell therapy for children whose leukaemia came back.", "tr": "Lösemisi tekrarlayan çocuklar için hücre tedavisi."},
		"conditions": []string{"b_all"}}}).Expect(http.StatusCreated).JSON(&tr)
	f.trialID = tr.ID
	var site struct{ ID string }
	ts.do(req{method: "POST", path: "/api/v1/trials/" + tr.ID + "/sites", token: f.sponsor.Token, body: map[string]any{
		"name": "Hacettepe University Children's Hospital", "city": "Ankara", "country": "TR", "latitude": 39.93, "longitude": 32.86, "target_enrollment": 20}}).Expect(http.StatusCreated).JSON(&site)
	f.siteID = site.ID
	ts.do(req{method: "POST", path: "/api/v1/trials/" + tr.ID + "/sites/" + site.ID + "/staff", token: f.sponsor.Token,
		body: map[string]any{"email": f.investigator.User.Email, "role": "principal_investigator"}}).Expect(http.StatusCreated)
	ts.do(req{method: "PUT", path: "/api/v1/trials/" + tr.ID + "/criteria", token: f.sponsor.Token, body: ballCriteria}).Expect(http.StatusOK)
	ts.do(req{method: "PATCH", path: "/api/v1/trials/" + tr.ID, token: f.sponsor.Token, body: map[string]any{"status": "recruiting"}}).Expect(http.StatusOK)
	return f
}

// candidateVolunteer registers a volunteer with a clinical profile and,
// when consent is true, the matching consent.
func (ts *testServer) candidateVolunteer(email, profile string, consent bool) string {
	ts.t.Helper()
	u := ts.createUser(models.RoleVolunteer, email)
	v := ts.createVolunteer(u.Token, "child", "Secret Name")
	ts.do(req{method: "PUT", path: "/api/v1/volunteers/" + v.ID + "/clinical", token: u.Token, body: profile}).Expect(http.StatusOK)
	if consent {
		ts.do(req{method: "POST", path: "/api/v1/volunteers/" + v.ID + "/consents", token: u.Token, body: map[string]any{"scope": "matching", "version": 1, "locale": "en"}}).Expect(http.StatusCreated)
	}
	return v.ID
}

func TestSponsorBuildsATrial(t *testing.T) {
	ts := newTestServer(t)
	sponsor := ts.createUser(models.RoleSponsor, "s@example.org")
	var tr trialBody
	ts.do(req{method: "POST", path: "/api/v1/trials", token: sponsor.Token, body: map[string]any{"title": "Draft"}}).Expect(http.StatusCreated).JSON(&tr)
	if tr.Status != "draft" || !tr.CanEdit {
		t.Fatalf("new trial %+v", tr)
	}
	p := ts.do(req{method: "PATCH", path: "/api/v1/trials/" + tr.ID, token: sponsor.Token, body: map[string]any{"status": "recruiting"}}).Expect(http.StatusUnprocessableEntity).Problem()
	if !hasFieldCode(p.Errors, "status", "no_sites") || !hasFieldCode(p.Errors, "status", "no_criteria") {
		t.Errorf("recruiting without sites and criteria: %+v", p.Errors)
	}
	ts.do(req{method: "POST", path: "/api/v1/trials", token: sponsor.Token, invalid: true,
		body: map[string]any{"title": "X", "nct_id": "NCT123", "phases": []string{"phase9"}, "conditions": []string{"flu"}}}).Expect(http.StatusUnprocessableEntity)
	ts.do(req{method: "POST", path: "/api/v1/trials/" + tr.ID + "/sites", token: sponsor.Token,
		body: map[string]any{"name": "X", "country": "Turkey", "latitude": 100, "longitude": 0}}).Expect(http.StatusUnprocessableEntity)
	p = ts.do(req{method: "POST", path: "/api/v1/trials/" + tr.ID + "/sites/" + tr.ID + "/staff", token: sponsor.Token,
		body: map[string]any{"email": "nobody@example.org", "role": "coordinator"}}).Expect(http.StatusNotFound).Problem()

	// Another sponsor cannot see or touch the draft; the public neither.
	other := ts.createUser(models.RoleSponsor, "other@example.org")
	ts.do(req{method: "GET", path: "/api/v1/trials/" + tr.ID, token: other.Token}).Expect(http.StatusNotFound)
	ts.do(req{method: "PATCH", path: "/api/v1/trials/" + tr.ID, token: other.Token, body: map[string]any{"title": "Mine"}}).Expect(http.StatusNotFound)
	ts.do(req{method: "PUT", path: "/api/v1/trials/" + tr.ID + "/criteria", token: other.Token, body: ballCriteria}).Expect(http.StatusNotFound)
	ts.do(req{method: "GET", path: "/api/v1/trials/" + tr.ID}).Expect(http.StatusNotFound)
	var list struct{ Items []trialBody }
	ts.do(req{method: "GET", path: "/api/v1/trials"}).Expect(http.StatusOK).JSON(&list)
	if len(list.Items) != 0 {
		t.Errorf("the public sees drafts: %+v", list.Items)
	}
	ts.do(req{method: "GET", path: "/api/v1/trials", token: sponsor.Token}).Expect(http.StatusOK).JSON(&list)
	if len(list.Items) != 1 {
		t.Errorf("the sponsor does not see its draft: %+v", list.Items)
	}
}

func TestMalformedCriteriaNameTheCriterion(t *testing.T) {
	ts := newTestServer(t)
	sponsor := ts.createUser(models.RoleSponsor, "s@example.org")
	var tr trialBody
	ts.do(req{method: "POST", path: "/api/v1/trials", token: sponsor.Token, body: map[string]any{"title": "T"}}).Expect(http.StatusCreated).JSON(&tr)
	cases := map[string]string{
		"unknown kind":        `[{"id": "x1", "kind": "horoscope", "rule": "include"}]`,
		"min above max":       `[{"id": "x1", "kind": "prior_lines", "rule": "include", "min": 4, "max": 2}]`,
		"negative age":        `[{"id": "x1", "kind": "age", "rule": "include", "min": {"value": -3, "unit": "years"}}]`,
		"unknown condition":   `[{"id": "x1", "kind": "condition", "rule": "include", "any_of": ["b_alll"]}]`,
		"no threshold":        `[{"id": "x1", "kind": "performance", "rule": "include"}]`,
		"nested member error": `[{"id": "g", "kind": "any_of", "rule": "include", "criteria": [{"id": "x1", "kind": "relapse_count", "min": -1}]}]`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			p := ts.do(req{method: "PUT", path: "/api/v1/trials/" + tr.ID + "/criteria", token: sponsor.Token, body: body}).Expect(http.StatusUnprocessableEntity).Problem()
			named := false
			for _, e := range p.Errors {
				named = named || strings.Contains(e.Field, "x1")
			}
			if !named {
				t.Errorf("errors do not name criterion x1: %+v", p.Errors)
			}
		})
	}
}

func TestCandidatesAreRankedDeidentifiedAndConsented(t *testing.T) {
	ts := newTestServer(t)
	f := ts.recruitingTrial("")
	eligible := ts.candidateVolunteer("e1@example.org", exampleProfile, true)
	_ = ts.candidateVolunteer("noconsent@example.org", exampleProfile, false)
	_ = ts.candidateVolunteer("aml@example.org", profileWith(t, `"b_all"`, `"aml"`, `"best_response": "CR"`, `"best_response": "CR"`), true)
	// A B-cell ALL "subtype unknown" diagnosis (the parent node) is possibly eligible.
	_ = ts.candidateVolunteer("vague@example.org", profileWith(t, `"b_all"`, `"all"`), true)

	var page struct {
		Items []struct {
			CandidateID  string `json:"candidate_id"`
			Verdict      string `json:"verdict"`
			UnknownCount int    `json:"unknown_count"`
			AgeYears     *int   `json:"age_years"`
		} `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	resp := ts.do(req{method: "GET", path: "/api/v1/trials/" + f.trialID + "/candidates", token: f.investigator.Token}).Expect(http.StatusOK)
	resp.JSON(&page)
	if len(page.Items) != 2 || page.Items[0].Verdict != "possibly_eligible" && page.Items[0].UnknownCount > page.Items[1].UnknownCount {
		t.Fatalf("candidates %+v", page.Items)
	}
	// Every criterion set includes a manual one, so nobody is plainly eligible;
	// the exact B-ALL diagnosis ranks before the vague one (fewer unknowns).
	if page.Items[0].UnknownCount != 1 || page.Items[1].UnknownCount != 2 {
		t.Errorf("ranking by unknowns: %+v", page.Items)
	}
	if strings.Contains(string(resp.Body), "Secret Name") || strings.Contains(string(resp.Body), "2016-05-04") || strings.Contains(string(resp.Body), eligible) {
		t.Error("a candidate card leaks identity, the birth date or the volunteer id")
	}
	// One at a time, the pages hold the same candidates in the same order.
	var first, second struct {
		Items []struct {
			CandidateID string `json:"candidate_id"`
		} `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	ts.do(req{method: "GET", path: "/api/v1/trials/" + f.trialID + "/candidates?limit=1", token: f.investigator.Token}).Expect(http.StatusOK).JSON(&first)
	if first.NextCursor == nil {
		t.Fatal("no next cursor after the first of two")
	}
	ts.do(req{method: "GET", path: "/api/v1/trials/" + f.trialID + "/candidates?limit=1&cursor=" + *first.NextCursor, token: f.investigator.Token}).Expect(http.StatusOK).JSON(&second)
	if len(second.Items) != 1 || second.Items[0].CandidateID != page.Items[1].CandidateID || second.NextCursor != nil {
		t.Errorf("second page %+v", second)
	}
	ts.do(req{method: "GET", path: "/api/v1/trials/" + f.trialID + "/candidates?limit=500", token: f.investigator.Token, invalid: true}).Expect(http.StatusUnprocessableEntity)

	// The pseudonym differs per trial.
	g := ts.recruitingTrial("second-")
	var other struct {
		Items []struct {
			CandidateID string `json:"candidate_id"`
		} `json:"items"`
	}
	ts.do(req{method: "GET", path: "/api/v1/trials/" + g.trialID + "/candidates", token: g.investigator.Token}).Expect(http.StatusOK).JSON(&other)
	if len(other.Items) != 2 || other.Items[0].CandidateID == page.Items[0].CandidateID {
		t.Errorf("pseudonyms must differ per trial: %v vs %v", other.Items, page.Items)
	}
	// An investigator of another trial's site gets 404 for this one.
	ts.do(req{method: "GET", path: "/api/v1/trials/" + f.trialID + "/candidates", token: g.investigator.Token}).Expect(http.StatusNotFound)
}

func TestFeasibilityIsSuppressedBelowFive(t *testing.T) {
	ts := newTestServer(t)
	f := ts.recruitingTrial("")
	for i := 0; i < 3; i++ {
		ts.candidateVolunteer(string(rune('a'+i))+"@example.org", exampleProfile, true)
	}
	var out struct {
		Eligible         countBody `json:"eligible"`
		PossiblyEligible countBody `json:"possibly_eligible"`
		Total            countBody `json:"total"`
	}
	decode := func(r response) {
		out.Eligible.Value, out.PossiblyEligible.Value, out.Total.Value = nil, nil, nil
		r.JSON(&out)
	}
	decode(ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/feasibility", token: f.sponsor.Token}).Expect(http.StatusOK))
	if out.PossiblyEligible.Display != "<5" || out.PossiblyEligible.Value != nil || out.Total.Display != "<5" {
		t.Errorf("3 candidates must show as <5: %+v", out)
	}
	// Criteria not yet saved: without the manual criterion they are eligible.
	withoutManual := strings.Replace(ballCriteria, `,
  {"id": "organs", "kind": "manual", "rule": "include", "text": "Adequate organ function"}`, "", 1)
	decode(ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/feasibility", token: f.investigator.Token,
		body: `{"criteria": ` + withoutManual + `}`}).Expect(http.StatusOK))
	if out.Eligible.Display != "<5" || out.PossiblyEligible.Display != "0" {
		t.Errorf("unsaved criteria: %+v", out)
	}
	for i := 3; i < 7; i++ {
		ts.candidateVolunteer(string(rune('a'+i))+"@example.org", exampleProfile, true)
	}
	decode(ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/feasibility", token: f.sponsor.Token}).Expect(http.StatusOK))
	if out.PossiblyEligible.Value == nil || *out.PossiblyEligible.Value != 7 {
		t.Errorf("7 candidates: %+v", out)
	}
	other := ts.createUser(models.RoleSponsor, "other@example.org")
	ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/feasibility", token: other.Token}).Expect(http.StatusNotFound)
	ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/feasibility", token: f.sponsor.Token,
		body: `{"criteria": [{"id": "x", "kind": "age", "rule": "include", "min": {"value": 5, "unit": "decades"}}]}`}).Expect(http.StatusUnprocessableEntity)
}

func TestVolunteerSeesMatchesWithReasons(t *testing.T) {
	ts := newTestServer(t)
	f := ts.recruitingTrial("")
	u := ts.createUser(models.RoleVolunteer, "m@example.org")
	v := ts.createVolunteer(u.Token, "child", "Elif")
	ts.do(req{method: "GET", path: "/api/v1/volunteers/" + v.ID + "/matches", token: u.Token}).Expect(http.StatusConflict)
	ts.do(req{method: "PUT", path: "/api/v1/volunteers/" + v.ID + "/clinical", token: u.Token, body: exampleProfile}).Expect(http.StatusOK)
	var out struct {
		Items []struct {
			Trial struct {
				ID string `json:"id"`
			} `json:"trial"`
			Result struct {
				Verdict  string `json:"verdict"`
				Criteria []struct {
					ID      string `json:"id"`
					Outcome string `json:"outcome"`
					Reason  struct {
						Code string `json:"code"`
					} `json:"reason"`
				} `json:"criteria"`
			} `json:"result"`
			NearestSiteKm *float64 `json:"nearest_site_km"`
			WithinReach   *bool    `json:"within_reach"`
		} `json:"items"`
	}
	ts.do(req{method: "GET", path: "/api/v1/volunteers/" + v.ID + "/matches?reference_date=2026-11-22", token: u.Token}).Expect(http.StatusOK).JSON(&out)
	if len(out.Items) != 1 || out.Items[0].Trial.ID != f.trialID || out.Items[0].Result.Verdict != "possibly_eligible" {
		t.Fatalf("matches %+v", out.Items)
	}
	m := out.Items[0]
	if m.NearestSiteKm == nil || *m.NearestSiteKm > 1 || m.WithinReach == nil || !*m.WithinReach {
		t.Errorf("the Ankara site is next door: %+v", m)
	}
	if len(m.Result.Criteria) != 5 || m.Result.Criteria[0].Outcome != "met" || m.Result.Criteria[4].Outcome != "unknown" {
		t.Errorf("criteria outcomes %+v", m.Result.Criteria)
	}
	stranger := ts.createUser(models.RoleVolunteer, "x@example.org")
	ts.do(req{method: "GET", path: "/api/v1/volunteers/" + v.ID + "/matches", token: stranger.Token}).Expect(http.StatusNotFound)
	ts.do(req{method: "GET", path: "/api/v1/volunteers/" + v.ID + "/matches?reference_date=22.11.2026", token: u.Token, invalid: true}).Expect(http.StatusUnprocessableEntity)
}

func TestEvaluateIsStateless(t *testing.T) {
	ts := newTestServer(t)
	u := ts.createUser(models.RoleSponsor, "s@example.org")
	var res struct {
		Verdict string `json:"verdict"`
		Counts  struct{ Met, Unknown int }
	}
	ts.do(req{method: "POST", path: "/api/v1/eligibility/evaluate", token: u.Token,
		body: `{"criteria": ` + ballCriteria + `, "profile": ` + exampleProfile + `, "reference_date": "2026-11-22"}`}).Expect(http.StatusOK).JSON(&res)
	if res.Verdict != "possibly_eligible" || res.Counts.Unknown != 1 {
		t.Errorf("evaluate: %+v", res)
	}
	// On the day before her 26th birthday a 25-year-old is still in "1 to 25 years".
	ts.do(req{method: "POST", path: "/api/v1/eligibility/evaluate", token: u.Token,
		body: `{"criteria": ` + ballCriteria + `, "profile": ` + exampleProfile + `, "reference_date": "2042-05-03"}`}).Expect(http.StatusOK).JSON(&res)
	if res.Verdict != "possibly_eligible" {
		t.Errorf("the day before the 26th birthday: %+v", res)
	}
	ts.do(req{method: "POST", path: "/api/v1/eligibility/evaluate", token: u.Token,
		body: `{"criteria": ` + ballCriteria + `, "profile": ` + exampleProfile + `, "reference_date": "2042-05-04"}`}).Expect(http.StatusOK).JSON(&res)
	if res.Verdict != "ineligible" {
		t.Errorf("on the 26th birthday: %+v", res)
	}
	ts.do(req{method: "POST", path: "/api/v1/eligibility/evaluate", body: `{"criteria": []}`}).Expect(http.StatusUnauthorized)

	// The profile is validated as a stored one would be, its fields named.
	bad := ts.do(req{method: "POST", path: "/api/v1/eligibility/evaluate", token: u.Token, invalid: true,
		body: `{"criteria": ` + ballCriteria + `, "profile": {"date_of_birth": "2031-01-01", "diagnoses": [{"condition_code": "no_such_code"}]}}`}).
		Expect(http.StatusUnprocessableEntity)
	for _, field := range []string{`"profile.date_of_birth"`, `"profile.diagnoses[0].condition_code"`} {
		if !strings.Contains(string(bad.Body), field) {
			t.Errorf("the refusal does not name %s: %s", field, bad.Body)
		}
	}
}

type countBody struct {
	Value      *int   `json:"value"`
	Display    string `json:"display"`
	Suppressed bool   `json:"suppressed"`
}
