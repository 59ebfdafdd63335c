package eligibility

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/trialmatch/trialmatch/internal/apperr"
)

// apiExamples are the criteria of API.md, "Trials and criteria".
const apiExamples = `[
  {"id": "age", "kind": "age", "rule": "include", "min": {"value": 3, "unit": "years"}, "max": {"value": 21, "unit": "years"}},
  {"id": "dx-age", "kind": "age_at_diagnosis", "rule": "include", "max": {"value": 21, "unit": "years"}},
  {"id": "dx", "kind": "condition", "rule": "include", "any_of": ["b_all"], "antigens": {"CD19": "positive"}},
  {"id": "rr", "kind": "disease_status", "rule": "include", "any_of": ["relapsed", "refractory", "primary_refractory"]},
  {"id": "relapses", "kind": "relapse_count", "rule": "include", "min": 2},
  {"id": "lines", "kind": "prior_lines", "rule": "include", "min": 2, "max": null},
  {"id": "cd20", "kind": "prior_therapy", "rule": "include", "categories": ["anti_cd20", "anthracycline"], "match": "all"},
  {"id": "no-cd19", "kind": "prior_therapy", "rule": "exclude", "targets": ["CD19"]},
  {"id": "allo", "kind": "transplant", "rule": "exclude", "type": "allogeneic", "within_months": 6},
  {"id": "ps", "kind": "performance", "rule": "include", "ecog_max": 1, "karnofsky_min": null, "lansky_min": null},
  {"id": "cns", "kind": "cns_involvement", "rule": "exclude", "any_of": ["CNS3"]},
  {"id": "gvhd", "kind": "active_gvhd", "rule": "exclude"},
  {"id": "sex", "kind": "sex", "rule": "include", "any_of": ["female", "male"]},
  {"id": "where", "kind": "location", "rule": "include", "countries": ["TR", "KZ"], "max_distance_km": null},
  {"id": "hv", "kind": "healthy_volunteers", "rule": "include"},
  {"id": "organs", "kind": "manual", "rule": "include", "text": "Adequate organ function"},
  {"id": "bm2", "kind": "relapse_count", "rule": "include", "min": 2, "site": "bone_marrow"},
  {"id": "iemr", "kind": "isolated_extramedullary_relapse", "rule": "exclude"},
  {"id": "post-allo", "kind": "transplant", "rule": "include", "type": "allogeneic", "relapse_after": true, "min_months_since": 6},
  {"id": "last-line", "kind": "refractory", "rule": "include", "to": "last_line"},
  {"id": "double", "kind": "refractory", "rule": "include", "categories": ["proteasome_inhibitor", "immunomodulatory"], "match": "all"},
  {"id": "ph", "kind": "philadelphia", "rule": "include", "any_of": ["negative"]},
  {"id": "no-donor", "kind": "transplant_eligibility", "rule": "include", "eligible": false},
  {"id": "early", "kind": "remission_duration", "rule": "include", "line": 1, "max_months": 12},
  {"id": "post-auto", "kind": "transplant", "rule": "include", "type": "autologous", "relapse_after": true, "relapse_within_months": 12},
  {"id": "rr-b-all", "kind": "any_of", "rule": "include", "criteria": [
    {"id": "rr-1", "kind": "relapse_count", "min": 2, "site": "bone_marrow"},
    {"id": "rr-2", "kind": "transplant", "type": "allogeneic", "relapse_after": true, "min_months_since": 6},
    {"id": "rr-3", "kind": "disease_status", "any_of": ["primary_refractory"]}
  ]},
  {"id": "grp", "kind": "all_of", "rule": "include", "criteria": [
    {"id": "grp-1", "kind": "sex", "any_of": ["female"]},
    {"id": "grp-2", "kind": "any_of", "criteria": [{"id": "grp-2a", "kind": "manual", "text": "x"}]}
  ]}
]`

func TestDecodeAPIExamplesAndRoundTrip(t *testing.T) {
	criteria := decodeAll(t, apiExamples)
	if len(criteria) != 27 {
		t.Fatalf("%d criteria", len(criteria))
	}
	first, err := json.Marshal(criteria)
	if err != nil {
		t.Fatal(err)
	}
	again := decodeAll(t, string(first))
	if !reflect.DeepEqual(criteria, again) {
		t.Errorf("decode → marshal → decode differs:\n%s", first)
	}
	second, _ := json.Marshal(again)
	if string(first) != string(second) {
		t.Errorf("marshal is not stable:\n%s\n%s", first, second)
	}
	// Same JSON, up to null = absent: compare as generic values.
	var in, out []map[string]any
	json.Unmarshal([]byte(apiExamples), &in)
	json.Unmarshal(first, &out)
	for i := range in {
		dropNulls(in[i])
		if !reflect.DeepEqual(in[i], out[i]) {
			t.Errorf("criterion %v came back as %v", in[i], out[i])
		}
	}
}

