package services

import (
	"context"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// VolunteerService keeps volunteer profiles: identity, the clinical profile
// and its derived facts, and consents. Only the holding account may read or
// change them; anyone else gets not-found, so existence never leaks.
type VolunteerService struct {
	Deps
	Taxonomy *TaxonomyService
	Facts    *FactsService
}

// VolunteerView is one profile as its holder sees it.
type VolunteerView struct {
	Volunteer      models.Volunteer
	Identity       models.VolunteerIdentity
	HasClinical    bool
	ClinicalAt     *time.Time
	ActiveConsents []models.ConsentScope
}

type IdentityInput struct {
	// InvitationsPaused is not identity but lives on the same form: pausing
	// new invitations while in a trial.
	InvitationsPaused *bool
	GivenName         *string
	FamilyName        *string
	Email             *string
	Phone             *string
	PreferredLanguage *string
}

func validateIdentity(fs *apperr.Fields, in IdentityInput, creating bool) {
	name := func(field string, v *string) {
		switch {
		case v == nil && creating:
			fs.Add(field, "required", "This field is required.")
		case v == nil:
		case strings.TrimSpace(*v) == "":
			fs.Add(field, "required", "This field is required.")
		case len([]rune(*v)) > 100:
			fs.Add(field, "too_long", "Use at most 100 characters.")
		}
	}
	name("given_name", in.GivenName)
	name("family_name", in.FamilyName)
	if in.Email != nil && *in.Email != "" {
		validateEmail(fs, "email", NormalizeEmail(*in.Email))
	}
	if in.Phone != nil && *in.Phone != "" && !phonePattern.MatchString(*in.Phone) {
		fs.Add("phone", "invalid", "Enter a phone number with digits, like +90 312 555 0100.")
	}
	if in.PreferredLanguage != nil {
		var lfs apperr.Fields
		validateLocale(&lfs, *in.PreferredLanguage)
		for _, f := range lfs {
			fs.Add("preferred_language", f.Code, f.Message)
		}
	}
}

func trimmed(p *string) *string {
	if p == nil {
		return nil
	}
	s := strings.TrimSpace(*p)
	if s == "" {
		return nil
	}
	return &s
}

// Create adds the account holder's own profile or a dependent's.
func (s *VolunteerService) Create(ctx context.Context, actor Actor, relationship models.Relationship, in IdentityInput) (VolunteerView, error) {
	var fs apperr.Fields
	switch relationship {
	case models.RelationshipSelf, models.RelationshipChild, models.RelationshipWard:
	default:
		fs.Add("relationship", "invalid", "Use self, child or ward.")
	}
	validateIdentity(&fs, in, true)
	if err := fs.Err(); err != nil {
		return VolunteerView{}, err
	}
	lang := "en"
	if in.PreferredLanguage != nil {
		lang = *in.PreferredLanguage
	} else if u, err := (&UserService{Deps: s.Deps}).Me(ctx, actor); err == nil {
		lang = u.Locale
	}
	email := trimmed(in.Email)
	if email != nil {
		e := NormalizeEmail(*email)
		email = &e
	}
	view := VolunteerView{
		Volunteer: models.Volunteer{AccountID: actor.UserID, Relationship: relationship},
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&view.Volunteer).Error; err != nil {
			if isUniqueViolation(err) {
				return &apperr.Error{Kind: apperr.Conflict, Code: "self_exists", Message: "This account already has its own profile; add a child or ward instead.",
					Fields: []apperr.FieldError{{Field: "relationship", Code: "self_exists", Message: "This account already has its own profile."}}}
			}
			return err
		}
		view.Identity = models.VolunteerIdentity{VolunteerID: view.Volunteer.ID, GivenName: strings.TrimSpace(*in.GivenName),
			FamilyName: strings.TrimSpace(*in.FamilyName), Email: email, Phone: trimmed(in.Phone), PreferredLanguage: lang}
		return tx.Create(&view.Identity).Error
	})
	return view, err
}

// owned loads a volunteer held by the actor's account, or not-found.
func (s *VolunteerService) owned(ctx context.Context, tx *gorm.DB, actor Actor, id uuid.UUID, lock bool) (models.Volunteer, error) {
	var v models.Volunteer
	q := tx.WithContext(ctx)
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	err := q.Where("id = ? AND account_id = ?", id, actor.UserID).First(&v).Error
	if isNotFound(err) || actor.Role != models.RoleVolunteer {
		return v, apperr.NotFoundf("No such volunteer profile.")
	}
	return v, err
}

