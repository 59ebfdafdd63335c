// Package apperr is the one error type services return. Handlers map its Kind
// to an HTTP status in one table (handlers/errors.go); anything that is not an
// *Error is an internal error and never reaches a client.
package apperr

import (
	"errors"
	"fmt"
)

type Kind string

const (
	Invalid      Kind = "invalid"      // 422, with field errors
	BadRequest   Kind = "bad_request"  // 400: the request could not be read
	NotFound     Kind = "not_found"    // 404, also for "exists but not yours"
	Conflict     Kind = "conflict"     // 409
	Forbidden    Kind = "forbidden"    // 403
	Unauthorized Kind = "unauthorized" // 401
	TooMany      Kind = "too_many"     // 429
	Internal     Kind = "internal"     // 500
)

// FieldError names one invalid input field by its JSON path, e.g.
// "therapy_lines[1].ended_on" or "criteria[rr-1].min".
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Error is a failure a client may be told about. Code is a stable,
// machine-readable word (e.g. "email_taken", "account_pending").
type Error struct {
	Kind    Kind
	Code    string
	Message string
	Fields  []FieldError
	// RetryAfterSeconds is set on TooMany.
	RetryAfterSeconds int
}

func (e *Error) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("%s: %s (%d field errors, first %s: %s)", e.Kind, e.Message, len(e.Fields), e.Fields[0].Field, e.Fields[0].Message)
	}
	return fmt.Sprintf("%s: %s", e.Kind, e.Message)
}

func New(kind Kind, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message}
}

// Fields returns a 422 error listing fs; nil if fs is empty.
func FromFields(fs []FieldError) error {
	if len(fs) == 0 {
		return nil
	}
	return &Error{Kind: Invalid, Code: "validation_failed", Message: "Some fields are invalid.", Fields: fs}
}

func NotFoundf(format string, args ...any) *Error {
	return &Error{Kind: NotFound, Code: "not_found", Message: fmt.Sprintf(format, args...)}
}

func Conflictf(code, format string, args ...any) *Error {
	return &Error{Kind: Conflict, Code: code, Message: fmt.Sprintf(format, args...)}
}

func Forbiddenf(format string, args ...any) *Error {
	return &Error{Kind: Forbidden, Code: "forbidden", Message: fmt.Sprintf(format, args...)}
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Is reports whether err is an *Error of the given kind.
func Is(err error, kind Kind) bool {
	e, ok := As(err)
	return ok && e.Kind == kind
}

// Fields collects field errors in order; handy in validators.
type Fields []FieldError

func (f *Fields) Add(field, code, message string) {
	*f = append(*f, FieldError{Field: field, Code: code, Message: message})
}

func (f Fields) Err() error { return FromFields(f) }
