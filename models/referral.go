package models

import (
	"time"

	"github.com/google/uuid"
)

type ReferralState string

const (
	ReferralInvited      ReferralState = "invited"
	ReferralAccepted     ReferralState = "accepted"
	ReferralDeclined     ReferralState = "declined"
	ReferralInterested   ReferralState = "interested"
	ReferralPrescreening ReferralState = "prescreening"
	ReferralScreenFailed ReferralState = "screen_failed"
	ReferralEligible     ReferralState = "eligible"
	ReferralConsented    ReferralState = "consented"
	ReferralEnrolled     ReferralState = "enrolled"
	ReferralTreated      ReferralState = "treated"
	ReferralCompleted    ReferralState = "completed"
	ReferralWithdrawn    ReferralState = "withdrawn"
)

// ScreenFailReasons are the reason codes of a screen failure.
var ScreenFailReasons = []string{"inclusion_not_met", "exclusion_met", "declined", "lost_to_follow_up", "other"}

// Referral is one volunteer × one trial × one site in the pipeline.
type Referral struct {
	ID               uuid.UUID  `gorm:"type:uuid;primaryKey;default:gen_random_uuid()"`
	TrialID          uuid.UUID  `gorm:"type:uuid"`
	SiteID           uuid.UUID  `gorm:"type:uuid"`
	VolunteerID      *uuid.UUID `gorm:"type:uuid"`
	CandidateID      string
	Origin           string
	State            ReferralState
	Version          int
	IdentityReleased bool
	ScreenFailReason *string
	AgeBand          *string
	Sex              *string
	Country          *string
	Race             *string
	Ethnicity        *string
	CreatedBy        *uuid.UUID `gorm:"type:uuid"`
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// ReferralEvent is one step of a referral's history.
type ReferralEvent struct {
	ID          int64     `gorm:"primaryKey"`
	ReferralID  uuid.UUID `gorm:"type:uuid"`
	FromState   *ReferralState
	ToState     ReferralState
	ActorID     *uuid.UUID `gorm:"type:uuid"`
	ActorRole   *string
	ReasonCode  *string
	CriterionID *string
	Note        *string
	OccurredAt  time.Time
}

type EthicsApproval struct {
	ID            uuid.UUID  `gorm:"type:uuid;primaryKey;default:gen_random_uuid()"`
	TrialID       uuid.UUID  `gorm:"type:uuid"`
	SiteID        *uuid.UUID `gorm:"type:uuid"`
	Reference     string
	ApprovingBody string
	ApprovedOn    *Date      `gorm:"type:date"`
	ExpiresOn     Date       `gorm:"type:date"`
	CreatedBy     *uuid.UUID `gorm:"type:uuid"`
	CreatedAt     time.Time
}

// OutboxMessage is an e-mail waiting to be sent.
type OutboxMessage struct {
	ID              int64 `gorm:"primaryKey"`
	Kind            string
	RecipientUserID *uuid.UUID `gorm:"type:uuid"`
	ToEmail         string
	Locale          string
	Payload         JSONMap `gorm:"type:jsonb"`
	CreatedAt       time.Time
	Attempts        int
	NextAttemptAt   time.Time
	SentAt          *time.Time
	LastError       *string
}

func (OutboxMessage) TableName() string { return "outbox" }

type Notification struct {
	ID        uuid.UUID `gorm:"type:uuid;primaryKey;default:gen_random_uuid()"`
	UserID    uuid.UUID `gorm:"type:uuid"`
	Kind      string
	Payload   JSONMap `gorm:"type:jsonb"`
	CreatedAt time.Time
	ReadAt    *time.Time
}

type DevMail struct {
	ID      int64 `gorm:"primaryKey"`
	ToEmail string
	Subject string
	Body    string
	SentAt  time.Time
}

func (DevMail) TableName() string { return "dev_mailbox" }
