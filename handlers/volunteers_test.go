package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/trialmatch/trialmatch/models"
)

// exampleProfile is API.md's clinical profile: a girl with relapsed B-ALL.
const exampleProfile = `{
  "date_of_birth": "2016-05-04",
  "sex": "female",
  "country": "TR", "city": "Ankara", "latitude": 39.93, "longitude": 32.86,
  "travel": {"max_distance_km": 500, "countries": ["TR", "DE"]},
  "healthy_volunteer": false,
  "diagnoses": [{
    "condition_code": "b_all",
    "diagnosed_on": "2022-03-01",
    "status": "relapsed",
    "relapse_count": 2,
    "relapses": [{"date": "2026-09-10", "site": "bone_marrow"}],
    "antigens": {"CD19": "positive", "CD22": "unknown"},
    "philadelphia": "negative",
    "cns_status": "CNS1",
    "mrd": "positive"
  }],
  "therapy_lines": [{
    "line": 1,
    "started_on": "2022-03-05", "ended_on": "2023-01-20",
    "categories": ["chemotherapy", "anthracycline"],
    "targets": [],
    "agents": ["vincristine", "daunorubicin"],
    "best_response": "CR",
    "response_on": "2022-04-10",
    "progressed_on_therapy": false,
    "relapsed_on": "2024-01-10"
  }],
  "transplants": [{"type": "allogeneic", "date": "2024-06-01"}],
  "performance": {"scale": "lansky", "score": 70, "assessed_on": "2026-11-01", "rated_by": "parent"},
  "active_gvhd": false,
  "allo_sct_eligible": null,
  "race": null, "ethnicity": null
}`

type volunteerBody struct {
	ID                 string   `json:"id"`
	Relationship       string   `json:"relationship"`
	GivenName          string   `json:"given_name"`
	HasClinicalProfile bool     `json:"has_clinical_profile"`
	Consents           []string `json:"consents"`
}

func (ts *testServer) createVolunteer(token, relationship, name string) volunteerBody {
	ts.t.Helper()
	var v volunteerBody
	ts.do(req{method: "POST", path: "/api/v1/volunteers", token: token,
		body: map[string]any{"relationship": relationship, "given_name": name, "family_name": "Yılmaz"}}).Expect(http.StatusCreated).JSON(&v)
	return v
}

func TestConditionSearchInEveryLanguage(t *testing.T) {
	ts := newTestServer(t)
	codes := func(q, lang string) []string {
		var out struct {
			Items []struct {
				Code string   `json:"code"`
				Name string   `json:"name"`
				Path []string `json:"path"`
			} `json:"items"`
		}
		path := "/api/v1/conditions?lang=" + lang
		if q != "" {
			path += "&q=" + q
		}
		ts.do(req{method: "GET", path: path}).Expect(http.StatusOK).JSON(&out)
		var cs []string
		for _, it := range out.Items {
			cs = append(cs, it.Code)
		}
		return cs
	}
	for _, q := range []string{"l%C3%B6semi", "losemi", "%D0%BB%D0%B5%D0%B9%D0%BA%D0%BE%D0%B7", "leukaemia", "leukemia", "ALL"} {
		got := codes(q, "en")
		if !containsAll(got, "leukaemia") && !containsAll(got, "all") {
			t.Errorf("q=%s found %v, want the leukaemias", q, got)
		}
	}
	if got := codes("myelom", "tr"); !containsAll(got, "multiple_myeloma") {
		t.Errorf("myelom: %v", got)
	}
	if all := codes("", "kk"); len(all) < 30 || !containsAll(all, "b_all", "dlbcl", "pmbcl", "multiple_myeloma", "healthy_volunteer") {
		t.Errorf("the whole tree has %d nodes: %v", len(all), all)
	}
	ts.do(req{method: "GET", path: "/api/v1/conditions?lang=de", invalid: true}).Expect(http.StatusUnprocessableEntity)
}

func containsAll(have []string, want ...string) bool {
	set := map[string]bool{}
	for _, h := range have {
		set[h] = true
	}
	for _, w := range want {
		if !set[w] {
			return false
		}
	}
	return true
}

