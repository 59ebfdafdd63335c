package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"sync"
	"testing"
	"testing/fstest"
)

// A small schema of our own, so these tests do not depend on the
// application's migrations.
func useSchema(version string) {
	migrationFS = fstest.MapFS{"00001_notes.sql": {Data: []byte(version)}}
	migrate = func(ctx context.Context, db *sql.DB) error {
		_, err := db.ExecContext(ctx, `CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL);
			INSERT INTO notes (body) VALUES ('from the template')`)
		return err
	}
}

func TestMain(m *testing.M) {
	useSchema("v1")
	Main(m)
}

func TestDatabasesAreFreshAndIsolated(t *testing.T) {
	for i := range 2 {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			t.Parallel()
			db := New(t)
			var rows []string
			if err := db.Raw("SELECT body FROM notes ORDER BY id").Scan(&rows).Error; err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 || rows[0] != "from the template" {
				t.Fatalf("new database holds %q, want the template's one row", rows)
			}
			mine := fmt.Sprint("written by ", i)
			if err := db.Exec("INSERT INTO notes (body) VALUES (?)", mine).Error; err != nil {
				t.Fatal(err)
			}
			var n int
			if err := db.Raw("SELECT count(*) FROM notes").Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			if n != 2 {
				t.Errorf("%d rows after one insert: the other test's row leaked in", n)
			}
		})
	}
}

func TestDatabaseDroppedAfterTest(t *testing.T) {
	var dbURL string
	t.Run("uses", func(t *testing.T) { dbURL = NewURL(t) })
	u, _ := url.Parse(dbURL)
	var n int
	if err := srv.admin.QueryRow("SELECT count(*) FROM pg_database WHERE datname = $1", u.Path[1:]).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%s still exists after its test", dbURL)
	}
}

// Test processes sharing a server race to build a new template, some finding
// the remains of a build that crashed.
func TestConcurrentTemplateBuild(t *testing.T) {
	s, err := getServer()
	if err != nil {
		t.Fatal(err)
	}
	defer useSchema("v1")
	useSchema(t.Name() + randomHex()) // a template no other run builds
	sum, _ := hashFS(migrationFS)
	want := "tm_template_" + sum[:12]
	ctx := context.Background()
	t.Cleanup(func() {
		s.admin.Exec("ALTER DATABASE " + want + " IS_TEMPLATE false")
		s.admin.Exec("DROP DATABASE IF EXISTS " + want)
	})
	// The crashed build: migrated halfway, marked as a template already.
	if _, err := s.admin.Exec("CREATE DATABASE " + want + "_build IS_TEMPLATE true"); err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			name, err := s.ensureTemplate(ctx)
			if err == nil && name != want {
				err = fmt.Errorf("template %s, want %s", name, want)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}

	var names []string
	rows, err := s.admin.Query("SELECT datname FROM pg_database WHERE datname LIKE $1 AND datistemplate AND NOT datallowconn", want+"%")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	if len(names) != 1 || names[0] != want {
		t.Errorf("templates %v, want just %s", names, want)
	}
}

func TestTemplateNameFollowsMigrations(t *testing.T) {
	a, _ := hashFS(fstest.MapFS{"1.sql": {Data: []byte("x")}})
	b, _ := hashFS(fstest.MapFS{"1.sql": {Data: []byte("y")}})
	c, _ := hashFS(fstest.MapFS{"2.sql": {Data: []byte("x")}})
	if a == b || a == c {
		t.Errorf("hashes do not follow names and contents: %s %s %s", a, b, c)
	}
}
