package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

// slowPaths measures what the kept rankings do not make fast: building a
// ranking (the first read after a change of criteria or sites, and every
// ranking once a day), a candidate page for one site and a count of criteria
// being edited (both judge the registry in SQL), a profile save (which
// re-ranks the volunteer against every ranked trial), and the announcement
// search of a trial that opens.
func slowPaths(ctx context.Context, db *gorm.DB, all *services.All, o options, trials []measured, sample []models.Volunteer) error {
	fmt.Println("\nSLOW PATHS (milliseconds; a full judgement of the registry each, or a ranking write)")
	few := o
	few.iterations = min(o.iterations, 5)
	for _, t := range trials {
		if _, err := timeIt(few, "ranking rebuild (first read after a change) — "+t.name, 0, func(int) error {
			if err := db.WithContext(ctx).Exec("DELETE FROM trial_ranking_states WHERE trial_id = ?", t.trialID).Error; err != nil {
				return err
			}
			_, err := all.Matching.Feasibility(ctx, t.investigator, t.trialID, nil, nil)
			return err
		}); err != nil {
			return err
		}
		view, err := all.Trials.Get(ctx, t.investigator, t.trialID)
		if err != nil {
			return err
		}
		site := view.SiteIDs[0]
		if _, err := timeIt(few, "candidates page 1 for one site (judged in SQL) — "+t.name, 0, func(int) error {
			_, err := all.Matching.Candidates(ctx, t.investigator, t.trialID, services.CandidatesFilter{Limit: 20, SiteID: &site})
			return err
		}); err != nil {
			return err
		}
		// The criteria editor's live count: the saved criteria and one more.
		var edited []json.RawMessage
		if err := json.Unmarshal(view.Trial.Criteria, &edited); err != nil {
			return err
		}
		edited = append(edited, json.RawMessage(`{"id": "bench-extra", "kind": "active_gvhd", "rule": "exclude"}`))
		raw, _ := json.Marshal(edited)
		if _, err := timeIt(few, "feasibility count of criteria being edited (judged in SQL) — "+t.name, 0, func(int) error {
			_, err := all.Matching.Feasibility(ctx, t.investigator, t.trialID, raw, nil)
			return err
		}); err != nil {
			return err
		}
	}
	var ranked int64
	db.WithContext(ctx).Table("trial_ranking_states").Count(&ranked)
	saves := o
	saves.iterations = min(o.iterations, 100)
	if _, err := timeIt(saves, fmt.Sprintf("profile save, re-ranked against %d ranked trials", ranked), 0, func(i int) error {
		v := sample[i%len(sample)]
		actor := services.Actor{UserID: v.AccountID, Role: models.RoleVolunteer}
		c, err := all.Volunteers.GetClinical(ctx, actor, v.ID)
		if err != nil {
			return err
		}
		_, err = all.Volunteers.PutClinical(ctx, actor, v.ID, c.Profile)
		return err
	}); err != nil {
		return err
	}
	return announceCost(ctx, db, all, trials)
}

// prewarm builds the ranking of every recruiting trial, as the server's
// background loop does after midnight, and reports the time it took.
func prewarm(ctx context.Context, all *services.All) error {
	began := time.Now()
	n, err := all.Rankings.Prewarm(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("PREWARM built %d rankings in %s\n", n, time.Since(began).Round(time.Millisecond))
	return nil
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
// recruiting (the same SQL, counted instead of inserted).
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
		var n int64
		began := time.Now()
		if err := db.WithContext(ctx).Raw("SELECT count(*) FROM ("+holders+") AS h", args...).Scan(&n).Error; err != nil {
			return err
		}
		fmt.Printf("announce search — %s: %d accounts to notify, %s (a background job)\n", t.name, n, time.Since(began).Round(time.Millisecond))
	}
	return nil
}