func TestProfilesBelongToTheirAccount(t *testing.T) {
	ts := newTestServer(t)
	parent := ts.createUser(models.RoleVolunteer, "parent@example.org")
	stranger := ts.createUser(models.RoleVolunteer, "stranger@example.org")
	investigator := ts.createUser(models.RoleInvestigator, "pi@example.org")

	self := ts.createVolunteer(parent.Token, "self", "Ayşe")
	child := ts.createVolunteer(parent.Token, "child", "Elif")
	p := ts.do(req{method: "POST", path: "/api/v1/volunteers", token: parent.Token,
		body: map[string]any{"relationship": "self", "given_name": "Again", "family_name": "X"}}).Expect(http.StatusConflict).Problem()
	if p.Code != "self_exists" {
		t.Errorf("second self: %+v", p)
	}
	var list struct{ Items []volunteerBody }
	ts.do(req{method: "GET", path: "/api/v1/volunteers", token: parent.Token}).Expect(http.StatusOK).JSON(&list)
	if len(list.Items) != 2 || list.Items[0].ID != self.ID || list.Items[1].Relationship != "child" {
		t.Fatalf("list = %+v", list.Items)
	}
	ts.do(req{method: "PUT", path: "/api/v1/volunteers/" + child.ID + "/clinical", token: parent.Token, body: exampleProfile}).Expect(http.StatusOK)

	// Another account sees nothing of them: 404, never 403, so existence
	// does not leak; staff are refused outright.
	for _, r := range []req{
		{method: "GET", path: "/api/v1/volunteers/" + child.ID},
		{method: "PATCH", path: "/api/v1/volunteers/" + child.ID, body: map[string]any{"given_name": "Hacked"}},
		{method: "DELETE", path: "/api/v1/volunteers/" + child.ID},
		{method: "GET", path: "/api/v1/volunteers/" + child.ID + "/clinical"},
		{method: "PUT", path: "/api/v1/volunteers/" + child.ID + "/clinical", body: exampleProfile},
		{method: "GET", path: "/api/v1/volunteers/" + child.ID + "/consents"},
		{method: "POST", path: "/api/v1/volunteers/" + child.ID + "/consents", body: map[string]any{"scope": "matching", "version": 1, "locale": "en"}},
		{method: "DELETE", path: "/api/v1/volunteers/" + child.ID + "/consents?scope=matching"},
	} {
		r.token = stranger.Token
		ts.do(r).Expect(http.StatusNotFound)
		r.token = investigator.Token
		ts.do(r).Expect(http.StatusForbidden)
	}
	var clinical struct {
		Version int `json:"version"`
		Profile struct {
			Diagnoses []struct {
				ConditionCode string `json:"condition_code"`
			} `json:"diagnoses"`
		} `json:"profile"`
	}
	ts.do(req{method: "GET", path: "/api/v1/volunteers/" + child.ID + "/clinical", token: parent.Token}).Expect(http.StatusOK).JSON(&clinical)
	if clinical.Version != 1 || clinical.Profile.Diagnoses[0].ConditionCode != "b_all" {
		t.Errorf("the stranger's attempts changed the profile: %+v", clinical)
	}
	ts.do(req{method: "GET", path: "/api/v1/volunteers/" + self.ID + "/clinical", token: parent.Token}).Expect(http.StatusNotFound)
	ts.do(req{method: "DELETE", path: "/api/v1/volunteers/" + child.ID, token: parent.Token}).Expect(http.StatusNoContent)
	ts.do(req{method: "GET", path: "/api/v1/volunteers/" + child.ID, token: parent.Token}).Expect(http.StatusNotFound)
}

func TestIdentityValidationAndUpdate(t *testing.T) {
	ts := newTestServer(t)
	u := ts.createUser(models.RoleVolunteer, "id@example.org")
	p := ts.do(req{method: "POST", path: "/api/v1/volunteers", token: u.Token, invalid: true,
		body: map[string]any{"relationship": "cousin", "given_name": " ", "family_name": "X", "phone": "call me", "email": "nope"}}).Expect(http.StatusUnprocessableEntity).Problem()
	if !hasFieldCode(p.Errors, "relationship", "oneof") {
		t.Errorf("errors %+v", p.Errors)
	}
	p = ts.do(req{method: "POST", path: "/api/v1/volunteers", token: u.Token,
		body: map[string]any{"relationship": "child", "given_name": " ", "family_name": "X", "phone": "call me", "email": "nope"}}).Expect(http.StatusUnprocessableEntity).Problem()
	for _, f := range []string{"given_name", "phone", "email"} {
		found := false
		for _, e := range p.Errors {
			found = found || e.Field == f
		}
		if !found {
			t.Errorf("no error for %s: %+v", f, p.Errors)
		}
	}
	v := ts.createVolunteer(u.Token, "ward", "Dana")
	var out struct {
		GivenName         string  `json:"given_name"`
		Phone             *string `json:"phone"`
		PreferredLanguage string  `json:"preferred_language"`
	}
	ts.do(req{method: "PATCH", path: "/api/v1/volunteers/" + v.ID, token: u.Token,
		body: map[string]any{"given_name": "Данара", "phone": "+7 701 555 0101", "preferred_language": "kk"}}).Expect(http.StatusOK).JSON(&out)
	if out.GivenName != "Данара" || out.Phone == nil || out.PreferredLanguage != "kk" {
		t.Errorf("patched = %+v", out)
	}
}

