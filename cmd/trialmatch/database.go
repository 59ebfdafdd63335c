package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/trialmatch/trialmatch/internal/config"
	"github.com/trialmatch/trialmatch/internal/pgcluster"
	"github.com/trialmatch/trialmatch/migrations"
)

const embeddedDBName = "trialmatch"

// database is the open database and, when TrialMatch started its own private
// PostgreSQL, the cluster to stop on shutdown.
type database struct {
	Gorm    *gorm.DB
	SQL     *sql.DB
	cluster *pgcluster.Cluster
}

// openDatabase connects to TRIALMATCH_DATABASE_URL, or with none starts the
// private cluster under the data folder.
func openDatabase(ctx context.Context, cfg config.Config, log *slog.Logger) (*database, error) {
	db := &database{}
	url := cfg.DatabaseURL
	if url == "" {
		dir, err := filepath.Abs(filepath.Join(cfg.DataDir, "postgres"))
		if err != nil {
			return nil, err
		}
		log.Info("no TRIALMATCH_DATABASE_URL: starting a private PostgreSQL", "data_dir", dir)
		start := time.Now()
		c, err := pgcluster.Start(ctx, pgcluster.Options{DataDir: dir, Logger: log})
		if err != nil {
			return nil, err
		}
		db.cluster = c
		if err := createDatabase(ctx, c.URL("postgres"), embeddedDBName); err != nil {
			db.Close(ctx)
			return nil, err
		}
		url = c.URL(embeddedDBName)
		log.Info("private PostgreSQL ready", "took", time.Since(start).Round(time.Millisecond).String())
	}
	g, err := gorm.Open(postgres.Open(url), &gorm.Config{
		TranslateError: true,
		Logger:         logger.Discard,
		NowFunc:        func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		db.Close(ctx)
		return nil, fmt.Errorf("open database: %w", err)
	}
	db.Gorm = g
	if db.SQL, err = g.DB(); err != nil {
		db.Close(ctx)
		return nil, err
	}
	db.SQL.SetMaxOpenConns(20)
	db.SQL.SetMaxIdleConns(10)
	db.SQL.SetConnMaxIdleTime(5 * time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.SQL.PingContext(pingCtx); err != nil {
		db.Close(ctx)
		return nil, fmt.Errorf("database unreachable: %w", err)
	}
	return db, nil
}

func (db *database) Close(ctx context.Context) {
	if db.SQL != nil {
		_ = db.SQL.Close()
	}
	if db.cluster != nil {
		stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		_ = db.cluster.Stop(stopCtx)
	}
}

// createDatabase creates name on the server at adminURL unless it exists.
func createDatabase(ctx context.Context, adminURL, name string) error {
	conn, err := pgx.Connect(ctx, adminURL)
	if err != nil {
		return fmt.Errorf("connect to private PostgreSQL: %w", err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	return err
}

// migrateOrRefuse applies migrations when auto is true; otherwise it refuses
// to run on a stale schema.
func migrateOrRefuse(ctx context.Context, db *database, auto bool) error {
	if auto {
		return migrations.Up(ctx, db.SQL)
	}
	n, err := migrations.Pending(ctx, db.SQL)
	if err != nil {
		return err
	}
	if n > 0 {
		return errors.New(fmt.Sprintf("the database schema is %d migration(s) behind: run `trialmatch migrate` first", n))
	}
	return nil
}
