package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

// figure is one measured operation's latencies.
type figure struct {
	name    string
	target  time.Duration // 0: none
	samples []time.Duration
}

func (f figure) pct(p float64) time.Duration {
	s := slices.Clone(f.samples)
	slices.Sort(s)
	i := int(float64(len(s))*p+0.999999) - 1 // nearest rank
	return s[max(0, min(i, len(s)-1))]
}

func (f figure) mean() time.Duration {
	var sum time.Duration
	for _, d := range f.samples {
		sum += d
	}
	return sum / time.Duration(len(f.samples))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d.Microseconds())/1000) }

func (f figure) String() string {
	verdict := ""
	if f.target > 0 {
		verdict = "target p95 < " + ms(f.target) + " ms: "
		if f.pct(0.95) < f.target {
			verdict += "met"
		} else {
			verdict += "MISSED"
		}
	}
	return fmt.Sprintf("%-52s n=%4d  mean %8s  p50 %8s  p95 %8s  p99 %8s  max %8s  %s", f.name, len(f.samples),
		ms(f.mean()), ms(f.pct(0.5)), ms(f.pct(0.95)), ms(f.pct(0.99)), ms(slices.Max(f.samples)), verdict)
}

// timeIt makes 3 to 20 warm-up calls (up to a tenth of o.budget), then
// measures until o.iterations calls or o.budget has passed (at least 20).
func timeIt(o options, name string, target time.Duration, call func(i int) error) (figure, error) {
	f := figure{name: name, target: target}
	warmup, began := 0, time.Now()
	for ; warmup < 20 && (warmup < 3 || time.Since(began) < o.budget/10); warmup++ {
		if err := call(warmup); err != nil {
			return f, fmt.Errorf("%s: %w", name, err)
		}
	}
	began = time.Now()
	for i := 0; i < o.iterations && (i < 20 || time.Since(began) < o.budget); i++ {
		start := time.Now()
		if err := call(warmup + i); err != nil {
			return f, fmt.Errorf("%s: %w", name, err)
		}
		f.samples = append(f.samples, time.Since(start))
	}
	fmt.Println(f)
	return f, nil
}

func measure(ctx context.Context, db *gorm.DB, all *services.All, o options) error {
	trials, err := measuredTrials(ctx, db, o)
	if err != nil {
		return err
	}
	if o.prewarm {
		if err := prewarm(ctx, all); err != nil {
			return err
		}
	}
	fmt.Println("\nFIGURES (milliseconds, through the services and the gorm pool; warm-up calls not counted)")
	for _, t := range trials {
		feas, err := all.Matching.Feasibility(ctx, t.investigator, t.trialID, nil, nil)
		if err != nil {
			return err
		}
		fmt.Printf("%s: eligible %s, possibly eligible %s\n", t.name, feas.Eligible.Display, feas.PossiblyEligible.Display)
		first := services.CandidatesFilter{Limit: 20}
		if _, err := timeIt(o, "candidates page 1 — "+t.name, 50*time.Millisecond, func(int) error {
			_, err := all.Matching.Candidates(ctx, t.investigator, t.trialID, first)
			return err
		}); err != nil {
			return err
		}
		later := first
		for range 4 { // the cursor of page 5
			page, err := all.Matching.Candidates(ctx, t.investigator, t.trialID, later)
			if err != nil || page.NextCursor == nil {
				return fmt.Errorf("paging %s: %v (fewer than 5 pages?)", t.name, err)
			}
			later.Cursor = *page.NextCursor
		}
		if _, err := timeIt(o, "candidates page 5 (cursor) — "+t.name, 50*time.Millisecond, func(int) error {
			_, err := all.Matching.Candidates(ctx, t.investigator, t.trialID, later)
			return err
		}); err != nil {
			return err
		}
		if _, err := timeIt(o, "feasibility count — "+t.name, 50*time.Millisecond, func(int) error {
			_, err := all.Matching.Feasibility(ctx, t.investigator, t.trialID, nil, nil)
			return err
		}); err != nil {
			return err
		}
	}
	sample, err := sampleVolunteers(ctx, db, 500)
	if err != nil {
		return err
	}
	matchO := o
	matchO.iterations = max(o.iterations, 500)
	if _, err := timeIt(matchO, fmt.Sprintf("matches of a volunteer against %d recruiting trials", o.trials), 5*time.Millisecond, func(i int) error {
		v := sample[i%len(sample)]
		_, err := all.Matching.Matches(ctx, services.Actor{UserID: v.AccountID, Role: models.RoleVolunteer}, v.ID, nil)
		return err
	}); err != nil {
		return err
	}
	pkO := o
	pkO.iterations = max(o.iterations, 2000)
	if _, err := timeIt(pkO, "primary-key SELECT of a volunteer (ceiling)", 0, func(i int) error {
		var v models.Volunteer
		return db.WithContext(ctx).First(&v, "id = ?", sample[i%len(sample)].ID).Error
	}); err != nil {
		return err
	}
	if err := slowPaths(ctx, db, all, o, trials, sample); err != nil {
		return err
	}
	for _, t := range trials {
		if err := explain(ctx, db, all, t); err != nil {
			return err
		}
	}
	return nil
}

