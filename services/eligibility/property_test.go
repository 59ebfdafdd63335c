package eligibility

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/internal/testdb"
)

// TestGoAndSQLAgree is the property that the two evaluators never disagree:
// random profiles (missing facts, boundary dates) go through Derive into
// volunteer_facts; random criteria trees go through DecodeCriteria into
// Evaluate and CompileSQL; for every row the verdict, the unknown count and
// every top-level outcome must be equal, the prefilter must hold for every
// volunteer who is not ineligible, and CandidatesQuery and FeasibilityQuery
// must return exactly the Go side's candidates and counts.
// TRIALMATCH_PROPERTY_SEED=n replays a failing run.
func TestGoAndSQLAgree(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("TRIALMATCH_PROPERTY_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	profiles, trials := 400, 250
	if testing.Short() {
		profiles, trials = 100, 50
	}
	t.Logf("seed %d (replay with TRIALMATCH_PROPERTY_SEED=%d)", seed, seed)
	g := newGen(seed)
	db := testdb.New(t)
	tax := testTaxonomy(t)

	ids := insertVolunteers(t, db, profiles)
	facts := map[string]Facts{}
	var rows []FactsRow
	for i, id := range ids {
		f := Derive(g.profile(), tax)
		facts[id] = f
		row := f.Row()
		row.VolunteerID = id
		row.Matchable = i%10 != 0 // a few rows that searches must skip
		row.RegisteredAt = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
		rows = append(rows, row)
	}
	if err := db.CreateInBatches(rows, 100).Error; err != nil {
		t.Fatalf("seed %d: insert facts: %v", seed, err)
	}
	matchable := map[string]bool{}
	for _, r := range rows {
		matchable[r.VolunteerID] = r.Matchable
	}

	coverage := map[Kind]map[Outcome]int{}
	for trial := range trials {
		criteriaJSON := g.criteriaJSON()
		criteria, err := DecodeCriteria(json.RawMessage(criteriaJSON), tax)
		if err != nil {
			t.Fatalf("seed %d: the generator drew invalid criteria %s: %v", seed, criteriaJSON, err)
		}
		ctx := EvalContext{ReferenceDate: g.date(refDate), Sites: g.sites()}
		plan, err := CompileSQL(criteria, ctx)
		if err != nil {
			t.Fatal(err)
		}
		fail := func(format string, args ...any) {
			t.Fatalf("seed %d, trial %d, reference date %s, sites %s\ncriteria %s\n%s", seed, trial,
				ctx.ReferenceDate, describeSites(ctx.Sites), criteriaJSON, fmt.Sprintf(format, args...))
		}
		want := map[string]Result{}
		for id, f := range facts {
			want[id] = Evaluate(criteria, f, ctx)
			countOutcomes(coverage, want[id].Criteria)
		}
		for _, got := range queryOutcomes(t, db, plan, len(criteria)) {
			w := want[got.id]
			if got.verdict != w.Verdict || got.unknown != w.Counts.Unknown {
				fail("volunteer %s: SQL %s with %d unknown, Go %s with %d unknown\nGo: %s\nfacts: %s",
					got.id, got.verdict, got.unknown, w.Verdict, w.Counts.Unknown, resultJSON(w), factsJSON(facts[got.id]))
			}
			for i, o := range got.outcomes {
				if o != w.Criteria[i].Outcome {
					fail("volunteer %s, criterion %s: SQL %s, Go %s\nGo: %s\nfacts: %s", got.id, w.Criteria[i].ID,
						o, w.Criteria[i].Outcome, resultJSON(w), factsJSON(facts[got.id]))
				}
			}
			if !got.prefilter && w.Verdict != Ineligible {
				fail("volunteer %s is %s but the prefilter excludes them\nprefilter %s %v", got.id, w.Verdict,
					plan.PrefilterExpr, plan.PrefilterArgs)
			}
			if goKm, ok := nearestSiteKm(ptr(facts[got.id]), ctx.Sites); ok != got.nearestKm.Valid ||
				(ok && math.Abs(goKm-got.nearestKm.Float64) > 1e-6) {
				fail("volunteer %s: nearest site %v km in SQL, %v (%v) in Go", got.id, got.nearestKm, goKm, ok)
			}
		}
		checkCandidatesAndCounts(t, db, plan, want, matchable, fail)
	}
	// The property means little unless every kind was seen in every outcome.
	for kind, outcomes := range coverage {
		t.Logf("%-32s met %5d  not met %5d  unknown %5d", kind, outcomes[Met], outcomes[NotMet], outcomes[Unknown])
		if !testing.Short() && kind != KindManual && (outcomes[Met] == 0 || outcomes[NotMet] == 0 || outcomes[Unknown] == 0) {
			t.Errorf("seed %d: kind %s was not drawn in every outcome: %v", seed, kind, outcomes)
		}
	}
}

// countOutcomes tallies outcomes by kind, group members included.
func countOutcomes(coverage map[Kind]map[Outcome]int, results []CriterionResult) {
	for _, r := range results {
		if coverage[r.Kind] == nil {
			coverage[r.Kind] = map[Outcome]int{}
		}
		coverage[r.Kind][r.Outcome]++
		countOutcomes(coverage, r.Members)
	}
}

type sqlOutcomes struct {
	id        string
	verdict   Verdict
	unknown   int
	outcomes  []Outcome
	prefilter bool
	nearestKm sql.NullFloat64
}

// queryOutcomes runs the plan over every row (matchable or not) and reads
// each top-level outcome and the prefilter.
func queryOutcomes(t *testing.T, db *gorm.DB, plan SQLPlan, n int) []sqlOutcomes {
	t.Helper()
	q := "SELECT f.volunteer_id::text, " + plan.VerdictExpr + ", " + plan.UnknownCountExpr + ", " +
		plan.NearestSiteKmExpr + ", (" + plan.PrefilterExpr + ")"
	for _, col := range plan.OutcomeExprs {
		q += ", " + col
	}
	q += " FROM " + plan.FromSQL
	args := append(append([]any{}, plan.PrefilterArgs...), plan.Args...) // the prefilter comes first in the text
	if placeholders(q) != len(args) {
		t.Fatalf("%d placeholders, %d arguments", placeholders(q), len(args))
	}
	rows, err := db.Raw(q, args...).Rows()
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	defer rows.Close()
	var out []sqlOutcomes
	for rows.Next() {
		var o sqlOutcomes
		var prefilter sql.NullBool
		cols := make([]sql.NullBool, n)
		dest := []any{&o.id, &o.verdict, &o.unknown, &o.nearestKm, &prefilter}
		for i := range cols {
			dest = append(dest, &cols[i])
		}
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		o.prefilter = prefilter.Valid && prefilter.Bool
		for _, c := range cols {
			o.outcomes = append(o.outcomes, map[bool]map[bool]Outcome{false: {false: Unknown, true: Unknown},
				true: {true: Met, false: NotMet}}[c.Valid][c.Bool])
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkCandidatesAndCounts runs the two ready-made queries and compares
// them with the Go results of the matchable volunteers.
func checkCandidatesAndCounts(t *testing.T, db *gorm.DB, plan SQLPlan, want map[string]Result,
	matchable map[string]bool, fail func(string, ...any)) {
	t.Helper()
	wantIDs, wantCounts := []string{}, map[Verdict]int{}
	for id, r := range want {
		if matchable[id] && r.Verdict != Ineligible {
			wantIDs = append(wantIDs, id)
			wantCounts[r.Verdict]++
		}
	}
	q, args := plan.CandidatesQuery()
	var candidates []struct {
		VolunteerID  string
		Verdict      Verdict
		UnknownCount int
	}
	if err := db.Raw(q, args...).Scan(&candidates).Error; err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	gotIDs := []string{}
	for i, c := range candidates {
		gotIDs = append(gotIDs, c.VolunteerID)
		if i > 0 && rankBefore(c.Verdict, c.UnknownCount, candidates[i-1].Verdict, candidates[i-1].UnknownCount) {
			fail("candidates out of order at %d", i)
		}
	}
	slices.Sort(wantIDs)
	slices.Sort(gotIDs)
	if !slices.Equal(gotIDs, wantIDs) {
		fail("CandidatesQuery returned %d volunteers, Go has %d candidates", len(gotIDs), len(wantIDs))
	}

	q, args = plan.FeasibilityQuery()
	var counts []struct {
		Verdict Verdict
		Count   int
	}
	if err := db.Raw(q, args...).Scan(&counts).Error; err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	gotCounts := map[Verdict]int{}
	for _, c := range counts {
		gotCounts[c.Verdict] = c.Count
	}
	if fmt.Sprint(gotCounts) != fmt.Sprint(wantCounts) {
		fail("FeasibilityQuery counted %v, Go %v", gotCounts, wantCounts)
	}
}

func rankBefore(v Verdict, unknown int, prevV Verdict, prevUnknown int) bool {
	if v != prevV {
		return v == Eligible
	}
	return unknown < prevUnknown
}

// insertVolunteers creates an account and n volunteer profiles.
func insertVolunteers(t *testing.T, db *gorm.DB, n int) []string {
	t.Helper()
	var account string
	if err := db.Raw(`INSERT INTO users (email, password_hash, role, status, display_name, locale)
		VALUES ('guardian@example.org', 'x', 'volunteer', 'active', 'Guardian', 'en') RETURNING id::text`).Scan(&account).Error; err != nil {
		t.Fatal(err)
	}
	var ids []string
	if err := db.Raw(`INSERT INTO volunteers (account_id, relationship) SELECT ?, 'child' FROM generate_series(1, ?)
		RETURNING id::text`, account, n).Scan(&ids).Error; err != nil {
		t.Fatal(err)
	}
	return ids
}

func resultJSON(r Result) string { b, _ := json.Marshal(r); return string(b) }
func factsJSON(f Facts) string   { b, _ := json.Marshal(f); return string(b) }

func describeSites(sites []Site) string {
	var parts []string
	for _, s := range sites {
		if s.Latitude == nil {
			parts = append(parts, s.Country+"(no coordinates)")
		} else {
			parts = append(parts, fmt.Sprintf("%s(%.4f,%.4f)", s.Country, *s.Latitude, *s.Longitude))
		}
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// placeholders counts the "?" of a SQL text.
func placeholders(sql string) int { return strings.Count(sql, "?") }
