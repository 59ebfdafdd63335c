package main

import (
	"context"
	"fmt"

	"github.com/trialmatch/trialmatch/internal/synth"
	"github.com/trialmatch/trialmatch/services"
)

// demoVolunteers is how many synthetic volunteers the demo data holds, so
// that candidate lists, counts and reports have something real to show.
const (
	demoVolunteers    = 300
	demoVolunteerSeed = 2026
)

// loadDemo loads the demo accounts and trials, then tops the synthetic
// volunteers up to demoVolunteers (idempotent: a second start adds none).
func loadDemo(ctx context.Context, a *app) ([]services.DemoLogin, error) {
	logins, err := a.all.Demo.Load(ctx)
	if err != nil {
		return nil, err
	}
	var have int64
	if err := a.db.Gorm.WithContext(ctx).Table("users").Where("email LIKE ?", "%@synthetic.trialmatch.test").Count(&have).Error; err != nil {
		return nil, err
	}
	if missing := demoVolunteers - int(have); missing > 0 {
		if err := synth.Load(ctx, a.db.Gorm, a.all, missing, demoVolunteerSeed, synth.LoadOptions{First: int(have)}); err != nil {
			return nil, fmt.Errorf("synthetic volunteers: %w", err)
		}
	}
	return logins, nil
}
