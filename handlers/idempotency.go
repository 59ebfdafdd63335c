package handlers

import (
	"bytes"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/services"
)

// capturingWriter keeps a copy of what a handler writes, to store it.
type capturingWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (w *capturingWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *capturingWriter) Write(b []byte) (int, error) {
	w.body.Write(b)
	return w.ResponseWriter.Write(b)
}

// idempotent honours an Idempotency-Key header on a creating POST: the first
// response is stored and replayed to retries (with Idempotency-Replayed:
// true); concurrent retries wait for the first (services.IdempotencyService).
func idempotent(svc *services.IdempotencyService) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			key := c.Request().Header.Get("Idempotency-Key")
			if key == "" {
				return next(c)
			}
			body, err := io.ReadAll(c.Request().Body)
			if err != nil {
				return decodeJSON(c, &struct{}{}) // reports the oversized body as 413
			}
			c.Request().Body = io.NopCloser(bytes.NewReader(body))
			a := actor(c)
			scope := c.Request().Method + " " + c.Path() + " " + a.UserID.String()
			request := append([]byte(c.Request().URL.Path+"\x00"), body...)
			claim, stored, err := svc.Begin(c.Request().Context(), scope, key, request)
			if err != nil {
				return err
			}
			if stored != nil {
				c.Response().Header().Set("Idempotency-Replayed", "true")
				return c.Blob(stored.Status, stored.ContentType, stored.Body)
			}
			defer claim.Abandon()
			w := &capturingWriter{ResponseWriter: c.Response().Writer, status: http.StatusOK}
			c.Response().Writer = w
			if err := next(c); err != nil {
				c.Error(err) // render now, so the answer can be stored
			}
			return claim.Finish(services.StoredResponse{Status: c.Response().Status, ContentType: c.Response().Header().Get(echo.HeaderContentType), Body: w.body.Bytes()})
		}
	}
}
