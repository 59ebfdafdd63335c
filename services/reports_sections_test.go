package services

import (
	"fmt"
	"testing"

	"github.com/trialmatch/trialmatch/models"
)

func TestProjection(t *testing.T) {
	sup := suppressor{5}
	weeks := map[models.Date]int{models.MustDate("2026-11-02"): 6, models.MustDate("2026-11-09"): 6, models.MustDate("2026-11-16"): 3}
	target := func(n int) *int { return &n }
	line := func(p Projection) string {
		s := fmt.Sprintf("%s..%s n=%s", p.WindowStart, p.WindowEnd, p.EnrollmentsInWindow.Display)
		if p.RatePerWeek != nil {
			s += fmt.Sprintf(" rate=%g", *p.RatePerWeek)
		}
		if p.Remaining != nil {
			s += fmt.Sprintf(" remaining=%d", *p.Remaining)
		}
		if p.ProjectedDate != nil {
			s += " date=" + p.ProjectedDate.String()
		}
		return s + " " + p.Reason
	}
	for _, c := range []struct {
		asOf   string
		target *int
		want   string
	}{
		// On Sunday 22 November the whole series counts: 15 in 8 weeks.
		{"2026-11-22", target(40), "2026-09-28..2026-11-22 n=15 rate=1.875 remaining=25 date=2027-02-24 "},
		// On Wednesday 18 November the window ends on Sunday 15 November,
		// whose running total (12) is hidden to protect the 3 of this week.
		{"2026-11-18", target(40), "2026-09-21..2026-11-15 n=≥5 remaining=25 window_suppressed"},
		{"2026-11-22", target(15), "2026-09-28..2026-11-22 n=15 rate=1.875 remaining=0 target_reached"},
		{"2026-11-22", target(12), "2026-09-28..2026-11-22 n=15 rate=1.875 remaining=0 target_reached"},
		{"2026-11-22", nil, "2026-09-28..2026-11-22 n=15 rate=1.875 no_target"},
		// 70 days later the window holds nothing.
		{"2027-01-31", target(40), "2026-12-07..2027-01-31 n=0 rate=0 remaining=25 no_recent_enrollments"},
	} {
		asOf := models.MustDate(c.asOf)
		series, news := weeklySeries(sup, weeks, asOf)
		total := 0
		for _, n := range news {
			total += n
		}
		e := EnrollmentVsTarget{Enrolled: sup.count(total), Target: c.target}
		if got := line(projectionFor(sup, series, news, asOf, e)); got != c.want {
			t.Errorf("as of %s, target %v: %q, want %q", c.asOf, c.target, got, c.want)
		}
	}
}
