// Package pgcluster runs a private PostgreSQL server from the machine's
// PostgreSQL binaries: `make run` keeps its data under the project, tests
// use a throw-away cluster per test process.
//
// Beside DataDir the package keeps DataDir.lock, held while a Cluster is in
// use, and, while initdb runs, DataDir.initdb.
package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrInUse is returned when another Cluster, in this process or another,
// holds the data directory.
var ErrInUse = errors.New("pgcluster: data directory is in use by another process")

// Options configure Start.
type Options struct {
	DataDir string // required; created if missing
	Port    int    // 0 picks a free loopback port
	// Fast trades crash safety for speed (fsync, synchronous_commit and
	// full_page_writes off) and keeps the WAL small (each CREATE DATABASE
	// writes its template's size to it): for throw-away test data only.
	Fast   bool
	Logger *slog.Logger // nil: slog.Default()
}

// Cluster is a running server, listening on 127.0.0.1 only, where the
// superuser postgres logs in without a password.
type Cluster struct {
	dataDir string
	binDir  string
	acct    *account // nil: the server runs as this process's user
	log     *slog.Logger
	lock    *os.File
	port    int

	stopOnce sync.Once
	stopErr  error
}

// Start initializes DataDir if it holds no cluster yet, starts the server and
// waits until it accepts connections. A server left running from DataDir by
// an earlier process that died is stopped first.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	if opts.DataDir == "" {
		return nil, errors.New("pgcluster: Options.DataDir is required")
	}
	c, err := open(opts.DataDir, opts.Logger)
	if err != nil {
		return nil, err
	}
	if err := c.start(ctx, opts); err != nil {
		c.lock.Close()
		return nil, err
	}
	return c, nil
}

// Remove stops a server still running from dataDir and deletes dataDir. It
// returns ErrInUse, and changes nothing, while a Cluster holds dataDir.
func Remove(ctx context.Context, dataDir string) error {
	c, err := open(dataDir, nil)
	if err != nil {
		return err
	}
	defer c.lock.Close()
	if err := c.stopLeftover(ctx); err != nil {
		return err
	}
	return errors.Join(os.RemoveAll(c.dataDir), os.RemoveAll(c.dataDir+".initdb"), os.Remove(c.dataDir+".lock"))
}

// URL returns the address of database dbname on the server.
func (c *Cluster) URL(dbname string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, url.PathEscape(dbname))
}

// Port returns the TCP port the server listens on.
func (c *Cluster) Port() int { return c.port }

// LogPath returns the server's log file.
func (c *Cluster) LogPath() string { return filepath.Join(c.dataDir, "postgres.log") }

// Stop shuts the server down (pg_ctl stop -m fast) and releases the data
// directory. Calling it again does nothing.
func (c *Cluster) Stop(ctx context.Context) error {
	c.stopOnce.Do(func() {
		c.stopErr = c.pgctl(ctx, "stop", "-m", "fast")
		c.lock.Close()
		if c.stopErr == nil {
			c.log.Info("PostgreSQL stopped", "data_dir", c.dataDir)
		}
	})
	return c.stopErr
}

// open finds the binaries and the account to run them as, creates the parent
// directories and takes the data directory's lock.
func open(dataDir string, logger *slog.Logger) (*Cluster, error) {
	dataDir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, err
	}
	binDir, err := FindBinaries()
	if err != nil {
		return nil, err
	}
	acct, err := serverAccount()
	if err != nil {
		return nil, err
	}
	if err := mkdirAll(filepath.Dir(dataDir), 0o755); err != nil {
		return nil, fmt.Errorf("pgcluster: %w", err)
	}
	if err := acct.checkReachable(dataDir); err != nil {
		return nil, err
	}
	// A file lock, unlike postmaster.pid, dies with its process: a server
	// running while the lock is free was left behind and may be stopped.
	// Go opens files close-on-exec, so the server never inherits it.
	lock, err := os.OpenFile(dataDir+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("pgcluster: %w", err)
	}
	if err := flockWithGrace(lock); err != nil {
		lock.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w: %s", ErrInUse, dataDir)
		}
		return nil, fmt.Errorf("pgcluster: lock %s: %w", dataDir, err)
	}
	if logger == nil {
		logger = slog.Default()
	}
	return &Cluster{dataDir: dataDir, binDir: binDir, acct: acct, log: logger, lock: lock}, nil
}

