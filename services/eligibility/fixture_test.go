package eligibility

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/trialmatch/trialmatch/models"
)

// refDate is the fixed reference date of the tests (not a leap year).
var refDate = models.MustDate("2026-11-15")

// taxonomyTree is the condition tree of API.md (with a few of the extra
// leaves of migration 00002), as child → parent.
var taxonomyTree = [][2]string{
	{"haematological_malignancy", ""},
	{"leukaemia", "haematological_malignancy"},
	{"all", "leukaemia"}, {"b_all", "all"}, {"t_all", "all"},
	{"aml", "leukaemia"}, {"cll", "leukaemia"}, {"cml", "leukaemia"},
	{"lymphoma", "haematological_malignancy"},
	{"b_nhl", "lymphoma"},
	{"dlbcl", "b_nhl"}, {"pmbcl", "b_nhl"}, {"hgbcl", "b_nhl"}, {"transformed_follicular_lymphoma", "b_nhl"},
	{"follicular_lymphoma", "b_nhl"}, {"mantle_cell_lymphoma", "b_nhl"}, {"marginal_zone_lymphoma", "b_nhl"},
	{"burkitt_lymphoma", "b_nhl"}, {"b_lbl", "b_nhl"},
	{"nodal_marginal_zone_lymphoma", "marginal_zone_lymphoma"},
	{"t_nhl", "lymphoma"}, {"hodgkin_lymphoma", "lymphoma"},
	{"plasma_cell_neoplasm", "haematological_malignancy"}, {"multiple_myeloma", "plasma_cell_neoplasm"},
	{"solid_tumour", ""}, {"breast_cancer", "solid_tumour"}, {"neuroblastoma", "solid_tumour"},
	{"healthy_volunteer", ""},
}

var (
	taxOnce sync.Once
	taxTree *Taxonomy
)

// testTaxonomy is the fixture tree, built once.
func testTaxonomy(t testing.TB) *Taxonomy {
	t.Helper()
	taxOnce.Do(func() {
		var nodes []TaxonomyNode
		for _, n := range taxonomyTree {
			nodes = append(nodes, TaxonomyNode{Code: n[0], ParentCode: n[1]})
		}
		var err error
		if taxTree, err = NewTaxonomy(nodes); err != nil {
			panic(err)
		}
	})
	return taxTree
}

// Small helpers for literals.
func day(s string) *models.Date { d := models.MustDate(s); return &d }
func str(s string) *string      { return &s }
func num(n int) *int            { return &n }
func flag(b bool) *bool         { return &b }
func km(x float64) *float64     { return &x }

// profileBuilder builds clinical profiles readably:
//
//	aProfile().born("2016-05-04").diagnosis("b_all", …).facts(t)
type profileBuilder struct{ p models.ClinicalProfile }

func aProfile() *profileBuilder { return &profileBuilder{} }

func (b *profileBuilder) born(date string) *profileBuilder { b.p.DateOfBirth = day(date); return b }
func (b *profileBuilder) sex(s string) *profileBuilder     { b.p.Sex = str(s); return b }
func (b *profileBuilder) livesAt(country string, lat, lon float64) *profileBuilder {
	b.p.Country, b.p.Latitude, b.p.Longitude = str(country), km(lat), km(lon)
	return b
}

func (b *profileBuilder) diagnosis(code string, edit ...func(*models.Diagnosis)) *profileBuilder {
	d := models.Diagnosis{ConditionCode: code}
	for _, e := range edit {
		e(&d)
	}
	b.p.Diagnoses = append(b.p.Diagnoses, d)
	return b
}

// noDiagnoses states that there are none (an empty list, not unknown).
func (b *profileBuilder) noDiagnoses() *profileBuilder {
	b.p.Diagnoses = []models.Diagnosis{}
	return b
}

func (b *profileBuilder) line(n int, edit ...func(*models.TherapyLine)) *profileBuilder {
	l := models.TherapyLine{Line: n, Categories: []string{"chemotherapy"}, Targets: []string{}}
	for _, e := range edit {
		e(&l)
	}
	if b.p.TherapyLines == nil {
		b.p.TherapyLines = []models.TherapyLine{}
	}
	b.p.TherapyLines = append(b.p.TherapyLines, l)
	return b
}

func (b *profileBuilder) noTherapy() *profileBuilder {
	b.p.TherapyLines = []models.TherapyLine{}
	return b
}

