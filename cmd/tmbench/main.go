// Command tmbench loads a synthetic registry (default 1,000,000 volunteers
// and 1,000 recruiting trials) into PostgreSQL and measures the matching
// paths through the services: candidate pages, feasibility counts, a
// volunteer's matches, and a primary-key SELECT as the ceiling.
//
//	tmbench -volunteers 1000000
//
// With TRIALMATCH_DATABASE_URL it uses that (empty, or earlier loaded by
// tmbench) database; otherwise a private PostgreSQL under -data.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/trialmatch/trialmatch/internal/pgcluster"
	"github.com/trialmatch/trialmatch/internal/synth"
	"github.com/trialmatch/trialmatch/migrations"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

type options struct {
	volunteers, trials, iterations int
	seed                           int64
	dataDir, cpuProfile            string
	budget                         time.Duration
	fresh, tune, prewarm           bool
	jit                            string
}

func main() {
	var o options
	flag.IntVar(&o.volunteers, "volunteers", 1000000, "volunteers to load")
	flag.IntVar(&o.trials, "trials", 1000, "recruiting trials to create")
	flag.IntVar(&o.iterations, "iterations", 200, "measured calls per figure (at most)")
	flag.DurationVar(&o.budget, "budget", 30*time.Second, "time per figure (at least 20 calls are made)")
	flag.Int64Var(&o.seed, "seed", 1, "seed of the synthetic data")
	flag.StringVar(&o.dataDir, "data", ".data/bench", "data folder of the private PostgreSQL")
	flag.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the measurements to this file")
	flag.BoolVar(&o.fresh, "fresh", false, "drop and reload the private database even if it holds this data set")
	flag.BoolVar(&o.tune, "tune", true, "private PostgreSQL only: apply the settings in tune.go (shared_buffers …); false resets to the defaults")
	flag.BoolVar(&o.prewarm, "prewarm", false, "build every recruiting trial's ranking before measuring, as the server does each day (slow at 1M)")
	flag.StringVar(&o.jit, "jit", "", "private PostgreSQL only: set jit to on or off (default: PostgreSQL's)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, o); err != nil {
		fmt.Fprintln(os.Stderr, "tmbench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, o options) error {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	fmt.Printf("tmbench %s: %d volunteers, %d trials, seed %d; %d CPUs (GOMAXPROCS %d), %s\n",
		time.Now().UTC().Format(time.RFC3339), o.volunteers, o.trials, o.seed, runtime.NumCPU(), runtime.GOMAXPROCS(0), memTotal())

	url := os.Getenv("TRIALMATCH_DATABASE_URL")
	private := url == ""
	var cluster *pgcluster.Cluster
	if private {
		var err error
		dir, _ := filepath.Abs(filepath.Join(o.dataDir, "postgres"))
		if cluster, err = pgcluster.Start(ctx, pgcluster.Options{DataDir: dir, Logger: log}); err != nil {
			return err
		}
		defer func() { cluster.Stop(context.WithoutCancel(ctx)) }() // the one tune may restart
		if cluster, err = tune(ctx, cluster, dir, o.tune, o.jit, log); err != nil {
			return err
		}
		// One database per size, so that a quick run keeps the big data set.
		name := fmt.Sprintf("trialmatch_bench_%d", o.volunteers)
		if err := createDatabase(ctx, cluster.URL("postgres"), name, o.fresh); err != nil {
			return err
		}
		url = cluster.URL(name)
	}
	db, err := gorm.Open(postgres.Open(url), &gorm.Config{TranslateError: true, Logger: logger.Discard,
		NowFunc: func() time.Time { return time.Now().UTC() }})
	if err != nil {
		return err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	sqlDB.SetMaxOpenConns(20) // as cmd/trialmatch
	sqlDB.SetMaxIdleConns(10)
	var version string
	db.Raw("SHOW server_version").Scan(&version)
	fmt.Printf("PostgreSQL %s%s\n", version, settingsLine(db))
	if err := migrations.Up(ctx, sqlDB); err != nil {
		return err
	}
	all := services.NewAll(db, time.Now, services.Settings{JWTSecret: []byte("tmbench-secret-tmbench-secret-tmbench"),
		JWTIssuer: "trialmatch", Audience: "trialmatch-api", AccessTTL: 15 * time.Minute, RefreshTTL: time.Hour,
		LoginWindow: 15 * time.Minute, MaxAccountFailures: 5, MaxAddressFailures: 20})

	var volunteers, recruiting int64
	db.Table("volunteers").Count(&volunteers)
	db.Table("trials").Where("status = 'recruiting'").Count(&recruiting)
	switch {
	case volunteers == int64(o.volunteers) && recruiting == int64(o.trials):
		fmt.Printf("reusing the loaded data set (%d volunteers, %d recruiting trials); -fresh reloads it\n", volunteers, recruiting)
	case volunteers == int64(o.volunteers) && (recruiting == 0 || private):
		fmt.Printf("reusing %d loaded volunteers; creating the trials\n", volunteers)
		if private {
			if err := removeTrials(ctx, db); err != nil {
				return err
			}
		}
		if err := loadTrials(ctx, db, all, o); err != nil {
			return err
		}
	case volunteers != 0 || recruiting != 0:
		return fmt.Errorf("the database holds %d volunteers and %d recruiting trials, not this data set: use an empty database (or -fresh for the private one)", volunteers, recruiting)
	default:
		if err := load(ctx, db, all, o); err != nil {
			return err
		}
	}
	if err := printDataSet(ctx, db); err != nil {
		return err
	}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	return measure(ctx, db, all, o)
}

func load(ctx context.Context, db *gorm.DB, all *services.All, o options) error {
	began := time.Now()
	last := time.Now()
	err := synth.Load(ctx, db, all, o.volunteers, o.seed, synth.LoadOptions{Progress: func(n int) {
		if time.Since(last) > 15*time.Second || n == o.volunteers {
			last = time.Now()
			fmt.Printf("  loaded %d volunteers in %s\n", n, time.Since(began).Round(time.Second))
		}
	}})
	if err != nil {
		return err
	}
	fmt.Printf("LOAD %d volunteers (COPY, facts derived in Go, ANALYZE): %s\n", o.volunteers, time.Since(began).Round(100*time.Millisecond))
	return loadTrials(ctx, db, all, o)
}

func loadTrials(ctx context.Context, db *gorm.DB, all *services.All, o options) error {
	began := time.Now()
	if err := createTrials(ctx, db, all, o); err != nil {
		return err
	}
	fmt.Printf("LOAD %d recruiting trials through TrialService (status set directly, see setup.go): %s\n", o.trials, time.Since(began).Round(100*time.Millisecond))
	return db.WithContext(ctx).Exec("ANALYZE").Error
}

// removeTrials deletes what createTrials made (after an interrupted run):
// trials with their sites, staff and announcements, and the staff accounts.
func removeTrials(ctx context.Context, db *gorm.DB) error {
	return db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, stmt := range []string{"DELETE FROM trials", "DELETE FROM notifications", "DELETE FROM outbox",
			"DELETE FROM users WHERE role IN ('sponsor', 'investigator') AND email LIKE '%@synthetic.trialmatch.test'",
			"DELETE FROM organisations WHERE NOT EXISTS (SELECT 1 FROM users WHERE organisation_id = organisations.id)"} {
			if err := tx.Exec(stmt).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

// printDataSet shows the sizes that the figures depend on.
func printDataSet(ctx context.Context, db *gorm.DB) error {
	var rows []struct {
		Name  string
		Rows  int64
		Bytes int64
	}
	err := db.WithContext(ctx).Raw(`SELECT c.relname AS name, c.reltuples::bigint AS rows, pg_total_relation_size(c.oid) AS bytes
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname IN
		('users', 'volunteers', 'volunteer_identities', 'volunteer_clinical', 'consents', 'volunteer_facts', 'trials', 'trial_sites')
		ORDER BY bytes DESC`).Scan(&rows).Error
	if err != nil {
		return err
	}
	fmt.Println("tables (rows estimated, size with indexes):")
	for _, r := range rows {
		fmt.Printf("  %-22s %10d rows %8.1f MB\n", r.Name, r.Rows, float64(r.Bytes)/1e6)
	}
	var matchable int64
	db.WithContext(ctx).Table("volunteer_facts").Where("matchable").Count(&matchable)
	fmt.Printf("  matchable volunteers (consent to matching): %d\n", matchable)
	return nil
}

// createDatabase creates name on the server at adminURL unless it exists
// (dropping it first when fresh).
func createDatabase(ctx context.Context, adminURL, name string, fresh bool) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	ident := pgx.Identifier{name}.Sanitize()
	if fresh {
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
			return err
		}
	}
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil || exists {
		return err
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+ident)
	return err
}

func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "memory unknown"
	}
	var kb int64
	fmt.Sscanf(string(b), "MemTotal: %d kB", &kb)
	return fmt.Sprintf("%.1f GiB memory", float64(kb)/(1<<20))
}

func today() models.Date { return models.NewDate(time.Now().UTC()) }
