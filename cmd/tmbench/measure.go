package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
	"github.com/trialmatch/trialmatch/services/eligibility"
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
	if o.onlyExperiments {
		sample, err := sampleVolunteers(ctx, db, 500)
		if err != nil {
			return err
		}
		return experiments(ctx, db, all, o, trials, sample)
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
	if err := matchesBreakdown(ctx, db, all, o, sample); err != nil {
		return err
	}
	for _, t := range trials {
		if err := explain(ctx, db, all, t); err != nil {
			return err
		}
	}
	return experiments(ctx, db, all, o, trials, sample)
}

// experiments measure proposals (experiment.go) unless -experiment=false.
func experiments(ctx context.Context, db *gorm.DB, all *services.All, o options, trials []measured, sample []models.Volunteer) error {
	if !o.experiment {
		return nil
	}
	fmt.Println("\nEXPERIMENTS: proposals measured on the same data (see docs/benchmarks.md)")
	if err := cachedMatches(ctx, db, all, o, sample); err != nil {
		return err
	}
	if err := withoutInnerOrder(ctx, db, all, o, trials); err != nil {
		return err
	}
	if err := announceCost(ctx, db, all, trials); err != nil {
		return err
	}
	return rankExperiment(ctx, db, all, o, trials)
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

// matchesBreakdown times the parts of MatchingService.Matches with the same
// exported pieces: loading the recruiting trials with their sites, decoding
// their criteria, and judging one volunteer against all of them.
func matchesBreakdown(ctx context.Context, db *gorm.DB, all *services.All, o options, sample []models.Volunteer) error {
	fmt.Println("\nWhere a volunteer's matches spend their time (the same steps as MatchingService.Matches):")
	tax, err := all.Facts.EngineTaxonomy(ctx)
	if err != nil {
		return err
	}
	o.iterations, o.budget = 50, 10*time.Second
	var trials []models.Trial
	if _, err := timeIt(o, "  load recruiting trials + sites (2 queries)", 0, func(int) error {
		trials = nil
		if err := db.WithContext(ctx).Where("status = ?", models.TrialRecruiting).Order("created_at, id").Find(&trials).Error; err != nil {
			return err
		}
		ids := make([]uuid.UUID, len(trials))
		for i, t := range trials {
			ids[i] = t.ID
		}
		var sites []models.TrialSite
		return db.WithContext(ctx).Where("trial_id IN ?", ids).Find(&sites).Error
	}); err != nil {
		return err
	}
	decoded := make([][]eligibility.Criterion, len(trials))
	if _, err := timeIt(o, "  decode every trial's criteria", 0, func(int) error {
		for i, t := range trials {
			if decoded[i], err = eligibility.DecodeCriteria(t.Criteria, tax); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		return err
	}
	var c models.VolunteerClinical
	if err := db.WithContext(ctx).First(&c, "volunteer_id = ?", sample[0].ID).Error; err != nil {
		return err
	}
	facts := eligibility.Derive(c.Profile, tax)
	evalCtx := eligibility.EvalContext{ReferenceDate: today()}
	_, err = timeIt(o, "  evaluate one volunteer against every trial", 0, func(int) error {
		for _, cs := range decoded {
			eligibility.Evaluate(cs, facts, evalCtx)
		}
		return nil
	})
	return err
}

// explain prints EXPLAIN (ANALYZE, BUFFERS) of a trial's first candidate
// page and of its count, built as MatchingService builds them.
func explain(ctx context.Context, db *gorm.DB, all *services.All, t measured) error {
	plan, err := compiled(ctx, all, t)
	if err != nil {
		return err
	}
	inner, args := plan.CandidatesQuery()
	// The wrapper of MatchingService.Candidates, first page (no cursor).
	q := "SELECT volunteer_id, verdict, unknown_count, nearest_site_km, registered_at FROM (" + inner + ") AS ranked WHERE TRUE" +
		" ORDER BY verdict = 'possibly_eligible', unknown_count, coalesce(nearest_site_km, 'Infinity'::float8), registered_at, volunteer_id LIMIT ?"
	args = append(args, 21)
	countQ, countArgs := plan.FeasibilityQuery()
	for _, e := range []struct {
		what string
		q    string
		args []any
	}{{"candidate page 1", q, args}, {"feasibility count", countQ, countArgs}} {
		var lines []string
		if err := db.WithContext(ctx).Raw("EXPLAIN (ANALYZE, BUFFERS) "+e.q, e.args...).Scan(&lines).Error; err != nil {
			return err
		}
		fmt.Printf("\nEXPLAIN (ANALYZE, BUFFERS) — %s — %s\n%s\n", e.what, t.name, strings.Join(lines, "\n"))
	}
	return nil
}
