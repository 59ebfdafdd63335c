package services

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/trialmatch/trialmatch/models"
)

// Sections of the enrollment report, built from aggregates (never rows of
// people) and suppressed as reports_suppress.go says.

// unknownValue names the people whose stratum (or screen-failure reason) was
// not recorded.
const unknownValue = "unknown"

func reasonKey(r *string) string {
	if r == nil || *r == "" {
		return unknownValue
	}
	return *r
}

// screenFailures lists every reason code (zeros included), then any other
// recorded reason, as one table whose total is the screen-failed stage.
func screenFailures(sup suppressor, counts map[string]int, total int) ScreenFailures {
	keys := slices.Clone(models.ScreenFailReasons)
	for _, k := range keysInOrder(counts) {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	cells := make([]int, len(keys))
	for i, k := range keys {
		cells[i] = counts[k]
	}
	out := ScreenFailures{Total: sup.count(total), Reasons: make([]ReasonCount, len(keys))}
	for i, c := range sup.table(cells) {
		out.Reasons[i] = ReasonCount{Reason: keys[i], Count: c}
	}
	return out
}

// splitEnrolled sorts the enrolled groups into enrollments per week (by its
// Monday), per whole days to enrollment, and per dimension and value.
func splitEnrolled(rows []enrolledRow) (weeks map[models.Date]int, days map[int]int, strata map[string]map[string]int) {
	weeks, days, strata = map[models.Date]int{}, map[int]int{}, map[string]map[string]int{}
	for _, r := range rows {
		switch {
		case r.Grouping == "week" && r.Week != nil:
			weeks[models.NewDate(r.Week.UTC())] += r.Count
		case r.Grouping == "days" && r.Days != nil:
			days[*r.Days] += r.Count
		case slices.Contains(DiversityDimensions, r.Grouping):
			if strata[r.Grouping] == nil {
				strata[r.Grouping] = map[string]int{}
			}
			strata[r.Grouping][reasonKey(r.Value)] += r.Count
		}
	}
	return weeks, days, strata
}

// monday is the first day of d's ISO week.
func monday(d models.Date) models.Date {
	return d.AddDate(0, 0, -((int(d.Time().Weekday()) + 6) % 7))
}

// weeklySeries is every ISO week from the first week with an enrollment to
// the week of as_of, zeros included, with the raw new counts.
func weeklySeries(sup suppressor, counts map[models.Date]int, asOf models.Date) ([]WeekCount, []int) {
	if len(counts) == 0 {
		return []WeekCount{}, nil
	}
	keys := make([]models.Date, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	first := slices.MinFunc(keys, func(a, b models.Date) int { return a.Time().Compare(b.Time()) })
	var starts []models.Date
	var news []int
	for w := first; !w.After(asOf); w = w.AddDate(0, 0, 7) {
		starts, news = append(starts, w), append(news, counts[w])
	}
	newCounts, cumulative := sup.series(news)
	out := make([]WeekCount, len(starts))
	for i, w := range starts {
		year, week := w.Time().ISOWeek()
		out[i] = WeekCount{Week: fmt.Sprintf("%04d-W%02d", year, week), WeekStart: w, New: newCounts[i], Cumulative: cumulative[i]}
	}
	return out, news
}

// timeToEnrollment is the median of the days histogram (the mean of the two
// middle values for an even count), given only for at least min people.
func timeToEnrollment(sup suppressor, days map[int]int) TimeToEnrollment {
	n := 0
	for _, c := range days {
		n += c
	}
	t := TimeToEnrollment{Enrollments: sup.count(n)}
	switch {
	case n == 0:
		t.Reason = "no_enrollments"
		return t
	case n < sup.min:
		t.Reason = "too_few_enrollments"
		return t
	}
	keys := make([]int, 0, len(days))
	for k := range days {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	nth := func(i int) int { // the i-th (0-based) value in order
		for _, k := range keys {
			if i < days[k] {
				return k
			}
			i -= days[k]
		}
		return keys[len(keys)-1]
	}
	m := float64(nth((n-1)/2)+nth(n/2)) / 2
	t.MedianDays = &m
	return t
}

// rateWindowWeeks is how many complete weeks the recent rate looks back.
const rateWindowWeeks = 8

// projectionFor projects the date the target is reached at the recent rate:
// the enrollments of the last 8 complete ISO weeks up to as_of (the week of
// as_of counts when as_of is a Sunday), divided by 8. The count is taken from
// the published running totals of the weekly series, so it can never give
// away a suppressed week. No date, and a Reason, when: the scope has no
// target ("no_target"), the target is reached ("target_reached"), the count
// is below the threshold ("too_few_recent_enrollments"), a running total it
// needs is suppressed ("window_suppressed") or the count is zero
// ("no_recent_enrollments").
func projectionFor(sup suppressor, weeks []WeekCount, news []int, asOf models.Date, e EnrollmentVsTarget) Projection {
	end := monday(asOf).AddDate(0, 0, -1)
	last := len(weeks) - 2 // index of the week that ends on end
	if asOf.Time().Weekday() == time.Sunday {
		end, last = asOf, len(weeks)-1
	}
	p := Projection{WindowWeeks: rateWindowWeeks, WindowEnd: end, WindowStart: end.AddDate(0, 0, 1-7*rateWindowWeeks)}
	cum := func(i int) (int, bool) { // the running total after week i, and whether it is published
		if i < 0 {
			return 0, true
		}
		n := 0
		for _, v := range news[:i+1] {
			n += v
		}
		return n, !weeks[i].Cumulative.Suppressed
	}
	hi, okHi := cum(last)
	lo, okLo := cum(last - rateWindowWeeks)
	w := hi - lo
	switch {
	case okHi && okLo:
		p.EnrollmentsInWindow = sup.count(w)
	case w < sup.min: // hidden, even a zero, since it would give a running total away
		p.EnrollmentsInWindow = sup.below()
	default:
		p.EnrollmentsInWindow = sup.complement()
	}
	if w := p.EnrollmentsInWindow; !w.Suppressed {
		rate := float64(*w.Value) / rateWindowWeeks
		p.RatePerWeek = &rate
	}
	if e.Target != nil && e.Enrolled.Value != nil {
		remaining := max(0, *e.Target-*e.Enrolled.Value)
		p.Remaining = &remaining
	}
	switch {
	case e.Target == nil:
		p.Reason = "no_target"
	case p.Remaining != nil && *p.Remaining == 0:
		p.Reason = "target_reached"
	case w > 0 && w < sup.min:
		p.Reason = "too_few_recent_enrollments"
	case !(okHi && okLo):
		p.Reason = "window_suppressed"
	case w == 0 || p.Remaining == nil:
		p.Reason = "no_recent_enrollments"
	default:
		// remaining / (w / 8) weeks, in days rounded up, in integers.
		days := (*p.Remaining*7*rateWindowWeeks + w - 1) / w
		date := asOf.AddDate(0, 0, days)
		p.ProjectedDate = &date
	}
	return p
}

// diversity breaks the enrolled population down by each dimension: its known
// values (countries: those seen or with a goal) and "unknown", as one table
// per dimension whose total is the enrollment count, against the goals.
func diversity(sup suppressor, strata map[string]map[string]int, goals []DiversityGoal, enrolled int) []DiversityDimension {
	out := make([]DiversityDimension, 0, len(DiversityDimensions))
	for _, dim := range DiversityDimensions {
		counts := strata[dim]
		values := slices.Clone(stratumValues(dim))
		extra := map[string]int{}
		for v := range counts {
			extra[v] = 0
		}
		for _, g := range goals {
			if g.Dimension == dim {
				extra[g.Value] = 0
			}
		}
		for _, v := range keysInOrder(extra) {
			if v != unknownValue && !slices.Contains(values, v) {
				values = append(values, v)
			}
		}
		values = append(values, unknownValue)
		cells := make([]int, len(values))
		for i, v := range values {
			cells[i] = counts[v]
		}
		d := DiversityDimension{Dimension: dim, Total: sup.count(enrolled), Strata: make([]Stratum, len(values))}
		for i, c := range sup.table(cells) {
			st := Stratum{Value: values[i], Count: c, Percent: percent(c, enrolled)}
			for _, g := range goals {
				if g.Dimension == dim && g.Value == values[i] {
					goal := g.TargetPercent
					st.GoalPercent = &goal
					if st.Percent != nil && st.Percent.Value != nil {
						met := *st.Percent.Value >= goal
						st.GoalMet = &met
					}
				}
			}
			d.Strata[i] = st
		}
		out = append(out, d)
	}
	return out
}

func keysInOrder[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
