package services

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/internal/testdb"
	"github.com/trialmatch/trialmatch/migrations"
	"github.com/trialmatch/trialmatch/models"
)

// benchHistory inserts @n referrals of trial @trial across 20 sites with their
// histories, over 22 months up to 2026-11-22. Of 100 referrals about 20 come
// through interest and 80 through invitation; 20 decline, 13 get no further
// than the invitation or interest, 5 withdraw early, 25 fail prescreening, 5
// are still in it, 8 fail screening later, 2 wait to enroll and 22 enroll
// (3 of them withdraw later, 7 are treated, 8 complete).
var benchHistory = []string{`
CREATE TEMP TABLE bench_plan ON COMMIT DROP AS
SELECT i, gen_random_uuid() AS id, md5(CAST(@trial AS text) || (1 + i % 20))::uuid AS site_id, h,
       timestamptz '2025-01-01 08:00Z' + i * (interval '660 days' / @n) AS start,
       CASE WHEN i % 5 = 0 THEN ARRAY['interested'] ELSE ARRAY['invited'] END ||
       CASE WHEN h < 250 AND i % 5 <> 0 THEN ARRAY['declined']
            WHEN h < 330 THEN ARRAY[]::text[]
            WHEN h < 380 THEN ARRAY['withdrawn']
            ELSE CASE WHEN i % 5 = 0 THEN ARRAY[]::text[] ELSE ARRAY['accepted'] END || ARRAY['prescreening'] ||
              CASE WHEN h < 630 THEN ARRAY['screen_failed']
                   WHEN h < 680 THEN ARRAY[]::text[]
                   ELSE ARRAY['eligible', 'consented'] ||
                     CASE WHEN h < 760 THEN ARRAY['screen_failed']
                          WHEN h < 780 THEN ARRAY[]::text[]
                          ELSE ARRAY['enrolled'] || CASE WHEN h < 810 THEN ARRAY['withdrawn'] WHEN h < 850 THEN ARRAY[]::text[]
                                                          WHEN h < 920 THEN ARRAY['treated'] ELSE ARRAY['treated', 'completed'] END
                     END
              END
       END AS path
FROM (SELECT i, ((i::bigint * 7919 + i::bigint / 7 * 104729) % 1000)::int AS h FROM generate_series(1, @n) i) AS x`, `
INSERT INTO referrals (id, trial_id, site_id, candidate_id, origin, state, screen_fail_reason,
                       age_band, sex, country, race, ethnicity, created_at, updated_at)
SELECT id, @trial, site_id, 'C-B' || i, CASE WHEN i % 5 = 0 THEN 'interest' ELSE 'invitation' END, path[cardinality(path)],
       CASE WHEN 'screen_failed' = ANY(path) THEN (ARRAY['inclusion_not_met', 'exclusion_met', 'declined', 'lost_to_follow_up', 'other'])[1 + h % 5] END,
       (ARRAY['2-11', '12-17', '18-24', '25-39', '40-64', '65-74'])[1 + i % 6], (ARRAY['female', 'male'])[1 + i % 2],
       (ARRAY['TR', 'DE', 'KZ', 'FR', 'RU'])[1 + i % 5],
       CASE WHEN i % 3 <> 0 THEN (ARRAY['asian', 'white', 'black_or_african_american', 'other'])[1 + i % 4] END,
       CASE WHEN i % 4 <> 0 THEN (ARRAY['hispanic_or_latino', 'not_hispanic_or_latino'])[1 + i % 2] END,
       start, start
FROM bench_plan`, `
INSERT INTO referral_events (referral_id, from_state, to_state, reason_code, occurred_at)
SELECT p.id, p.path[s.n - 1], s.state,
       CASE WHEN s.state = 'screen_failed' THEN (ARRAY['inclusion_not_met', 'exclusion_met', 'declined', 'lost_to_follow_up', 'other'])[1 + p.h % 5] END,
       p.start + (s.n - 1) * interval '6 days' * (1 + p.h % 4)
FROM bench_plan p, unnest(p.path) WITH ORDINALITY AS s(state, n)`}

