package handlers

import (
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

const actorKey = "actor"

func requestID(c echo.Context) string {
	return c.Response().Header().Get(echo.HeaderXRequestID)
}

// actor returns the user on whose behalf the request runs (anonymous if no
// valid access token came with it).
func actor(c echo.Context) services.Actor {
	if a, ok := c.Get(actorKey).(services.Actor); ok {
		return a
	}
	return services.Anonymous(requestID(c), c.RealIP())
}

// authenticate reads a Bearer access token, if any, into the request's actor.
// An invalid token is refused only where the route needs a signed-in user, so
// a stale token never locks anyone out of public pages.
func authenticate(tokens *services.TokenIssuer) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			a := services.Anonymous(requestID(c), c.RealIP())
			if h := c.Request().Header.Get(echo.HeaderAuthorization); h != "" {
				scheme, token, _ := strings.Cut(h, " ")
				if strings.EqualFold(scheme, "Bearer") {
					if id, role, err := tokens.Parse(strings.TrimSpace(token)); err == nil {
						a.UserID, a.Role = id, role
					} else {
						c.Set("token_error", err)
					}
				} else {
					c.Set("token_error", apperr.New(apperr.Unauthorized, "invalid_token", "Use a Bearer access token."))
				}
			}
			c.Set(actorKey, a)
			return next(c)
		}
	}
}

// gate enforces a route's access entry: who may call it at all. Ownership is
// checked again in the services.
func gate(access Access) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if access.Public {
				return next(c)
			}
			a := actor(c)
			if !a.Signed() {
				if err, ok := c.Get("token_error").(error); ok {
					return err
				}
				return apperr.New(apperr.Unauthorized, "unauthorized", "Sign in to continue.")
			}
			if len(access.Roles) > 0 && !access.allows(a.Role) {
				return apperr.Forbiddenf("Your role may not use this.")
			}
			return next(c)
		}
	}
}

func (a Access) allows(r models.Role) bool {
	for _, x := range a.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// requestLogger logs one line per request with its id; never bodies, never
// query strings (they may carry personal data).
func requestLogger(logger *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err)
			}
			status := c.Response().Status
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			logger.LogAttrs(c.Request().Context(), level, "request",
				slog.String("request_id", requestID(c)),
				slog.String("method", c.Request().Method),
				slog.String("route", c.Path()),
				slog.Int("status", status),
				slog.Duration("duration", time.Since(start)),
			)
			return nil
		}
	}
}

// Metrics counts and times requests by route pattern (never by raw path, which
// would carry ids).
type Metrics struct {
	requests *prometheus.HistogramVec
}

func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "trialmatch_http_request_duration_seconds",
		Help:    "HTTP request latency by method, route pattern and status.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"method", "route", "status"})}
	reg.MustRegister(m.requests)
	return m
}

func (m *Metrics) middleware() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			status := c.Response().Status
			if err != nil {
				status = problemFor(err).Status
			}
			m.requests.WithLabelValues(c.Request().Method, c.Path(), strconv.Itoa(status)).Observe(time.Since(start).Seconds())
			return err
		}
	}
}

// parseUUIDParam reads a path parameter as a UUID; a malformed one is simply
// not found.
func parseUUIDParam(c echo.Context, name string) (uuid.UUID, error) {
	id, err := uuid.Parse(c.Param(name))
	if err != nil {
		return uuid.Nil, apperr.NotFoundf("Not found.")
	}
	return id, nil
}
