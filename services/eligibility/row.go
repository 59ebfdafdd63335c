package eligibility

import (
	"database/sql/driver"
	"encoding/json"
	"strings"
	"time"

	"github.com/trialmatch/trialmatch/models"
)

// FactsRow is one row of volunteer_facts (migration 00005): a volunteer's
// Facts, one column per fact, NULL for unknown. Build it with Facts.Row; the
// caller sets VolunteerID, Matchable (consent to matching given, profile
// active) and RegisteredAt, and upserts it whenever the clinical profile
// changes, updating FactColumns (plus matchable if it changed).
type FactsRow struct {
	VolunteerID  string    `gorm:"column:volunteer_id;type:uuid;primaryKey"`
	Matchable    bool      `gorm:"column:matchable"`
	RegisteredAt time.Time `gorm:"column:registered_at"`

	DateOfBirth      *models.Date `gorm:"column:date_of_birth"`
	Sex              *string      `gorm:"column:sex"`
	Country          *string      `gorm:"column:country"`
	Latitude         *float64     `gorm:"column:latitude"`
	Longitude        *float64     `gorm:"column:longitude"`
	HealthyVolunteer *bool        `gorm:"column:healthy_volunteer"`

	ConditionCodes   textArray    `gorm:"column:condition_codes"`
	ConditionLineage textArray    `gorm:"column:condition_lineage"`
	Diagnoses        jsonValue    `gorm:"column:diagnoses"`
	PrimaryCondition *string      `gorm:"column:primary_condition"`
	FirstDiagnosedOn *models.Date `gorm:"column:first_diagnosed_on"`

	DiseaseStatus                 *string   `gorm:"column:disease_status"`
	RelapseCountMin               int       `gorm:"column:relapse_count_min"`
	RelapseCountMax               *int      `gorm:"column:relapse_count_max"`
	RelapseSites                  textArray `gorm:"column:relapse_sites"`
	RelapseDates                  dateArray `gorm:"column:relapse_dates"`
	RelapseDatesComplete          bool      `gorm:"column:relapse_dates_complete"`
	IsolatedExtramedullaryRelapse *bool     `gorm:"column:isolated_extramedullary_relapse"`
	Antigens                      jsonValue `gorm:"column:antigens"`
	Philadelphia                  *string   `gorm:"column:philadelphia"`
	CNSStatus                     *string   `gorm:"column:cns_status"`
	MRD                           *string   `gorm:"column:mrd"`

	PriorLines                  *int      `gorm:"column:prior_lines"`
	PriorCategories             textArray `gorm:"column:prior_categories"`
	PriorCategoriesComplete     bool      `gorm:"column:prior_categories_complete"`
	PriorTargets                textArray `gorm:"column:prior_targets"`
	PriorTargetsComplete        bool      `gorm:"column:prior_targets_complete"`
	PriorCART                   *bool     `gorm:"column:prior_car_t"`
	RefractoryToLastLine        *bool     `gorm:"column:refractory_to_last_line"`
	RefractoryCategories        textArray `gorm:"column:refractory_categories"`
	RefractoryUnknownCategories textArray `gorm:"column:refractory_unknown_categories"`
	LineRemissions              jsonValue `gorm:"column:line_remissions"`

	AlloSCT              *bool        `gorm:"column:allo_sct"`
	AlloSCTLastOn        *models.Date `gorm:"column:allo_sct_last_on"`
	AlloSCTRelapseAfter  *bool        `gorm:"column:allo_sct_relapse_after"`
	AlloSCTRelapseMonths *int         `gorm:"column:allo_sct_relapse_months"`
	AutoSCT              *bool        `gorm:"column:auto_sct"`
	AutoSCTLastOn        *models.Date `gorm:"column:auto_sct_last_on"`
	AutoSCTRelapseAfter  *bool        `gorm:"column:auto_sct_relapse_after"`
	AutoSCTRelapseMonths *int         `gorm:"column:auto_sct_relapse_months"`
	ActiveGVHD           *bool        `gorm:"column:active_gvhd"`
	AlloSCTEligible      *bool        `gorm:"column:allo_sct_eligible"`

	PerformanceScale *string `gorm:"column:performance_scale"`
	PerformanceScore *int    `gorm:"column:performance_score"`
	ECOGEquivalent   *int    `gorm:"column:ecog_equivalent"`
	KarnofskyLow     *int    `gorm:"column:karnofsky_low"`
	KarnofskyHigh    *int    `gorm:"column:karnofsky_high"`
}

func (FactsRow) TableName() string { return "volunteer_facts" }