func (c *Cluster) start(ctx context.Context, opts Options) error {
	began := time.Now()
	if err := c.initdb(ctx, opts.Fast); err != nil {
		return err
	}
	// A data directory from elsewhere (or from a run as another user) must
	// belong to the server's user and be closed to others.
	if err := c.acct.chown(c.dataDir); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	if err := os.Chmod(c.dataDir, 0o700); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	if err := c.stopLeftover(ctx); err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		port := opts.Port
		if port == 0 {
			var err error
			if port, err = freePort(); err != nil {
				return err
			}
		}
		err := c.pgctlStart(ctx, port, opts.Fast)
		if err == nil {
			c.port = port
			break
		}
		// Someone may have taken the free port between our probe and the
		// server's bind: try another.
		if opts.Port != 0 || attempt == 3 || !strings.Contains(err.Error(), "could not bind") {
			return err
		}
	}
	if err := c.waitReady(ctx); err != nil {
		c.pgctl(context.WithoutCancel(ctx), "stop", "-m", "immediate")
		return err
	}
	c.log.Info("PostgreSQL started", "data_dir", c.dataDir, "port", c.port, "took", time.Since(began).Round(time.Millisecond))
	return nil
}

// initdb creates the cluster unless DataDir holds one. It builds it in a
// sibling directory renamed into place when complete, so an interrupted
// initdb never leaves a half-made cluster behind.
func (c *Cluster) initdb(ctx context.Context, fast bool) error {
	if _, err := os.Stat(filepath.Join(c.dataDir, "PG_VERSION")); err == nil {
		return nil
	}
	if entries, _ := os.ReadDir(c.dataDir); len(entries) > 0 {
		return fmt.Errorf("pgcluster: %s is not empty but holds no PostgreSQL cluster: remove it or choose another data directory", c.dataDir)
	}
	tmp := c.dataDir + ".initdb"
	if err := os.RemoveAll(tmp); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	if err := mkdirAll(tmp, 0o700); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	if err := c.acct.chown(tmp); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	args := []string{"-D", tmp, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-instructions"}
	if fast {
		args = append(args, "--no-sync")
	}
	err := c.run(ctx, "initdb", append(args, "--locale=C.UTF-8")...)
	if err != nil && strings.Contains(err.Error(), "invalid locale name") {
		// No C.UTF-8 on this system: fall back to the byte-wise C locale.
		err = c.run(ctx, "initdb", append(args, "--no-locale")...)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	// rename(2) replaces dataDir if it is an empty directory.
	if err := os.Rename(tmp, c.dataDir); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	c.log.Info("PostgreSQL cluster initialized", "data_dir", c.dataDir)
	return nil
}

// stopLeftover deals with a postmaster.pid left by an earlier run. We hold
// the lock, so a server running from DataDir has lost its owner: stop it.
// A file naming a live process that is not that server (the pid was reused
// after a reboot) would stop PostgreSQL from starting: remove it. A file
// naming a dead process is left for the server, which checks it further.
func (c *Cluster) stopLeftover(ctx context.Context) error {
	pidFile := filepath.Join(c.dataDir, "postmaster.pid")
	b, err := os.ReadFile(pidFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	line, _, _ := strings.Cut(string(b), "\n")
	pid, _ := strconv.Atoi(strings.TrimSpace(line))
	alive, ours := c.processState(pid)
	switch {
	case ours:
		c.log.Warn("stopping a PostgreSQL server left running by an earlier run", "pid", pid, "data_dir", c.dataDir)
		return c.pgctl(ctx, "stop", "-m", "fast")
	case alive || pid <= 0:
		c.log.Info("removing a stale postmaster.pid", "pid", pid, "data_dir", c.dataDir)
		return os.Remove(pidFile)
	}
	return nil
}

// processState tells whether pid is alive and whether it is a server
// running from DataDir (the postmaster's working directory is its data
// directory).
func (c *Cluster) processState(pid int) (alive, ours bool) {
	if pid <= 0 {
		return false, false
	}
	switch err := syscall.Kill(pid, 0); {
	case errors.Is(err, syscall.ESRCH):
		return false, false
	case errors.Is(err, syscall.EPERM):
		return true, false // our server runs as us, or we are root
	}
	cwd, err := os.Readlink(fmt.Sprintf("/proc/%d/cwd", pid))
	if err != nil {
		return true, true // no /proc: trust the pid file, as pg_ctl does
	}
	real, err := filepath.EvalSymlinks(c.dataDir)
	return true, err == nil && cwd == real
}

func (c *Cluster) pgctlStart(ctx context.Context, port int, fast bool) error {
	// pg_ctl hands these to the server through sh; none needs quoting.
	settings := []string{
		"listen_addresses=127.0.0.1",
		"port=" + strconv.Itoa(port),
		"unix_socket_directories=", // TCP only: socket paths are length-limited
		"TimeZone=UTC",
	}
	if fast {
		settings = append(settings, "fsync=off", "synchronous_commit=off", "full_page_writes=off",
			"min_wal_size=32MB", "max_wal_size=128MB")
	}
	serverOpts := "-c " + strings.Join(settings, " -c ")
	if err := c.pgctl(ctx, "start", "-l", c.LogPath(), "-t", strconv.Itoa(waitSeconds(ctx)), "-o", serverOpts); err != nil {
		return c.withLog(err)
	}
	return nil
}

// waitReady pings the server until it answers: pg_ctl -w has waited for it
// to be ready, this proves it accepts our connections.
func (c *Cluster) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		err := ping(ctx, c.URL("postgres"))
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return c.withLog(fmt.Errorf("pgcluster: server on port %d does not answer: %w", c.port, err))
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func ping(ctx context.Context, url string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	return conn.Ping(ctx)
}

func (c *Cluster) pgctl(ctx context.Context, action string, args ...string) error {
	return c.run(ctx, "pg_ctl", append([]string{action, "-D", c.dataDir, "-w", "-s"}, args...)...)
}

func (c *Cluster) run(ctx context.Context, program string, args ...string) error {
	out, err := c.acct.command(ctx, filepath.Join(c.binDir, program), args...).CombinedOutput()
	if err != nil {
		if program == "pg_ctl" {
			program += " " + args[0] // the action
		}
		return fmt.Errorf("pgcluster: %s: %w\n%s", program, err, strings.TrimSpace(string(out)))
	}
	return nil
}

// withLog adds the end of the server log to err.
func (c *Cluster) withLog(err error) error {
	f, ferr := os.Open(c.LogPath())
	if ferr != nil {
		return err
	}
	defer f.Close()
	buf := make([]byte, 4096)
	if fi, ferr := f.Stat(); ferr == nil && fi.Size() > int64(len(buf)) {
		f.Seek(fi.Size()-int64(len(buf)), 0)
	}
	n, _ := f.Read(buf)
	lines := strings.Split(strings.TrimSpace(string(buf[:n])), "\n")
	if len(lines) > 20 {
		lines = lines[len(lines)-20:]
	}
	return fmt.Errorf("%w\nend of %s:\n%s", err, c.LogPath(), strings.Join(lines, "\n"))
}

// waitSeconds is pg_ctl's -t: the context's time left, else 60 s.
func waitSeconds(ctx context.Context) int {
	if deadline, ok := ctx.Deadline(); ok {
		return max(1, int(time.Until(deadline).Seconds()))
	}
	return 60
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgcluster: find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// flockWithGrace takes the lock, waiting up to a second for it: between a
// fork and its exec a child shares the parent's open files, close-on-exec or
// not, so a lock that was just released can stay held for an instant by a
// process that another goroutine is starting.
func flockWithGrace(f *os.File) error {
	var err error
	for range 20 {
		if err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); !errors.Is(err, syscall.EWOULDBLOCK) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
	return err
}