// List returns the account's own profile and its dependents, oldest first.
func (s *VolunteerService) List(ctx context.Context, actor Actor) ([]VolunteerView, error) {
	var vols []models.Volunteer
	if err := s.DB.WithContext(ctx).Where("account_id = ?", actor.UserID).Order("created_at, id").Find(&vols).Error; err != nil {
		return nil, err
	}
	return s.views(ctx, vols)
}

func (s *VolunteerService) Get(ctx context.Context, actor Actor, id uuid.UUID) (VolunteerView, error) {
	v, err := s.owned(ctx, s.DB, actor, id, false)
	if err != nil {
		return VolunteerView{}, err
	}
	views, err := s.views(ctx, []models.Volunteer{v})
	if err != nil {
		return VolunteerView{}, err
	}
	return views[0], nil
}

// views loads identities, clinical timestamps and open consents of vols in
// three queries, whatever their number.
func (s *VolunteerService) views(ctx context.Context, vols []models.Volunteer) ([]VolunteerView, error) {
	ids := make([]uuid.UUID, len(vols))
	for i, v := range vols {
		ids[i] = v.ID
	}
	db := s.DB.WithContext(ctx)
	var identities []models.VolunteerIdentity
	var clinical []struct {
		VolunteerID uuid.UUID
		UpdatedAt   time.Time
	}
	var consents []models.Consent
	if len(ids) > 0 {
		if err := db.Where("volunteer_id IN ?", ids).Find(&identities).Error; err != nil {
			return nil, err
		}
		if err := db.Model(&models.VolunteerClinical{}).Select("volunteer_id, updated_at").Where("volunteer_id IN ?", ids).Scan(&clinical).Error; err != nil {
			return nil, err
		}
		if err := db.Where("volunteer_id IN ? AND withdrawn_at IS NULL", ids).Order("scope").Find(&consents).Error; err != nil {
			return nil, err
		}
	}
	out := make([]VolunteerView, len(vols))
	for i, v := range vols {
		out[i].Volunteer = v
		out[i].ActiveConsents = []models.ConsentScope{}
		for _, id := range identities {
			if id.VolunteerID == v.ID {
				out[i].Identity = id
			}
		}
		for _, c := range clinical {
			if c.VolunteerID == v.ID {
				at := c.UpdatedAt
				out[i].HasClinical, out[i].ClinicalAt = true, &at
			}
		}
		for _, c := range consents {
			if c.VolunteerID == v.ID {
				out[i].ActiveConsents = append(out[i].ActiveConsents, c.Scope)
			}
		}
	}
	return out, nil
}

// UpdateIdentity changes the names, contact or language of a profile.
func (s *VolunteerService) UpdateIdentity(ctx context.Context, actor Actor, id uuid.UUID, in IdentityInput) (VolunteerView, error) {
	var fs apperr.Fields
	validateIdentity(&fs, in, false)
	if err := fs.Err(); err != nil {
		return VolunteerView{}, err
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		v, err := s.owned(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		updates := map[string]any{"updated_at": s.Now()}
		if in.GivenName != nil {
			updates["given_name"] = strings.TrimSpace(*in.GivenName)
		}
		if in.FamilyName != nil {
			updates["family_name"] = strings.TrimSpace(*in.FamilyName)
		}
		if in.Email != nil {
			var email *string
			if e := trimmed(in.Email); e != nil {
				n := NormalizeEmail(*e)
				email = &n
			}
			updates["email"] = email
		}
		if in.Phone != nil {
			updates["phone"] = trimmed(in.Phone)
		}
		if in.PreferredLanguage != nil {
			updates["preferred_language"] = *in.PreferredLanguage
		}
		if in.InvitationsPaused != nil {
			if err := tx.Model(&models.Volunteer{}).Where("id = ?", v.ID).
				Updates(map[string]any{"invitations_paused": *in.InvitationsPaused, "updated_at": s.Now()}).Error; err != nil {
				return err
			}
		}
		return tx.Model(&models.VolunteerIdentity{}).Where("volunteer_id = ?", v.ID).Updates(updates).Error
	})
	if err != nil {
		return VolunteerView{}, err
	}
	return s.Get(ctx, actor, id)
}

// Delete removes one profile with its identity, clinical data, facts and
// consents.
func (s *VolunteerService) Delete(ctx context.Context, actor Actor, id uuid.UUID) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		v, err := s.owned(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		if err := tx.Delete(&models.Volunteer{}, "id = ?", v.ID).Error; err != nil {
			return err
		}
		return writeAudit(ctx, tx, actor, AuditVolunteerDeleted, "volunteer", v.ID.String(), models.JSONMap{"relationship": string(v.Relationship)})
	})
}
