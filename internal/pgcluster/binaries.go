package pgcluster

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
)

// ErrNoBinaries is returned when no PostgreSQL server installation is found.
var ErrNoBinaries = errors.New("PostgreSQL server binaries not found (initdb, pg_ctl): " +
	"install them with `apt-get install postgresql` or set TRIALMATCH_DATABASE_URL")

// FindBinaries returns the directory holding initdb, pg_ctl and postgres: the
// one on PATH if any, else the newest /usr/lib/postgresql/*/bin (Debian keeps
// the server programs off PATH).
func FindBinaries() (dir string, err error) {
	var candidates []string
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			candidates = append(candidates, filepath.Dir(real))
		}
		candidates = append(candidates, filepath.Dir(p))
	}
	installed, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(installed, func(i, j int) bool {
		return majorVersion(installed[i]) > majorVersion(installed[j])
	})
	candidates = append(candidates, installed...)

	for _, dir := range candidates {
		if hasServerBinaries(dir) {
			return dir, nil
		}
	}
	return "", ErrNoBinaries
}

// majorVersion reads the version from /usr/lib/postgresql/<version>/bin;
// a float so that 9.6 sorts below 10.
func majorVersion(binDir string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(binDir)), 64)
	return v
}

func hasServerBinaries(dir string) bool {
	for _, name := range []string{"initdb", "pg_ctl", "postgres"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 == 0 {
			return false
		}
	}
	return true
}
