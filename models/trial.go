package models

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"
)

type Organisation struct {
	ID        uuid.UUID `gorm:"type:uuid;primaryKey;default:gen_random_uuid()"`
	Kind      string
	Name      string
	Country   *string
	CreatedAt time.Time
}

type TrialStatus string

const (
	TrialDraft      TrialStatus = "draft"
	TrialRecruiting TrialStatus = "recruiting"
	TrialPaused     TrialStatus = "paused"
	TrialClosed     TrialStatus = "closed"
)

// Phases as ClinicalTrials.gov names them, lower-cased.
var TrialPhases = []string{"early_phase1", "phase1", "phase2", "phase3", "phase4", "not_applicable"}

// Trial is one study. Criteria are stored as the JSON the sponsor saved
// (validated by the eligibility package on the way in).
type Trial struct {
	ID                 uuid.UUID `gorm:"type:uuid;primaryKey;default:gen_random_uuid()"`
	SponsorID          uuid.UUID `gorm:"type:uuid"`
	NCTID              *string   `gorm:"column:nct_id"`
	Title              string
	Summary            JSONStrings `gorm:"type:jsonb"`
	Phases             StringArray `gorm:"type:text[]"`
	Status             TrialStatus
	TargetEnrollment   *int
	Criteria           json.RawMessage `gorm:"type:jsonb"`
	Conditions         StringArray     `gorm:"type:text[]"`
	UnmappedConditions StringArray     `gorm:"type:text[]"`
	Source             string
	RegistryStatus     *string
	InvitationMessage  string
	Version            int
	CreatedBy          *uuid.UUID `gorm:"type:uuid"`
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

type TrialSite struct {
	ID               uuid.UUID `gorm:"type:uuid;primaryKey;default:gen_random_uuid()"`
	TrialID          uuid.UUID `gorm:"type:uuid"`
	Name             string
	City             string
	Country          string
	Latitude         *float64
	Longitude        *float64
	TargetEnrollment *int
	CreatedAt        time.Time
}

type SiteRole string

const (
	SitePrincipalInvestigator SiteRole = "principal_investigator"
	SiteCoordinator           SiteRole = "coordinator"
)

type SiteStaff struct {
	SiteID    uuid.UUID `gorm:"type:uuid;primaryKey"`
	UserID    uuid.UUID `gorm:"type:uuid;primaryKey"`
	Role      SiteRole
	AddedBy   *uuid.UUID `gorm:"type:uuid"`
	CreatedAt time.Time
}

func (SiteStaff) TableName() string { return "site_staff" }