func (b *profileBuilder) transplant(typ string, date *models.Date) *profileBuilder {
	if b.p.Transplants == nil {
		b.p.Transplants = []models.Transplant{}
	}
	b.p.Transplants = append(b.p.Transplants, models.Transplant{Type: typ, Date: date})
	return b
}

func (b *profileBuilder) noTransplants() *profileBuilder {
	b.p.Transplants = []models.Transplant{}
	return b
}

func (b *profileBuilder) performance(scale string, score int) *profileBuilder {
	b.p.Performance = &models.Performance{Scale: scale, Score: score}
	return b
}

func (b *profileBuilder) edit(e func(*models.ClinicalProfile)) *profileBuilder {
	e(&b.p)
	return b
}

func (b *profileBuilder) facts(t testing.TB) Facts { return Derive(b.p, testTaxonomy(t)) }

// Diagnosis and line edits.
func status(s string) func(*models.Diagnosis) {
	return func(d *models.Diagnosis) { d.Status = str(s) }
}
func diagnosedOn(s string) func(*models.Diagnosis) {
	return func(d *models.Diagnosis) { d.DiagnosedOn = day(s) }
}
func antigens(kv ...string) func(*models.Diagnosis) {
	return func(d *models.Diagnosis) {
		d.Antigens = map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			d.Antigens[kv[i]] = kv[i+1]
		}
	}
}
func relapses(rs ...models.Relapse) func(*models.Diagnosis) {
	return func(d *models.Diagnosis) { d.Relapses = append([]models.Relapse{}, rs...) }
}
func relapseCount(n int) func(*models.Diagnosis) {
	return func(d *models.Diagnosis) { d.RelapseCount = num(n) }
}
func relapse(date, site string) models.Relapse { return models.Relapse{Date: day(date), Site: site} }

func categories(c ...string) func(*models.TherapyLine) {
	return func(l *models.TherapyLine) { l.Categories = append([]string{}, c...) }
}
func targets(t ...string) func(*models.TherapyLine) {
	return func(l *models.TherapyLine) { l.Targets = append([]string{}, t...) }
}
func best(r string) func(*models.TherapyLine) {
	return func(l *models.TherapyLine) { l.BestResponse = str(r) }
}
func respondedOn(s string) func(*models.TherapyLine) {
	return func(l *models.TherapyLine) { l.ResponseOn = day(s) }
}
func relapsedOn(s string) func(*models.TherapyLine) {
	return func(l *models.TherapyLine) { l.RelapsedOn = day(s) }
}
func endedOn(s string) func(*models.TherapyLine) {
	return func(l *models.TherapyLine) { l.EndedOn = day(s) }
}
func progressed(b bool) func(*models.TherapyLine) {
	return func(l *models.TherapyLine) { l.ProgressedOnTherapy = flag(b) }
}

// decodeOne decodes one criterion given as JSON; the test fails on error.
func decodeOne(t testing.TB, criterionJSON string) Criterion {
	t.Helper()
	list := decodeAll(t, "["+criterionJSON+"]")
	return list[0]
}

func decodeAll(t testing.TB, criteriaJSON string) []Criterion {
	t.Helper()
	list, err := DecodeCriteria(json.RawMessage(criteriaJSON), testTaxonomy(t))
	if err != nil {
		t.Fatalf("decode %s: %v", criteriaJSON, err)
	}
	return list
}

// judgeOne evaluates one criterion on the facts at refDate.
func judgeOne(t testing.TB, criterionJSON string, f Facts) CriterionResult {
	t.Helper()
	return Evaluate([]Criterion{decodeOne(t, criterionJSON)}, f, EvalContext{ReferenceDate: refDate}).Criteria[0]
}

// outcomeCase is one row of an outcome table.
type outcomeCase struct {
	name      string
	criterion string // JSON
	profile   *profileBuilder
	want      Outcome
	reason    string // expected reason code; "" to skip
}

func runOutcomeCases(t *testing.T, cases []outcomeCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := judgeOne(t, tc.criterion, tc.profile.facts(t))
			if got.Outcome != tc.want || (tc.reason != "" && got.Reason.Code != tc.reason) {
				t.Errorf("got %s (%s %v), want %s (%s)", got.Outcome, got.Reason.Code, got.Reason.Params, tc.want, tc.reason)
			}
		})
	}
}

// lineT shortens edits of a therapy line written in place.
type lineT = models.TherapyLine

type (
	relapseT = models.Relapse
	profileT = models.ClinicalProfile
)

// fmtID fills the one %s of a criterion template with an id.
func fmtID(format, id string) string { return strings.Replace(format, "%s", id, 1) }
