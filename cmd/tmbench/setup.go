package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/trialmatch/trialmatch/internal/synth"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

const sponsors = 4

func sponsorEmail(k int) string { return fmt.Sprintf("sponsor%d@synthetic.trialmatch.test", k+1) }

func investigatorEmail(centre string) string {
	return "investigator." + centre + "@synthetic.trialmatch.test"
}

// createTrials makes the staff accounts (sponsors, one investigator per
// centre) and the trials, each through TrialService as a sponsor would:
// create, add sites, put the investigator on each site, set the criteria;
// then recruiting (see createTrial).
func createTrials(ctx context.Context, db *gorm.DB, all *services.All, o options) error {
	hash, err := services.HashPassword(services.DemoPassword)
	if err != nil {
		return err
	}
	staff := []models.User{}
	for k := range sponsors {
		staff = append(staff, models.User{Email: sponsorEmail(k), Role: models.RoleSponsor, DisplayName: fmt.Sprintf("Synthetic Sponsor %d", k+1)})
	}
	for _, c := range synth.Centres {
		staff = append(staff, models.User{Email: investigatorEmail(c.Centre), Role: models.RoleInvestigator, DisplayName: "Investigator, " + c.Name})
	}
	for i := range staff {
		staff[i].PasswordHash, staff[i].Status, staff[i].Locale = hash, models.UserActive, "en"
	}
	// Idempotent, so that trials can be created again on loaded volunteers.
	if err := db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&staff).Error; err != nil {
		return err
	}
	for i := range staff {
		if err := db.WithContext(ctx).First(&staff[i], "email = ?", staff[i].Email).Error; err != nil {
			return err
		}
	}
	specs := synth.Trials(o.seed, o.trials)
	// One worker per sponsor: a sponsor's trials are created one at a time
	// (TrialService locks the sponsor's account row).
	errs := make([]error, sponsors)
	var wg sync.WaitGroup
	for k := range sponsors {
		wg.Go(func() {
			actor := services.Actor{UserID: staff[k].ID, Role: models.RoleSponsor}
			for i := k; i < len(specs) && errs[k] == nil; i += sponsors {
				errs[k] = createTrial(ctx, db, all, actor, specs[i])
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func createTrial(ctx context.Context, db *gorm.DB, all *services.All, actor services.Actor, spec synth.TrialSpec) error {
	target := spec.TargetEnrollment
	view, err := all.Trials.Create(ctx, actor, services.TrialInput{Title: &spec.Title, Summary: spec.Summary, Phases: spec.Phases, TargetEnrollment: &target})
	if err != nil {
		return fmt.Errorf("create %q: %w", spec.Title, err)
	}
	id := view.Trial.ID
	for _, s := range spec.Sites {
		lat, lon, target := s.Latitude, s.Longitude, s.Target
		site, err := all.Trials.AddSite(ctx, actor, id, services.SiteInput{Name: s.Name, City: s.City, Country: s.Country,
			Latitude: &lat, Longitude: &lon, TargetEnrollment: &target})
		if err != nil {
			return fmt.Errorf("site of %q: %w", spec.Title, err)
		}
		if _, err := all.Trials.AddSiteStaff(ctx, actor, id, site.ID, investigatorEmail(s.Centre), models.SitePrincipalInvestigator); err != nil {
			return fmt.Errorf("staff of %q: %w", spec.Title, err)
		}
	}
	if _, err := all.Trials.PutCriteria(ctx, actor, id, spec.Criteria); err != nil {
		return fmt.Errorf("criteria of %q: %w", spec.Title, err)
	}
	// Recruiting is set directly, not with TrialService.Update: Update also
	// announces the trial (TrialService.announce), running its candidate
	// search twice and writing a notification and an e-mail per matching
	// account in the same transaction — seconds per trial at 1M volunteers
	// and 10⁵ rows for a broad one (announceCost measures it). The trials
	// meet readyToRecruit's conditions (sites and criteria).
	return db.WithContext(ctx).Model(&models.Trial{}).Where("id = ?", id).
		Updates(map[string]any{"status": models.TrialRecruiting, "updated_at": time.Now().UTC()}).Error
}

// measured are the two trials the benchmark measures, with an investigator
// on their sites.
type measured struct {
	name         string
	trialID      uuid.UUID
	investigator services.Actor
}

// measuredTrials finds trial 0 (selective: paediatric B-ALL) and trial 1
// (broad: adult haematological malignancy) of synth.Trials.
func measuredTrials(ctx context.Context, db *gorm.DB, o options) ([]measured, error) {
	specs := synth.Trials(o.seed, 2)
	out := []measured{{name: "selective (paediatric R/R B-ALL, CD19)"}, {name: "broad (haematological malignancy, 18–80 y)"}}
	for i, spec := range specs {
		var t models.Trial
		if err := db.WithContext(ctx).Where("title = ? AND status = 'recruiting'", spec.Title).Order("created_at").First(&t).Error; err != nil {
			return nil, fmt.Errorf("trial %q: %w", spec.Title, err)
		}
		var u models.User
		if err := db.WithContext(ctx).First(&u, "email = ?", investigatorEmail(spec.Sites[0].Centre)).Error; err != nil {
			return nil, err
		}
		out[i].trialID = t.ID
		out[i].investigator = services.Actor{UserID: u.ID, Role: models.RoleInvestigator}
	}
	return out, nil
}
