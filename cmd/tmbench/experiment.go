package main

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/models"
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
	fmt.Println("precomputed per-trial ranking:")
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
		plan, err := compiled(ctx, all, t)
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

// withoutInnerOrder measures the candidate page as MatchingService.Candidates
// builds it, but with the ORDER BY that SQLPlan.CandidatesQuery puts inside
// (and the wrapper repeats) removed: one top-N sort instead of a full sort
// followed by a top-N sort.
func withoutInnerOrder(ctx context.Context, db *gorm.DB, all *services.All, o options, trials []measured) error {
	o.iterations = min(o.iterations, 10)
	for _, t := range trials {
		plan, err := compiled(ctx, all, t)
		if err != nil {
			return err
		}
		inner, args := plan.CandidatesQuery()
		cut := strings.LastIndex(inner, " ORDER BY ")
		if cut < 0 {
			return fmt.Errorf("no ORDER BY in CandidatesQuery")
		}
		q := "SELECT volunteer_id, verdict, unknown_count, nearest_site_km, registered_at FROM (" + inner[:cut] + ") AS ranked WHERE TRUE" +
			" ORDER BY verdict = 'possibly_eligible', unknown_count, coalesce(nearest_site_km, 'Infinity'::float8), registered_at, volunteer_id LIMIT ?"
		args = append(args, 21)
		if _, err := timeIt(o, "page 1 SQL without the inner ORDER BY — "+t.name, 50*time.Millisecond, func(int) error {
			var rows []map[string]any
			return db.WithContext(ctx).Raw(q, args...).Scan(&rows).Error
		}); err != nil {
			return err
		}
	}
	return nil
}

// cachedMatches measures MatchingService.Matches as it would be with the
// recruiting trials' views and decoded criteria cached in memory: the two
// per-volunteer queries, Derive, Evaluate against every trial, the nearest
// site and the sort.
func cachedMatches(ctx context.Context, db *gorm.DB, all *services.All, o options, sample []models.Volunteer) error {
	tax, err := all.Facts.EngineTaxonomy(ctx)
	if err != nil {
		return err
	}
	type cached struct {
		criteria []eligibility.Criterion
		sites    []eligibility.Site
	}
	var trials []models.Trial
	if err := db.WithContext(ctx).Where("status = ?", models.TrialRecruiting).Find(&trials).Error; err != nil {
		return err
	}
	var sites []models.TrialSite
	if err := db.WithContext(ctx).Find(&sites).Error; err != nil {
		return err
	}
	cache := make([]cached, len(trials))
	for i, t := range trials {
		if cache[i].criteria, err = eligibility.DecodeCriteria(t.Criteria, tax); err != nil {
			return err
		}
		for _, s := range sites {
			if s.TrialID == t.ID {
				cache[i].sites = append(cache[i].sites, eligibility.Site{Latitude: s.Latitude, Longitude: s.Longitude, Country: s.Country})
			}
		}
	}
	o.iterations = max(o.iterations, 500)
	_, err = timeIt(o, fmt.Sprintf("matches with the %d decoded trials cached", len(trials)), 5*time.Millisecond, func(i int) error {
		v := sample[i%len(sample)]
		var vol models.Volunteer
		if err := db.WithContext(ctx).Where("id = ? AND account_id = ?", v.ID, v.AccountID).First(&vol).Error; err != nil {
			return err
		}
		var c models.VolunteerClinical
		if err := db.WithContext(ctx).First(&c, "volunteer_id = ?", v.ID).Error; err != nil {
			return err
		}
		facts := eligibility.Derive(c.Profile, tax)
		type match struct {
			result  eligibility.Result
			nearest float64
		}
		out := make([]match, 0, len(cache))
		ref := today()
		for _, t := range cache {
			m := match{result: eligibility.Evaluate(t.criteria, facts, eligibility.EvalContext{ReferenceDate: ref, Sites: t.sites}), nearest: math.Inf(1)}
			for _, s := range t.sites {
				if facts.Latitude != nil && s.Latitude != nil {
					m.nearest = min(m.nearest, eligibility.DistanceKm(*facts.Latitude, *facts.Longitude, *s.Latitude, *s.Longitude))
				}
			}
			out = append(out, m)
		}
		rank := map[eligibility.Verdict]int{eligibility.Eligible: 0, eligibility.PossiblyEligible: 1, eligibility.Ineligible: 2}
		slices.SortStableFunc(out, func(a, b match) int {
			if d := rank[a.result.Verdict] - rank[b.result.Verdict]; d != 0 {
				return d
			}
			if d := a.result.Counts.Unknown - b.result.Counts.Unknown; d != 0 {
				return d
			}
			return cmp.Compare(a.nearest, b.nearest)
		})
		return nil
	})
	return err
}

// compiled is a measured trial's criteria compiled as MatchingService does.
func compiled(ctx context.Context, all *services.All, t measured) (eligibility.SQLPlan, error) {
	view, err := all.Trials.Get(ctx, t.investigator, t.trialID)
	if err != nil {
		return eligibility.SQLPlan{}, err
	}
	criteria, err := all.Trials.DecodeCriteria(ctx, view.Trial.Criteria)
	if err != nil {
		return eligibility.SQLPlan{}, err
	}
	evalCtx := eligibility.EvalContext{ReferenceDate: today()}
	for _, sv := range view.Sites {
		evalCtx.Sites = append(evalCtx.Sites, eligibility.Site{Latitude: sv.Site.Latitude, Longitude: sv.Site.Longitude, Country: sv.Site.Country})
	}
	return eligibility.CompileSQL(criteria, evalCtx)
}

// announceCost runs, for each measured trial, the search with which
// TrialService.announce picks the accounts to notify when a trial starts
// recruiting (the same SQL, counted instead of inserted): announce runs it
// twice, in the transaction of the status change.
func announceCost(ctx context.Context, db *gorm.DB, all *services.All, trials []measured) error {
	for _, t := range trials {
		plan, err := compiled(ctx, all, t)
		if err != nil {
			return err
		}
		candidates, args := plan.CandidatesQuery()
		holders := `SELECT DISTINCT u.id, u.email, u.locale FROM (` + candidates + `) AS c
			JOIN volunteers v ON v.id = c.volunteer_id AND NOT v.invitations_paused
			JOIN consents k ON k.volunteer_id = v.id AND k.scope = 'contact' AND k.withdrawn_at IS NULL
			JOIN users u ON u.id = v.account_id AND u.status = 'active'`
		for run := 1; run <= 2; run++ {
			var n int64
			began := time.Now()
			if err := db.WithContext(ctx).Raw("SELECT count(*) FROM ("+holders+") AS h", args...).Scan(&n).Error; err != nil {
				return err
			}
			fmt.Printf("announce search (run %d) — %s: %d accounts to notify, %s (announce runs it twice and inserts 2 rows per account)\n",
				run, t.name, n, time.Since(began).Round(time.Millisecond))
		}
	}
	return nil
}
