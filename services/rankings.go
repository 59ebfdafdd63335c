package services

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

// RankingService keeps each trial's ranked candidates in trial_rankings
// (migration 00013), so that a candidate page and a count are index reads.
//
// A trial's ranking is built by its compiled SQL for one reference date and
// one set of inputs (criteria and sites). It is rebuilt when read stale —
// another date, or inputs that changed — and kept current between rebuilds
// one volunteer at a time: FactsService.Refresh re-judges the volunteer (in
// Go, which the property test holds equal to the SQL) against every ranked
// open trial in the transaction that changes the profile or the consent.
// Every write takes one transaction-level advisory lock, so rebuilds and
// volunteer updates never interleave.
type RankingService struct {
	Deps
	Catalog *TrialCatalog
}

// rankingLockKey is the advisory lock of every ranking write ("TMRANK").
const rankingLockKey int64 = 0x544d52414e4b

// rankingTarget is what a trial's ranking is built from.
type rankingTarget struct {
	trialID  uuid.UUID
	criteria []eligibility.Criterion
	sites    []eligibility.Site
	inputs   string
}

type rankingState struct {
	TrialID          uuid.UUID
	ReferenceDate    models.Date
	InputsHash       string
	Eligible         int
	PossiblyEligible int
}

func (s *RankingService) state(db *gorm.DB, trialID uuid.UUID) (rankingState, bool, error) {
	var st []rankingState
	err := db.Raw(`SELECT trial_id, reference_date, inputs_hash, eligible, possibly_eligible
		FROM trial_ranking_states WHERE trial_id = ?`, trialID).Scan(&st).Error
	if err != nil || len(st) == 0 {
		return rankingState{}, false, err
	}
	return st[0], true, nil
}

// ensure returns the state of a ranking that is current for the target and
// the date, building it first when it is not.
func (s *RankingService) ensure(ctx context.Context, t rankingTarget, ref models.Date) (rankingState, error) {
	st, ok, err := s.state(s.DB.WithContext(ctx), t.trialID)
	if err != nil {
		return st, err
	}
	if ok && st.ReferenceDate == ref && st.InputsHash == t.inputs {
		return st, nil
	}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", rankingLockKey).Error; err != nil {
			return err
		}
		// Another request may have built it while this one waited.
		st, ok, err = s.state(tx, t.trialID)
		if err != nil || (ok && st.ReferenceDate == ref && st.InputsHash == t.inputs) {
			return err
		}
		if err := s.rebuild(tx, t, ref); err != nil {
			return err
		}
		st, _, err = s.state(tx, t.trialID)
		return err
	})
	return st, err
}

// rebuild replaces a trial's ranking with the rows of its compiled query;
// the triggers of trial_rankings keep the totals.
func (s *RankingService) rebuild(tx *gorm.DB, t rankingTarget, ref models.Date) error {
	plan, err := eligibility.CompileSQL(t.criteria, eligibility.EvalContext{ReferenceDate: ref, Sites: t.sites})
	if err != nil {
		return err
	}
	if err := tx.Exec("DELETE FROM trial_rankings WHERE trial_id = ?", t.trialID).Error; err != nil {
		return err
	}
	if err := tx.Exec(`INSERT INTO trial_ranking_states (trial_id, reference_date, inputs_hash, built_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (trial_id) DO UPDATE SET reference_date = excluded.reference_date, inputs_hash = excluded.inputs_hash,
			eligible = 0, possibly_eligible = 0, built_at = excluded.built_at`, t.trialID, ref, t.inputs, s.Now()).Error; err != nil {
		return err
	}
	q, args := plan.RankingQuery()
	err = tx.Exec(`INSERT INTO trial_rankings (trial_id, volunteer_id, possible, unknown_count, distance_km, registered_at)
		SELECT ?, volunteer_id, possible, unknown_count, coalesce(nearest_site_km, 'Infinity'), registered_at FROM (`+q+`) AS ranked`,
		append([]any{t.trialID}, args...)...).Error
	if err != nil {
		return fmt.Errorf("rebuild ranking: %w", err)
	}
	return nil
}

// rankedRow is one candidate as the ranking orders them.
type rankedRow struct {
	VolunteerID   uuid.UUID
	Verdict       string
	UnknownCount  int
	NearestSiteKm *float64
	RegisteredAt  time.Time
}

