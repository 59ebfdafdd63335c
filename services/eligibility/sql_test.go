package eligibility

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/trialmatch/trialmatch/internal/testdb"
	"github.com/trialmatch/trialmatch/models"
)

func TestCompileSQLRejectsAnInvalidReferenceDate(t *testing.T) {
	for _, d := range []models.Date{{}, {Year: 2026, Month: 2, Day: 30}, {Year: 10000, Month: 1, Day: 1}} {
		if _, err := CompileSQL(nil, EvalContext{ReferenceDate: d}); err == nil {
			t.Errorf("accepted %v", d)
		}
	}
}

// Every "?" the compiler writes is a typed placeholder, so gorm's db.Raw
// never meets PostgreSQL's ?, ?| or ?& jsonb operators; and no "@", which
// would switch gorm to named parameters.
func TestCompiledSQLOnlyHasPlaceholders(t *testing.T) {
	sites := []Site{{Latitude: km(41.01), Longitude: km(28.98), Country: "TR"}}
	plan, err := CompileSQL(decodeAll(t, apiExamples), EvalContext{ReferenceDate: refDate, Sites: sites})
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{plan.FromSQL, plan.PrefilterExpr, plan.VerdictExpr, plan.UnknownCountExpr} {
		if regexp.MustCompile(`\?[^:]|\?$`).MatchString(text) || strings.Contains(text, "@") {
			t.Errorf("suspicious SQL: %s", text)
		}
	}
	if placeholders(plan.FromSQL) != len(plan.Args) || placeholders(plan.PrefilterExpr) != len(plan.PrefilterArgs) {
		t.Error("placeholders and arguments differ in number")
	}
	for _, a := range append(plan.Args, plan.PrefilterArgs...) {
		switch a.(type) {
		case string, int, float64, bool:
		default:
			t.Errorf("argument %#v of type %T", a, a)
		}
	}
}

// A selective search (B-ALL, 1 to 25 years) over a registry of mostly other
// diagnoses reads the indexes, not the whole table.
func TestSelectiveSearchUsesIndexes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 40,000-row registry")
	}
	db := testdb.New(t)
	ids := insertVolunteers(t, db, 40000)
	// Most volunteers are adults with lymphoma or myeloma; one in 400 is a
	// child with B-ALL; one in 1,000 has no known diagnoses.
	err := db.Exec(`INSERT INTO volunteer_facts (volunteer_id, matchable, registered_at, date_of_birth,
			condition_codes, condition_lineage, diagnoses, relapse_count_min)
		SELECT v.id, true, now(),
			CASE WHEN n % 400 = 0 THEN date '2015-01-01' + (n % 3000)::integer ELSE date '1950-01-01' + (n % 15000)::integer END,
			CASE WHEN n % 1000 = 1 THEN NULL WHEN n % 400 = 0 THEN ARRAY['b_all'] WHEN n % 2 = 0 THEN ARRAY['dlbcl'] ELSE ARRAY['multiple_myeloma'] END,
			CASE WHEN n % 1000 = 1 THEN NULL WHEN n % 400 = 0 THEN ARRAY['b_all','all','leukaemia','haematological_malignancy']
				WHEN n % 2 = 0 THEN ARRAY['dlbcl','b_nhl','lymphoma','haematological_malignancy']
				ELSE ARRAY['multiple_myeloma','plasma_cell_neoplasm','haematological_malignancy'] END,
			NULL, 0
		FROM unnest(?::uuid[]) WITH ORDINALITY AS v(id, n)`, "{"+strings.Join(ids, ",")+"}").Error
	if err != nil {
		t.Fatal(err)
	}
	err = db.Exec(`UPDATE volunteer_facts SET diagnoses = jsonb_build_array(jsonb_build_object(
		'code', condition_codes[1], 'lineage', to_jsonb(condition_lineage))) WHERE condition_codes IS NOT NULL`).Error
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Exec("ANALYZE volunteer_facts").Error; err != nil {
		t.Fatal(err)
	}
	searches := []struct {
		name, criteria string
		index          string
	}{
		{"B-ALL, CD19 positive", `[{"id":"dx","kind":"condition","rule":"include","any_of":["b_all"],"antigens":{"CD19":"positive"}},
			{"id":"gvhd","kind":"active_gvhd","rule":"exclude"}]`, "volunteer_facts_lineage_idx"},
		{"children", `[{"id":"age","kind":"age","rule":"include","min":{"value":1,"unit":"years"},"max":{"value":17,"unit":"years"}}]`,
			"volunteer_facts_birth_idx"},
	}
	for _, s := range searches {
		plan, err := CompileSQL(decodeAll(t, s.criteria), EvalContext{ReferenceDate: refDate})
		if err != nil {
			t.Fatal(err)
		}
		q, args := plan.CandidatesQuery()
		var lines []string
		if err := db.Raw("EXPLAIN "+q, args...).Scan(&lines).Error; err != nil {
			t.Fatal(err)
		}
		explain := strings.Join(lines, "\n")
		if strings.Contains(explain, "Seq Scan on volunteer_facts") || !strings.Contains(explain, s.index) {
			t.Errorf("%s: the search does not use %s:\n%s", s.name, s.index, explain)
		}
		began := time.Now()
		var found []struct{ VolunteerID string }
		if err := db.Raw(q, args...).Scan(&found).Error; err != nil {
			t.Fatal(err)
		}
		// 100 children with B-ALL (CD19 unknown), and 40 with no known diagnoses.
		if len(found) < 100 {
			t.Errorf("%s: found %d candidates", s.name, len(found))
		}
		t.Logf("%s: %d candidates in %v\n%s", s.name, len(found), time.Since(began), explain)
	}
}
