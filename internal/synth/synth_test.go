package synth_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/trialmatch/trialmatch/internal/synth"
	"github.com/trialmatch/trialmatch/internal/testdb"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var testNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func newServices(t testing.TB) *services.All {
	t.Helper()
	return services.NewAll(testdb.New(t), func() time.Time { return testNow }, services.Settings{
		JWTSecret: []byte("test-secret-test-secret-test-secret"), JWTIssuer: "trialmatch", Audience: "trialmatch-api",
		AccessTTL: 15 * time.Minute, RefreshTTL: time.Hour, LoginWindow: 15 * time.Minute, MaxAccountFailures: 5, MaxAddressFailures: 20,
	})
}

// Every generated profile must pass the registry's own validation.
func TestProfilesPassValidation(t *testing.T) {
	all := newServices(t)
	ctx := context.Background()
	today := models.NewDate(testNow)
	warnings := 0
	err := synth.Generate(7, 2000, today, func(i int, p models.ClinicalProfile) error {
		check, err := all.Volunteers.CheckClinical(ctx, &p)
		if err != nil {
			return err
		}
		if len(check.Errors) > 0 {
			b, _ := json.Marshal(p)
			t.Errorf("profile %d: %v\n%s", i, check.Errors, b)
		}
		warnings += len(check.Warnings)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("2000 profiles valid; %d warnings", warnings)
}

func TestDeterministic(t *testing.T) {
	today := models.MustDate("2026-11-22")
	a, b := synth.Profiles(42, 50, today), synth.Profiles(42, 50, today)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different profiles")
	}
	if reflect.DeepEqual(a, synth.Profiles(43, 50, today)) {
		t.Fatal("different seeds gave the same profiles")
	}
	if p := synth.Profile(42, 17, today); !reflect.DeepEqual(p, a[17]) {
		t.Fatal("Profile(seed, i) differs from the i-th of Profiles")
	}
	g1, f1 := synth.Name(42, 17)
	g2, f2 := synth.Name(42, 17)
	if g1 == "" || f1 == "" || g1 != g2 || f1 != f2 {
		t.Fatalf("Name: %q %q then %q %q", g1, f1, g2, f2)
	}
}

// The mix is roughly the registry's: shares of diseases, countries, ages
// and unknowns.
func TestMix(t *testing.T) {
	const n = 20000
	today := models.MustDate("2026-11-22")
	codes, countries := map[string]int{}, map[string]int{}
	var children, noSex, noDOB, withCountry, myelomaOld, myeloma int
	_ = synth.Generate(1, n, today, func(_ int, p models.ClinicalProfile) error {
		if len(p.Diagnoses) > 0 {
			c := p.Diagnoses[len(p.Diagnoses)-1].ConditionCode
			codes[c]++
			if c == "multiple_myeloma" && p.DateOfBirth != nil {
				myeloma++
				if age := today.Year - p.DateOfBirth.Year; age >= 50 && age <= 81 {
					myelomaOld++
				}
			}
		}
		if p.Country != nil {
			countries[*p.Country]++
			withCountry++
		}
		if p.Sex == nil {
			noSex++
		}
		if p.DateOfBirth == nil {
			noDOB++
		} else if today.Year-p.DateOfBirth.Year < 18 {
			children++
		}
		return nil
	})
	share := func(k int) float64 { return float64(k) / n }
	within := func(name string, got, lo, hi float64) {
		if got < lo || got > hi {
			t.Errorf("%s: %.3f, want %.2f–%.2f", name, got, lo, hi)
		}
	}
	within("b_all", share(codes["b_all"]), 0.22, 0.27)
	within("dlbcl", share(codes["dlbcl"]), 0.15, 0.20)
	within("multiple_myeloma", share(codes["multiple_myeloma"]), 0.15, 0.20)
	within("aml", share(codes["aml"]), 0.08, 0.12)
	within("TR", float64(countries["TR"])/float64(withCountry), 0.40, 0.50)
	within("KZ", float64(countries["KZ"])/float64(withCountry), 0.12, 0.18)
	within("sex unknown", share(noSex), 0.08, 0.16)
	within("birth date unknown", share(noDOB), 0.08, 0.16)
	within("children", share(children), 0.15, 0.35)
	within("myeloma aged 50–80", float64(myelomaOld)/float64(myeloma), 0.75, 1)
}

func TestTrialCriteriaDecode(t *testing.T) {
	all := newServices(t)
	ctx := context.Background()
	tax, err := all.Facts.EngineTaxonomy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, spec := range synth.Trials(3, 200) {
		if _, err := eligibility.DecodeCriteria(spec.Criteria, tax); err != nil {
			t.Fatalf("trial %d (%s): %v\n%s", i, spec.Title, err, spec.Criteria)
		}
		if len(spec.Sites) == 0 {
			t.Fatalf("trial %d has no sites", i)
		}
	}
}

func BenchmarkProfile(b *testing.B) {
	today := models.MustDate("2026-11-22")
	for i := 0; b.Loop(); i++ {
		_ = synth.Profile(1, i, today)
	}
}

func BenchmarkDerive(b *testing.B) {
	all := newServices(b)
	tax, err := all.Facts.EngineTaxonomy(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	profiles := synth.Profiles(1, 1000, models.MustDate("2026-11-22"))
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		_ = eligibility.Derive(profiles[i%len(profiles)], tax).Row()
	}
}

// Load writes what the services would: the facts rows are those
// FactsService.Refresh derives, and the accounts can sign in.
func TestLoad(t *testing.T) {
	all := newServices(t)
	db := all.Facts.DB
	ctx := context.Background()
	opts := synth.LoadOptions{Today: models.NewDate(testNow), BatchSize: 70}
	if err := synth.Load(ctx, db, all, 300, 5, opts); err != nil {
		t.Fatal(err)
	}
	opts.First = 300
	if err := synth.Load(ctx, db, all, 50, 5, opts); err != nil {
		t.Fatal(err)
	}
	for table, want := range map[string]int64{"users": 350, "volunteers": 350, "volunteer_identities": 350, "volunteer_clinical": 350, "volunteer_facts": 350} {
		var got int64
		if err := db.Table(table).Count(&got).Error; err != nil || got != want {
			t.Errorf("%s: %d rows (%v), want %d", table, got, err, want)
		}
	}
	var mismatched int64
	db.Raw("SELECT count(*) FROM volunteer_facts f JOIN volunteers v ON v.id = f.volunteer_id WHERE f.registered_at <> v.created_at").Scan(&mismatched)
	if mismatched != 0 {
		t.Errorf("%d facts rows have registered_at other than the volunteer's created_at", mismatched)
	}
	var matchable int64
	db.Table("volunteer_facts").Where("matchable").Count(&matchable)
	if matchable < 250 || matchable > 340 {
		t.Errorf("%d of 350 matchable, want about 85 %%", matchable)
	}
	var ids []string
	if err := db.Raw("SELECT volunteer_id::text FROM volunteer_facts ORDER BY volunteer_id LIMIT 40").Scan(&ids).Error; err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		before, err := all.Facts.Export(ctx, db, uuid.MustParse(id))
		if err != nil {
			t.Fatal(err)
		}
		if err := all.Facts.Refresh(ctx, db, uuid.MustParse(id)); err != nil {
			t.Fatal(err)
		}
		after, _ := all.Facts.Export(ctx, db, uuid.MustParse(id))
		if !reflect.DeepEqual(before, after) {
			t.Fatalf("volunteer %s: loaded facts differ from FactsService's\nloaded %v\nservice %v", id, before, after)
		}
	}
	var u models.User
	if err := db.First(&u, "role = 'volunteer'").Error; err != nil {
		t.Fatal(err)
	}
	if ok, err := services.VerifyPassword(u.PasswordHash, services.DemoPassword); !ok || err != nil {
		t.Fatalf("password: %v %v", ok, err)
	}
}
