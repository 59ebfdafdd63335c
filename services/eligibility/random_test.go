package eligibility

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"

	"github.com/trialmatch/trialmatch/models"
)

// gen draws random profiles and criteria for the property tests. It leans
// towards the edges: missing facts, empty lists, dates on and next to the
// boundaries that the criteria draw (N years or months before the
// reference date, 29 February).
type gen struct {
	r *rand.Rand
}

func newGen(seed uint64) *gen { return &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))} }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }
func (g *gen) intn(n int) int        { return g.r.IntN(n) }
func (g *gen) pick(s []string) string {
	return s[g.r.IntN(len(s))]
}

// The numbers criteria use; dates are drawn around them.
var (
	boundaryYears  = []int{0, 1, 3, 16, 18, 21, 22, 25, 65}
	boundaryMonths = []int{1, 3, 6, 12, 18, 24}
	taxonomyCodes  = []string{"haematological_malignancy", "leukaemia", "all", "b_all", "t_all", "aml", "cll",
		"lymphoma", "b_nhl", "dlbcl", "pmbcl", "follicular_lymphoma", "transformed_follicular_lymphoma",
		"nodal_marginal_zone_lymphoma", "marginal_zone_lymphoma", "hodgkin_lymphoma", "t_nhl",
		"plasma_cell_neoplasm", "multiple_myeloma", "solid_tumour", "neuroblastoma", "healthy_volunteer"}
)

// date draws a date near a boundary relative to anchor, or anywhere in
// ±12 years, or a 29 February.
func (g *gen) date(anchor models.Date) models.Date {
	jitter := g.intn(3) - 1 // the day before, on, or after
	switch g.intn(5) {
	case 0:
		return anchor.AddDate(-boundaryYears[g.intn(len(boundaryYears))], 0, jitter)
	case 1:
		return anchor.AddDate(0, -boundaryMonths[g.intn(len(boundaryMonths))], jitter)
	case 2:
		leap := []int{2004, 2008, 2012, 2016, 2020, 2024}[g.intn(6)]
		return models.Date{Year: leap, Month: 2, Day: 29}.AddDate(0, 0, jitter)
	default:
		return anchor.AddDate(0, 0, -g.intn(12*366)+200)
	}
}

// maybeDate is nil one time in six.
func (g *gen) maybeDate(anchor models.Date) *models.Date {
	if g.chance(1.0 / 6) {
		return nil
	}
	d := g.date(anchor)
	return &d
}

func (g *gen) maybeString(values ...string) *string {
	if g.chance(0.25) {
		return nil
	}
	return str(g.pick(values))
}

func (g *gen) maybeBool() *bool {
	switch g.intn(3) {
	case 0:
		return nil
	case 1:
		return flag(true)
	}
	return flag(false)
}

func (g *gen) subset(values []string) []string {
	out := []string{}
	for _, v := range values {
		if g.chance(0.3) {
			out = append(out, v)
		}
	}
	return out
}

// profile draws a clinical profile; about one field in five is unknown.
func (g *gen) profile() models.ClinicalProfile {
	p := models.ClinicalProfile{
		DateOfBirth:      g.maybeDate(refDate),
		Sex:              g.maybeString("female", "male", "other"),
		Country:          g.maybeString("TR", "DE", "KZ", "us", "FRA"),
		HealthyVolunteer: g.maybeBool(),
		ActiveGVHD:       g.maybeBool(),
		AlloSCTEligible:  g.maybeBool(),
	}
	if g.chance(0.8) {
		p.Latitude, p.Longitude = km(36+g.r.Float64()*16), km(g.r.Float64()*60)
	}
	if g.chance(0.85) {
		p.Diagnoses = []models.Diagnosis{}
		for range g.intn(4) {
			p.Diagnoses = append(p.Diagnoses, g.diagnosis())
		}
	}
	if g.chance(0.85) {
		p.TherapyLines = []models.TherapyLine{}
		for i := range g.intn(5) {
			p.TherapyLines = append(p.TherapyLines, g.line(i+1))
		}
	}
	if g.chance(0.8) {
		p.Transplants = []models.Transplant{}
		for range g.intn(3) {
			p.Transplants = append(p.Transplants, models.Transplant{Type: g.pick(models.TransplantTypes), Date: g.maybeDate(refDate)})
		}
	}
	if g.chance(0.8) {
		scale := g.pick(models.PerformanceScales)
		score := g.intn(6)
		if scale != "ecog" {
			score = 10 * g.intn(11)
			if g.chance(0.05) {
				score = 75 // invalid: treated as unknown
			}
		}
		p.Performance = &models.Performance{Scale: scale, Score: score}
	}
	return p
}