// page reads up to limit rows of a current ranking after the cursor. The
// join re-checks that each volunteer is still matchable.
func (s *RankingService) page(ctx context.Context, trialID uuid.UUID, verdict string, cur *candidateCursor, limit int) ([]rankedRow, error) {
	q := `SELECT r.volunteer_id, CASE WHEN r.possible THEN 'possibly_eligible' ELSE 'eligible' END AS verdict, r.unknown_count,
			CASE WHEN r.distance_km = 'Infinity' THEN NULL ELSE r.distance_km END AS nearest_site_km, r.registered_at
		FROM trial_rankings r JOIN volunteer_facts f ON f.volunteer_id = r.volunteer_id AND f.matchable
		WHERE r.trial_id = ?`
	args := []any{trialID}
	if verdict != "" {
		q += " AND r.possible = ?"
		args = append(args, verdict == string(eligibility.PossiblyEligible))
	}
	if cur != nil {
		q += " AND (r.possible, r.unknown_count, r.distance_km, r.registered_at, r.volunteer_id) > (?, ?, ?::float8, ?, ?)"
		args = append(args, cur.Possible, cur.UnknownCount, cur.distance(), cur.RegisteredAt, cur.VolunteerID)
	}
	q += " ORDER BY r.possible, r.unknown_count, r.distance_km, r.registered_at, r.volunteer_id LIMIT ?"
	args = append(args, limit)
	var rows []rankedRow
	if err := s.DB.WithContext(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("ranking page: %w", err)
	}
	return rows, nil
}

// UpdateVolunteer re-ranks one volunteer inside tx, the transaction that
// changed their facts: their rows go, and when matchable they are judged
// against every ranked open trial again. A ranking this cannot keep current
// (a trial that is no longer open, or whose inputs changed) is marked stale.
func (s *RankingService) UpdateVolunteer(ctx context.Context, tx *gorm.DB, volunteerID uuid.UUID, facts *eligibility.Facts, registeredAt time.Time) error {
	if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", rankingLockKey).Error; err != nil {
		return err
	}
	if err := tx.Exec("DELETE FROM trial_rankings WHERE volunteer_id = ?", volunteerID).Error; err != nil {
		return err
	}
	if facts == nil {
		return nil
	}
	var states []rankingState
	if err := tx.Raw("SELECT trial_id, reference_date, inputs_hash FROM trial_ranking_states").Scan(&states).Error; err != nil {
		return err
	}
	if len(states) == 0 {
		return nil
	}
	cat, err := s.Catalog.current(ctx)
	if err != nil {
		return err
	}
	var stale []uuid.UUID
	var rows []map[string]any
	for _, st := range states {
		t := cat.byID[st.TrialID]
		if t == nil || t.inputs != st.InputsHash {
			stale = append(stale, st.TrialID)
			continue
		}
		res := eligibility.Evaluate(t.criteria, *facts, eligibility.EvalContext{ReferenceDate: st.ReferenceDate, Sites: t.sites})
		if res.Verdict == eligibility.Ineligible {
			continue
		}
		distance := math.Inf(1)
		if d := eligibility.NearestSiteKm(facts, t.sites); d != nil {
			distance = *d
		}
		rows = append(rows, map[string]any{"trial_id": st.TrialID, "volunteer_id": volunteerID,
			"possible": res.Verdict == eligibility.PossiblyEligible, "unknown_count": res.Counts.Unknown,
			"distance_km": distance, "registered_at": registeredAt})
	}
	if len(stale) > 0 {
		if err := tx.Exec("DELETE FROM trial_ranking_states WHERE trial_id IN ?", stale).Error; err != nil {
			return err
		}
	}
	if len(rows) == 0 {
		return nil
	}
	return tx.Table("trial_rankings").CreateInBatches(rows, 500).Error
}

// InvalidateRankings marks every ranking stale, for writers that change
// volunteer_facts in bulk without FactsService (the synthetic loader).
func InvalidateRankings(ctx context.Context, db *gorm.DB) error {
	return db.WithContext(ctx).Exec("DELETE FROM trial_ranking_states").Error
}

// Prewarm builds the stale rankings of the open trials for today, one trial
// at a time; the server runs it in the background so that the first page of
// the day is not the one that pays.
func (s *RankingService) Prewarm(ctx context.Context) (int, error) {
	cat, err := s.Catalog.current(ctx)
	if err != nil {
		return 0, err
	}
	today := models.NewDate(s.Now().UTC())
	built := 0
	for _, t := range cat.trials {
		if ctx.Err() != nil {
			return built, ctx.Err()
		}
		st, ok, err := s.state(s.DB.WithContext(ctx), t.view.Trial.ID)
		if err != nil {
			return built, err
		}
		if ok && st.ReferenceDate == today && st.InputsHash == t.inputs {
			continue
		}
		if _, err := s.ensure(ctx, rankingTarget{trialID: t.view.Trial.ID, criteria: t.criteria, sites: t.sites, inputs: t.inputs}, today); err != nil {
			return built, err
		}
		built++
	}
	return built, nil
}

// RunPrewarm prewarms every interval until ctx ends.
func (s *RankingService) RunPrewarm(ctx context.Context, interval time.Duration, logf func(string, ...any)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.Prewarm(ctx); err != nil && ctx.Err() == nil {
			logf("rankings: %v", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
