package services

import (
	"context"
	"fmt"
	"math"
	"strings"
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
// Every write takes one transaction-level advisory lock (also the trigger
// that removes an erased volunteer, migration 00013), so rebuilds and
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

// rebuild replaces a trial's ranking with the rows of its compiled query,
// and its state with the totals of those rows.
func (s *RankingService) rebuild(tx *gorm.DB, t rankingTarget, ref models.Date) error {
	plan, err := eligibility.CompileSQL(t.criteria, eligibility.EvalContext{ReferenceDate: ref, Sites: t.sites})
	if err != nil {
		return err
	}
	if err := tx.Exec("DELETE FROM trial_rankings WHERE trial_id = ?", t.trialID).Error; err != nil {
		return err
	}
	q, args := plan.RankingQuery()
	var totals struct{ Eligible, PossiblyEligible int }
	err = tx.Raw(`WITH inserted AS (
			INSERT INTO trial_rankings (trial_id, volunteer_id, possible, unknown_count, distance_km, registered_at)
			SELECT ?, volunteer_id, possible, unknown_count, coalesce(nearest_site_km, 'Infinity'), registered_at FROM (`+q+`) AS ranked
			RETURNING possible)
		SELECT count(*) FILTER (WHERE NOT possible) AS eligible, count(*) FILTER (WHERE possible) AS possibly_eligible FROM inserted`,
		append([]any{t.trialID}, args...)...).Scan(&totals).Error
	if err != nil {
		return fmt.Errorf("rebuild ranking: %w", err)
	}
	return tx.Exec(`INSERT INTO trial_ranking_states (trial_id, reference_date, inputs_hash, eligible, possibly_eligible, built_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (trial_id) DO UPDATE SET reference_date = excluded.reference_date, inputs_hash = excluded.inputs_hash,
			eligible = excluded.eligible, possibly_eligible = excluded.possibly_eligible, built_at = excluded.built_at`,
		t.trialID, ref, t.inputs, totals.Eligible, totals.PossiblyEligible, s.Now()).Error
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
	// The totals move by what leaves and what comes (eligible, possible).
	delta := map[uuid.UUID]*[2]int{}
	count := func(trialID uuid.UUID, possible bool, by int) {
		d := delta[trialID]
		if d == nil {
			d = &[2]int{}
			delta[trialID] = d
		}
		if possible {
			d[1] += by
		} else {
			d[0] += by
		}
	}
	var gone []struct {
		TrialID  uuid.UUID
		Possible bool
	}
	if err := tx.Raw("DELETE FROM trial_rankings WHERE volunteer_id = ? RETURNING trial_id, possible", volunteerID).Scan(&gone).Error; err != nil {
		return err
	}
	for _, g := range gone {
		count(g.TrialID, g.Possible, -1)
	}
	var states []rankingState
	if facts != nil {
		if err := tx.Raw("SELECT trial_id, reference_date, inputs_hash FROM trial_ranking_states").Scan(&states).Error; err != nil {
			return err
		}
	}
	var cat *catalog
	if len(states) > 0 {
		var err error
		if cat, err = s.Catalog.current(ctx); err != nil {
			return err
		}
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
		possible := res.Verdict == eligibility.PossiblyEligible
		rows = append(rows, map[string]any{"trial_id": st.TrialID, "volunteer_id": volunteerID,
			"possible": possible, "unknown_count": res.Counts.Unknown, "distance_km": distance, "registered_at": registeredAt})
		count(st.TrialID, possible, +1)
	}
	if len(stale) > 0 {
		if err := tx.Exec("DELETE FROM trial_ranking_states WHERE trial_id IN ?", stale).Error; err != nil {
			return err
		}
	}
	if len(rows) > 0 {
		if err := tx.Table("trial_rankings").CreateInBatches(rows, 500).Error; err != nil {
			return err
		}
	}
	return s.moveTotals(tx, delta)
}

// moveTotals adds each trial's change of totals to its state (a trial
// without a state is stale and has none to keep).
func (s *RankingService) moveTotals(tx *gorm.DB, delta map[uuid.UUID]*[2]int) error {
	var values []string
	var args []any
	for trialID, d := range delta {
		if d[0] != 0 || d[1] != 0 {
			values = append(values, "(?::uuid, ?::int, ?::int)")
			args = append(args, trialID, d[0], d[1])
		}
	}
	if len(values) == 0 {
		return nil
	}
	return tx.Exec(`UPDATE trial_ranking_states s SET eligible = s.eligible + d.eligible, possibly_eligible = s.possibly_eligible + d.possible
		FROM (VALUES `+strings.Join(values, ", ")+`) AS d(trial_id, eligible, possible) WHERE s.trial_id = d.trial_id`, args...).Error
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
