package services

import (
	"encoding/base64"
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"github.com/trialmatch/trialmatch/internal/apperr"
)

const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Page is a cursor-paginated list: {items, next_cursor}.
type Page[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// keysetCursor marks the last row of a page ordered by (created_at, id).
type keysetCursor struct {
	At time.Time `json:"t"`
	ID uuid.UUID `json:"i"`
}

func encodeCursor(at time.Time, id uuid.UUID) *string {
	b, _ := json.Marshal(keysetCursor{At: at, ID: id})
	s := base64.RawURLEncoding.EncodeToString(b)
	return &s
}

func decodeCursor(s string) (*keysetCursor, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	var c keysetCursor
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == uuid.Nil {
		return nil, apperr.FromFields([]apperr.FieldError{{Field: "cursor", Code: "invalid", Message: "The cursor is not one this server gave out."}})
	}
	return &c, nil
}

// ClampLimit applies the default and the maximum page size; a limit below 1 or
// above the maximum is refused so that no query is ever unbounded.
func ClampLimit(limit int) (int, error) {
	switch {
	case limit == 0:
		return DefaultPageSize, nil
	case limit < 1 || limit > MaxPageSize:
		return 0, apperr.FromFields([]apperr.FieldError{{Field: "limit", Code: "out_of_range", Message: "Use a limit from 1 to 100."}})
	}
	return limit, nil
}
