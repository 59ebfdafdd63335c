// Package config reads TrialMatch's configuration from TRIALMATCH_* environment
// variables into one typed struct, validated at start.
package config

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
)

// DevJWTSecret signs tokens in development and tests. Production refuses it.
const DevJWTSecret = "trialmatch-development-secret-do-not-use-in-production"

type Config struct {
	// Env is development, test or production.
	Env  string `env:"ENV" envDefault:"development"`
	Addr string `env:"ADDR" envDefault:"127.0.0.1:8080"`
	// DatabaseURL, when empty, makes the server start a private PostgreSQL
	// cluster under DataDir from the machine's binaries.
	DatabaseURL string `env:"DATABASE_URL"`
	DataDir     string `env:"DATA_DIR" envDefault:".data"`
	// DemoData loads demo accounts, trials and volunteers at start (idempotent).
	DemoData bool `env:"DEMO_DATA" envDefault:"false"`

	JWTSecret  string        `env:"JWT_SECRET"`
	JWTIssuer  string        `env:"JWT_ISSUER" envDefault:"trialmatch"`
	AccessTTL  time.Duration `env:"ACCESS_TTL" envDefault:"15m"`
	RefreshTTL time.Duration `env:"REFRESH_TTL" envDefault:"720h"`
	// CookieSecure marks the refresh cookie Secure; on by default in production.
	CookieSecure bool `env:"COOKIE_SECURE" envDefault:"false"`

	// Login throttling: failures allowed per window, per account and per address.
	LoginMaxFailuresAccount int           `env:"LOGIN_MAX_FAILURES_ACCOUNT" envDefault:"5"`
	LoginMaxFailuresAddress int           `env:"LOGIN_MAX_FAILURES_ADDRESS" envDefault:"20"`
	LoginWindow             time.Duration `env:"LOGIN_WINDOW" envDefault:"15m"`

	// SMTPURL is where e-mail goes (smtp://user:password@host:587); empty
	// keeps mail in the development mailbox that admins can read.
	SMTPURL  string `env:"SMTP_URL"`
	MailFrom string `env:"MAIL_FROM" envDefault:"TrialMatch <no-reply@trialmatch.org>"`
	// BaseURL is the address people use, for links in e-mails.
	BaseURL string `env:"BASE_URL" envDefault:"http://localhost:8080"`
	// SmallCell is the small-cell suppression threshold of counts and reports.
	SmallCell int `env:"SMALL_CELL" envDefault:"5"`

	MaxBodyBytes   int64         `env:"MAX_BODY_BYTES" envDefault:"1048576"`
	RequestTimeout time.Duration `env:"REQUEST_TIMEOUT" envDefault:"30s"`
	LogLevel       string        `env:"LOG_LEVEL" envDefault:"info"`
	// FrontendDir serves the frontend from a folder instead of the copy
	// embedded in the binary (for frontend development).
	FrontendDir string `env:"FRONTEND_DIR"`
}

// Audience is the JWT audience of access tokens.
const Audience = "trialmatch-api"

// Load reads the environment (variables prefixed TRIALMATCH_; secrets also
// from TRIALMATCH_X_FILE) and validates the result.
func Load() (Config, error) {
	var c Config
	if err := env.ParseWithOptions(&c, env.Options{Prefix: "TRIALMATCH_"}); err != nil {
		return c, fmt.Errorf("config: %w", err)
	}
	// Secrets may come from files (Docker and Kubernetes secrets).
	for _, f := range []struct {
		name string
		dst  *string
	}{{"TRIALMATCH_DATABASE_URL_FILE", &c.DatabaseURL}, {"TRIALMATCH_JWT_SECRET_FILE", &c.JWTSecret}, {"TRIALMATCH_SMTP_URL_FILE", &c.SMTPURL}} {
		if path := os.Getenv(f.name); path != "" {
			b, err := os.ReadFile(path)
			if err != nil {
				return c, fmt.Errorf("config: %s: %w", f.name, err)
			}
			*f.dst = strings.TrimSpace(string(b))
		}
	}
	if c.JWTSecret == "" && !c.Production() {
		c.JWTSecret = DevJWTSecret
	}
	if c.Production() {
		c.CookieSecure = true
	}
	return c, c.Validate()
}

func (c Config) Production() bool { return c.Env == "production" }

func (c Config) Validate() error {
	var errs []error
	switch c.Env {
	case "development", "test", "production":
	default:
		errs = append(errs, fmt.Errorf("TRIALMATCH_ENV must be development, test or production, not %q", c.Env))
	}
	if c.Production() {
		if c.JWTSecret == "" || c.JWTSecret == DevJWTSecret {
			errs = append(errs, errors.New("TRIALMATCH_JWT_SECRET (or TRIALMATCH_JWT_SECRET_FILE) must be set to a secret of your own in production"))
		} else if len(c.JWTSecret) < 32 {
			errs = append(errs, errors.New("TRIALMATCH_JWT_SECRET must be at least 32 characters"))
		}
		if c.DemoData {
			errs = append(errs, errors.New("TRIALMATCH_DEMO_DATA cannot be on in production"))
		}
	}
	if c.AccessTTL <= 0 || c.AccessTTL > time.Hour {
		errs = append(errs, errors.New("TRIALMATCH_ACCESS_TTL must be between 1s and 1h"))
	}
	if c.RefreshTTL < c.AccessTTL {
		errs = append(errs, errors.New("TRIALMATCH_REFRESH_TTL must be longer than TRIALMATCH_ACCESS_TTL"))
	}
	if c.SmallCell < 2 || c.SmallCell > 50 {
		errs = append(errs, errors.New("TRIALMATCH_SMALL_CELL must be between 2 and 50"))
	}
	if c.MaxBodyBytes < 1024 {
		errs = append(errs, errors.New("TRIALMATCH_MAX_BODY_BYTES must be at least 1024"))
	}
	return errors.Join(errs...)
}
