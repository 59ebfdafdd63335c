package handlers

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/internal/apperr"
)

// Problem is an RFC 9457 problem details body, with a stable machine code and
// field errors for validation failures.
type Problem struct {
	Type   string              `json:"type"`
	Title  string              `json:"title"`
	Status int                 `json:"status"`
	Detail string              `json:"detail,omitempty"`
	Code   string              `json:"code"`
	Errors []apperr.FieldError `json:"errors,omitempty"`
}

// statusOf maps each error kind to its HTTP status: the one table.
var statusOf = map[apperr.Kind]int{
	apperr.BadRequest:   http.StatusBadRequest,
	apperr.Invalid:      http.StatusUnprocessableEntity,
	apperr.NotFound:     http.StatusNotFound,
	apperr.Conflict:     http.StatusConflict,
	apperr.Forbidden:    http.StatusForbidden,
	apperr.Unauthorized: http.StatusUnauthorized,
	apperr.TooMany:      http.StatusTooManyRequests,
	apperr.Internal:     http.StatusInternalServerError,
}

const problemTypeBase = "https://trialmatch.org/problems/"

// errorHandler renders every error as problem+json. Errors that are not
// *apperr.Error become a generic 500, logged with the request id, and their
// text never reaches the client.
func errorHandler(logger *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		p := problemFor(err)
		if p.Status == http.StatusInternalServerError {
			logger.ErrorContext(c.Request().Context(), "internal error",
				"request_id", requestID(c), "method", c.Request().Method, "route", c.Path(), "error", err.Error())
		}
		if e, ok := apperr.As(err); ok && e.RetryAfterSeconds > 0 {
			c.Response().Header().Set("Retry-After", strconv.Itoa(e.RetryAfterSeconds))
		}
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
		c.Response().WriteHeader(p.Status)
		if c.Request().Method == http.MethodHead {
			return
		}
		_ = c.JSON(p.Status, p) // headers already written; JSON only encodes the body
	}
}

func problemFor(err error) Problem {
	if e, ok := apperr.As(err); ok {
		status := statusOf[e.Kind]
		if status == 0 {
			status = http.StatusInternalServerError
		}
		return Problem{Type: problemTypeBase + e.Code, Title: http.StatusText(status), Status: status, Detail: e.Message, Code: e.Code, Errors: e.Fields}
	}
	var he *echo.HTTPError
	if errors.As(err, &he) && he.Code < 500 {
		code := map[int]string{
			http.StatusNotFound:              "not_found",
			http.StatusMethodNotAllowed:      "method_not_allowed",
			http.StatusRequestEntityTooLarge: "body_too_large",
			http.StatusUnauthorized:          "unauthorized",
			http.StatusForbidden:             "forbidden",
			http.StatusTooManyRequests:       "too_many_requests",
			http.StatusUnsupportedMediaType:  "unsupported_media_type",
		}[he.Code]
		if code == "" {
			code = "bad_request"
		}
		return Problem{Type: problemTypeBase + code, Title: http.StatusText(he.Code), Status: he.Code, Code: code, Detail: http.StatusText(he.Code) + "."}
	}
	return Problem{Type: problemTypeBase + "internal", Title: http.StatusText(500), Status: 500, Code: "internal",
		Detail: "Something went wrong on our side. It has been logged; please try again."}
}
