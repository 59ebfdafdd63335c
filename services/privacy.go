package services

import (
	"context"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/models"
)

// AccountExport is every stored fact about an account and its profiles.
type AccountExport struct {
	ExportedAt  time.Time
	Account     models.User
	Volunteers  []VolunteerExport
	AuditEvents []models.AuditEvent
}

type VolunteerExport struct {
	Volunteer models.Volunteer
	Identity  models.VolunteerIdentity
	Clinical  *models.VolunteerClinical
	Facts     map[string]any
	Consents  []models.Consent
}

// Export gathers the account, its profiles with identity, clinical data,
// derived facts and consent history, and the audit events about them. The
// export itself is audited.
func (s *VolunteerService) Export(ctx context.Context, actor Actor) (AccountExport, error) {
	out := AccountExport{ExportedAt: s.Now().UTC()}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&out.Account, "id = ?", actor.UserID).Error; err != nil {
			return err
		}
		var vols []models.Volunteer
		if err := tx.Where("account_id = ?", actor.UserID).Order("created_at, id").Find(&vols).Error; err != nil {
			return err
		}
		subjects := []string{actor.UserID.String()}
		for _, v := range vols {
			ve := VolunteerExport{Volunteer: v, Consents: []models.Consent{}}
			if err := tx.First(&ve.Identity, "volunteer_id = ?", v.ID).Error; err != nil && !isNotFound(err) {
				return err
			}
			var c models.VolunteerClinical
			if err := tx.First(&c, "volunteer_id = ?", v.ID).Error; err == nil {
				ve.Clinical = &c
			} else if !isNotFound(err) {
				return err
			}
			facts, err := s.Facts.Export(ctx, tx, v.ID)
			if err != nil {
				return err
			}
			ve.Facts = facts
			if err := tx.Where("volunteer_id = ?", v.ID).Order("granted_at, id").Find(&ve.Consents).Error; err != nil {
				return err
			}
			out.Volunteers = append(out.Volunteers, ve)
			subjects = append(subjects, v.ID.String())
		}
		if err := tx.Where("actor_id = ? OR subject_id IN ?", actor.UserID, subjects).Order("occurred_at, id").Find(&out.AuditEvents).Error; err != nil {
			return err
		}
		return writeAudit(ctx, tx, actor, AuditDataExported, "user", actor.UserID.String(), models.JSONMap{"volunteers": len(vols)})
	})
	return out, err
}

// DeleteAccount erases the account with its identity and clinical data (its
// profiles, facts, consents and sessions cascade) in one transaction. The
// audit trail keeps only ids; the e-mail address is free to register again.
func (s *VolunteerService) DeleteAccount(ctx context.Context, actor Actor) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var ids []uuid.UUID
		if err := tx.Model(&models.Volunteer{}).Where("account_id = ?", actor.UserID).Pluck("id", &ids).Error; err != nil {
			return err
		}
		res := tx.Delete(&models.User{}, "id = ?", actor.UserID)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return errNotFound
		}
		return writeAudit(ctx, tx, actor, AuditAccountDeleted, "user", actor.UserID.String(), models.JSONMap{"volunteers": len(ids)})
	})
}