// withField rewrites one top-level field of the example profile.
func profileWith(t *testing.T, replace ...string) string {
	t.Helper()
	p := exampleProfile
	for i := 0; i+1 < len(replace); i += 2 {
		if !strings.Contains(p, replace[i]) {
			t.Fatalf("example profile lacks %q", replace[i])
		}
		p = strings.Replace(p, replace[i], replace[i+1], 1)
	}
	return p
}

func TestClinicalValidationNamesTheField(t *testing.T) {
	ts := newTestServer(t)
	u := ts.createUser(models.RoleVolunteer, "c@example.org")
	v := ts.createVolunteer(u.Token, "child", "Elif")
	path := "/api/v1/volunteers/" + v.ID + "/clinical"
	ts.do(req{method: "PUT", path: path, token: u.Token, body: exampleProfile}).Expect(http.StatusOK)

	cases := []struct {
		name, body, field, code string
	}{
		{"future birth", profileWith(t, `"2016-05-04"`, `"2027-01-01"`), "date_of_birth", "in_future"},
		{"implausible birth", profileWith(t, `"2016-05-04"`, `"1890-01-01"`), "date_of_birth", "implausible"},
		{"diagnosis before birth", profileWith(t, `"diagnosed_on": "2022-03-01"`, `"diagnosed_on": "2015-03-01"`), "diagnoses[0].diagnosed_on", "before_birth"},
		{"unknown condition", profileWith(t, `"b_all"`, `"b_alll"`), "diagnoses[0].condition_code", "unknown_condition"},
		{"bad status", profileWith(t, `"status": "relapsed"`, `"status": "worse"`), "diagnoses[0].status", "invalid"},
		{"unknown antigen", profileWith(t, `"CD22": "unknown"`, `"CD99": "positive"`), "diagnoses[0].antigens.CD99", "unknown_antigen"},
		{"relapse before diagnosis", profileWith(t, `{"date": "2026-09-10"`, `{"date": "2021-09-10"`), "diagnoses[0].relapses[0].date", "before_diagnosis"},
		{"fewer relapses counted than listed", profileWith(t, `"relapse_count": 2`, `"relapse_count": 0`), "diagnoses[0].relapse_count", "fewer_than_listed"},
		{"line numbered out of order", profileWith(t, `"line": 1`, `"line": 2`), "therapy_lines[0].line", "out_of_order"},
		{"line ends before it starts", profileWith(t, `"ended_on": "2023-01-20"`, `"ended_on": "2022-01-20"`), "therapy_lines[0].ended_on", "before_start"},
		{"response not for this disease", profileWith(t, `"best_response": "CR"`, `"best_response": "VGPR"`), "therapy_lines[0].best_response", "invalid_for_disease"},
		{"unknown category", profileWith(t, `"anthracycline"]`, `"magic"]`), "therapy_lines[0].categories[1]", "invalid"},
		{"future transplant", profileWith(t, `"date": "2024-06-01"`, `"date": "2030-06-01"`), "transplants[0].date", "in_future"},
		{"Lansky not a multiple of ten", profileWith(t, `"score": 70`, `"score": 75`), "performance.score", "out_of_range"},
		{"ECOG above 5", profileWith(t, `"scale": "lansky", "score": 70`, `"scale": "ecog", "score": 6`), "performance.score", "out_of_range"},
		{"bad country", profileWith(t, `"country": "TR"`, `"country": "Turkey"`), "country", "invalid"},
		{"unknown travel country", profileWith(t, `["TR", "DE"]`, `["TR", "XX"]`), "travel.countries[1]", "invalid"},
		{"latitude without longitude", profileWith(t, `"longitude": 32.86`, `"longitude": null`), "longitude", "required"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := ts.do(req{method: "PUT", path: path, token: u.Token, body: c.body, invalid: true}).Expect(http.StatusUnprocessableEntity).Problem()
			if !hasFieldCode(p.Errors, c.field, c.code) {
				t.Errorf("want %s %s, got %+v", c.field, c.code, p.Errors)
			}
		})
	}
	// Nothing was half written: the first profile is still there, unchanged.
	var stored struct {
		Version int `json:"version"`
	}
	ts.do(req{method: "GET", path: path, token: u.Token}).Expect(http.StatusOK).JSON(&stored)
	if stored.Version != 1 {
		t.Errorf("version %d after only invalid writes", stored.Version)
	}
}