// FactColumns are the columns that Facts.Row fills: the ones to update when
// a profile changes (volunteer_id, matchable and registered_at are not).
var FactColumns = []string{
	"date_of_birth", "sex", "country", "latitude", "longitude", "healthy_volunteer",
	"condition_codes", "condition_lineage", "diagnoses", "primary_condition", "first_diagnosed_on",
	"disease_status", "relapse_count_min", "relapse_count_max", "relapse_sites", "relapse_dates",
	"relapse_dates_complete", "isolated_extramedullary_relapse", "antigens", "philadelphia", "cns_status", "mrd",
	"prior_lines", "prior_categories", "prior_categories_complete", "prior_targets", "prior_targets_complete",
	"prior_car_t", "refractory_to_last_line", "refractory_categories", "refractory_unknown_categories", "line_remissions",
	"allo_sct", "allo_sct_last_on", "allo_sct_relapse_after", "allo_sct_relapse_months",
	"auto_sct", "auto_sct_last_on", "auto_sct_relapse_after", "auto_sct_relapse_months",
	"active_gvhd", "allo_sct_eligible",
	"performance_scale", "performance_score", "ecog_equivalent", "karnofsky_low", "karnofsky_high",
}

// Row is f as a volunteer_facts row (without id, matchable, registered_at).
func (f Facts) Row() FactsRow {
	r := FactsRow{
		DateOfBirth: f.DateOfBirth, Sex: f.Sex, Country: f.Country, Latitude: f.Latitude, Longitude: f.Longitude,
		HealthyVolunteer: f.HealthyVolunteer,
		ConditionCodes:   textArray(f.ConditionCodes), ConditionLineage: textArray(f.ConditionLineage),
		Diagnoses: jsonOf(f.Diagnoses), PrimaryCondition: f.PrimaryCondition, FirstDiagnosedOn: f.FirstDiagnosedOn,

		DiseaseStatus: f.DiseaseStatus, RelapseCountMin: f.RelapseCountMin, RelapseCountMax: f.RelapseCountMax,
		RelapseSites: nonNull(f.RelapseSites), RelapseDates: dateArray(f.RelapseDates),
		RelapseDatesComplete: f.RelapseDatesComplete, IsolatedExtramedullaryRelapse: f.IsolatedExtramedullaryRelapse,
		Antigens: jsonOf(f.Antigens), Philadelphia: f.Philadelphia, CNSStatus: f.CNSStatus, MRD: f.MRD,

		PriorLines:      f.PriorLines,
		PriorCategories: textArray(f.PriorCategories), PriorCategoriesComplete: f.PriorCategoriesComplete,
		PriorTargets: textArray(f.PriorTargets), PriorTargetsComplete: f.PriorTargetsComplete,
		PriorCART: f.PriorCART, RefractoryToLastLine: f.RefractoryToLastLine,
		RefractoryCategories:        textArray(f.RefractoryCategories),
		RefractoryUnknownCategories: textArray(f.RefractoryUnknownCategories),
		LineRemissions:              jsonOf(f.LineRemissions),

		AlloSCT: f.AlloSCT.Had, AlloSCTLastOn: f.AlloSCT.LastOn,
		AlloSCTRelapseAfter: f.AlloSCT.RelapseAfter, AlloSCTRelapseMonths: f.AlloSCT.RelapseMonths,
		AutoSCT: f.AutoSCT.Had, AutoSCTLastOn: f.AutoSCT.LastOn,
		AutoSCTRelapseAfter: f.AutoSCT.RelapseAfter, AutoSCTRelapseMonths: f.AutoSCT.RelapseMonths,
		ActiveGVHD: f.ActiveGVHD, AlloSCTEligible: f.AlloSCTEligible,
	}
	if p := f.Performance; p != nil {
		r.PerformanceScale, r.PerformanceScore = &p.Scale, &p.Score
		r.ECOGEquivalent, r.KarnofskyLow, r.KarnofskyHigh = &p.ECOG, &p.KarnofskyLow, &p.KarnofskyHigh
	}
	return r
}

// textArray is a PostgreSQL text[]; nil is NULL.
type textArray []string

func (a textArray) GormDataType() string { return "text[]" }

func (a textArray) Value() (driver.Value, error) {
	if a == nil {
		return nil, nil
	}
	quoted := make([]string, len(a))
	for i, s := range a {
		quoted[i] = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
	}
	return "{" + strings.Join(quoted, ",") + "}", nil
}

func nonNull(s []string) textArray {
	if s == nil {
		return textArray{}
	}
	return textArray(s)
}

// dateArray is a PostgreSQL date[]; nil is the empty array (the column is
// NOT NULL).
type dateArray []models.Date

func (a dateArray) GormDataType() string { return "date[]" }

func (a dateArray) Value() (driver.Value, error) {
	dates := make([]string, len(a))
	for i, d := range a {
		dates[i] = d.String()
	}
	return "{" + strings.Join(dates, ",") + "}", nil
}

// jsonValue is a jsonb value; nil is NULL.
type jsonValue []byte

func (j jsonValue) GormDataType() string { return "jsonb" }

func (j jsonValue) Value() (driver.Value, error) {
	if j == nil {
		return nil, nil
	}
	return string(j), nil
}

// jsonOf encodes v, or returns NULL for a nil slice or map.
func jsonOf[T any](v T) jsonValue {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return nil
	}
	return b
}
