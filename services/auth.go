package services

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// AuthService registers accounts and runs sessions: login, refresh-token
// rotation with reuse detection, logout.
type AuthService struct {
	Deps
	Tokens     *TokenIssuer
	RefreshTTL time.Duration
	Throttle   *LoginThrottle
}

// Session is what a successful login, refresh or volunteer sign-up returns.
type Session struct {
	User         models.User
	AccessToken  string
	ExpiresIn    int
	RefreshToken string
	RefreshUntil time.Time
}

type RegisterInput struct {
	Email       string
	Password    string
	DisplayName string
	Locale      string
	Role        models.Role
}

var (
	errInvalidCredentials = apperr.New(apperr.Unauthorized, "invalid_credentials", "The e-mail or password is not correct.")
	errAccountPending     = apperr.New(apperr.Forbidden, "account_pending", "This account is waiting for an administrator's approval.")
	errAccountDisabled    = apperr.New(apperr.Forbidden, "account_disabled", "This account is disabled.")
	errRefreshInvalid     = apperr.New(apperr.Unauthorized, "invalid_refresh_token", "The session has ended; sign in again.")
	errRefreshReused      = apperr.New(apperr.Unauthorized, "refresh_token_reused", "The session has ended; sign in again.")
)

// NormalizeEmail trims and lower-cases an address for storage and lookup.
func NormalizeEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func validateEmail(fs *apperr.Fields, field, email string) {
	if email == "" {
		fs.Add(field, "required", "Enter an e-mail address.")
		return
	}
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || len(email) > 254 || !strings.Contains(email[strings.LastIndex(email, "@"):], ".") {
		fs.Add(field, "invalid", "Enter a valid e-mail address, like name@example.org.")
	}
}

func validateDisplayName(fs *apperr.Fields, name string) {
	n := utf8.RuneCountInString(strings.TrimSpace(name))
	if n == 0 {
		fs.Add("display_name", "required", "Enter a name to show.")
	} else if n > 100 {
		fs.Add("display_name", "too_long", "Use at most 100 characters.")
	}
}

func validateLocale(fs *apperr.Fields, locale string) {
	for _, l := range models.Locales {
		if l == locale {
			return
		}
	}
	fs.Add("locale", "invalid", "Choose one of: en, tr, ru, kk.")
}

// Register creates an account. Volunteers are active at once and get a
// session; staff start pending and get none until an admin approves them.
func (s *AuthService) Register(ctx context.Context, actor Actor, in RegisterInput) (models.User, *Session, error) {
	in.Email = NormalizeEmail(in.Email)
	in.DisplayName = strings.TrimSpace(in.DisplayName)
	if in.Role == "" {
		in.Role = models.RoleVolunteer
	}
	if in.Locale == "" {
		in.Locale = "en"
	}
	var fs apperr.Fields
	validateEmail(&fs, "email", in.Email)
	if code, msg := CheckPassword(in.Password); code != "" {
		fs.Add("password", code, msg)
	}
	validateDisplayName(&fs, in.DisplayName)
	validateLocale(&fs, in.Locale)
	if in.Role != models.RoleVolunteer && !in.Role.IsStaff() {
		fs.Add("role", "invalid", "Choose volunteer, investigator or sponsor.")
	}
	if err := fs.Err(); err != nil {
		return models.User{}, nil, err
	}
	hash, err := HashPassword(in.Password)
	if err != nil {
		return models.User{}, nil, err
	}
	u := models.User{
		Email: in.Email, PasswordHash: hash, Role: in.Role, Status: models.UserActive,
		DisplayName: in.DisplayName, Locale: in.Locale,
	}
	if in.Role.IsStaff() {
		u.Status = models.UserPending
	}
	var sess *Session
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&u).Error; err != nil {
			if isUniqueViolation(err) {
				return &apperr.Error{Kind: apperr.Conflict, Code: "email_taken", Message: "An account with this e-mail already exists.",
					Fields: []apperr.FieldError{{Field: "email", Code: "taken", Message: "An account with this e-mail already exists; sign in instead."}}}
			}
			return err
		}
		actor := Actor{UserID: u.ID, Role: u.Role, RequestID: actor.RequestID, IP: actor.IP}
		if err := writeAudit(ctx, tx, actor, AuditRegister, "user", u.ID.String(), models.JSONMap{"role": string(u.Role)}); err != nil {
			return err
		}
		if u.Status == models.UserActive {
			sess, err = s.startSession(tx, u, uuid.New())
		}
		return err
	})
	if err != nil {
		return models.User{}, nil, err
	}
	return u, sess, nil
}