func TestClinicalShapeErrorsAndSizeLimits(t *testing.T) {
	ts := newTestServer(t)
	u := ts.createUser(models.RoleVolunteer, "s@example.org")
	v := ts.createVolunteer(u.Token, "self", "Ali")
	path := "/api/v1/volunteers/" + v.ID + "/clinical"
	p := ts.do(req{method: "PUT", path: path, token: u.Token, body: `{"sex": "female", "shoe_size": 38}`, invalid: true}).Expect(http.StatusBadRequest).Problem()
	if p.Code != "unknown_field" || p.Errors[0].Field != "shoe_size" {
		t.Errorf("unknown field: %+v", p)
	}
	p = ts.do(req{method: "PUT", path: path, token: u.Token, body: `{"therapy_lines": [{"line": "one"}]}`, invalid: true}).Expect(http.StatusBadRequest).Problem()
	if p.Code != "wrong_type" || !strings.Contains(p.Errors[0].Field, "line") {
		t.Errorf("wrong type: %+v", p)
	}
	ts.do(req{method: "PUT", path: path, token: u.Token, body: `{"date_of_birth": "2023-02-29"}`, invalid: true}).Expect(http.StatusBadRequest)

	var lines []string
	for i := 1; i <= 3000; i++ {
		lines = append(lines, fmt.Sprintf(`{"line": %d}`, i))
	}
	p = ts.do(req{method: "PUT", path: path, token: u.Token, body: `{"therapy_lines": [` + strings.Join(lines, ",") + `]}`}).Expect(http.StatusUnprocessableEntity).Problem()
	if !hasFieldCode(p.Errors, "therapy_lines", "too_many") {
		t.Errorf("thousands of lines: %+v", p.Errors)
	}
	ts.do(req{method: "GET", path: path, token: u.Token}).Expect(http.StatusNotFound)

	// An empty profile is valid: everything unknown.
	ts.do(req{method: "PUT", path: path, token: u.Token, body: `{}`}).Expect(http.StatusOK)
}

func TestPerformanceScaleForAgeIsAWarning(t *testing.T) {
	ts := newTestServer(t)
	u := ts.createUser(models.RoleVolunteer, "w@example.org")
	v := ts.createVolunteer(u.Token, "self", "Adult")
	var out struct {
		Warnings []struct{ Field, Code string } `json:"warnings"`
	}
	adultWithLansky := profileWith(t, `"2016-05-04"`, `"1990-05-04"`, `"diagnosed_on": "2022-03-01"`, `"diagnosed_on": "2022-03-01"`)
	ts.do(req{method: "PUT", path: "/api/v1/volunteers/" + v.ID + "/clinical", token: u.Token, body: adultWithLansky}).Expect(http.StatusOK).JSON(&out)
	if len(out.Warnings) != 1 || out.Warnings[0].Field != "performance.scale" || out.Warnings[0].Code != "scale_for_age" {
		t.Errorf("warnings %+v", out.Warnings)
	}
	child := ts.createVolunteer(u.Token, "child", "Kid")
	childWithKarnofsky := profileWith(t, `"scale": "lansky"`, `"scale": "karnofsky"`)
	ts.do(req{method: "PUT", path: "/api/v1/volunteers/" + child.ID + "/clinical", token: u.Token, body: childWithKarnofsky}).Expect(http.StatusOK).JSON(&out)
	if len(out.Warnings) != 1 {
		t.Errorf("karnofsky for a child: %+v", out.Warnings)
	}
}
