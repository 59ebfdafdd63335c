package pgcluster

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// account is the unprivileged user the server programs run as when this
// process is root: initdb and postgres refuse to run as root.
type account struct {
	uid, gid uint32
	home     string
}

// serverAccount returns the Debian postgres user when running as root, and
// nil (run as ourselves) otherwise.
func serverAccount() (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		var unknown user.UnknownUserError
		if errors.As(err, &unknown) {
			return nil, errors.New("running as root: create an unprivileged user named postgres " +
				"(useradd -r postgres) or set TRIALMATCH_DATABASE_URL")
		}
		return nil, fmt.Errorf("pgcluster: look up user postgres: %w", err)
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("pgcluster: user postgres: uid %q: %w", u.Uid, err)
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("pgcluster: user postgres: gid %q: %w", u.Gid, err)
	}
	return &account{uid: uint32(uid), gid: uint32(gid), home: u.HomeDir}, nil
}

// command prepares a server program to run as a (nil: as ourselves), with an
// environment free of PG* variables and with English messages, which
// Start searches for known failures.
func (a *account) command(ctx context.Context, path string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Dir = "/" // our working directory may be closed to the postgres user
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "PG"), strings.HasPrefix(name, "LC_"), name == "LANG":
			continue
		case a != nil && (name == "HOME" || name == "USER" || name == "LOGNAME"):
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env, "LC_ALL=C")
	if a != nil {
		cmd.Env = append(cmd.Env, "HOME="+a.home, "USER=postgres", "LOGNAME=postgres")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: a.uid, Gid: a.gid}}
	}
	return cmd
}

// mkdirAll creates dir (mode perm) and its missing parents. The parents get
// 0755 whatever the umask, so that the postgres user can pass through the
// directories we create.
func mkdirAll(dir string, perm fs.FileMode) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		missing = append(missing, d)
	}
	for i := len(missing) - 1; i >= 0; i-- {
		mode := fs.FileMode(0o755)
		if i == 0 {
			mode = perm
		}
		if err := os.Mkdir(missing[i], mode); err != nil {
			if errors.Is(err, fs.ErrExist) {
				continue // created meanwhile by someone else: not ours to chmod
			}
			return err
		}
		if err := os.Chmod(missing[i], mode); err != nil {
			return err
		}
	}
	return nil
}

// chown gives path, and everything under it, to a.
func (a *account) chown(path string) error {
	if a == nil {
		return nil
	}
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if st, ok := info.Sys().(*syscall.Stat_t); ok && (st.Uid != a.uid || st.Gid != a.gid) {
			return os.Lchown(p, int(a.uid), int(a.gid))
		}
		return nil
	})
}

// checkReachable fails with advice when a parent directory of dir cannot be
// passed through by a: the server would fail later with a vaguer message.
// We do not chmod directories we did not create.
func (a *account) checkReachable(dir string) error {
	if a == nil {
		return nil
	}
	parent, err := filepath.EvalSymlinks(filepath.Dir(dir))
	if err != nil {
		return err
	}
	for d := parent; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return err
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		if !ok {
			return nil
		}
		perm := fi.Mode().Perm()
		var canPass bool
		switch {
		case st.Uid == a.uid:
			canPass = perm&0o100 != 0
		case st.Gid == a.gid:
			canPass = perm&0o010 != 0
		default:
			canPass = perm&0o001 != 0
		}
		if !canPass {
			return fmt.Errorf("pgcluster: the PostgreSQL server runs as user postgres, which cannot enter %s (mode %v): "+
				"run `chmod o+x %s`, choose a data directory elsewhere, or set TRIALMATCH_DATABASE_URL", d, perm, d)
		}
		if d == "/" {
			return nil
		}
	}
}
