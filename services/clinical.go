package services

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// ClinicalView is a stored clinical profile with what validation warned of.
type ClinicalView struct {
	Profile   models.ClinicalProfile
	Version   int
	UpdatedAt time.Time
	Warnings  []apperr.FieldError
}

// GetClinical returns the profile's clinical data; not-found when none is
// stored yet.
func (s *VolunteerService) GetClinical(ctx context.Context, actor Actor, id uuid.UUID) (ClinicalView, error) {
	v, err := s.owned(ctx, s.DB, actor, id, false)
	if err != nil {
		return ClinicalView{}, err
	}
	var c models.VolunteerClinical
	err = s.DB.WithContext(ctx).First(&c, "volunteer_id = ?", v.ID).Error
	if isNotFound(err) {
		return ClinicalView{}, apperr.New(apperr.NotFound, "no_clinical_profile", "No clinical profile has been entered yet.")
	}
	if err != nil {
		return ClinicalView{}, err
	}
	check, err := s.CheckClinical(ctx, &c.Profile)
	if err != nil {
		return ClinicalView{}, err
	}
	return ClinicalView{Profile: c.Profile, Version: c.Version, UpdatedAt: c.UpdatedAt, Warnings: check.Warnings}, nil
}

// CheckClinical validates a profile against today's date and the taxonomy.
func (s *VolunteerService) CheckClinical(ctx context.Context, p *models.ClinicalProfile) (ClinicalCheck, error) {
	if _, err := s.Taxonomy.Nodes(ctx); err != nil {
		return ClinicalCheck{}, err
	}
	v := clinicalValidator{
		today: models.NewDate(s.Now().UTC()),
		exists: func(code string) bool {
			ok, _ := s.Taxonomy.Exists(ctx, code)
			return ok
		},
		ancestors: func(code string) []string {
			a, _ := s.Taxonomy.Ancestors(ctx, code)
			return a
		},
	}
	return v.validate(p), nil
}

// PutClinical replaces the clinical profile after validating all of it, and
// re-derives the facts that searching uses, in one transaction: nothing is
// written when any part is invalid.
func (s *VolunteerService) PutClinical(ctx context.Context, actor Actor, id uuid.UUID, p models.ClinicalProfile) (ClinicalView, error) {
	check, err := s.CheckClinical(ctx, &p)
	if err != nil {
		return ClinicalView{}, err
	}
	if err := check.Errors.Err(); err != nil {
		return ClinicalView{}, err
	}
	view := ClinicalView{Profile: p, Warnings: check.Warnings}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		v, err := s.owned(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		now := s.Now()
		row := models.VolunteerClinical{VolunteerID: v.ID, Profile: p, Version: 1, UpdatedAt: now}
		res := tx.Model(&models.VolunteerClinical{}).Where("volunteer_id = ?", v.ID).
			Updates(map[string]any{"profile": p, "version": gorm.Expr("version + 1"), "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			if err := tx.Create(&row).Error; err != nil {
				return err
			}
		}
		if err := tx.First(&row, "volunteer_id = ?", v.ID).Error; err != nil {
			return err
		}
		view.Version, view.UpdatedAt = row.Version, row.UpdatedAt
		return s.Facts.Refresh(ctx, tx, v.ID)
	})
	return view, err
}
