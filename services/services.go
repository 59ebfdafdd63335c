// Package services owns TrialMatch's rules: who may do what, validation beyond
// shape, state changes and the transactions around them. Methods take a
// context and the acting user; they return *apperr.Error for anything a client
// may be told, and plain errors for internal failures.
package services

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// Actor is the user on whose behalf a service method runs.
type Actor struct {
	UserID    uuid.UUID
	Role      models.Role
	RequestID string
	IP        string
}

// Anonymous is an actor with no account (sign-up, login, public pages).
func Anonymous(requestID, ip string) Actor { return Actor{RequestID: requestID, IP: ip} }

func (a Actor) Signed() bool { return a.UserID != uuid.Nil }

// Clock returns the current time; tests pass a fixed one.
type Clock func() time.Time

// Deps are what every service needs.
type Deps struct {
	DB  *gorm.DB
	Now Clock
}

func (d Deps) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return d.DB.WithContext(ctx).Transaction(fn)
}

func isNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }

// isUniqueViolation reports a PostgreSQL unique_violation (with TranslateError
// on, gorm maps it to ErrDuplicatedKey).
func isUniqueViolation(err error) bool { return errors.Is(err, gorm.ErrDuplicatedKey) }

var errNotFound = apperr.NotFoundf("Not found.")
