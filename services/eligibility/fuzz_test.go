package eligibility

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// apiProfile is the clinical profile example of API.md.
const apiProfile = `{
  "date_of_birth": "2016-05-04", "sex": "female",
  "country": "TR", "city": "Ankara", "latitude": 39.93, "longitude": 32.86,
  "travel": {"max_distance_km": 500, "countries": ["TR", "DE"]},
  "healthy_volunteer": false,
  "diagnoses": [{"condition_code": "b_all", "diagnosed_on": "2022-03-01", "status": "relapsed", "relapse_count": 2,
    "relapses": [{"date": "2026-09-10", "site": "bone_marrow"}], "antigens": {"CD19": "positive", "CD22": "unknown"},
    "philadelphia": "negative", "cns_status": "CNS1", "mrd": "positive"}],
  "therapy_lines": [{"line": 1, "started_on": "2022-03-05", "ended_on": "2023-01-20",
    "categories": ["chemotherapy", "anthracycline"], "targets": [], "agents": ["vincristine", "daunorubicin"],
    "best_response": "CR", "response_on": "2022-04-10", "progressed_on_therapy": false, "relapsed_on": "2024-01-10"}],
  "transplants": [{"type": "allogeneic", "date": "2024-06-01"}],
  "performance": {"scale": "lansky", "score": 70, "assessed_on": "2026-11-01", "rated_by": "parent"},
  "active_gvhd": false, "allo_sct_eligible": null, "race": null, "ethnicity": null
}`

func addCriteriaSeeds(f *testing.F, add func(criteria string)) {
	add(apiExamples)
	add(`[]`)
	add(`[` + nested(MaxDepth) + `]`)
	add(`[{"id":"a","kind":"age","rule":"include","min":{"value":3,"unit":"years"}}]`)
	add(`[{"id":"x","kind":"condition","rule":"include","any_of":["b_all"],"antigens":{}}]`)
	add(`[{"id":"t","kind":"transplant","rule":"exclude","type":"allogeneic","relapse_after":false}]`)
	add(`[{"id":"p","kind":"prior_therapy","rule":"exclude","targets":["CD19"],"categories":[]}]`)
	add(`[{"id":"w","kind":"location","rule":"include","max_distance_km":0.1}]`)
	add(`[{"id":"g","kind":"any_of","rule":"include","criteria":[{"id":"m","kind":"manual","text":"\u00e9"}]}]`)
	g := newGen(1)
	for range 20 {
		add(g.criteriaJSON())
	}
}

// FuzzDecodeCriteria: decoding never panics; it accepts or gives a
// validation error with fields; what it accepts marshals to JSON that
// decodes to the same criteria and marshals to the same bytes; and the
// criteria compile and evaluate.
func FuzzDecodeCriteria(f *testing.F) {
	addCriteriaSeeds(f, func(c string) { f.Add([]byte(c)) })
	tax := testTaxonomy(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		criteria, err := DecodeCriteria(data, tax)
		if err != nil {
			if e, ok := apperr.As(err); !ok || e.Kind != apperr.Invalid || len(e.Fields) == 0 {
				t.Fatalf("not a validation error: %v", err)
			}
			return
		}
		first, err := json.Marshal(criteria)
		if err != nil {
			t.Fatal(err)
		}
		again, err := DecodeCriteria(first, tax)
		if err != nil {
			t.Fatalf("decode of marshalled criteria: %v\n%s", err, first)
		}
		if !reflect.DeepEqual(criteria, again) {
			t.Fatalf("round trip changed the criteria:\n%s", first)
		}
		if second, _ := json.Marshal(again); string(second) != string(first) {
			t.Fatalf("marshal not stable:\n%s\n%s", first, second)
		}
		plan, err := CompileSQL(criteria, EvalContext{ReferenceDate: refDate})
		if err != nil || strings.Count(plan.FromSQL, "?") != len(plan.Args) {
			t.Fatalf("compile: %v", err)
		}
		Evaluate(criteria, Facts{}, EvalContext{ReferenceDate: refDate})
	})
}

// FuzzEvaluate: for any criteria and any profile, Derive, Evaluate and
// Row are total and the result is consistent: one entry per criterion,
// counts that add up, and the verdict that the outcomes give.
func FuzzEvaluate(f *testing.F) {
	g := newGen(2)
	profiles := []string{apiProfile, `{}`, `{"diagnoses":[],"therapy_lines":[],"transplants":[]}`}
	for range 10 {
		b, _ := json.Marshal(g.profile())
		profiles = append(profiles, string(b))
	}
	i := 0
	addCriteriaSeeds(f, func(c string) {
		f.Add([]byte(c), []byte(profiles[i%len(profiles)]), uint16(i*37))
		i++
	})
	tax := testTaxonomy(f)
	f.Fuzz(func(t *testing.T, criteriaJSON, profileJSON []byte, dayOffset uint16) {
		criteria, err := DecodeCriteria(criteriaJSON, tax)
		if err != nil {
			return
		}
		var p models.ClinicalProfile
		if json.Unmarshal(profileJSON, &p) != nil {
			return
		}
		facts := Derive(p, tax)
		facts.Row()
		ctx := EvalContext{ReferenceDate: models.MustDate("2000-01-01").AddDate(0, 0, int(dayOffset)),
			Sites: []Site{{Latitude: km(41), Longitude: km(29)}, {Country: "DE"}}}
		res := Evaluate(criteria, facts, ctx)
		checkResult(t, criteria, res)
		if _, err := json.Marshal(res); err != nil {
			t.Fatal(err)
		}
	})
}

func checkResult(t *testing.T, criteria []Criterion, res Result) {
	t.Helper()
	if len(res.Criteria) != len(criteria) || res.Counts.Met+res.Counts.NotMet+res.Counts.Unknown != len(criteria) {
		t.Fatalf("%d criteria, result %+v", len(criteria), res)
	}
	want := Eligible
	for _, c := range res.Criteria {
		switch {
		case c.Outcome == Met && c.Rule == Exclude, c.Outcome == NotMet && c.Rule == Include:
			want = Ineligible
		case c.Outcome == Unknown && want == Eligible:
			want = PossiblyEligible
		}
		checkEntry(t, c)
	}
	if res.Verdict != want {
		t.Fatalf("verdict %s, outcomes give %s", res.Verdict, want)
	}
}

func checkEntry(t *testing.T, c CriterionResult) {
	t.Helper()
	if c.Reason.Code == "" || len(c.Reason.Params)%2 != 0 || (c.Outcome != Met && c.Outcome != NotMet && c.Outcome != Unknown) {
		t.Fatalf("entry %+v", c)
	}
	for _, m := range c.Members {
		checkEntry(t, m)
	}
}