// seedBenchTrial makes a recruiting trial of org with 20 sites (site ids
// md5(trial || 1..20)) and n referrals with histories. The milestone trigger
// is off during the bulk insert, and the migration's backfill fills the
// milestones in one statement (TestMilestonesBackfillMatchesTheTrigger shows
// they come out the same).
func seedBenchTrial(tb testing.TB, db *gorm.DB, org uuid.UUID, n int) uuid.UUID {
	tb.Helper()
	trial := uuid.New()
	src, err := fs.ReadFile(migrations.FS, "00011_reports.sql")
	if err != nil {
		tb.Fatal(err)
	}
	_, backfill, _ := strings.Cut(string(src), "-- Milestones of the referrals that exist already.\n")
	backfill, _, _ = strings.Cut(backfill, ";")
	backfill = strings.Replace(backfill, "GROUP BY r.id", "WHERE r.trial_id = @trial GROUP BY r.id", 1)
	args := map[string]any{"trial": trial, "n": n}
	err = db.Transaction(func(tx *gorm.DB) error {
		statements := []string{
			`INSERT INTO trials (id, sponsor_id, title, status, target_enrollment, criteria)
			 VALUES (@trial, '` + org.String() + `', 'Benchmark trial', 'recruiting', 30000, '[]')`,
			`INSERT INTO trial_sites (id, trial_id, name, country, target_enrollment)
			 SELECT md5(CAST(@trial AS text) || s)::uuid, @trial, 'Site ' || s, (ARRAY['TR', 'DE', 'KZ', 'FR'])[1 + s % 4], 1500
			 FROM generate_series(1, 20) s`,
			"ALTER TABLE referral_events DISABLE TRIGGER referral_events_milestones",
		}
		statements = append(statements, benchHistory...)
		statements = append(statements, "ALTER TABLE referral_events ENABLE TRIGGER referral_events_milestones", backfill)
		for _, q := range statements {
			var vars []any
			if strings.Contains(q, "@") {
				vars = append(vars, args)
			}
			if err := tx.Exec(q, vars...).Error; err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return trial
}

// BenchmarkEnrollmentReport measures the enrollment report of a trial with
// 100,000 referrals across 20 sites (in a database that also holds a second
// trial of 50,000), as the sponsor (every site), as one site's investigator,
// and as of 90 days ago. Run it with enough iterations for a p95:
//
//	go test ./services -run '^$' -bench EnrollmentReport -benchtime 200x
func BenchmarkEnrollmentReport(b *testing.B) {
	db := testdb.New(b)
	now := time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)
	svc := NewAll(db, func() time.Time { return now }, Settings{JWTSecret: []byte("bench-secret-bench-secret-bench-secret")})
	org := models.Organisation{Kind: "sponsor", Name: "Benchmark sponsor"}
	other := models.Organisation{Kind: "sponsor", Name: "Another sponsor"}
	for _, o := range []*models.Organisation{&org, &other} {
		if err := db.Create(o).Error; err != nil {
			b.Fatal(err)
		}
	}
	sponsor := models.User{Email: "bench-sponsor@example.org", PasswordHash: "x", Role: models.RoleSponsor, Status: models.UserActive,
		DisplayName: "Sponsor", Locale: "en", OrganisationID: &org.ID}
	investigator := models.User{Email: "bench-pi@example.org", PasswordHash: "x", Role: models.RoleInvestigator, Status: models.UserActive,
		DisplayName: "PI", Locale: "en"}
	for _, u := range []*models.User{&sponsor, &investigator} {
		if err := db.Create(u).Error; err != nil {
			b.Fatal(err)
		}
	}
	start := time.Now()
	trial := seedBenchTrial(b, db, org.ID, 100_000)
	seedBenchTrial(b, db, other.ID, 50_000)
	if err := db.Exec("INSERT INTO site_staff (site_id, user_id, role) VALUES (md5(CAST(? AS text) || 1)::uuid, ?, 'principal_investigator')",
		trial, investigator.ID).Error; err != nil {
		b.Fatal(err)
	}
	if err := db.Exec("VACUUM ANALYZE").Error; err != nil {
		b.Fatal(err)
	}
	b.Logf("seeded 150,000 referrals in %s", time.Since(start).Round(time.Second))
	if testing.Verbose() {
		explainReport(b, db, trial)
	}

	asOf := models.MustDate("2026-08-24")
	for _, c := range []struct {
		name  string
		actor models.User
		query ReportQuery
	}{
		{"sponsor-all-sites", sponsor, ReportQuery{}},
		{"investigator-one-site", investigator, ReportQuery{}},
		{"sponsor-as-of-90-days-ago", sponsor, ReportQuery{AsOf: &asOf}},
	} {
		b.Run(c.name, func(b *testing.B) {
			actor := Actor{UserID: c.actor.ID, Role: c.actor.Role}
			var took []time.Duration
			for b.Loop() {
				t0 := time.Now()
				r, err := svc.Reports.Enrollment(context.Background(), actor, trial, c.query)
				took = append(took, time.Since(t0))
				if err != nil || r.Enrollment.Enrolled.Value == nil {
					b.Fatalf("report: %v %+v", err, r.Enrollment)
				}
			}
			slices.Sort(took)
			at := func(q float64) float64 {
				return float64(took[int(q*float64(len(took)-1))].Microseconds()) / 1000
			}
			b.ReportMetric(at(0.50), "p50-ms")
			b.ReportMetric(at(0.95), "p95-ms")
			b.ReportMetric(at(1), "max-ms")
		})
	}
}

// explainReport logs the plans of the report's two scans of the trial, run
// as the report runs them (see ReportService.load).
func explainReport(b *testing.B, db *gorm.DB, trial uuid.UUID) {
	args := map[string]any{"trial": trial, "as_of": models.MustDate("2026-11-22")}
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec("SET LOCAL max_parallel_workers_per_gather = 0").Error; err != nil {
			return err
		}
		for _, q := range []string{funnelSQL, enrolledSQL} {
			var plan []string
			if err := tx.Raw("EXPLAIN (ANALYZE, BUFFERS) "+fmt.Sprintf(q, ""), args).Scan(&plan).Error; err != nil {
				return err
			}
			b.Log("\n" + strings.Join(plan, "\n"))
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
