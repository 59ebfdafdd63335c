package services

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func displays(cs []Count) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Display
	}
	return strings.Join(out, " ")
}

func TestSuppressTable(t *testing.T) {
	for _, c := range []struct {
		min   int
		cells []int
		want  string
	}{
		{5, []int{0, 5, 12}, "0 5 12"},
		{5, []int{3, 7, 12}, "<5 ≥5 12"},     // one suppressed: the next smallest goes too
		{5, []int{3, 2, 12}, "<5 <5 12"},     // two suppressed: enough
		{5, []int{3, 0, 0}, "<5 0 0"},        // the total (3) is suppressed itself
		{5, []int{4, 0, 9, 6}, "<5 0 9 ≥5"},  // never a zero as the complement
		{5, []int{4, 6, 6}, "<5 ≥5 6"},       // ties: the first
		{11, []int{9, 12, 30}, "<11 ≥11 30"}, // the threshold of some networks
		{11, []int{10, 1, 30}, "<11 <11 30"}, //
		{11, []int{0, 11, 0}, "0 11 0"},      // 11 is not suppressed
		{5, []int{}, ""},
	} {
		if got := displays(suppressor{c.min}.table(c.cells)); got != c.want {
			t.Errorf("min %d, %v: %q, want %q", c.min, c.cells, got, c.want)
		}
	}
}

func TestSuppressSeries(t *testing.T) {
	for _, c := range []struct {
		min       int
		news      []int
		wantNew   string
		wantCumul string
	}{
		{5, []int{5, 6, 7}, "5 6 7", "5 11 18"},
		// Weeks 3 and 5 suppressed: hiding the running totals between them
		// leaves 2+5+3 = 10 with two unknowns.
		{5, []int{5, 0, 2, 5, 3, 0, 0}, "5 0 <5 5 <5 0 0", "5 5 ≥5 ≥5 15 15 15"},
		// The last running total is the published enrollment: a week must go.
		{5, []int{5, 0, 2}, "≥5 0 <5", "≥5 ≥5 7"},
		{5, []int{5, 0, 2, 5, 0, 0, 0}, "5 0 <5 ≥5 0 0 0", "5 5 ≥5 12 12 12 12"},
		{5, []int{2, 1}, "<5 <5", "<5 <5"},
		{5, []int{2, 9}, "<5 ≥5", "<5 11"}, // 11 = 2 + 9 would give the 2 away
		{11, []int{5, 0, 2, 5, 3, 0, 0}, "<11 0 <11 <11 <11 0 0", "<11 <11 <11 ≥11 15 15 15"},
		{5, nil, "", ""},
	} {
		n, cum := suppressor{c.min}.series(c.news)
		if displays(n) != c.wantNew || displays(cum) != c.wantCumul {
			t.Errorf("min %d, %v: new %q cumulative %q; want %q and %q", c.min, c.news, displays(n), displays(cum), c.wantNew, c.wantCumul)
		}
	}
}

// TestSuppressSeriesProperties checks, on random series, that no suppressed
// week can be recomputed from published figures, that the primary rule and
// the last running total hold, and, against brute force on short series,
// that no fewer figures could be hidden.
func TestSuppressSeriesProperties(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		min := []int{5, 11}[i%2]
		news := make([]int, 1+rnd.IntN(6))
		for k := range news {
			news[k] = []int{0, 0, 1, 2, 3, 4, 5, 6, 9, 12, 20}[rnd.IntN(11)]
		}
		news[0] = max(news[0], 1) // a series starts with an enrollment
		sup := suppressor{min}
		newC, cumC := sup.series(news)
		if msg := seriesLeak(sup, news, hiddenOf(newC), hiddenOf(cumC)); msg != "" {
			t.Fatalf("min %d, %v → %s / %s: %s", min, news, displays(newC), displays(cumC), msg)
		}
		if got, best := hiddenCount(newC)+hiddenCount(cumC), fewestHidden(sup, news); got != best {
			t.Fatalf("min %d, %v → %s / %s hides %d figures, %d would do", min, news, displays(newC), displays(cumC), got, best)
		}
	}
}

func hiddenOf(cs []Count) []bool {
	out := make([]bool, len(cs))
	for i, c := range cs {
		out[i] = c.Suppressed
	}
	return out
}

func hiddenCount(cs []Count) int {
	n := 0
	for _, c := range cs {
		if c.Suppressed {
			n++
		}
	}
	return n
}

// seriesLeak says what is wrong with hiding these figures, or "".
func seriesLeak(sup suppressor, news []int, hideNew, hideCum []bool) string {
	cum, open, last := 0, 0, len(news)-1
	for k, v := range news {
		cum += v
		switch {
		case v > 0 && v < sup.min && !hideNew[k]:
			return "a small week is shown"
		case cum < sup.min && !hideCum[k]:
			return "a small running total is shown"
		case k == last && cum >= sup.min && hideCum[k]:
			return "the last running total (the published enrollment) is hidden"
		case hideNew[k] && v == 0:
			return "a zero week is hidden"
		}
		if hideNew[k] {
			open++
		}
		if !hideCum[k] {
			if open == 1 {
				return "one suppressed week between two published running totals"
			}
			open = 0
		}
	}
	return ""
}

// fewestHidden tries every way of hiding figures of a short series.
func fewestHidden(sup suppressor, news []int) int {
	n := len(news)
	best := 2 * n
	for mask := range 1 << (2 * n) {
		hideNew, hideCum := make([]bool, n), make([]bool, n)
		count := 0
		for k := range n {
			hideNew[k], hideCum[k] = mask&(1<<k) != 0, mask&(1<<(n+k)) != 0
			if hideNew[k] {
				count++
			}
			if hideCum[k] {
				count++
			}
		}
		if count < best && seriesLeak(sup, news, hideNew, hideCum) == "" {
			best = count
		}
	}
	return best
}

func TestPercent(t *testing.T) {
	sup := suppressor{5}
	if p := percent(sup.count(3), 40); !p.Suppressed || p.Value != nil || p.Display != "suppressed" {
		t.Errorf("a suppressed count's share: %+v", p)
	}
	if p := percent(sup.count(7), 15); *p.Value != 46.7 || p.Display != "46.7%" {
		t.Errorf("7 of 15: %+v", p)
	}
	if p := percent(sup.count(7), 0); p != nil {
		t.Errorf("of nothing: %+v", p)
	}
}
