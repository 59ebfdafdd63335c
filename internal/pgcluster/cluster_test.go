package pgcluster

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// dataDir returns a data directory path in a fresh temporary directory that
// the postgres user can enter (t.TempDir makes 0700 directories).
func dataDir(t *testing.T) string {
	t.Helper()
	t.Parallel() // each test has its own cluster
	if _, err := FindBinaries(); errors.Is(err, ErrNoBinaries) {
		t.Skip(err)
	}
	dir := t.TempDir()
	for _, d := range []string{dir, filepath.Dir(dir)} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "data")
}

func start(t *testing.T, dir string) *Cluster {
	t.Helper()
	c, err := Start(context.Background(), Options{DataDir: dir, Fast: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Stop(context.Background()) })
	return c
}

func query(t *testing.T, c *Cluster, sql string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var out string
	if strings.HasPrefix(sql, "SELECT") {
		err = conn.QueryRow(ctx, sql).Scan(&out)
	} else {
		_, err = conn.Exec(ctx, sql)
	}
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return out
}

func TestStartStopRestart(t *testing.T) {
	dir := dataDir(t)

	began := time.Now()
	c := start(t, dir)
	t.Logf("cold start (initdb + start): %v", time.Since(began))
	if !strings.HasPrefix(c.URL("x"), "postgres://postgres@127.0.0.1:") {
		t.Errorf("URL = %s", c.URL("x"))
	}
	query(t, c, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')")
	if got := query(t, c, "SELECT current_setting('fsync')"); got != "off" {
		t.Errorf("fsync = %s, want off with Fast", got)
	}
	if os.Geteuid() == 0 {
		fi, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if uid := fi.Sys().(*syscall.Stat_t).Uid; uid == 0 {
			t.Errorf("data directory is owned by root")
		}
	}
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := c.Stop(context.Background()); err != nil {
		t.Errorf("second Stop: %v", err)
	}

	began = time.Now()
	c, err := Start(context.Background(), Options{DataDir: dir}) // default, durable settings
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Stop(context.Background()) })
	t.Logf("warm start: %v", time.Since(began))
	if got := query(t, c, "SELECT v FROM kept"); got != "still here" {
		t.Errorf("after restart: %q", got)
	}
	if got := query(t, c, "SELECT current_setting('fsync')"); got != "on" {
		t.Errorf("fsync = %s, want on without Fast", got)
	}
	began = time.Now()
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Logf("stop: %v", time.Since(began))
}

func TestStartInUse(t *testing.T) {
	dir := dataDir(t)
	start(t, dir)
	if _, err := Start(context.Background(), Options{DataDir: dir}); !errors.Is(err, ErrInUse) {
		t.Fatalf("second Start on the same directory: %v, want ErrInUse", err)
	}
	if err := Remove(context.Background(), dir); !errors.Is(err, ErrInUse) {
		t.Fatalf("Remove while in use: %v, want ErrInUse", err)
	}
}

// A process that died with its server running leaves the server behind;
// the next Start stops it and takes over.
func TestStartAfterOwnerDied(t *testing.T) {
	dir := dataDir(t)
	old := start(t, dir)
	old.lock.Close() // what the owner's death does

	c := start(t, dir)
	query(t, c, "SELECT 'ok'")
	if c.Port() != old.Port() {
		if err := ping(context.Background(), old.URL("postgres")); err == nil {
			t.Error("the left-over server still runs")
		}
	}
}

// A postmaster.pid naming a live process that is not our server (a pid
// reused after a reboot) must not stop the server from starting.
func TestStartWithStalePidFile(t *testing.T) {
	dir := dataDir(t)
	c := start(t, dir)
	if err := c.Stop(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, content := range []string{strconv.Itoa(os.Getpid()) + "\n" + dir + "\n", ""} {
		if err := os.WriteFile(filepath.Join(dir, "postmaster.pid"), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		c := start(t, dir)
		if err := c.Stop(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRemoveLeftover(t *testing.T) {
	dir := dataDir(t)
	c := start(t, dir)
	c.lock.Close()
	if err := Remove(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("data directory still there: %v", err)
	}
	if err := ping(context.Background(), c.URL("postgres")); err == nil {
		t.Error("server still runs")
	}
}

func TestUnreachableParent(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root runs the server as another user")
	}
	dir := dataDir(t)
	closed := filepath.Join(filepath.Dir(dir), "closed")
	if err := os.Mkdir(closed, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := Start(context.Background(), Options{DataDir: filepath.Join(closed, "data")})
	if err == nil || !strings.Contains(err.Error(), "cannot enter "+closed) {
		t.Fatalf("err = %v, want advice about %s", err, closed)
	}
}
