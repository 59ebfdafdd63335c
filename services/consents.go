package services

import (
	"context"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// ConsentTexts returns the current version of each scope's text in locale.
func (s *VolunteerService) ConsentTexts(ctx context.Context, locale string) ([]models.ConsentText, error) {
	if locale == "" {
		locale = "en"
	}
	var fs apperr.Fields
	validateLocale(&fs, locale)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var texts []models.ConsentText
	err := s.DB.WithContext(ctx).Raw(`SELECT DISTINCT ON (scope) * FROM consent_texts
		WHERE locale = ? ORDER BY scope, version DESC`, locale).Scan(&texts).Error
	return texts, err
}

// Consents returns the profile's consent history, newest first.
func (s *VolunteerService) Consents(ctx context.Context, actor Actor, id uuid.UUID) ([]models.Consent, error) {
	v, err := s.owned(ctx, s.DB, actor, id, false)
	if err != nil {
		return nil, err
	}
	var cs []models.Consent
	err = s.DB.WithContext(ctx).Where("volunteer_id = ?", v.ID).Order("granted_at DESC, id").Find(&cs).Error
	return cs, err
}

// GrantConsent records that the holder (the person, or the guardian for a
// dependent) agreed to the given version of a scope's text. Granting the
// version already in force changes nothing and reports created=false.
func (s *VolunteerService) GrantConsent(ctx context.Context, actor Actor, id uuid.UUID, scope models.ConsentScope, version int, locale string) (c models.Consent, created bool, err error) {
	var fs apperr.Fields
	if scope != models.ConsentMatching && scope != models.ConsentContact {
		fs.Add("scope", "invalid", "Use matching or contact.")
	}
	if version < 1 {
		fs.Add("version", "required", "Give the version of the text that was shown.")
	}
	validateLocale(&fs, locale)
	if err := fs.Err(); err != nil {
		return c, false, err
	}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		v, err := s.owned(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		var text models.ConsentText
		if err := tx.Where("scope = ? AND version = ? AND locale = ?", scope, version, locale).First(&text).Error; err != nil {
			if isNotFound(err) {
				return apperr.FromFields([]apperr.FieldError{{Field: "version", Code: "unknown_text", Message: "There is no such version of this consent text in this language."}})
			}
			return err
		}
		var open models.Consent
		err = tx.Where("volunteer_id = ? AND scope = ? AND withdrawn_at IS NULL", v.ID, scope).First(&open).Error
		switch {
		case err == nil && open.TextVersion == version:
			c = open
			return nil
		case err == nil:
			now := s.Now()
			if err := tx.Model(&open).Updates(map[string]any{"withdrawn_at": now, "withdrawn_by": actor.UserID}).Error; err != nil {
				return err
			}
		case !isNotFound(err):
			return err
		}
		c = models.Consent{VolunteerID: v.ID, Scope: scope, TextVersion: version, Locale: locale, GrantedBy: actor.UserID, GrantedAt: s.Now()}
		if err := tx.Create(&c).Error; err != nil {
			return err
		}
		created = true
		if err := writeAudit(ctx, tx, actor, AuditConsentGranted, "volunteer", v.ID.String(),
			models.JSONMap{"scope": string(scope), "version": version, "relationship": string(v.Relationship)}); err != nil {
			return err
		}
		return s.Facts.Refresh(ctx, tx, v.ID)
	})
	return c, created, err
}

// WithdrawConsent closes the open grant of a scope. Withdrawing matching takes
// the profile out of searches and counts in the same transaction.
func (s *VolunteerService) WithdrawConsent(ctx context.Context, actor Actor, id uuid.UUID, scope models.ConsentScope) error {
	if scope != models.ConsentMatching && scope != models.ConsentContact {
		return apperr.FromFields([]apperr.FieldError{{Field: "scope", Code: "invalid", Message: "Use matching or contact."}})
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		v, err := s.owned(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		res := tx.Model(&models.Consent{}).Where("volunteer_id = ? AND scope = ? AND withdrawn_at IS NULL", v.ID, scope).
			Updates(map[string]any{"withdrawn_at": s.Now(), "withdrawn_by": actor.UserID})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return apperr.Conflictf("not_granted", "This consent is not currently given.")
		}
		if err := writeAudit(ctx, tx, actor, AuditConsentWithdrawn, "volunteer", v.ID.String(), models.JSONMap{"scope": string(scope)}); err != nil {
			return err
		}
		return s.Facts.Refresh(ctx, tx, v.ID)
	})
}

// hasOpenConsent reports whether a volunteer has an open grant of scope.
func hasOpenConsent(tx *gorm.DB, volunteerID uuid.UUID, scope models.ConsentScope) (bool, error) {
	var n int64
	err := tx.Model(&models.Consent{}).Where("volunteer_id = ? AND scope = ? AND withdrawn_at IS NULL", volunteerID, scope).Count(&n).Error
	return n > 0, err
}
