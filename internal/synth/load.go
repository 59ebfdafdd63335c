package synth

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

// LoadOptions tune Load; the zero value is fine.
type LoadOptions struct {
	// Today is the date profiles are generated for (default: today, UTC).
	Today models.Date
	// First is the index of the first volunteer, so that a second Load with
	// the same seed adds volunteers First … First+n-1 (default 0).
	First int
	// Password of every account (default services.DemoPassword); it is
	// hashed once.
	Password string
	// BatchSize volunteers go in one transaction (default 5,000); Workers
	// goroutines build batches (default GOMAXPROCS) and Conns connections
	// copy them (default 2).
	BatchSize, Workers, Conns int
	// Progress, when set, is called after each batch with the number of
	// volunteers loaded so far.
	Progress func(loaded int)
}

// MatchingConsentShare and ContactConsentShare are the shares of volunteers
// who consent to being matched and to being contacted.
const (
	MatchingConsentShare = 0.85
	ContactConsentShare  = 0.70
)

// Load inserts n synthetic volunteers quickly, with PostgreSQL COPY: for
// each, an active volunteer account, the volunteer (self, or child under
// 18), identity, clinical profile, consents (matching for ~85 %, contact for
// ~70 %, version 1) and the volunteer_facts row derived exactly as
// FactsService does (eligibility.Derive, then Facts.Row). It ends with
// ANALYZE. Volunteers are deterministic for (seed, index): loading the same
// indexes twice fails on the unique keys.
func Load(ctx context.Context, db *gorm.DB, all *services.All, n int, seed int64, opts LoadOptions) error {
	if opts.Today.IsZero() {
		opts.Today = models.NewDate(time.Now().UTC())
	}
	if opts.Password == "" {
		opts.Password = services.DemoPassword
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 5000
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Conns <= 0 {
		opts.Conns = 2
	}
	tax, err := all.Facts.EngineTaxonomy(ctx)
	if err != nil {
		return err
	}
	hash, err := services.HashPassword(opts.Password)
	if err != nil {
		return err
	}
	facts, err := columnsOf(db, &eligibility.FactsRow{})
	if err != nil {
		return err
	}
	b := &builder{seed: seed, today: opts.Today, hash: hash, tax: tax, facts: facts}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	starts := make(chan int)
	ready := make(chan *batch, opts.Workers)
	var builders, copiers sync.WaitGroup
	go func() {
		defer close(starts)
		for i := opts.First; i < opts.First+n; i += opts.BatchSize {
			select {
			case starts <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range opts.Workers {
		builders.Go(func() {
			for start := range starts {
				bt, err := b.build(ctx, start, min(start+opts.BatchSize, opts.First+n))
				if err != nil {
					cancel(err)
					return
				}
				select {
				case ready <- bt:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() { builders.Wait(); close(ready) }()
	var mu sync.Mutex
	loaded := 0
	for range opts.Conns {
		copiers.Go(func() {
			for bt := range ready {
				if ctx.Err() != nil {
					continue // drain
				}
				if err := copyBatch(ctx, sqlDB, bt); err != nil {
					cancel(err)
					continue
				}
				mu.Lock()
				loaded += bt.count
				if opts.Progress != nil {
					opts.Progress(loaded)
				}
				mu.Unlock()
			}
		})
	}
	copiers.Wait()
	if err := context.Cause(ctx); err != nil {
		return err
	}
	// The facts were copied past FactsService: every kept ranking is stale.
	if err := services.InvalidateRankings(ctx, db); err != nil {
		return err
	}
	return db.WithContext(ctx).Exec("ANALYZE users, volunteers, volunteer_identities, volunteer_clinical, consents, volunteer_facts").Error
}

// batch is the rows of volunteers [start, start+count) for every table.
type batch struct {
	count  int
	tables []*copyTable
}

// copyBatch copies a batch in one transaction on one connection.
func copyBatch(ctx context.Context, db *sql.DB, bt *batch) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return errors.New("synth: Load needs gorm's pgx driver")
		}
		return pgx.BeginFunc(ctx, sc.Conn(), func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, "SET LOCAL synchronous_commit = off"); err != nil {
				return err
			}
			for _, t := range bt.tables {
				if _, err := tx.Conn().PgConn().CopyFrom(ctx, &t.buf, t.statement()); err != nil {
					return fmt.Errorf("synth: copy %s: %w", t.name, err)
				}
			}
			return nil
		})
	})
}

// builder makes the rows of one volunteer after another.
type builder struct {
	seed  int64
	today models.Date
	hash  string
	tax   *eligibility.Taxonomy
	facts *modelColumns
}

var dialCodes = map[string]string{"TR": "+90", "KZ": "+7", "DE": "+49", "ES": "+34", "IT": "+39", "FR": "+33",
	"PL": "+48", "NL": "+31", "GB": "+44", "RU": "+7", "AZ": "+994", "UZ": "+998"}

func (b *builder) build(ctx context.Context, start, end int) (*batch, error) {
	users := &copyTable{name: "users", columns: []string{"id", "email", "password_hash", "role", "status", "display_name", "locale", "created_at", "updated_at"}}
	volunteers := &copyTable{name: "volunteers", columns: []string{"id", "account_id", "relationship", "created_at", "updated_at"}}
	identities := &copyTable{name: "volunteer_identities", columns: []string{"volunteer_id", "given_name", "family_name", "email", "phone", "preferred_language", "updated_at"}}
	clinical := &copyTable{name: "volunteer_clinical", columns: []string{"volunteer_id", "profile", "version", "updated_at"}}
	consents := &copyTable{name: "consents", columns: []string{"id", "volunteer_id", "scope", "text_version", "locale", "granted_by", "granted_at"}}
	facts := &copyTable{name: "volunteer_facts", columns: b.facts.columns}
	threeYears := 3 * 365 * 24 * time.Hour
	for i := start; i < end; i++ {
		r := stream(b.seed, i, streamAccount)
		id := func() uuid.UUID {
			var u uuid.UUID
			for k := range u {
				u[k] = byte(r.Uint32())
			}
			u[6], u[8] = (u[6]&0x0f)|0x40, (u[8]&0x3f)|0x80 // version 4, RFC 4122 variant
			return u
		}
		userID, volunteerID := id(), id()
		created := b.today.Time().Add(-time.Duration(r.Int64N(int64(threeYears)))).Add(-time.Hour)
		who := personOf(b.seed, i)
		locale := countries[who.country].locale
		given, family := Name(b.seed, i)
		p := Profile(b.seed, i, b.today)
		relationship, display := models.RelationshipSelf, given+" "+family
		if p.DateOfBirth != nil && p.DateOfBirth.AddDate(18, 0, 0).After(b.today) {
			relationship, display = models.RelationshipChild, family+" family"
		}
		email := fmt.Sprintf("v%d-%d@synthetic.trialmatch.test", i, b.seed)
		phone := fmt.Sprintf("%s %03d %03d %04d", dialCodes[countries[who.country].code], 300+r.IntN(700), r.IntN(1000), r.IntN(10000))
		profile, err := json.Marshal(p)
		if err != nil {
			return nil, err
		}
		matching, contact := r.Float64() < MatchingConsentShare, r.Float64() < ContactConsentShare
		errs := []error{
			users.row(userID, email, b.hash, "volunteer", "active", display, locale, created, created),
			volunteers.row(volunteerID, userID, string(relationship), created, created),
			identities.row(volunteerID, given, family, email, phone, locale, created),
			clinical.row(volunteerID, profile, 1, created),
		}
		for _, c := range []struct {
			scope string
			given bool
		}{{"matching", matching}, {"contact", contact}} {
			if c.given {
				errs = append(errs, consents.row(id(), volunteerID, c.scope, 1, locale, userID, created))
			}
		}
		// As FactsService.Refresh and upsertFacts (services/facts*.go) do.
		row := eligibility.Derive(p, b.tax).Row()
		row.VolunteerID, row.Matchable, row.RegisteredAt = volunteerID.String(), matching, created
		errs = append(errs, facts.row(b.facts.values(ctx, &row)...))
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
	}
	return &batch{count: end - start, tables: []*copyTable{users, volunteers, identities, clinical, consents, facts}}, nil
}