func (g *gen) diagnosis() models.Diagnosis {
	d := models.Diagnosis{
		ConditionCode: g.pick(append(taxonomyCodes, "not_in_taxonomy")),
		DiagnosedOn:   g.maybeDate(refDate),
		Status:        g.maybeString(append(models.DiseaseStatuses, "bogus")...),
		Philadelphia:  g.maybeString("positive", "negative", "unknown"),
		CNSStatus:     g.maybeString(models.CNSStatuses...),
		MRD:           g.maybeString("positive", "negative", "unknown"),
	}
	if g.chance(0.5) {
		d.RelapseCount = num(g.intn(4))
	}
	if g.chance(0.6) {
		d.Relapses = []models.Relapse{}
		for range g.intn(4) {
			d.Relapses = append(d.Relapses, models.Relapse{Date: g.maybeDate(refDate), Site: g.pick(append(models.RelapseSites, "lung"))})
		}
	}
	if g.chance(0.7) {
		d.Antigens = map[string]string{}
		for _, a := range g.subset(models.Antigens) {
			d.Antigens[a] = g.pick(models.AntigenStatuses)
		}
	}
	return d
}

func (g *gen) line(n int) models.TherapyLine {
	if g.chance(0.1) {
		n = max(1, n-1) // a duplicated line number
	}
	l := models.TherapyLine{
		Line:                n,
		EndedOn:             g.maybeDate(refDate),
		BestResponse:        g.maybeString(models.Responses...),
		ResponseOn:          g.maybeDate(refDate),
		ProgressedOnTherapy: g.maybeBool(),
	}
	if g.chance(0.85) {
		l.Categories = g.subset(models.TherapyCategories)
	}
	if g.chance(0.6) {
		l.Targets = g.subset(models.TherapyTargets)
	}
	if g.chance(0.5) {
		l.RelapsedOn = g.maybeDate(refDate)
	}
	return l
}

// sites draws 0 to 3 trial sites, some without coordinates.
func (g *gen) sites() []Site {
	var sites []Site
	for range g.intn(4) {
		s := Site{Country: g.pick([]string{"TR", "DE"})}
		if g.chance(0.85) {
			s.Latitude, s.Longitude = km(36+g.r.Float64()*16), km(g.r.Float64()*60)
		}
		sites = append(sites, s)
	}
	return sites
}

// criteriaJSON draws 1 to 6 valid top-level criteria as JSON.
func (g *gen) criteriaJSON() string {
	var list []map[string]any
	for i := range 1 + g.intn(6) {
		c := g.criterion(fmt.Sprintf("c%d", i), 0)
		c["rule"] = g.pick([]string{"include", "exclude"})
		list = append(list, c)
	}
	b, _ := json.Marshal(list)
	return string(b)
}

func (g *gen) bound(lo int, values []int) int {
	if g.chance(0.7) {
		return max(lo, values[g.intn(len(values))])
	}
	return lo + g.intn(6)
}

