package handlers_test

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/trialmatch/trialmatch/models"
)

type importBody struct {
	Trial struct {
		ID                 string   `json:"id"`
		NCTID              string   `json:"nct_id"`
		Status             string   `json:"status"`
		RegistryStatus     string   `json:"registry_status"`
		Phases             []string `json:"phases"`
		TargetEnrollment   int      `json:"target_enrollment"`
		Conditions         []string `json:"conditions"`
		UnmappedConditions []string `json:"unmapped_conditions"`
		Criteria           []struct {
			ID   string         `json:"id"`
			Kind string         `json:"kind"`
			Rule string         `json:"rule"`
			Min  map[string]any `json:"min"`
			Max  map[string]any `json:"max"`
			Text string         `json:"text"`
		} `json:"criteria"`
		Sites []struct {
			Name      string   `json:"name"`
			Country   string   `json:"country"`
			Latitude  *float64 `json:"latitude"`
			Longitude *float64 `json:"longitude"`
		} `json:"sites"`
	} `json:"trial"`
	Warnings []struct{ Field, Code string } `json:"warnings"`
}

func importRecord(t *testing.T, ts *testServer, token, file string) response {
	t.Helper()
	b, err := os.ReadFile("testdata/ctgov/" + file)
	if err != nil {
		t.Fatal(err)
	}
	return ts.do(req{method: "POST", path: "/api/v1/trials/import/ctgov", token: token, body: b})
}

func TestImportPediatricBALLRecord(t *testing.T) {
	ts := newTestServer(t)
	sponsor := ts.createUser(models.RoleSponsor, "s@example.org")
	var out importBody
	importRecord(t, ts, sponsor.Token, "pediatric_ball_cart.json").Expect(http.StatusCreated).JSON(&out)
	tr := out.Trial
	if tr.NCTID != "NCT09000001" || tr.Status != "draft" || tr.RegistryStatus != "RECRUITING" || tr.TargetEnrollment != 60 {
		t.Errorf("identification: %+v", tr)
	}
	if strings.Join(tr.Phases, ",") != "phase1,phase2" {
		t.Errorf("phases %v", tr.Phases)
	}
	if len(tr.Conditions) != 2 || !containsAll(tr.Conditions, "b_all", "all") || len(tr.UnmappedConditions) != 0 {
		t.Errorf("conditions %v, unmapped %v", tr.Conditions, tr.UnmappedConditions)
	}
	kinds := map[string]int{}
	for _, c := range tr.Criteria {
		kinds[c.Kind+"/"+c.Rule]++
		if c.Kind == "age" && (c.Min["value"] != 3.0 || c.Min["unit"] != "years" || c.Max["value"] != 21.0) {
			t.Errorf("age %+v", c)
		}
	}
	if kinds["age/include"] != 1 || kinds["condition/include"] != 1 || kinds["healthy_volunteers/exclude"] != 1 ||
		kinds["manual/include"] != 7 || kinds["manual/exclude"] != 5 {
		t.Errorf("criteria kinds %v", kinds)
	}
	if len(tr.Sites) != 3 || tr.Sites[0].Country != "TR" || tr.Sites[1].Country != "KZ" || tr.Sites[2].Country != "ES" || tr.Sites[0].Latitude == nil {
		t.Errorf("sites %+v", tr.Sites)
	}
	for _, c := range tr.Criteria {
		if strings.Contains(c.Text, `\>`) {
			t.Errorf("markdown escapes left in %q", c.Text)
		}
	}
	// The same record twice is a conflict, not a second trial.
	importRecord(t, ts, sponsor.Token, "pediatric_ball_cart.json").Expect(http.StatusConflict)
}

func TestImportAdultDLBCLAndOpenAges(t *testing.T) {
	ts := newTestServer(t)
	sponsor := ts.createUser(models.RoleSponsor, "s@example.org")
	var out importBody
	importRecord(t, ts, sponsor.Token, "adult_dlbcl.json").Expect(http.StatusCreated).JSON(&out)
	if !containsAll(out.Trial.Conditions, "dlbcl", "pmbcl", "transformed_follicular_lymphoma", "hgbcl") {
		t.Errorf("lymphoma conditions %v (unmapped %v)", out.Trial.Conditions, out.Trial.UnmappedConditions)
	}
	for _, c := range out.Trial.Criteria {
		if c.Kind == "age" && (c.Min["value"] != 18.0 || c.Max != nil) {
			t.Errorf("18 years and over, no maximum: %+v", c)
		}
	}
	if len(out.Trial.Sites) != 2 || len(out.Warnings) == 0 {
		t.Errorf("the Atlantis site must be left out with a warning: %+v %+v", out.Trial.Sites, out.Warnings)
	}

	importRecord(t, ts, sponsor.Token, "no_ages.json").Expect(http.StatusCreated).JSON(&out)
	for _, c := range out.Trial.Criteria {
		if c.Kind == "age" {
			t.Errorf("no ages in the record, yet an age criterion: %+v", c)
		}
	}
	if !containsAll(out.Trial.Conditions, "multiple_myeloma") || len(out.Trial.UnmappedConditions) != 1 {
		t.Errorf("myeloma mapped, the rare variant listed for a person: %v %v", out.Trial.Conditions, out.Trial.UnmappedConditions)
	}
}

func TestImportMalformedRecordCreatesNothing(t *testing.T) {
	ts := newTestServer(t)
	sponsor := ts.createUser(models.RoleSponsor, "s@example.org")
	p := importRecord(t, ts, sponsor.Token, "malformed.json").Expect(http.StatusUnprocessableEntity).Problem()
	for _, field := range []string{
		"protocolSection.identificationModule.nctId", "protocolSection.identificationModule.briefTitle",
		"protocolSection.designModule.phases[0]", "protocolSection.designModule.enrollmentInfo.count",
		"protocolSection.eligibilityModule.sex", "protocolSection.eligibilityModule.minimumAge", "protocolSection.eligibilityModule.maximumAge",
	} {
		found := false
		for _, e := range p.Errors {
			found = found || e.Field == field
		}
		if !found {
			t.Errorf("no error for %s: %+v", field, p.Errors)
		}
	}
	ts.do(req{method: "POST", path: "/api/v1/trials/import/ctgov", token: sponsor.Token, body: `[1, 2]`, invalid: true}).Expect(http.StatusUnprocessableEntity)
	ts.do(req{method: "POST", path: "/api/v1/trials/import/ctgov", token: sponsor.Token, body: `{"protocolSection": `, invalid: true}).Expect(http.StatusBadRequest)
	var n int64
	ts.db.Model(&models.Trial{}).Count(&n)
	if n != 0 {
		t.Errorf("%d trials after failed imports", n)
	}
}