// Login checks the password, with throttling per account and per address.
// An unknown e-mail and a wrong password get the same answer.
func (s *AuthService) Login(ctx context.Context, actor Actor, email, password string) (*Session, error) {
	email = NormalizeEmail(email)
	accountKey, addressKey := "account:"+email, "addr:"+actor.IP
	if err := s.Throttle.Check(ctx, accountKey, addressKey); err != nil {
		return nil, err
	}
	var u models.User
	err := s.DB.WithContext(ctx).Where("email = ?", email).First(&u).Error
	found := err == nil
	if err != nil && !isNotFound(err) {
		return nil, err
	}
	hash := dummyHash
	if found {
		hash = u.PasswordHash
	}
	ok, err := VerifyPassword(hash, password)
	if err != nil {
		return nil, fmt.Errorf("verify password: %w", err)
	}
	if !found || !ok {
		if err := s.Throttle.Fail(ctx, accountKey, addressKey); err != nil {
			return nil, err
		}
		subject := ""
		if found {
			subject = u.ID.String()
		}
		if err := writeAudit(ctx, s.DB, actor, AuditLoginFailed, "user", subject, nil); err != nil {
			return nil, err
		}
		return nil, errInvalidCredentials
	}
	switch u.Status {
	case models.UserPending:
		return nil, errAccountPending
	case models.UserDisabled:
		return nil, errAccountDisabled
	}
	var sess *Session
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.Throttle.Reset(ctx, tx, accountKey); err != nil {
			return err
		}
		actor := Actor{UserID: u.ID, Role: u.Role, RequestID: actor.RequestID, IP: actor.IP}
		if err := writeAudit(ctx, tx, actor, AuditLogin, "user", u.ID.String(), nil); err != nil {
			return err
		}
		sess, err = s.startSession(tx, u, uuid.New())
		return err
	})
	return sess, err
}

// startSession stores a new refresh token in family and signs an access token.
func (s *AuthService) startSession(tx *gorm.DB, u models.User, family uuid.UUID) (*Session, error) {
	token, hash, err := newRefreshToken()
	if err != nil {
		return nil, err
	}
	now := s.Now()
	rt := models.RefreshToken{UserID: u.ID, FamilyID: family, TokenHash: hash, ExpiresAt: now.Add(s.RefreshTTL), CreatedAt: now}
	if err := tx.Create(&rt).Error; err != nil {
		return nil, err
	}
	access, expiresIn, err := s.Tokens.Issue(u)
	if err != nil {
		return nil, err
	}
	return &Session{User: u, AccessToken: access, ExpiresIn: expiresIn, RefreshToken: token, RefreshUntil: rt.ExpiresAt}, nil
}

// Refresh spends a refresh token and returns a new pair in the same family.
// Presenting a token that was already spent means it was stolen or replayed:
// the whole family is revoked and the caller must sign in again.
func (s *AuthService) Refresh(ctx context.Context, actor Actor, token string) (*Session, error) {
	if token == "" {
		return nil, errRefreshInvalid
	}
	var sess *Session
	reused := false
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var rt models.RefreshToken
		err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("token_hash = ?", hashRefreshToken(token)).First(&rt).Error
		if isNotFound(err) {
			return errRefreshInvalid
		}
		if err != nil {
			return err
		}
		now := s.Now()
		switch {
		case rt.RevokedAt != nil:
			return errRefreshInvalid
		case rt.SpentAt != nil:
			reused = true
			if err := tx.Model(&models.RefreshToken{}).Where("family_id = ? AND revoked_at IS NULL", rt.FamilyID).
				Update("revoked_at", now).Error; err != nil {
				return err
			}
			return writeAudit(ctx, tx, actor, AuditTokenReuse, "user", rt.UserID.String(), models.JSONMap{"family_id": rt.FamilyID.String()})
		case !now.Before(rt.ExpiresAt):
			return errRefreshInvalid
		}
		var u models.User
		if err := tx.First(&u, "id = ?", rt.UserID).Error; err != nil {
			return err
		}
		if u.Status != models.UserActive {
			return errRefreshInvalid
		}
		if err := tx.Model(&rt).Update("spent_at", now).Error; err != nil {
			return err
		}
		sess, err = s.startSession(tx, u, rt.FamilyID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if reused {
		return nil, errRefreshReused
	}
	return sess, nil
}

// Logout revokes the family of the given refresh token; with no token, every
// session of the signed-in actor.
func (s *AuthService) Logout(ctx context.Context, actor Actor, refreshToken string) error {
	now := s.Now()
	return s.tx(ctx, func(tx *gorm.DB) error {
		q := tx.Model(&models.RefreshToken{}).Where("revoked_at IS NULL")
		subject := actor.UserID
		switch {
		case refreshToken != "":
			var rt models.RefreshToken
			err := tx.Where("token_hash = ?", hashRefreshToken(refreshToken)).First(&rt).Error
			if isNotFound(err) {
				if !actor.Signed() {
					return errRefreshInvalid
				}
				q = q.Where("user_id = ?", actor.UserID)
				break
			}
			if err != nil {
				return err
			}
			subject = rt.UserID
			q = q.Where("family_id = ?", rt.FamilyID)
		case actor.Signed():
			q = q.Where("user_id = ?", actor.UserID)
		default:
			return apperr.New(apperr.Unauthorized, "no_session", "There is no session to end.")
		}
		if err := q.Update("revoked_at", now).Error; err != nil {
			return err
		}
		return writeAudit(ctx, tx, actor, AuditLogout, "user", subject.String(), nil)
	})
}
