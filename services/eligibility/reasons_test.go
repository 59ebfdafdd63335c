package eligibility

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// Every reason code the evaluator gives is in docs/eligibility.md, spelled
// out, since the frontend translates them by code.
func TestEveryReasonCodeIsDocumented(t *testing.T) {
	docs, err := os.ReadFile("../../docs/eligibility.md")
	if err != nil {
		t.Fatal(err)
	}
	g := newGen(3)
	tax := testTaxonomy(t)
	seen := map[string]bool{}
	var collect func([]CriterionResult)
	collect = func(results []CriterionResult) {
		for _, r := range results {
			seen[r.Reason.Code] = true
			collect(r.Members)
		}
	}
	for range 400 {
		criteria, err := DecodeCriteria(json.RawMessage(g.criteriaJSON()), tax)
		if err != nil {
			t.Fatal(err)
		}
		ctx := EvalContext{ReferenceDate: refDate, Sites: g.sites()}
		for range 20 {
			collect(Evaluate(criteria, Derive(g.profile(), tax), ctx).Criteria)
		}
	}
	for code := range seen {
		if !strings.Contains(string(docs), "`"+code+"`") {
			t.Errorf("reason code %s is not in docs/eligibility.md", code)
		}
	}
	if len(seen) < 80 {
		t.Errorf("only %d reason codes were drawn", len(seen))
	}
}
