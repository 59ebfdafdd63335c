package eligibility

import (
	"encoding/json"
	"testing"
)

// Three criteria with a known outcome each, to build groups from.
const (
	metJSON     = `{"id":"%s","kind":"sex","any_of":["female"]}`
	notMetJSON  = `{"id":"%s","kind":"sex","any_of":["male"]}`
	unknownJSON = `{"id":"%s","kind":"manual","text":"ask"}`
)

func TestGroupsAreKleene(t *testing.T) {
	member := map[Outcome]string{Met: metJSON, NotMet: notMetJSON, Unknown: unknownJSON}
	female := aProfile().sex("female").facts(t)
	all := []Outcome{Met, NotMet, Unknown}
	for _, kind := range []Kind{KindAnyOf, KindAllOf} {
		for _, a := range all {
			for _, b := range all {
				group := `{"id":"g","kind":"` + string(kind) + `","rule":"include","criteria":[` +
					sprintf(member[a], "a") + "," + sprintf(member[b], "b") + `]}`
				got := judgeOne(t, group, female)
				if want := kleene(kind, a, b); got.Outcome != want {
					t.Errorf("%s(%s, %s) = %s, want %s", kind, a, b, got.Outcome, want)
				}
				if len(got.Members) != 2 || got.Members[0].Rule != "" {
					t.Errorf("members %+v", got.Members)
				}
			}
		}
	}
}

// kleene is the truth table written out.
func kleene(kind Kind, a, b Outcome) Outcome {
	decisive, other := Met, NotMet // any_of: a met member decides
	if kind == KindAllOf {
		decisive, other = NotMet, Met
	}
	switch {
	case a == decisive || b == decisive:
		return decisive
	case a == other && b == other:
		return other
	}
	return Unknown
}

func TestNestedGroupWithUnknownMembers(t *testing.T) {
	rrBALL := `{"id":"rr-b-all","kind":"any_of","rule":"include","criteria":[
		{"id":"rr-1","kind":"relapse_count","min":2,"site":"bone_marrow"},
		{"id":"rr-2","kind":"transplant","type":"allogeneic","relapse_after":true,"min_months_since":6},
		{"id":"rr-3","kind":"all_of","criteria":[
			{"id":"rr-3a","kind":"disease_status","any_of":["primary_refractory"]},
			{"id":"rr-3b","kind":"manual","text":"confirmed by the site"}]}]}`
	cases := []struct {
		name    string
		profile *profileBuilder
		want    Outcome
	}{
		{"second marrow relapse", aProfile().diagnosis("b_all", relapses(relapse("2023-01-01", "bone_marrow"), relapse("2025-01-01", "bone_marrow"))), Met},
		{"primary refractory but unconfirmed", aProfile().diagnosis("b_all", status("primary_refractory"), relapseCount(0)).noTransplants(), Unknown},
		{"first relapse, no transplant, responded", aProfile().diagnosis("b_all", status("relapsed"), relapses(relapse("2025-01-01", "bone_marrow"))).noTransplants(), NotMet},
		{"nothing known", aProfile(), Unknown},
	}
	for _, tc := range cases {
		got := judgeOne(t, rrBALL, tc.profile.facts(t))
		if got.Outcome != tc.want {
			b, _ := json.Marshal(got)
			t.Errorf("%s: %s, want %s\n%s", tc.name, got.Outcome, tc.want, b)
		}
	}
}

func TestVerdictAndCounts(t *testing.T) {
	female := aProfile().sex("female").facts(t)
	cases := []struct {
		name     string
		criteria string
		verdict  Verdict
		counts   Counts
	}{
		{"no criteria", `[]`, Eligible, Counts{}},
		{"include met", `[` + top(metJSON, "a", "include") + `]`, Eligible, Counts{Met: 1}},
		{"include not met", `[` + top(notMetJSON, "a", "include") + `]`, Ineligible, Counts{NotMet: 1}},
		{"include unknown", `[` + top(unknownJSON, "a", "include") + `]`, PossiblyEligible, Counts{Unknown: 1}},
		{"exclude met: the excluding fact is present", `[` + top(metJSON, "a", "exclude") + `]`, Ineligible, Counts{Met: 1}},
		{"exclude not met", `[` + top(notMetJSON, "a", "exclude") + `]`, Eligible, Counts{NotMet: 1}},
		{"exclude unknown", `[` + top(unknownJSON, "a", "exclude") + `]`, PossiblyEligible, Counts{Unknown: 1}},
		{"against beats unknown", `[` + top(unknownJSON, "a", "include") + "," + top(notMetJSON, "b", "include") + `]`,
			Ineligible, Counts{NotMet: 1, Unknown: 1}},
		{"counts are over top-level criteria", `[{"id":"g","kind":"all_of","rule":"include","criteria":[` +
			sprintf(metJSON, "a") + "," + sprintf(metJSON, "b") + `]}]`, Eligible, Counts{Met: 1}},
	}
	for _, tc := range cases {
		res := Evaluate(decodeAll(t, tc.criteria), female, EvalContext{ReferenceDate: refDate})
		if res.Verdict != tc.verdict || res.Counts != tc.counts {
			t.Errorf("%s: %s %+v, want %s %+v", tc.name, res.Verdict, res.Counts, tc.verdict, tc.counts)
		}
	}
}

func TestResultJSONShape(t *testing.T) {
	criteria := decodeAll(t, `[`+top(metJSON, "sex", "include")+`,{"id":"ps","kind":"performance","rule":"include","ecog_max":1},
		{"id":"g","kind":"any_of","rule":"include","criteria":[`+sprintf(unknownJSON, "m")+`]}]`)
	b, err := json.Marshal(Evaluate(criteria, aProfile().sex("female").facts(t), EvalContext{ReferenceDate: refDate}))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"verdict":"possibly_eligible","counts":{"met":1,"not_met":0,"unknown":2},"criteria":[` +
		`{"id":"sex","kind":"sex","rule":"include","outcome":"met","reason":{"code":"sex.match","params":{"allowed":"female","value":"female"}}},` +
		`{"id":"ps","kind":"performance","rule":"include","outcome":"unknown","reason":{"code":"performance.missing","params":{}}},` +
		`{"id":"g","kind":"any_of","rule":"include","outcome":"unknown","reason":{"code":"any_of.unknown","params":{"members":"m"}},` +
		`"members":[{"id":"m","kind":"manual","outcome":"unknown","reason":{"code":"manual.review","params":{"text":"ask"}}}]}]}`
	if string(b) != want {
		t.Errorf("got\n%s\nwant\n%s", b, want)
	}
}

func sprintf(format, id string) string { return fmtID(format, id) }

// top makes a member template a top-level criterion with a rule.
func top(format, id string, rule Rule) string {
	s := fmtID(format, id)
	return s[:len(s)-1] + `,"rule":"` + string(rule) + `"}`
}

// Params encode as a JSON object without the empty values, and decode back.
func TestParamsJSON(t *testing.T) {
	b, err := json.Marshal(Reason{Code: "x", Params: Params{"min", "3 years", "unit", "", "note", "a \"quoted\" <b>"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"code":"x","params":{"min":"3 years","note":"a \"quoted\" \u003cb\u003e"}}`; string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	empty, _ := json.Marshal(Reason{Code: "y"})
	if string(empty) != `{"code":"y","params":{}}` {
		t.Errorf("no params: %s", empty)
	}
	var back Reason
	if err := json.Unmarshal(b, &back); err != nil || back.Params.Get("note") != `a "quoted" <b>` || back.Params.Get("unit") != "" {
		t.Errorf("decoded %+v (%v)", back, err)
	}
}
