package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/trialmatch/trialmatch/frontend"
	"github.com/trialmatch/trialmatch/handlers"
	"github.com/trialmatch/trialmatch/internal/config"
	"github.com/trialmatch/trialmatch/services"
)

// app is everything serve and the other commands wire together.
type app struct {
	cfg config.Config
	db  *database
	all *services.All
}

func newApp(ctx context.Context, cfg config.Config) (*app, error) {
	log := newLogger(cfg.LogLevel)
	db, err := openDatabase(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	// The private cluster is ours, so we keep its schema current; a shared
	// database is migrated on start only outside production.
	if err := migrateOrRefuse(ctx, db, db.cluster != nil || !cfg.Production()); err != nil {
		db.Close(ctx)
		return nil, err
	}
	all := services.NewAll(db.Gorm, time.Now, services.Settings{
		JWTSecret: []byte(cfg.JWTSecret), JWTIssuer: cfg.JWTIssuer, Audience: config.Audience,
		AccessTTL: cfg.AccessTTL, RefreshTTL: cfg.RefreshTTL,
		LoginWindow: cfg.LoginWindow, MaxAccountFailures: cfg.LoginMaxFailuresAccount, MaxAddressFailures: cfg.LoginMaxFailuresAddress,
		SmallCell: cfg.SmallCell,
	})
	return &app{cfg: cfg, db: db, all: all}, nil
}

func serve(ctx context.Context) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	log := newLogger(cfg.LogLevel)
	a, err := newApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.db.Close(ctx)

	if cfg.DemoData {
		logins, err := loadDemo(ctx, a)
		if err != nil {
			return fmt.Errorf("load demo data: %w", err)
		}
		printDemoLogins(logins)
	}

	ui := frontend.Dist()
	if cfg.FrontendDir != "" {
		ui = os.DirFS(cfg.FrontendDir)
	}
	registry := prometheus.NewRegistry()
	registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	e := handlers.New(handlers.Config{
		Env: cfg.Env, Version: version, Demo: cfg.DemoData, CookieSecure: cfg.CookieSecure,
		MaxBodyBytes: cfg.MaxBodyBytes, RequestTimeout: cfg.RequestTimeout,
	}, a.db.Gorm, a.all, ui, registry, log)

	var mailer services.Mailer = services.DevMailbox{DB: a.db.Gorm}
	if cfg.SMTPURL != "" {
		if mailer, err = services.NewSMTPMailer(cfg.SMTPURL, cfg.MailFrom); err != nil {
			return err
		}
	}
	sender := &services.OutboxSender{Deps: services.Deps{DB: a.db.Gorm, Now: time.Now}, Trials: a.all.Trials, Mailer: mailer, BaseURL: cfg.BaseURL}
	senderCtx, stopSender := context.WithCancel(ctx)
	senderDone := make(chan struct{})
	go func() {
		defer close(senderDone)
		sender.Run(senderCtx, 2*time.Second, func(f string, args ...any) { log.Warn(fmt.Sprintf(f, args...)) })
	}()
	defer func() { stopSender(); <-senderDone }()
	// Candidate rankings are rebuilt for a new day or changed criteria in the
	// background, so that the first reader does not wait (services/rankings.go).
	rankingsDone := make(chan struct{})
	go func() {
		defer close(rankingsDone)
		a.all.Rankings.RunPrewarm(senderCtx, time.Minute, func(f string, args ...any) { log.Warn(fmt.Sprintf(f, args...)) })
	}()
	defer func() { stopSender(); <-rankingsDone }()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "url", "http://"+displayAddr(ln.Addr().String()), "env", cfg.Env, "version", version)
	fmt.Fprintf(os.Stderr, "\nTrialMatch is running at http://%s  (Ctrl+C to stop)\n\n", displayAddr(ln.Addr().String()))

	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		log.Info("shutting down")
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

// displayAddr shows 127.0.0.1 as localhost, as the README promises.
func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err == nil && (host == "127.0.0.1" || host == "::1") {
		return "localhost:" + port
	}
	return addr
}

func printDemoLogins(logins []services.DemoLogin) {
	fmt.Fprintln(os.Stderr, "\nDemo logins (demo data only; never use these accounts for real data):")
	for _, l := range logins {
		fmt.Fprintf(os.Stderr, "  %-13s %-36s %s\n", l.Role, l.Email, l.Password)
	}
}

func migrate(ctx context.Context) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	db, err := openDatabase(ctx, cfg, newLogger(cfg.LogLevel))
	if err != nil {
		return err
	}
	defer db.Close(ctx)
	if err := migrateOrRefuse(ctx, db, true); err != nil {
		return err
	}
	fmt.Println("migrations applied")
	return nil
}

func seed(ctx context.Context) error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	if cfg.Production() {
		return errors.New("demo data cannot be loaded in production")
	}
	a, err := newApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.db.Close(ctx)
	logins, err := loadDemo(ctx, a)
	if err != nil {
		return err
	}
	printDemoLogins(logins)
	return nil
}
