package eligibility

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm/clause"

	"github.com/trialmatch/trialmatch/internal/testdb"
)

func TestFactColumnsAreTheRowsFactColumns(t *testing.T) {
	var columns []string
	rt := reflect.TypeFor[FactsRow]()
	for i := range rt.NumField() {
		tag := rt.Field(i).Tag.Get("gorm")
		name := strings.TrimPrefix(strings.Split(tag, ";")[0], "column:")
		if name != "volunteer_id" && name != "matchable" && name != "registered_at" {
			columns = append(columns, name)
		}
	}
	if !slices.Equal(columns, FactColumns) {
		t.Errorf("FactColumns %v\nrow columns %v", FactColumns, columns)
	}
}

// The lead's upsert: insert a row, then rewrite its facts when the profile
// changes; the columns read back as written.
func TestFactsRowUpsert(t *testing.T) {
	db := testdb.New(t)
	id := insertVolunteers(t, db, 1)[0]
	upsert := func(f Facts) {
		t.Helper()
		row := f.Row()
		row.VolunteerID, row.Matchable, row.RegisteredAt = id, true, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		err := db.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "volunteer_id"}},
			DoUpdates: clause.AssignmentColumns(append([]string{"matchable"}, FactColumns...)),
		}).Create(&row).Error
		if err != nil {
			t.Fatal(err)
		}
	}
	upsert(aProfile().born("2016-05-04").diagnosis("b_all", antigens("CD19", "positive"), relapses(relapse("2025-01-01", "cns"))).
		line(1, categories("chemotherapy", "anti_cd20"), best("CR"), respondedOn("2022-04-10"), relapsedOn("2023-01-10")).
		transplant("allogeneic", day("2024-06-01")).performance("lansky", 70).facts(t))
	var got struct {
		DateOfBirth    string
		Lineage        string
		Diagnoses      string
		RelapseDates   string
		PriorTargets   string
		LineRemissions string
		KarnofskyLow   int
	}
	read := func() {
		t.Helper()
		err := db.Raw(`SELECT date_of_birth::text, condition_lineage::text AS lineage, diagnoses::text,
			relapse_dates::text, prior_targets::text, line_remissions::text, karnofsky_low
			FROM volunteer_facts WHERE volunteer_id = ?`, id).Scan(&got).Error
		if err != nil {
			t.Fatal(err)
		}
	}
	read()
	want := []string{"2016-05-04", "{all,b_all,haematological_malignancy,leukaemia}",
		`[{"code": "b_all", "lineage": ["b_all", "all", "leukaemia", "haematological_malignancy"], "antigens": {"CD19": "positive"}}]`,
		"{2023-01-10,2025-01-01}", "{CD20}", `{"1": {"reached_cr": true, "remission_months": 9}}`}
	if have := []string{got.DateOfBirth, got.Lineage, got.Diagnoses, got.RelapseDates, got.PriorTargets, got.LineRemissions}; !slices.Equal(have, want) || got.KarnofskyLow != 70 {
		t.Errorf("read back %q %d\nwant %q", have, got.KarnofskyLow, want)
	}

	upsert(aProfile().facts(t)) // everything unknown now
	read()
	if got.DateOfBirth != "" || got.Lineage != "" || got.Diagnoses != "" || got.RelapseDates != "{}" || got.LineRemissions != "" {
		t.Errorf("the upsert kept old facts: %+v", got)
	}
}