// sampleVolunteers draws volunteers with a clinical profile.
func sampleVolunteers(ctx context.Context, db *gorm.DB, n int) ([]models.Volunteer, error) {
	var vs []models.Volunteer
	err := db.WithContext(ctx).Raw(`SELECT v.* FROM volunteers v TABLESAMPLE SYSTEM (1) REPEATABLE (7)
		JOIN volunteer_clinical c ON c.volunteer_id = v.id LIMIT ?`, n).Scan(&vs).Error
	if err == nil && len(vs) == 0 {
		err = db.WithContext(ctx).Raw(`SELECT v.* FROM volunteers v JOIN volunteer_clinical c ON c.volunteer_id = v.id LIMIT ?`, n).Scan(&vs).Error
	}
	if err == nil && len(vs) == 0 {
		err = fmt.Errorf("no volunteers to sample")
	}
	return vs, err
}

// explain prints EXPLAIN (ANALYZE, BUFFERS) of a trial's first candidate
// page as served from the kept ranking (RankingService.page), and of the
// page and the count as judged in SQL (a single site, criteria being edited).
func explain(ctx context.Context, db *gorm.DB, all *services.All, t measured) error {
	plan, err := compiled(ctx, all, t)
	if err != nil {
		return err
	}
	ranked := `SELECT r.volunteer_id, CASE WHEN r.possible THEN 'possibly_eligible' ELSE 'eligible' END AS verdict, r.unknown_count,
			CASE WHEN r.distance_km = 'Infinity' THEN NULL ELSE r.distance_km END AS nearest_site_km, r.registered_at
		FROM trial_rankings r JOIN volunteer_facts f ON f.volunteer_id = r.volunteer_id AND f.matchable
		WHERE r.trial_id = ? ORDER BY r.possible, r.unknown_count, r.distance_km, r.registered_at, r.volunteer_id LIMIT 21`
	inner, args := plan.CandidatesQuery()
	// The wrapper of MatchingService.searchCandidates, first page (no cursor).
	q := "SELECT volunteer_id, verdict, unknown_count, nearest_site_km, registered_at FROM (" + inner + ") AS ranked WHERE TRUE" +
		" ORDER BY verdict = 'possibly_eligible', unknown_count, coalesce(nearest_site_km, 'Infinity'::float8), registered_at, volunteer_id LIMIT ?"
	args = append(args, 21)
	countQ, countArgs := plan.FeasibilityQuery()
	for _, e := range []struct {
		what string
		q    string
		args []any
	}{{"candidate page 1 from the kept ranking", ranked, []any{t.trialID}}, {"candidate page 1 judged in SQL", q, args}, {"feasibility count judged in SQL", countQ, countArgs}} {
		var lines []string
		if err := db.WithContext(ctx).Raw("EXPLAIN (ANALYZE, BUFFERS) "+e.q, e.args...).Scan(&lines).Error; err != nil {
			return err
		}
		fmt.Printf("\nEXPLAIN (ANALYZE, BUFFERS) — %s — %s\n%s\n", e.what, t.name, strings.Join(lines, "\n"))
	}
	return nil
}
