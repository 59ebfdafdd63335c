package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/internal/pgcluster"
)

// settings for the private PostgreSQL of the benchmark, sized for the
// 2-core, 24 GiB machine it runs on: what an operator would set on a
// database server of that size (PostgreSQL's defaults assume 128 MB of
// shared buffers). Applied with ALTER SYSTEM (kept in the bench data
// folder's postgresql.auto.conf, never in the app's own cluster).
var settings = [][2]string{
	{"shared_buffers", "4GB"},
	{"effective_cache_size", "16GB"},
	{"work_mem", "32MB"},
	{"maintenance_work_mem", "1GB"},
	{"max_wal_size", "8GB"},
	{"checkpoint_timeout", "15min"},
	{"random_page_cost", "1.1"},
	{"effective_io_concurrency", "200"},
}

// tune applies settings (or, when !apply, resets them to PostgreSQL's
// defaults) and jit when given, and restarts the cluster when a change needs it.
func tune(ctx context.Context, c *pgcluster.Cluster, dir string, apply bool, jit string, log *slog.Logger) (*pgcluster.Cluster, error) {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return nil, err
	}
	stmts := []string{"ALTER SYSTEM RESET ALL"}
	if apply {
		for _, s := range settings {
			stmts = append(stmts, fmt.Sprintf("ALTER SYSTEM SET %s = '%s'", s[0], s[1]))
		}
	}
	if jit != "" {
		stmts = append(stmts, fmt.Sprintf("ALTER SYSTEM SET jit = '%s'", jit))
	}
	var pending bool
	for _, stmt := range append(stmts, "SELECT pg_reload_conf()") {
		if _, err = conn.Exec(ctx, stmt); err != nil {
			break
		}
	}
	if err == nil {
		err = conn.QueryRow(ctx, "SELECT coalesce(bool_or(pending_restart), false) FROM pg_settings").Scan(&pending)
	}
	conn.Close(ctx)
	if err != nil || !pending {
		return c, err
	}
	if err := c.Stop(ctx); err != nil {
		return nil, err
	}
	return pgcluster.Start(ctx, pgcluster.Options{DataDir: dir, Logger: log})
}

// settingsLine shows the settings the figures depend on.
func settingsLine(db *gorm.DB) string {
	var parts []string
	for _, name := range []string{"shared_buffers", "work_mem", "effective_cache_size", "random_page_cost", "max_parallel_workers_per_gather", "jit"} {
		var v string
		db.Raw("SELECT current_setting(?)", name).Scan(&v)
		parts = append(parts, name+"="+v)
	}
	return " (" + strings.Join(parts, ", ") + ")"
}
