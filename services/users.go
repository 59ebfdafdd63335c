package services

import (
	"context"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// UserService serves the signed-in user's account and the admin's staff
// approval.
type UserService struct{ Deps }

func (s *UserService) Me(ctx context.Context, actor Actor) (models.User, error) {
	var u models.User
	err := s.DB.WithContext(ctx).First(&u, "id = ?", actor.UserID).Error
	if isNotFound(err) {
		return u, apperr.New(apperr.Unauthorized, "unauthorized", "Sign in again.")
	}
	return u, err
}

type UpdateMeInput struct {
	DisplayName *string
	Locale      *string
}

func (s *UserService) UpdateMe(ctx context.Context, actor Actor, in UpdateMeInput) (models.User, error) {
	var fs apperr.Fields
	updates := map[string]any{}
	if in.DisplayName != nil {
		name := strings.TrimSpace(*in.DisplayName)
		validateDisplayName(&fs, name)
		updates["display_name"] = name
	}
	if in.Locale != nil {
		validateLocale(&fs, *in.Locale)
		updates["locale"] = *in.Locale
	}
	if err := fs.Err(); err != nil {
		return models.User{}, err
	}
	if len(updates) > 0 {
		updates["updated_at"] = s.Now()
		if err := s.DB.WithContext(ctx).Model(&models.User{}).Where("id = ?", actor.UserID).Updates(updates).Error; err != nil {
			return models.User{}, err
		}
	}
	return s.Me(ctx, actor)
}

// ListUsers pages through accounts, newest last, optionally by status.
func (s *UserService) ListUsers(ctx context.Context, actor Actor, status string, limit int, cursor string) (Page[models.User], error) {
	var page Page[models.User]
	if err := requireRole(actor, models.RoleAdmin); err != nil {
		return page, err
	}
	limit, err := ClampLimit(limit)
	if err != nil {
		return page, err
	}
	c, err := decodeCursor(cursor)
	if err != nil {
		return page, err
	}
	q := s.DB.WithContext(ctx).Order("created_at, id").Limit(limit + 1)
	switch status {
	case "":
	case string(models.UserActive), string(models.UserPending), string(models.UserDisabled):
		q = q.Where("status = ?", status)
	default:
		return page, apperr.FromFields([]apperr.FieldError{{Field: "status", Code: "invalid", Message: "Use active, pending or disabled."}})
	}
	if c != nil {
		q = q.Where("(created_at, id) > (?, ?)", c.At, c.ID)
	}
	if err := q.Find(&page.Items).Error; err != nil {
		return page, err
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		last := page.Items[limit-1]
		page.NextCursor = encodeCursor(last.CreatedAt, last.ID)
	}
	return page, nil
}

// Approve activates a pending staff account.
func (s *UserService) Approve(ctx context.Context, actor Actor, id uuid.UUID) (models.User, error) {
	var u models.User
	if err := requireRole(actor, models.RoleAdmin); err != nil {
		return u, err
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.First(&u, "id = ?", id).Error; err != nil {
			if isNotFound(err) {
				return errNotFound
			}
			return err
		}
		if u.Status != models.UserPending {
			return apperr.Conflictf("not_pending", "Only a pending account can be approved; this one is %s.", u.Status)
		}
		now := s.Now()
		if err := tx.Model(&u).Updates(map[string]any{"status": models.UserActive, "approved_at": now, "approved_by": actor.UserID, "updated_at": now}).Error; err != nil {
			return err
		}
		return writeAudit(ctx, tx, actor, AuditUserApproved, "user", u.ID.String(), models.JSONMap{"role": string(u.Role)})
	})
	return u, err
}

// CreateAdmin makes an active admin account (the `admin create` command).
func (s *UserService) CreateAdmin(ctx context.Context, email, password, name string) (models.User, error) {
	email = NormalizeEmail(email)
	var fs apperr.Fields
	validateEmail(&fs, "email", email)
	if code, msg := CheckPassword(password); code != "" {
		fs.Add("password", code, msg)
	}
	validateDisplayName(&fs, name)
	if err := fs.Err(); err != nil {
		return models.User{}, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return models.User{}, err
	}
	u := models.User{Email: email, PasswordHash: hash, Role: models.RoleAdmin, Status: models.UserActive, DisplayName: name, Locale: "en"}
	err = s.DB.WithContext(ctx).Create(&u).Error
	if isUniqueViolation(err) {
		return u, apperr.Conflictf("email_taken", "An account with this e-mail already exists.")
	}
	return u, err
}

// requireRole is the service-side half of authorization (the route table is
// the other): a method that only some roles may call says so here too.
func requireRole(actor Actor, roles ...models.Role) error {
	for _, r := range roles {
		if actor.Role == r {
			return nil
		}
	}
	return apperr.Forbiddenf("Your role may not do this.")
}
