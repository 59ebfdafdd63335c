package services

import (
	"context"
	"math"
	"time"

	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/internal/apperr"
)

// LoginThrottle counts failed logins per key in fixed windows, in PostgreSQL
// so that every instance behind a load balancer shares the counters.
type LoginThrottle struct {
	Deps
	Window             time.Duration
	MaxAccountFailures int
	MaxAddressFailures int
}

func (t *LoginThrottle) windowStart() time.Time { return t.Now().UTC().Truncate(t.Window) }

func (t *LoginThrottle) limit(key string) int {
	if len(key) > 5 && key[:5] == "addr:" {
		return t.MaxAddressFailures
	}
	return t.MaxAccountFailures
}

// Check refuses with 429 and Retry-After when any key is over its limit.
func (t *LoginThrottle) Check(ctx context.Context, keys ...string) error {
	start := t.windowStart()
	type row struct {
		Key      string
		Failures int
	}
	var rows []row
	if err := t.DB.WithContext(ctx).Table("login_throttle").Select("key, failures").
		Where("key IN ? AND window_start = ?", keys, start).Scan(&rows).Error; err != nil {
		return err
	}
	for _, r := range rows {
		if r.Failures >= t.limit(r.Key) {
			retry := int(math.Ceil(start.Add(t.Window).Sub(t.Now()).Seconds()))
			return &apperr.Error{Kind: apperr.TooMany, Code: "too_many_attempts",
				Message: "Too many failed sign-in attempts; wait a few minutes and try again.", RetryAfterSeconds: max(retry, 1)}
		}
	}
	return nil
}

// Fail records one failed attempt against each key.
func (t *LoginThrottle) Fail(ctx context.Context, keys ...string) error {
	start := t.windowStart()
	return t.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, k := range keys {
			if err := tx.Exec(`INSERT INTO login_throttle (key, window_start, failures) VALUES (?, ?, 1)
				ON CONFLICT (key, window_start) DO UPDATE SET failures = login_throttle.failures + 1`, k, start).Error; err != nil {
				return err
			}
			if err := tx.Exec(`DELETE FROM login_throttle WHERE key = ? AND window_start < ?`, k, start).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

// Reset forgets an account's failures after a successful login.
func (t *LoginThrottle) Reset(ctx context.Context, tx *gorm.DB, key string) error {
	return tx.WithContext(ctx).Exec(`DELETE FROM login_throttle WHERE key = ?`, key).Error
}
