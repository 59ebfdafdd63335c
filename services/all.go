package services

import (
	"crypto/hmac"
	"crypto/sha256"
	"time"

	"gorm.io/gorm"
)

// Settings are the configuration values the services need.
type Settings struct {
	JWTSecret          []byte
	JWTIssuer          string
	Audience           string
	AccessTTL          time.Duration
	RefreshTTL         time.Duration
	LoginWindow        time.Duration
	MaxAccountFailures int
	MaxAddressFailures int
	// SmallCell is the small-cell suppression threshold (5 by default).
	SmallCell int
}

// All is every service, wired once; cmd and the tests build it with NewAll.
type All struct {
	Tokens        *TokenIssuer
	Auth          *AuthService
	Users         *UserService
	Taxonomy      *TaxonomyService
	Facts         *FactsService
	Volunteers    *VolunteerService
	Trials        *TrialService
	Matching      *MatchingService
	Rankings      *RankingService
	Referrals     *ReferralService
	Reports       *ReportService
	Idempotency   *IdempotencyService
	AuditLog      *AuditLogService
	Notifications *NotificationService
	Demo          *DemoService
}

func NewAll(db *gorm.DB, now Clock, s Settings) *All {
	deps := Deps{DB: db, Now: now}
	tokens := &TokenIssuer{Secret: s.JWTSecret, Issuer: s.JWTIssuer, Audience: s.Audience, TTL: s.AccessTTL, Now: now}
	throttle := &LoginThrottle{Deps: deps, Window: s.LoginWindow, MaxAccountFailures: s.MaxAccountFailures, MaxAddressFailures: s.MaxAddressFailures}
	if s.SmallCell < 2 {
		s.SmallCell = 5
	}
	// Candidate pseudonyms are keyed by a key derived from the signing secret,
	// so they are stable across restarts and differ between deployments.
	mac := hmac.New(sha256.New, s.JWTSecret)
	mac.Write([]byte("trialmatch candidate pseudonyms"))
	taxonomy := &TaxonomyService{Deps: deps}
	facts := &FactsService{Deps: deps, Taxonomy: taxonomy}
	trials := &TrialService{Deps: deps, Facts: facts}
	catalog := &TrialCatalog{Deps: deps, Trials: trials, Facts: facts}
	rankings := &RankingService{Deps: deps, Catalog: catalog}
	facts.Rankings = rankings
	matching := &MatchingService{Deps: deps, Trials: trials, Facts: facts, Catalog: catalog, Rankings: rankings,
		PseudonymKey: mac.Sum(nil), SmallCell: s.SmallCell}
	volunteers := &VolunteerService{Deps: deps, Taxonomy: taxonomy, Facts: facts}
	matching.Volunteers = volunteers
	return &All{
		Referrals:     &ReferralService{Deps: deps, Trials: trials, Matching: matching},
		Reports:       &ReportService{Deps: deps, Trials: trials, Matching: matching},
		Idempotency:   &IdempotencyService{Deps: deps},
		AuditLog:      &AuditLogService{Deps: deps},
		Notifications: &NotificationService{Deps: deps},
		Taxonomy:      taxonomy,
		Facts:         facts,
		Volunteers:    volunteers,
		Trials:        trials,
		Matching:      matching,
		Rankings:      rankings,
		Tokens:        tokens,
		Auth:          &AuthService{Deps: deps, Tokens: tokens, RefreshTTL: s.RefreshTTL, Throttle: throttle},
		Users:         &UserService{Deps: deps},
		Demo:          &DemoService{Deps: deps, Trials: trials},
	}
}
