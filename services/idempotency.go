package services

import (
	"bytes"
	"context"
	"crypto/sha256"

	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/internal/apperr"
)

// IdempotencyService remembers the first response to a creating POST sent
// with an Idempotency-Key, and replays it to retries. A retry that arrives
// while the first request still runs waits for it (an advisory lock held for
// the first request's duration), so even concurrent retries write nothing
// twice. The domain's unique constraints (one account per e-mail, one
// referral per volunteer and trial) back this up should a process die between
// the write and the recording of its response.
type IdempotencyService struct{ Deps }

// StoredResponse is a response kept for replay.
type StoredResponse struct {
	Status      int
	ContentType string
	Body        []byte
}

// IdempotentRequest is an open claim on a key; Finish records the response.
type IdempotentRequest struct {
	tx          *gorm.DB
	scope, key  string
	requestHash []byte
	done        bool
}

// Begin claims (scope, key). It returns the stored response when the key was
// used before with the same request; a different request under the same key
// is refused.
func (s *IdempotencyService) Begin(ctx context.Context, scope, key string, request []byte) (*IdempotentRequest, *StoredResponse, error) {
	if len(key) > 200 {
		return nil, nil, apperr.FromFields([]apperr.FieldError{{Field: "Idempotency-Key", Code: "too_long", Message: "An Idempotency-Key has at most 200 characters."}})
	}
	sum := sha256.Sum256(request)
	tx := s.DB.WithContext(context.WithoutCancel(ctx)).Begin()
	if tx.Error != nil {
		return nil, nil, tx.Error
	}
	if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", scope+"\n"+key).Error; err != nil {
		tx.Rollback()
		return nil, nil, err
	}
	var rows []struct {
		RequestHash []byte
		Status      int
		ContentType string
		Body        []byte
	}
	if err := tx.Raw("SELECT request_hash, status, content_type, body FROM idempotency_keys WHERE scope = ? AND key = ?", scope, key).Scan(&rows).Error; err != nil {
		tx.Rollback()
		return nil, nil, err
	}
	if len(rows) > 0 {
		tx.Rollback()
		if !bytes.Equal(rows[0].RequestHash, sum[:]) {
			return nil, nil, &apperr.Error{Kind: apperr.Invalid, Code: "idempotency_key_reused",
				Message: "This Idempotency-Key was used for a different request.",
				Fields:  []apperr.FieldError{{Field: "Idempotency-Key", Code: "reused", Message: "Use a new key for a new request."}}}
		}
		return nil, &StoredResponse{Status: rows[0].Status, ContentType: rows[0].ContentType, Body: rows[0].Body}, nil
	}
	return &IdempotentRequest{tx: tx, scope: scope, key: key, requestHash: sum[:]}, nil, nil
}

// Finish records a successful response and releases the claim. A refusal or
// a server error is not recorded: it depends on a state that may change (a
// 409 conflict) or on a fault, so a retry with the same key runs again.
func (r *IdempotentRequest) Finish(resp StoredResponse) error {
	if r.done {
		return nil
	}
	r.done = true
	if resp.Status < 200 || resp.Status >= 300 {
		return r.tx.Rollback().Error
	}
	if err := r.tx.Exec(`INSERT INTO idempotency_keys (scope, key, request_hash, status, content_type, body) VALUES (?, ?, ?, ?, ?, ?)`,
		r.scope, r.key, r.requestHash, resp.Status, resp.ContentType, resp.Body).Error; err != nil {
		r.tx.Rollback()
		return err
	}
	return r.tx.Commit().Error
}

// Abandon releases the claim without recording anything.
func (r *IdempotentRequest) Abandon() {
	if !r.done {
		r.done = true
		r.tx.Rollback()
	}
}
