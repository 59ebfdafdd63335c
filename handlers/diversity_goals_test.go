package handlers_test

import (
	"net/http"
	"testing"

	"github.com/trialmatch/trialmatch/models"
)

func TestDiversityGoals(t *testing.T) {
	ts := newTestServer(t)
	f := ts.recruitingTrial("")
	path := "/api/v1/trials/" + f.trialID + "/diversity-goals"
	var goals struct {
		Goals []struct {
			Dimension     string  `json:"dimension"`
			Value         string  `json:"value"`
			TargetPercent float64 `json:"target_percent"`
		}
	}
	ts.do(req{method: "GET", path: path, token: f.sponsor.Token}).Expect(http.StatusOK).JSON(&goals)
	if len(goals.Goals) != 0 {
		t.Errorf("a new trial has goals: %+v", goals)
	}
	ts.do(req{method: "PUT", path: path, token: f.sponsor.Token, body: reportGoals}).Expect(http.StatusOK).JSON(&goals)
	ts.do(req{method: "GET", path: path, token: f.investigator.Token}).Expect(http.StatusOK).JSON(&goals)
	if len(goals.Goals) != 7 || goals.Goals[0].Value != "female" || goals.Goals[0].TargetPercent != 50 || goals.Goals[6].Dimension != "ethnicity" {
		t.Errorf("goals as site staff see them: %+v", goals)
	}
	for name, c := range map[string]struct {
		goal        map[string]any
		field, code string
	}{
		"above 100":     {map[string]any{"dimension": "sex", "value": "female", "target_percent": 100.5}, "goals[1].target_percent", "out_of_range"},
		"negative":      {map[string]any{"dimension": "sex", "value": "female", "target_percent": -1}, "goals[1].target_percent", "out_of_range"},
		"missing":       {map[string]any{"dimension": "sex", "value": "female"}, "goals[1].target_percent", "required"},
		"sum above 100": {map[string]any{"dimension": "sex", "value": "female", "target_percent": 60}, "goals[1].target_percent", "sum_over_100"},
		"dimension":     {map[string]any{"dimension": "religion", "value": "x", "target_percent": 5}, "goals[1].dimension", "invalid"},
		"value":         {map[string]any{"dimension": "age_band", "value": "18-30", "target_percent": 5}, "goals[1].value", "invalid"},
		"country":       {map[string]any{"dimension": "country", "value": "Turkey", "target_percent": 5}, "goals[1].value", "invalid"},
		"twice":         {map[string]any{"dimension": "race", "value": "asian", "target_percent": 5}, "goals[1].value", "duplicate"},
	} {
		first := map[string]any{"dimension": "race", "value": "asian", "target_percent": 45}
		if name == "sum above 100" {
			first = map[string]any{"dimension": "sex", "value": "male", "target_percent": 45}
		}
		p := ts.do(req{method: "PUT", path: path, token: f.sponsor.Token, invalid: true,
			body: map[string]any{"goals": []any{first, c.goal}}}).Expect(http.StatusUnprocessableEntity).Problem()
		if !hasFieldCode(p.Errors, c.field, c.code) {
			t.Errorf("%s: %+v", name, p.Errors)
		}
	}
	ts.do(req{method: "PUT", path: path, token: f.sponsor.Token, invalid: true, body: map[string]any{}}).Expect(http.StatusUnprocessableEntity)
	ts.do(req{method: "PUT", path: path, token: f.sponsor.Token, invalid: true,
		body: `{"goals": [{"dimension": "sex", "value": "male", "target_percent": "half"}]}`}).Expect(http.StatusBadRequest)
	// Nothing was written by the refused requests.
	ts.do(req{method: "GET", path: path, token: f.sponsor.Token}).Expect(http.StatusOK).JSON(&goals)
	if len(goals.Goals) != 7 {
		t.Errorf("a refused write changed the goals: %+v", goals)
	}
	other := ts.createUser(models.RoleSponsor, "other@example.org")
	ts.do(req{method: "PUT", path: path, token: other.Token, body: reportGoals}).Expect(http.StatusNotFound)
	ts.do(req{method: "GET", path: path, token: other.Token}).Expect(http.StatusNotFound)
	ts.do(req{method: "PUT", path: path, token: f.investigator.Token, body: reportGoals}).Expect(http.StatusForbidden)
	ts.do(req{method: "PUT", path: path, token: f.sponsor.Token, body: map[string]any{"goals": []any{}}}).Expect(http.StatusOK).JSON(&goals)
	if len(goals.Goals) != 0 {
		t.Errorf("an empty list clears the goals: %+v", goals)
	}
}
