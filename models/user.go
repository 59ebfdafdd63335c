package models

import (
	"time"

	"github.com/google/uuid"
)

type Role string

const (
	RoleVolunteer    Role = "volunteer"
	RoleInvestigator Role = "investigator"
	RoleSponsor      Role = "sponsor"
	RoleAdmin        Role = "admin"
)

// Staff roles start pending and need an admin's approval.
func (r Role) IsStaff() bool { return r == RoleInvestigator || r == RoleSponsor }

type UserStatus string

const (
	UserActive   UserStatus = "active"
	UserPending  UserStatus = "pending"
	UserDisabled UserStatus = "disabled"
)

var Locales = []string{"en", "tr", "ru", "kk"}

type User struct {
	ID             uuid.UUID `gorm:"type:uuid;primaryKey;default:gen_random_uuid()"`
	Email          string
	PasswordHash   string
	Role           Role
	Status         UserStatus
	DisplayName    string
	Locale         string
	ApprovedAt     *time.Time
	ApprovedBy     *uuid.UUID `gorm:"type:uuid"`
	OrganisationID *uuid.UUID `gorm:"type:uuid"`
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

type RefreshToken struct {
	ID        uuid.UUID `gorm:"type:uuid;primaryKey;default:gen_random_uuid()"`
	UserID    uuid.UUID `gorm:"type:uuid"`
	FamilyID  uuid.UUID `gorm:"type:uuid"`
	TokenHash []byte
	ExpiresAt time.Time
	SpentAt   *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
}

// AuditEvent is one append-only audit row. Details never hold names, contact
// details, dates of birth or diagnoses.
type AuditEvent struct {
	ID          int64 `gorm:"primaryKey"`
	OccurredAt  time.Time
	ActorID     *uuid.UUID `gorm:"type:uuid"`
	ActorRole   *string
	Action      string
	SubjectType string
	SubjectID   *string
	RequestID   *string
	Details     JSONMap `gorm:"type:jsonb"`
}
