package main

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/services"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

// rankExperiment measures a proposal, not the product: keep each trial's
// ranked candidates (the output of its compiled CandidatesQuery) in a table
// with an index in ranking order, rebuilt when the criteria change and
// updated when a profile changes. It reports how long a rebuild takes and
// how fast a candidate page and a count then are. The table is the
// benchmark's own (unlogged, dropped at the end).
func rankExperiment(ctx context.Context, db *gorm.DB, all *services.All, o options, trials []measured) error {
	fmt.Println("\nEXPERIMENT: candidates from a precomputed per-trial ranking (see docs/benchmarks.md)")
	db = db.WithContext(ctx)
	if err := db.Exec(`CREATE UNLOGGED TABLE IF NOT EXISTS bench_trial_rank (
		trial_id uuid NOT NULL, volunteer_id uuid NOT NULL, possible boolean NOT NULL, unknown_count int NOT NULL,
		distance_km double precision NOT NULL, registered_at timestamptz NOT NULL, PRIMARY KEY (trial_id, volunteer_id))`).Error; err != nil {
		return err
	}
	defer db.Exec("DROP TABLE IF EXISTS bench_trial_rank")
	if err := db.Exec("TRUNCATE bench_trial_rank").Error; err != nil {
		return err
	}
	for _, t := range trials {
		view, err := all.Trials.Get(ctx, t.investigator, t.trialID)
		if err != nil {
			return err
		}
		criteria, err := all.Trials.DecodeCriteria(ctx, view.Trial.Criteria)
		if err != nil {
			return err
		}
		evalCtx := eligibility.EvalContext{ReferenceDate: today()}
		for _, sv := range view.Sites {
			evalCtx.Sites = append(evalCtx.Sites, eligibility.Site{Latitude: sv.Site.Latitude, Longitude: sv.Site.Longitude, Country: sv.Site.Country})
		}
		plan, err := eligibility.CompileSQL(criteria, evalCtx)
		if err != nil {
			return err
		}
		inner, args := plan.CandidatesQuery()
		began := time.Now()
		res := db.Exec(`INSERT INTO bench_trial_rank SELECT ?, volunteer_id, verdict = 'possibly_eligible', unknown_count,
			coalesce(nearest_site_km, 'Infinity'::float8), registered_at FROM (`+inner+`) AS ranked`, append([]any{t.trialID}, args...)...)
		if res.Error != nil {
			return res.Error
		}
		fmt.Printf("rebuild of %s: %d rows in %s\n", t.name, res.RowsAffected, time.Since(began).Round(time.Millisecond))
	}
	began := time.Now()
	if err := db.Exec(`CREATE INDEX bench_trial_rank_order_idx ON bench_trial_rank
		(trial_id, possible, unknown_count, distance_km, registered_at, volunteer_id)`).Error; err != nil {
		return err
	}
	if err := db.Exec("VACUUM ANALYZE bench_trial_rank").Error; err != nil {
		return err
	}
	fmt.Printf("index in ranking order: %s\n", time.Since(began).Round(time.Millisecond))

	// A page reads the ranking in index order and re-checks the consent
	// (matchable) of the 21 rows it returns, so a withdrawal counts at once.
	page := `SELECT r.volunteer_id FROM bench_trial_rank r JOIN volunteer_facts f ON f.volunteer_id = r.volunteer_id AND f.matchable
		WHERE r.trial_id = ? AND (r.possible, r.unknown_count, r.distance_km, r.registered_at, r.volunteer_id) > (?, ?, ?, ?, ?)
		ORDER BY r.possible, r.unknown_count, r.distance_km, r.registered_at, r.volunteer_id LIMIT 21`
	count := `SELECT r.possible, count(*) FROM bench_trial_rank r WHERE r.trial_id = ? GROUP BY r.possible`
	for _, t := range trials {
		var after struct {
			Possible     bool
			UnknownCount int
			DistanceKm   float64
			RegisteredAt time.Time
			VolunteerID  string
		}
		// the keyset after 80 rows: page 5
		db.Raw(`SELECT possible, unknown_count, distance_km, registered_at, volunteer_id FROM bench_trial_rank WHERE trial_id = ?
			ORDER BY possible, unknown_count, distance_km, registered_at, volunteer_id OFFSET 79 LIMIT 1`, t.trialID).Scan(&after)
		for _, q := range []struct {
			name string
			sql  string
			args []any
		}{
			{"ranked page 1 — " + t.name, page, []any{t.trialID, false, -1, -1.0, time.Time{}, "00000000-0000-0000-0000-000000000000"}},
			{"ranked page 5 — " + t.name, page, []any{t.trialID, after.Possible, after.UnknownCount, after.DistanceKm, after.RegisteredAt, after.VolunteerID}},
			{"ranked count — " + t.name, count, []any{t.trialID}},
		} {
			if _, err := timeIt(o, q.name, 50*time.Millisecond, func(int) error {
				var rows []map[string]any
				return db.Raw(q.sql, q.args...).Scan(&rows).Error
			}); err != nil {
				return err
			}
		}
	}
	return nil
}