// dropNulls removes null fields, and false relapse_after (the same as absent).
func dropNulls(m map[string]any) {
	for k, v := range m {
		if v == nil || (k == "relapse_after" && v == false) {
			delete(m, k)
		}
		if list, ok := v.([]any); ok && k == "criteria" {
			for _, c := range list {
				dropNulls(c.(map[string]any))
			}
		}
	}
}

func TestDecodeErrorsNameTheCriterion(t *testing.T) {
	cases := []struct {
		name, criteria, field, code string
	}{
		{"unknown kind", `[{"id":"x","kind":"blood_type","rule":"include"}]`, "criteria[x].kind", "unknown_value"},
		{"missing kind", `[{"id":"x","rule":"include"}]`, "criteria[x].kind", "required"},
		{"missing id", `[{"kind":"sex","rule":"include","any_of":["male"]}]`, "criteria[0].id", "required"},
		{"bad id", `[{"id":"has space","kind":"sex","rule":"include","any_of":["male"]}]`, "criteria[0].id", "invalid"},
		{"id too long", `[{"id":"` + strings.Repeat("a", 65) + `","kind":"sex","rule":"include","any_of":["male"]}]`, "criteria[0].id", "invalid"},
		{"duplicate id", `[{"id":"a","kind":"active_gvhd","rule":"exclude"},{"id":"a","kind":"active_gvhd","rule":"exclude"}]`, "criteria[1].id", "duplicate"},
		{"duplicate id inside a group", `[{"id":"a","kind":"active_gvhd","rule":"exclude"},
			{"id":"g","kind":"any_of","rule":"include","criteria":[{"id":"a","kind":"active_gvhd"}]}]`, "criteria[g].criteria[0].id", "duplicate"},
		{"unknown field", `[{"id":"age","kind":"age","rule":"include","min":{"value":3,"unit":"years"},"maximum":4}]`, "criteria[age].maximum", "unknown_field"},
		{"a field of another kind", `[{"id":"age","kind":"age","rule":"include","min":{"value":3,"unit":"years"},"ecog_max":1}]`, "criteria[age].ecog_max", "unknown_field"},
		{"unknown field in a bound", `[{"id":"age","kind":"age","rule":"include","min":{"value":3,"unit":"years","approx":true}}]`, "criteria[age].min.approx", "unknown_field"},
		{"min above max", `[{"id":"age","kind":"age","rule":"include","min":{"value":22,"unit":"years"},"max":{"value":21,"unit":"years"}}]`, "criteria[age].min", "min_above_max"},
		{"min above max across units", `[{"id":"age","kind":"age","rule":"include","min":{"value":2,"unit":"years"},"max":{"value":18,"unit":"months"}}]`, "criteria[age].min", "min_above_max"},
		{"unknown unit", `[{"id":"age","kind":"age","rule":"include","min":{"value":3,"unit":"Years"}}]`, "criteria[age].min.unit", "unknown_value"},
		{"negative age", `[{"id":"age","kind":"age","rule":"include","min":{"value":-1,"unit":"years"}}]`, "criteria[age].min.value", "out_of_range"},
		{"fractional age", `[{"id":"age","kind":"age","rule":"include","min":{"value":1.5,"unit":"years"}}]`, "criteria[age].min.value", "invalid_type"},
		{"age without bounds", `[{"id":"age","kind":"age","rule":"include"}]`, "criteria[age].min", "required"},
		{"negative count", `[{"id":"r","kind":"relapse_count","rule":"include","min":-2}]`, "criteria[r].min", "out_of_range"},
		{"count min above max", `[{"id":"lines","kind":"prior_lines","rule":"include","min":3,"max":2}]`, "criteria[lines].min", "min_above_max"},
		{"unknown relapse site", `[{"id":"r","kind":"relapse_count","rule":"include","min":1,"site":"lung"}]`, "criteria[r].site", "unknown_value"},
		{"unknown condition code", `[{"id":"dx","kind":"condition","rule":"include","any_of":["b_all","leukemia"]}]`, "criteria[dx].any_of", "unknown_value"},
		{"no condition code", `[{"id":"dx","kind":"condition","rule":"include","any_of":[]}]`, "criteria[dx].any_of", "required"},
		{"unknown antigen", `[{"id":"dx","kind":"condition","rule":"include","any_of":["b_all"],"antigens":{"CD99":"positive"}}]`, "criteria[dx].antigens.CD99", "unknown_field"},
		{"antigen status unknown is no requirement", `[{"id":"dx","kind":"condition","rule":"include","any_of":["b_all"],"antigens":{"CD19":"unknown"}}]`, "criteria[dx].antigens.CD19", "unknown_value"},
		{"unknown status", `[{"id":"rr","kind":"disease_status","rule":"include","any_of":["relapsing"]}]`, "criteria[rr].any_of", "unknown_value"},
		{"unknown sex", `[{"id":"sex","kind":"sex","rule":"include","any_of":["F"]}]`, "criteria[sex].any_of", "unknown_value"},
		{"performance without threshold", `[{"id":"ps","kind":"performance","rule":"include","ecog_max":null}]`, "criteria[ps].ecog_max", "required"},
		{"ECOG 6", `[{"id":"ps","kind":"performance","rule":"include","ecog_max":6}]`, "criteria[ps].ecog_max", "out_of_range"},
		{"Karnofsky 75", `[{"id":"ps","kind":"performance","rule":"include","karnofsky_min":75}]`, "criteria[ps].karnofsky_min", "out_of_range"},
		{"unknown therapy category", `[{"id":"p","kind":"prior_therapy","rule":"exclude","categories":["cart"]}]`, "criteria[p].categories", "unknown_value"},
		{"unknown match", `[{"id":"p","kind":"prior_therapy","rule":"exclude","targets":["CD19"],"match":"some"}]`, "criteria[p].match", "unknown_value"},
		{"prior therapy naming nothing", `[{"id":"p","kind":"prior_therapy","rule":"exclude"}]`, "criteria[p].categories", "required"},
		{"transplant without type", `[{"id":"t","kind":"transplant","rule":"exclude"}]`, "criteria[t].type", "required"},
		{"unknown transplant type", `[{"id":"t","kind":"transplant","rule":"exclude","type":"syngeneic"}]`, "criteria[t].type", "unknown_value"},
		{"contradictory months", `[{"id":"t","kind":"transplant","rule":"exclude","type":"allogeneic","within_months":6,"min_months_since":6}]`, "criteria[t].min_months_since", "min_above_max"},
		{"refractory to what", `[{"id":"r","kind":"refractory","rule":"include"}]`, "criteria[r].to", "required"},
		{"refractory to both", `[{"id":"r","kind":"refractory","rule":"include","to":"last_line","categories":["tki"]}]`, "criteria[r].categories", "not_allowed"},
		{"refractory to a wrong thing", `[{"id":"r","kind":"refractory","rule":"include","to":"first_line"}]`, "criteria[r].to", "unknown_value"},
		{"philadelphia unknown", `[{"id":"ph","kind":"philadelphia","rule":"include","any_of":["unknown"]}]`, "criteria[ph].any_of", "unknown_value"},
		{"eligible missing", `[{"id":"e","kind":"transplant_eligibility","rule":"include"}]`, "criteria[e].eligible", "required"},
		{"eligible not a boolean", `[{"id":"e","kind":"transplant_eligibility","rule":"include","eligible":"no"}]`, "criteria[e].eligible", "invalid_type"},
		{"remission line 0", `[{"id":"rd","kind":"remission_duration","rule":"include","line":0,"max_months":12}]`, "criteria[rd].line", "out_of_range"},
		{"remission min not below max", `[{"id":"rd","kind":"remission_duration","rule":"include","line":1,"max_months":12,"min_months":12}]`, "criteria[rd].min_months", "min_above_max"},
		{"location naming nothing", `[{"id":"w","kind":"location","rule":"include"}]`, "criteria[w].countries", "required"},
		{"bad country", `[{"id":"w","kind":"location","rule":"include","countries":["Turkey"]}]`, "criteria[w].countries", "unknown_value"},
		{"negative distance", `[{"id":"w","kind":"location","rule":"include","max_distance_km":-5}]`, "criteria[w].max_distance_km", "out_of_range"},
		{"manual without text", `[{"id":"m","kind":"manual","rule":"include"}]`, "criteria[m].text", "required"},
		{"missing rule", `[{"id":"gvhd","kind":"active_gvhd"}]`, "criteria[gvhd].rule", "required"},
		{"invalid rule", `[{"id":"gvhd","kind":"active_gvhd","rule":"require"}]`, "criteria[gvhd].rule", "unknown_value"},
		{"rule on a member", `[{"id":"g","kind":"any_of","rule":"include","criteria":[{"id":"m","kind":"active_gvhd","rule":"exclude"}]}]`, "criteria[m].rule", "not_allowed"},
		{"nested error names the member", `[{"id":"rr-b-all","kind":"any_of","rule":"include","criteria":[{"id":"rr-1","kind":"relapse_count","min":-1}]}]`, "criteria[rr-1].min", "out_of_range"},
		{"empty group", `[{"id":"g","kind":"all_of","rule":"include","criteria":[]}]`, "criteria[g].criteria", "required"},
		{"group without members", `[{"id":"g","kind":"all_of","rule":"include"}]`, "criteria[g].criteria", "required"},
		{"not an array", `{"id":"x"}`, "criteria", "invalid_type"},
		{"not an object", `[42]`, "criteria[0]", "invalid_type"},
		{"a string where a number goes", `[{"id":"lines","kind":"prior_lines","rule":"include","min":"2"}]`, "criteria[lines].min", "invalid_type"},
		{"too deep", `[` + nested(MaxDepth+1) + `]`, "criteria[g8].criteria", "too_deep"},
		{"too many", `[` + many(MaxCriteria+1) + `]`, "criteria", "too_many"},
		{"too large", `[{"id":"m","kind":"manual","rule":"include","text":"` + strings.Repeat("x", MaxCriteriaBytes) + `"}]`, "criteria", "too_large"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeCriteria(json.RawMessage(tc.criteria), testTaxonomy(t))
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.Invalid {
				t.Fatalf("error %v, want a validation error", err)
			}
			for _, f := range e.Fields {
				if f.Field == tc.field && f.Code == tc.code {
					return
				}
			}
			t.Errorf("fields %+v, want %s %s", e.Fields, tc.field, tc.code)
		})
	}
}

