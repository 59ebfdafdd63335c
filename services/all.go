package services

import (
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
}

// All is every service, wired once; cmd and the tests build it with NewAll.
type All struct {
	Tokens     *TokenIssuer
	Auth       *AuthService
	Users      *UserService
	Taxonomy   *TaxonomyService
	Facts      *FactsService
	Volunteers *VolunteerService
	Trials     *TrialService
	Demo       *DemoService
}

func NewAll(db *gorm.DB, now Clock, s Settings) *All {
	deps := Deps{DB: db, Now: now}
	tokens := &TokenIssuer{Secret: s.JWTSecret, Issuer: s.JWTIssuer, Audience: s.Audience, TTL: s.AccessTTL, Now: now}
	throttle := &LoginThrottle{Deps: deps, Window: s.LoginWindow, MaxAccountFailures: s.MaxAccountFailures, MaxAddressFailures: s.MaxAddressFailures}
	taxonomy := &TaxonomyService{Deps: deps}
	facts := &FactsService{Deps: deps, Taxonomy: taxonomy}
	return &All{
		Taxonomy:   taxonomy,
		Facts:      facts,
		Volunteers: &VolunteerService{Deps: deps, Taxonomy: taxonomy, Facts: facts},
		Trials:     &TrialService{Deps: deps, Facts: facts},
		Tokens:     tokens,
		Auth:       &AuthService{Deps: deps, Tokens: tokens, RefreshTTL: s.RefreshTTL, Throttle: throttle},
		Users:      &UserService{Deps: deps},
		Demo:       &DemoService{Deps: deps},
	}
}
