package eligibility

import (
	"testing"

	"github.com/trialmatch/trialmatch/models"
)

func TestCompletedYears(t *testing.T) {
	cases := []struct {
		born, on string
		want     int
	}{
		{"2016-05-04", "2026-05-04", 10}, // birthday today
		{"2016-05-05", "2026-05-04", 9},  // birthday tomorrow
		{"2016-05-03", "2026-05-04", 10},
		{"2008-02-29", "2026-02-28", 17}, // non-leap year: not yet
		{"2008-02-29", "2026-03-01", 18}, // … a year older on 1 March
		{"2004-02-29", "2024-02-28", 19}, // leap year: on 29 February
		{"2004-02-29", "2024-02-29", 20},
		{"2026-11-15", "2026-11-15", 0},
		{"2026-11-16", "2026-11-15", -1}, // born after the date
	}
	for _, tc := range cases {
		if got := CompletedYears(models.MustDate(tc.born), models.MustDate(tc.on)); got != tc.want {
			t.Errorf("CompletedYears(%s, %s) = %d, want %d", tc.born, tc.on, got, tc.want)
		}
	}
}

func TestCompletedMonths(t *testing.T) {
	cases := []struct {
		from, to string
		want     int
	}{
		{"2026-05-15", "2026-11-15", 6},
		{"2026-05-16", "2026-11-15", 5},
		{"2026-05-14", "2026-11-15", 6},
		{"2026-01-31", "2026-02-28", 0}, // no 31 February: the month completes on 1 March
		{"2026-01-31", "2026-03-01", 1},
		{"2024-02-29", "2025-02-28", 11},
		{"2024-02-29", "2025-03-01", 12},
		{"2025-12-20", "2026-01-19", 0},
		{"2025-12-20", "2026-01-20", 1},
		{"2026-11-16", "2026-11-15", -1},
	}
	for _, tc := range cases {
		if got := CompletedMonths(models.MustDate(tc.from), models.MustDate(tc.to)); got != tc.want {
			t.Errorf("CompletedMonths(%s, %s) = %d, want %d", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestCompletedWeeksAndDays(t *testing.T) {
	from := models.MustDate("2026-10-18")
	if got := completedUnits(Days, from, refDate); got != 28 {
		t.Errorf("days = %d, want 28", got)
	}
	if got := completedUnits(Weeks, from, refDate); got != 4 {
		t.Errorf("weeks = %d, want 4", got)
	}
	if got := completedUnits(Weeks, from.AddDate(0, 0, 1), refDate); got != 3 {
		t.Errorf("weeks a day later = %d, want 3", got)
	}
	// A date 3 days ahead is -1 completed weeks (rounded down), not 0.
	if got := completedUnits(Weeks, refDate.AddDate(0, 0, 3), refDate); got != -1 {
		t.Errorf("weeks to a future date = %d, want -1", got)
	}
}

func TestTaxonomy(t *testing.T) {
	tax := testTaxonomy(t)
	if got := tax.Ancestors("b_all"); len(got) != 3 || got[0] != "all" || got[1] != "leukaemia" || got[2] != "haematological_malignancy" {
		t.Errorf("Ancestors(b_all) = %v, want nearest first", got)
	}
	if got := tax.Ancestors("haematological_malignancy"); got != nil {
		t.Errorf("Ancestors(root) = %v", got)
	}
	if tax.Ancestors("no_such_code") != nil || tax.Exists("no_such_code") {
		t.Error("an unknown code has no ancestors and does not exist")
	}
	checks := []struct {
		code, of string
		want     bool
	}{
		{"b_all", "all", true}, {"b_all", "b_all", true}, {"all", "b_all", false},
		{"aml", "all", false}, {"pmbcl", "dlbcl", false}, {"dlbcl", "lymphoma", true},
		{"nodal_marginal_zone_lymphoma", "b_nhl", true}, {"no_such_code", "no_such_code", false},
	}
	for _, c := range checks {
		if got := tax.IsDescendantOrSelf(c.code, c.of); got != c.want {
			t.Errorf("IsDescendantOrSelf(%s, %s) = %v", c.code, c.of, got)
		}
	}
}

func TestNewTaxonomyRejectsBadTrees(t *testing.T) {
	bad := map[string][]TaxonomyNode{
		"cycle":          {{"a", "b"}, {"b", "a"}},
		"unknown parent": {{"a", "nowhere"}},
		"duplicate":      {{"a", ""}, {"a", ""}},
		"empty code":     {{"", ""}},
	}
	for name, nodes := range bad {
		if _, err := NewTaxonomy(nodes); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
