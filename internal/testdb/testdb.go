// Package testdb gives each Go test a real PostgreSQL database of its own: a
// copy of a template database migrated once per set of migrations.
//
// The server is the one named by TRIALMATCH_TEST_DATABASE_URL (any database
// on a server where we may CREATE DATABASE), or else a private cluster
// started on first use and stopped by Main. Every test package that uses
// testdb needs
//
//	func TestMain(m *testing.M) { testdb.Main(m) }
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/trialmatch/trialmatch/internal/pgcluster"
	"github.com/trialmatch/trialmatch/migrations"
)

const (
	envURL = "TRIALMATCH_TEST_DATABASE_URL"
	shm    = "/dev/shm"
)

// The schema to test against; this package's own tests swap in a small one.
var (
	migrationFS fs.FS = migrations.FS
	migrate           = migrations.Up
)

var (
	mainCalled bool

	mu     sync.Mutex // guards srv and srvErr; held while the server starts
	srv    *server
	srvErr error
)

// Main runs the tests, then drops the private cluster if one was started,
// and exits with the tests' status.
func Main(m *testing.M) {
	mainCalled = true
	code := m.Run()
	mu.Lock()
	if srv != nil {
		srv.close()
	}
	mu.Unlock()
	os.Exit(code)
}

// New returns a connection to a fresh migrated database, configured as
// cmd/trialmatch configures GORM. The database is dropped when t ends.
func New(t testing.TB) *gorm.DB {
	t.Helper()
	db, err := gorm.Open(postgres.Open(NewURL(t)), &gorm.Config{
		TranslateError: true,
		Logger:         logger.Discard,
		NowFunc:        func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	t.Cleanup(func() { sqlDB.Close() }) // runs before NewURL's drop
	return db
}

// NewURL creates a fresh migrated database and returns its URL. The database
// is dropped when t ends.
func NewURL(t testing.TB) string {
	t.Helper()
	if !mainCalled {
		t.Fatal("testdb: add `func TestMain(m *testing.M) { testdb.Main(m) }` to this package: " +
			"Main stops the private PostgreSQL when the tests end")
	}
	s, err := getServer()
	if err != nil {
		t.Fatal(err)
	}
	name := "tm_test_" + randomHex()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := s.admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE "+s.template); err != nil {
		t.Fatalf("testdb: create database from %s: %v", s.template, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := s.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("testdb: drop database %s: %v", name, err)
		}
	})
	return s.url(name)
}

func getServer() (*server, error) {
	mu.Lock()
	defer mu.Unlock()
	if srv == nil && srvErr == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		srv, srvErr = connect(ctx)
	}
	return srv, srvErr
}

// server is where test databases are made.
type server struct {
	base     *url.URL // any database on the server; test databases replace its path
	admin    *sql.DB  // a connection pool to that database, for CREATE and DROP DATABASE
	template string
	cluster  *pgcluster.Cluster // nil when TRIALMATCH_TEST_DATABASE_URL names the server
	tmpDir   string             // holds the private cluster
}

func connect(ctx context.Context) (*server, error) {
	s := &server{}
	if raw := os.Getenv(envURL); raw != "" {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return nil, fmt.Errorf("testdb: %s must be a postgres:// URL", envURL)
		}
		s.base = u
	} else if err := s.startCluster(ctx); err != nil {
		return nil, err
	}
	var err error
	if s.admin, err = sql.Open("pgx", s.base.String()); err != nil {
		s.close()
		return nil, fmt.Errorf("testdb: %w", err)
	}
	if s.template, err = s.ensureTemplate(ctx); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// url returns the address of database dbname on the server.
func (s *server) url(dbname string) string {
	u := *s.base
	u.Path, u.RawPath = "/"+dbname, ""
	return u.String()
}

func (s *server) startCluster(ctx context.Context) error {
	removeLeftovers(ctx)
	dir, err := os.MkdirTemp(clusterParent(), "tm-testdb-")
	if err != nil {
		return fmt.Errorf("testdb: %w", err)
	}
	// MkdirTemp makes the directory 0700; when we are root the server runs
	// as user postgres, which must be able to enter it.
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return fmt.Errorf("testdb: %w", err)
	}
	c, err := pgcluster.Start(ctx, pgcluster.Options{
		DataDir: filepath.Join(dir, "data"),
		Fast:    true,
		Logger:  slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	if err != nil {
		os.RemoveAll(dir)
		return fmt.Errorf("testdb: start a private PostgreSQL (or set %s to use a server of yours): %w", envURL, err)
	}
	s.cluster, s.tmpDir = c, dir
	s.base, _ = url.Parse(c.URL("postgres"))
	return nil
}

// clusterParent returns where to put the private cluster: RAM-backed
// /dev/shm when it has room, else the temporary directory. CREATE DATABASE
// creates hundreds of files; on some disks (this project's machines' /tmp)
// that takes 0.2-0.4 s, on tmpfs 20 ms.
func clusterParent() string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(shm, &st); err == nil && st.Bavail*uint64(st.Bsize) >= 1<<30 {
		return shm
	}
	return os.TempDir()
}

// removeLeftovers deletes the clusters of test processes that died without
// reaching Main's cleanup (a test timeout, Ctrl-C); their servers still run.
// A live process holds its cluster's lock, so Remove leaves it alone.
func removeLeftovers(ctx context.Context) {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "tm-testdb-*"))
	inShm, _ := filepath.Glob(filepath.Join(shm, "tm-testdb-*"))
	for _, dir := range append(dirs, inShm...) {
		// A process creates its directory a moment before it takes the lock.
		if fi, err := os.Stat(dir); err != nil || time.Since(fi.ModTime()) < time.Minute {
			continue
		}
		if err := pgcluster.Remove(ctx, filepath.Join(dir, "data")); err == nil {
			os.RemoveAll(dir)
		}
	}
}

func (s *server) close() {
	if s.admin != nil {
		s.admin.Close()
	}
	if s.cluster != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := s.cluster.Stop(ctx); err != nil {
			fmt.Fprintln(os.Stderr, "testdb:", err)
			return // keep the directory: the next run's removeLeftovers stops the server
		}
		os.RemoveAll(s.tmpDir)
	}
}

func randomHex() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
