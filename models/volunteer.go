package models

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"

	"github.com/google/uuid"
)

type Relationship string

const (
	RelationshipSelf  Relationship = "self"
	RelationshipChild Relationship = "child"
	RelationshipWard  Relationship = "ward"
)

// Volunteer is one person's profile, held by an account: the account holder's
// own or a dependent's.
type Volunteer struct {
	ID           uuid.UUID `gorm:"type:uuid;primaryKey;default:gen_random_uuid()"`
	AccountID    uuid.UUID `gorm:"type:uuid"`
	Relationship Relationship
	// InvitationsPaused stops new invitations (e.g. while in a trial).
	InvitationsPaused bool
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// VolunteerIdentity is who the volunteer is and how to reach them, kept apart
// from the clinical profile.
type VolunteerIdentity struct {
	VolunteerID       uuid.UUID `gorm:"type:uuid;primaryKey"`
	GivenName         string
	FamilyName        string
	Email             *string
	Phone             *string
	PreferredLanguage string
	UpdatedAt         time.Time
}

// VolunteerClinical stores the clinical profile as given, with a version that
// counts writes.
type VolunteerClinical struct {
	VolunteerID uuid.UUID       `gorm:"type:uuid;primaryKey"`
	Profile     ClinicalProfile `gorm:"type:jsonb"`
	Version     int
	UpdatedAt   time.Time
}

func (VolunteerClinical) TableName() string { return "volunteer_clinical" }

// Value and Scan store a ClinicalProfile as jsonb.
func (p ClinicalProfile) Value() (driver.Value, error) {
	b, err := json.Marshal(p)
	return string(b), err
}

func (p *ClinicalProfile) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return json.Unmarshal([]byte(v), p)
	case []byte:
		return json.Unmarshal(v, p)
	}
	return fmt.Errorf("cannot scan %T into ClinicalProfile", src)
}

type ConsentScope string

const (
	ConsentMatching ConsentScope = "matching"
	ConsentContact  ConsentScope = "contact"
)

// Consent is one grant of a scope, open until withdrawn.
type Consent struct {
	ID          uuid.UUID `gorm:"type:uuid;primaryKey;default:gen_random_uuid()"`
	VolunteerID uuid.UUID `gorm:"type:uuid"`
	Scope       ConsentScope
	TextVersion int
	Locale      string
	GrantedBy   uuid.UUID `gorm:"type:uuid"`
	GrantedAt   time.Time
	WithdrawnAt *time.Time
	WithdrawnBy *uuid.UUID `gorm:"type:uuid"`
}

// ConsentText is one published wording of a consent scope in one language.
type ConsentText struct {
	ID          int64 `gorm:"primaryKey"`
	Scope       ConsentScope
	Version     int
	Locale      string
	Title       string
	Body        string
	PublishedAt time.Time
}

// Condition is one node of the condition taxonomy.
type Condition struct {
	Code       string `gorm:"primaryKey"`
	ParentCode *string
	ICD10      *string     `gorm:"column:icd10"`
	NameEN     string      `gorm:"column:name_en"`
	NameTR     string      `gorm:"column:name_tr"`
	NameRU     string      `gorm:"column:name_ru"`
	NameKK     string      `gorm:"column:name_kk"`
	Synonyms   StringArray `gorm:"type:text[]"`
	SortOrder  int
}

// Name returns the condition's name in lang (English when unknown).
func (c Condition) Name(lang string) string {
	switch lang {
	case "tr":
		return c.NameTR
	case "ru":
		return c.NameRU
	case "kk":
		return c.NameKK
	}
	return c.NameEN
}
