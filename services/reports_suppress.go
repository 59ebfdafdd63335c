package services

import (
	"fmt"
	"math"
	"strconv"
)

// Small-cell suppression of reports (DESIGN.md §4). The rules:
//
//  1. Primary: a count from 1 to min-1 is shown as "<min" (0 is shown).
//  2. Complementary, in a table (cells that add up to a published total):
//     when exactly one cell is suppressed, the smallest other non-zero cell
//     is suppressed too, shown as "≥min", so that the suppressed cell cannot
//     be recomputed as the total minus the other cells. Totals are never
//     hidden as the complement: they are published elsewhere in the report.
//  3. A weekly series of new counts with its running total: two published
//     running totals give away the sum of the weeks between them, so between
//     any two published running totals (the first is the 0 before the
//     series) the number of suppressed weeks must not be exactly one. The
//     fewest further running totals or weeks are hidden ("≥min") to make it
//     so; the last running total is the published enrollment total and
//     stays shown.
//  4. A percentage of a suppressed count is suppressed.
type suppressor struct{ min int }

// count applies the primary rule.
func (s suppressor) count(n int) Count {
	if n > 0 && n < s.min {
		return s.below()
	}
	return Count{Value: &n, Display: strconv.Itoa(n)}
}

// below hides a count under min.
func (s suppressor) below() Count {
	return Count{Display: fmt.Sprintf("<%d", s.min), Suppressed: true}
}

// complement hides a count of at least min to protect a suppressed one.
func (s suppressor) complement() Count {
	return Count{Display: fmt.Sprintf("≥%d", s.min), Suppressed: true}
}

// table applies the primary and the complementary rule to the cells of a
// table whose total (their sum) is published.
func (s suppressor) table(cells []int) []Count {
	out := make([]Count, len(cells))
	hidden, total := 0, 0
	for i, n := range cells {
		out[i] = s.count(n)
		total += n
		if out[i].Suppressed {
			hidden++
		}
	}
	if hidden != 1 || s.count(total).Suppressed {
		return out
	}
	best := -1 // the smallest non-zero published cell
	for i, n := range cells {
		if !out[i].Suppressed && n > 0 && (best < 0 || n < cells[best]) {
			best = i
		}
	}
	if best >= 0 { // always, as the total is at least min
		out[best] = s.complement()
	}
	return out
}

// series suppresses weekly new counts and their running totals (rule 3),
// hiding as few further figures as it can: a dynamic programme over the
// weeks whose state is how many suppressed weeks (0, 1, 2 or more) lie
// since the last published running total. Where several choices hide as
// few, the earliest figures stay shown.
func (s suppressor) series(news []int) (newCounts, cumulative []Count) {
	n := len(news)
	newCounts, cumulative = make([]Count, n), make([]Count, n)
	total := 0
	for k, v := range news {
		total += v
		newCounts[k], cumulative[k] = s.count(v), s.count(total)
	}
	// cost[k][c]: the fewest figures to hide in weeks k.. with c suppressed
	// weeks open; the end needs nothing (the last running total is the
	// published enrollment, so it is never hidden but by the primary rule).
	const impossible = math.MaxInt / 2
	cost := make([][3]int, n+1)
	for k := n - 1; k >= 0; k-- {
		for c := range 3 {
			cost[k][c] = impossible
			for _, o := range s.weekChoices(k, news, newCounts, cumulative) {
				if next, ok := o.after(c); ok {
					cost[k][c] = min(cost[k][c], o.cost+cost[k+1][next])
				}
			}
		}
	}
	if cost[0][0] >= impossible {
		return newCounts, cumulative // cannot happen: see weekChoices
	}
	c := 0
	for k := range n {
		for _, o := range s.weekChoices(k, news, newCounts, cumulative) {
			if next, ok := o.after(c); ok && o.cost+cost[k+1][next] == cost[k][c] {
				if o.hideNew && !newCounts[k].Suppressed {
					newCounts[k] = s.complement()
				}
				if o.hideCumulative && !cumulative[k].Suppressed {
					cumulative[k] = s.complement()
				}
				c = next
				break
			}
		}
	}
	return newCounts, cumulative
}

// weekChoice is whether a week's new count and running total are hidden, and
// how many figures that hides beyond the primary rule.
type weekChoice struct {
	hideNew, hideCumulative bool
	cost                    int
}

// after is the number of suppressed weeks open after this week, given c
// before it; not ok when a published running total would close a stretch
// with exactly one suppressed week.
func (o weekChoice) after(c int) (int, bool) {
	if o.hideNew {
		c = min(c+1, 2)
	}
	if o.hideCumulative {
		return c, true
	}
	return 0, c != 1
}

// weekChoices lists a week's possible choices, shown first: a suppressed
// figure stays hidden, a zero week is never hidden (hiding it protects
// nothing), and the last running total is never hidden but by the primary
// rule. Hiding every running total but the last and one non-zero week is
// always possible, so a solution exists.
func (s suppressor) weekChoices(k int, news []int, newCounts, cumulative []Count) []weekChoice {
	newOpts := []bool{newCounts[k].Suppressed}
	if !newCounts[k].Suppressed && news[k] > 0 {
		newOpts = append(newOpts, true)
	}
	cumOpts := []bool{cumulative[k].Suppressed}
	if !cumulative[k].Suppressed && k < len(news)-1 {
		cumOpts = append(cumOpts, true)
	}
	var out []weekChoice
	for _, hideNew := range newOpts {
		for _, hideCum := range cumOpts {
			cost := 0
			if hideNew && !newCounts[k].Suppressed {
				cost++
			}
			if hideCum && !cumulative[k].Suppressed {
				cost++
			}
			out = append(out, weekChoice{hideNew: hideNew, hideCumulative: hideCum, cost: cost})
		}
	}
	return out
}

// Percent is a share in percent, rounded to one decimal; suppressed with the
// count it is the share of.
type Percent struct {
	Value      *float64
	Display    string
	Suppressed bool
}

// percent is part of whole as a Percent, or nil when whole is not positive.
func percent(part Count, whole int) *Percent {
	if whole <= 0 {
		return nil
	}
	if part.Suppressed || part.Value == nil {
		return &Percent{Display: "suppressed", Suppressed: true}
	}
	v := round1(float64(*part.Value) * 100 / float64(whole))
	return &Percent{Value: &v, Display: strconv.FormatFloat(v, 'f', 1, 64) + "%"}
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
