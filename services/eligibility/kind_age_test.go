package eligibility

import (
	"maps"
	"testing"

	"github.com/trialmatch/trialmatch/models"
)

const threeTo21Years = `{"id":"age","kind":"age","rule":"include","min":{"value":3,"unit":"years"},"max":{"value":21,"unit":"years"}}`

// The reference date is 2026-11-15.
func TestAgeBoundaries(t *testing.T) {
	runOutcomeCases(t, []outcomeCase{
		{"3rd birthday today", threeTo21Years, aProfile().born("2023-11-15"), Met, "age.in_range"},
		{"3rd birthday tomorrow", threeTo21Years, aProfile().born("2023-11-16"), NotMet, "age.below_min"},
		{"22nd birthday tomorrow: still 21", threeTo21Years, aProfile().born("2004-11-16"), Met, "age.in_range"},
		{"22nd birthday today", threeTo21Years, aProfile().born("2004-11-15"), NotMet, "age.above_max"},
		{"no birth date", threeTo21Years, aProfile(), Unknown, "age.missing"},
		{"open max", `{"id":"a","kind":"age","rule":"include","min":{"value":18,"unit":"years"}}`,
			aProfile().born("1930-01-01"), Met, "age.in_range"},
		{"open min", `{"id":"a","kind":"age","rule":"include","max":{"value":21,"unit":"years"}}`,
			aProfile().born("2026-11-15"), Met, "age.in_range"},
		{"6 months and 1 day is 6 completed months", `{"id":"a","kind":"age","rule":"include","max":{"value":6,"unit":"months"}}`,
			aProfile().born("2026-05-14"), Met, ""},
		{"7 months", `{"id":"a","kind":"age","rule":"include","max":{"value":6,"unit":"months"}}`,
			aProfile().born("2026-04-15"), NotMet, "age.above_max"},
		{"a day short of 6 months", `{"id":"a","kind":"age","rule":"include","min":{"value":6,"unit":"months"}}`,
			aProfile().born("2026-05-16"), NotMet, "age.below_min"},
		{"28 days is 4 weeks", `{"id":"a","kind":"age","rule":"include","min":{"value":4,"unit":"weeks"}}`,
			aProfile().born("2026-10-18"), Met, ""},
		{"27 days is 3 weeks", `{"id":"a","kind":"age","rule":"include","min":{"value":4,"unit":"weeks"}}`,
			aProfile().born("2026-10-19"), NotMet, ""},
		{"28 days", `{"id":"a","kind":"age","rule":"include","min":{"value":28,"unit":"days"}}`,
			aProfile().born("2026-10-18"), Met, ""},
		{"27 days", `{"id":"a","kind":"age","rule":"include","min":{"value":28,"unit":"days"}}`,
			aProfile().born("2026-10-19"), NotMet, ""},
		{"mixed units: 28 days to 21 years", `{"id":"a","kind":"age","rule":"include","min":{"value":28,"unit":"days"},"max":{"value":21,"unit":"years"}}`,
			aProfile().born("2010-01-01"), Met, ""},
	})
}

func TestAgeOn29February(t *testing.T) {
	adult := decodeOne(t, `{"id":"adult","kind":"age","rule":"include","min":{"value":18,"unit":"years"}}`)
	cases := []struct {
		born, on string
		want     Outcome
	}{
		{"2008-02-29", "2026-02-28", NotMet}, // not a leap year: 18 on 1 March
		{"2008-02-29", "2026-03-01", Met},
		{"2006-02-28", "2024-02-28", Met},
		{"2006-03-01", "2024-02-29", NotMet}, // leap day before an 18th birthday on 1 March
		{"2004-02-29", "2022-02-28", NotMet},
		{"2004-02-29", "2022-03-01", Met},
	}
	for _, tc := range cases {
		f := aProfile().born(tc.born).facts(t)
		got := Evaluate([]Criterion{adult}, f, EvalContext{ReferenceDate: models.MustDate(tc.on)}).Criteria[0]
		if got.Outcome != tc.want {
			t.Errorf("born %s, on %s: %s, want %s", tc.born, tc.on, got.Outcome, tc.want)
		}
	}
}

func TestAgeReasonParams(t *testing.T) {
	got := judgeOne(t, threeTo21Years, aProfile().born("2017-03-01").facts(t))
	want := map[string]string{"age": "9 years", "min": "3 years", "max": "21 years"}
	if !maps.Equal(got.Reason.Params.Map(), want) {
		t.Errorf("params %v, want %v", got.Reason.Params, want)
	}
	got = judgeOne(t, `{"id":"a","kind":"age","rule":"include","min":{"value":1,"unit":"years"}}`, aProfile().born("2025-11-15").facts(t))
	if got.Reason.Params.Get("age") != "1 year" || got.Reason.Params.Get("min") != "1 year" {
		t.Errorf("singular unit: %v", got.Reason.Params)
	}
}

func TestAgeAtDiagnosis(t *testing.T) {
	upTo21 := `{"id":"dx-age","kind":"age_at_diagnosis","rule":"include","max":{"value":21,"unit":"years"}}`
	runOutcomeCases(t, []outcomeCase{
		{"diagnosed at 21", upTo21, aProfile().born("2000-01-01").diagnosis("b_all", diagnosedOn("2021-12-31")), Met, "age_at_diagnosis.in_range"},
		{"diagnosed at 22", upTo21, aProfile().born("2000-01-01").diagnosis("b_all", diagnosedOn("2022-01-01")), NotMet, "age_at_diagnosis.above_max"},
		{"first of two diagnoses counts", upTo21, aProfile().born("2000-01-01").
			diagnosis("follicular_lymphoma", diagnosedOn("2018-05-01")).
			diagnosis("transformed_follicular_lymphoma", diagnosedOn("2025-05-01")), Met, ""},
		{"no diagnosis date", upTo21, aProfile().born("2000-01-01").diagnosis("b_all"), Unknown, "age_at_diagnosis.missing"},
		{"one of two undated", upTo21, aProfile().born("2000-01-01").
			diagnosis("b_all", diagnosedOn("2025-05-01")).diagnosis("aml"), Unknown, "age_at_diagnosis.missing"},
		{"no birth date", upTo21, aProfile().diagnosis("b_all", diagnosedOn("2021-12-31")), Unknown, "age_at_diagnosis.missing"},
	})
}