// criterion draws one criterion of a random kind; depth limits groups.
func (g *gen) criterion(id string, depth int) map[string]any {
	kinds := []Kind{KindAge, KindAgeAtDiagnosis, KindSex, KindCondition, KindDiseaseStatus, KindRelapseCount,
		KindPriorLines, KindPriorTherapy, KindTransplant, KindPerformance, KindCNSInvolvement, KindActiveGVHD,
		KindLocation, KindHealthyVolunteers, KindIsolatedExtramedullaryRelapse, KindRefractory, KindPhiladelphia,
		KindTransplantEligibility, KindRemissionDuration, KindManual}
	if depth < 3 {
		kinds = append(kinds, KindAnyOf, KindAllOf, KindAnyOf, KindAllOf)
	}
	kind := kinds[g.intn(len(kinds))]
	c := map[string]any{"id": id, "kind": kind}
	switch kind {
	case KindAge, KindAgeAtDiagnosis:
		lo, hi := g.ageBound(), g.ageBound()
		if approxDays(lo.Value, lo.Unit) > approxDays(hi.Value, hi.Unit) {
			lo, hi = hi, lo
		}
		switch g.intn(3) {
		case 0:
			c["min"] = lo
		case 1:
			c["max"] = hi
		default:
			c["min"], c["max"] = lo, hi
		}
	case KindSex:
		c["any_of"] = []string{g.pick(models.Sexes)}
	case KindCondition:
		c["any_of"] = []string{g.pick(taxonomyCodes), g.pick(taxonomyCodes)}[:1+g.intn(2)]
		if g.chance(0.4) {
			ag := map[string]string{}
			for _, a := range g.subset(models.Antigens) {
				ag[a] = g.pick(knownStatuses)
			}
			c["antigens"] = ag
		}
	case KindDiseaseStatus:
		c["any_of"] = nonEmpty(g.subset(models.DiseaseStatuses), "relapsed")
	case KindRelapseCount, KindPriorLines:
		if g.chance(0.7) {
			c["min"] = g.intn(4)
		}
		if g.chance(0.5) || c["min"] == nil {
			c["max"] = 3 + g.intn(2)
		}
		if kind == KindRelapseCount && g.chance(0.5) {
			c["site"] = g.pick(models.RelapseSites)
		}
	case KindPriorTherapy:
		c["categories"] = g.subset(models.TherapyCategories)
		c["targets"] = nonEmpty(g.subset(models.TherapyTargets), "CD19")
		c["match"] = g.pick([]string{"any", "all", ""})
	case KindTransplant:
		c["type"] = g.pick(models.TransplantTypes)
		if g.chance(0.4) {
			c["within_months"] = 7 + g.bound(0, boundaryMonths)
		}
		if g.chance(0.4) {
			c["min_months_since"] = g.bound(0, boundaryMonths[:3])
		}
		c["relapse_after"] = g.chance(0.5)
		if g.chance(0.3) {
			c["relapse_within_months"] = g.bound(1, boundaryMonths)
		}
	case KindPerformance:
		if g.chance(0.5) {
			c["ecog_max"] = g.intn(6)
		}
		if g.chance(0.5) {
			c["karnofsky_min"] = 10 * g.intn(11)
		}
		if g.chance(0.5) || len(c) == 2 {
			c["lansky_min"] = 10 * g.intn(11)
		}
	case KindCNSInvolvement:
		c["any_of"] = nonEmpty(g.subset(models.CNSStatuses), "CNS3")
	case KindLocation:
		if g.chance(0.6) {
			c["countries"] = nonEmpty(g.subset([]string{"TR", "DE", "KZ", "US"}), "TR")
		}
		if g.chance(0.6) || c["countries"] == nil {
			c["max_distance_km"] = float64(100 + g.intn(1500))
		}
	case KindRefractory:
		if g.chance(0.4) {
			c["to"] = "last_line"
		} else {
			c["categories"] = nonEmpty(g.subset(models.TherapyCategories), "chemotherapy")
			c["match"] = g.pick([]string{"any", "all"})
		}
	case KindPhiladelphia:
		c["any_of"] = []string{g.pick(knownStatuses)}
	case KindTransplantEligibility:
		c["eligible"] = g.chance(0.5)
	case KindRemissionDuration:
		c["line"] = 1 + g.intn(3)
		if g.chance(0.7) {
			c["max_months"] = g.bound(1, boundaryMonths)
		}
		if g.chance(0.4) {
			c["min_months"] = 0
			if m, ok := c["max_months"].(int); ok && m > 1 {
				c["min_months"] = g.intn(m)
			}
		}
	case KindManual:
		c["text"] = "Adequate organ function"
	case KindAnyOf, KindAllOf:
		var members []map[string]any
		for i := range 1 + g.intn(3) {
			members = append(members, g.criterion(fmt.Sprintf("%s.%d", id, i), depth+1))
		}
		c["criteria"] = members
	}
	return c
}

// ageBound draws an age at one of the boundaries the dates are drawn around.
func (g *gen) ageBound() AgeBound {
	switch g.intn(6) {
	case 0:
		return AgeBound{Value: boundaryMonths[g.intn(len(boundaryMonths))], Unit: Months}
	case 1:
		return AgeBound{Value: []int{0, 4, 52, 104}[g.intn(4)], Unit: Weeks}
	case 2:
		return AgeBound{Value: []int{0, 28, 365, 366}[g.intn(4)], Unit: Days}
	}
	return AgeBound{Value: boundaryYears[g.intn(len(boundaryYears))], Unit: Years}
}

func nonEmpty(s []string, fallback string) []string {
	if len(s) == 0 {
		return []string{fallback}
	}
	return s
}