func TestDecodeReportsEveryProblem(t *testing.T) {
	_, err := DecodeCriteria(json.RawMessage(`[
		{"id":"age","kind":"age","rule":"include","min":{"value":3,"unit":"eons"}},
		{"id":"dx","kind":"condition","rule":"maybe","any_of":["nope"]}]`), testTaxonomy(t))
	e, _ := apperr.As(err)
	if e == nil || len(e.Fields) != 3 {
		t.Fatalf("want three field errors (unit, rule, any_of), got %v", err)
	}
}

func TestDecodeLimitsAreInclusive(t *testing.T) {
	if _, err := DecodeCriteria(json.RawMessage(`[`+nested(MaxDepth)+`]`), testTaxonomy(t)); err != nil {
		t.Errorf("%d levels: %v", MaxDepth, err)
	}
	if _, err := DecodeCriteria(json.RawMessage(`[`+many(MaxCriteria)+`]`), testTaxonomy(t)); err != nil {
		t.Errorf("%d criteria: %v", MaxCriteria, err)
	}
	_, err := DecodeCriteria(json.RawMessage(`[`+many(MaxCriteria+50)+`]`), testTaxonomy(t))
	if e, _ := apperr.As(err); e == nil || len(e.Fields) != 1 {
		t.Errorf("too many criteria should be one error: %v", err)
	}
}

// nested is a chain of all_of groups levels deep (the top one has a rule).
func nested(levels int) string {
	inner := `{"id":"leaf","kind":"active_gvhd"}`
	for i := levels - 1; i >= 1; i-- {
		inner = fmt.Sprintf(`{"id":"g%d","kind":"all_of","criteria":[%s]}`, i, inner)
	}
	return strings.Replace(inner, `"kind":"all_of"`, `"kind":"all_of","rule":"include"`, 1)
}

func many(n int) string {
	var parts []string
	for i := range n {
		parts = append(parts, fmt.Sprintf(`{"id":"c%d","kind":"active_gvhd","rule":"exclude"}`, i))
	}
	return strings.Join(parts, ",")
}
