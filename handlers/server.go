// Package handlers is TrialMatch's HTTP layer: routes with their role gates,
// request and response types, and the one error renderer. A handler binds,
// validates, calls one service method and maps its result or error.
package handlers

import (
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/services"
)

// Config is what the HTTP layer needs to know of the configuration.
type Config struct {
	Env            string
	Version        string
	Demo           bool
	CookieSecure   bool
	MaxBodyBytes   int64
	RequestTimeout time.Duration
}

// Server holds the handler groups; New wires them into an echo instance.
type Server struct {
	health        *HealthHandler
	docs          *DocsHandler
	auth          *AuthHandler
	me            *MeHandler
	admin         *AdminHandler
	privacy       *PrivacyHandler
	volunteers    *VolunteerHandler
	conditions    *ConditionHandler
	trials        *TrialHandler
	matching      *MatchingHandler
	referrals     *ReferralHandler
	reports       *ReportHandler
	notifications *NotificationHandler
	spa           *SPAHandler
}

// New builds the echo instance with middleware, error handler and routes.
func New(cfg Config, db *gorm.DB, svc *services.All, frontend fs.FS, registry *prometheus.Registry, logger *slog.Logger) *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	// Trust no forwarding header by default: the client address feeds login
	// throttling and must not be spoofable.
	e.IPExtractor = echo.ExtractIPDirect()
	e.HTTPErrorHandler = errorHandler(logger)

	authHandler := &AuthHandler{Auth: svc.Auth, CookieSecure: cfg.CookieSecure}
	s := &Server{
		health:        &HealthHandler{DB: db, Registry: registry, Info: MetaResponse{Version: cfg.Version, Demo: cfg.Demo, Env: cfg.Env}},
		docs:          &DocsHandler{},
		auth:          authHandler,
		privacy:       &PrivacyHandler{Volunteers: svc.Volunteers, Auth: authHandler},
		volunteers:    &VolunteerHandler{Volunteers: svc.Volunteers},
		conditions:    &ConditionHandler{Taxonomy: svc.Taxonomy},
		trials:        &TrialHandler{Trials: svc.Trials},
		matching:      &MatchingHandler{Matching: svc.Matching},
		referrals:     &ReferralHandler{Referrals: svc.Referrals},
		reports:       &ReportHandler{Reports: svc.Reports},
		notifications: &NotificationHandler{Notifications: svc.Notifications, AuditLog: svc.AuditLog},
		me:            &MeHandler{Users: svc.Users},
		admin:         &AdminHandler{Users: svc.Users},
		spa:           NewSPAHandler(frontend),
	}
	metrics := NewMetrics(registry)

	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{
		Skipper: func(c echo.Context) bool { return c.Request().URL.Path == "/" },
	}))
	e.Use(middleware.RequestID())
	e.Use(requestLogger(logger))
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true, LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
		logger.Error("panic", "request_id", requestID(c), "error", err.Error(), "stack", string(stack))
		return err
	}}))
	e.Use(metrics.middleware())
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection:         "0",
		ContentTypeNosniff:    "nosniff",
		XFrameOptions:         "DENY",
		HSTSMaxAge:            31536000,
		ReferrerPolicy:        "strict-origin-when-cross-origin",
		ContentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
	}))
	e.Use(noStoreAPI)
	e.Use(middleware.ContextTimeout(cfg.RequestTimeout))
	e.Use(limitBody(cfg.MaxBodyBytes))
	e.Use(authenticate(svc.Tokens))

	for _, r := range s.Routes() {
		mw := []echo.MiddlewareFunc{gate(r.Access)}
		if r.Idempotent {
			mw = append(mw, idempotent(svc.Idempotency))
		}
		e.Add(r.Method, r.Path, r.Handler, mw...)
	}
	return e
}

// noStoreAPI keeps API answers (health data, tokens) out of shared caches.
func noStoreAPI(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if p := c.Request().URL.Path; len(p) >= 5 && p[:5] == "/api/" {
			c.Response().Header().Set("Cache-Control", "no-store")
		}
		return next(c)
	}
}

// limitBody caps request bodies; decodeJSON turns the overflow into a 413.
func limitBody(n int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.ContentLength > n {
				return echo.NewHTTPError(http.StatusRequestEntityTooLarge)
			}
			req.Body = http.MaxBytesReader(c.Response(), req.Body, n)
			return next(c)
		}
	}
}
