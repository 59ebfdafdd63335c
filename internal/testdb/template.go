package testdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
)

// ensureTemplate returns the name of the template database for the current
// migrations, building it if no test process has yet. Test processes
// running in parallel against one server take turns through an advisory
// lock, which PostgreSQL releases if its holder dies.
func (s *server) ensureTemplate(ctx context.Context) (string, error) {
	sum, err := hashFS(migrationFS)
	if err != nil {
		return "", fmt.Errorf("testdb: hash migrations: %w", err)
	}
	name := "tm_template_" + sum[:12]

	conn, err := s.admin.Conn(ctx) // the lock belongs to this one session
	if err != nil {
		return "", fmt.Errorf("testdb: %w", err)
	}
	defer conn.Close()
	const lockKey = "hashtextextended($1, 0)"
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock("+lockKey+")", name); err != nil {
		return "", fmt.Errorf("testdb: lock template %s: %w", name, err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock("+lockKey+")", name)

	if found, _, err := findDatabase(ctx, conn, name); err != nil || found {
		return name, err
	}
	if err := s.buildTemplate(ctx, conn, name); err != nil {
		return "", fmt.Errorf("testdb: build template %s: %w", name, err)
	}
	return name, nil
}

// buildTemplate migrates a database under a temporary name and renames it
// when complete: a build cut short never passes for a template, and the
// next build drops it.
func (s *server) buildTemplate(ctx context.Context, conn *sql.Conn, name string) error {
	build := name + "_build"
	found, isTemplate, err := findDatabase(ctx, conn, build)
	if err != nil {
		return err
	}
	var stmts []string
	if isTemplate {
		stmts = append(stmts, "ALTER DATABASE "+build+" IS_TEMPLATE false") // or DROP refuses
	}
	if found {
		stmts = append(stmts, "DROP DATABASE "+build+" WITH (FORCE)")
	}
	stmts = append(stmts, "CREATE DATABASE "+build+" TEMPLATE template0")
	if err := execAll(ctx, conn, stmts...); err != nil {
		return err
	}
	if err := s.migrate(ctx, build); err != nil {
		return err
	}
	// CREATE DATABASE … TEMPLATE fails while anyone is connected to the
	// template: from now on no one can connect.
	return execAll(ctx, conn,
		"ALTER DATABASE "+build+" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false",
		"ALTER DATABASE "+build+" RENAME TO "+name)
}

// migrate applies the migrations to dbname and closes its connections.
func (s *server) migrate(ctx context.Context, dbname string) error {
	db, err := sql.Open("pgx", s.url(dbname))
	if err != nil {
		return err
	}
	return errors.Join(migrate(ctx, db), db.Close())
}

func findDatabase(ctx context.Context, conn *sql.Conn, name string) (found, isTemplate bool, err error) {
	err = conn.QueryRowContext(ctx, "SELECT datistemplate FROM pg_database WHERE datname = $1", name).Scan(&isTemplate)
	if errors.Is(err, sql.ErrNoRows) {
		return false, false, nil
	}
	return err == nil, isTemplate, err
}

func execAll(ctx context.Context, conn *sql.Conn, stmts ...string) error {
	for _, stmt := range stmts {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return nil
}

// hashFS returns the hex SHA-256 of every file's name and content.
func hashFS(fsys fs.FS) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(b))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}
