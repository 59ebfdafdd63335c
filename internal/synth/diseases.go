package synth

// disease is one diagnosis of the registry's mix.
type disease struct {
	code   string
	weight int // per 10,000 volunteers
	// course names the treatment pattern (regimens in therapy.go).
	course string
	// age draws the age in years today.
	age func(g *gen) int
	// statuses weighs newly_diagnosed, in_remission, relapsed, refractory
	// and primary_refractory: a CAR-T registry draws mostly relapsed and
	// refractory patients.
	statuses [5]int
	// vague is the less specific code that some volunteers give ("lymphoma,
	// subtype unknown"): unknown, not ineligible, for a specific trial.
	vague string
}

var diseaseStatuses = []string{"newly_diagnosed", "in_remission", "relapsed", "refractory", "primary_refractory"}

func ageRange(lo, mode, hi float64) func(g *gen) int {
	return func(g *gen) int { return int(g.triangular(lo, mode, hi)) }
}

// ballAge: B-ALL peaks at 2–5 years; most registrants are children and
// young adults, some are adults.
func ballAge(g *gen) int {
	switch g.weighted(60, 15, 15, 10) {
	case 0:
		return int(g.triangular(1, 4, 12))
	case 1:
		return g.between(12, 17)
	case 2:
		return g.between(18, 25)
	}
	return int(g.triangular(26, 45, 75))
}

func amlAge(g *gen) int {
	if g.chance(0.2) {
		return g.between(1, 17)
	}
	return int(g.triangular(25, 65, 85))
}

func hodgkinAge(g *gen) int {
	if g.chance(0.75) {
		return int(g.triangular(14, 26, 40))
	}
	return int(g.triangular(50, 65, 80))
}

// diseases: the mix of a CAR-T recruitment registry (weights per 10,000).
var diseases = []disease{
	{"b_all", 2500, "b_all", ballAge, [5]int{8, 22, 45, 12, 13}, "all"},
	{"t_all", 400, "t_all", ageRange(3, 12, 45), [5]int{10, 25, 40, 12, 13}, "all"},
	{"aml", 1000, "aml", amlAge, [5]int{10, 20, 45, 15, 10}, "leukaemia"},
	{"dlbcl", 1800, "aggressive", ageRange(25, 63, 85), [5]int{6, 20, 40, 22, 12}, "b_nhl"},
	{"pmbcl", 200, "aggressive", ageRange(18, 32, 55), [5]int{6, 20, 34, 20, 20}, "lymphoma"},
	{"transformed_follicular_lymphoma", 250, "aggressive", ageRange(40, 62, 82), [5]int{5, 15, 45, 25, 10}, "b_nhl"},
	{"hgbcl", 150, "aggressive", ageRange(35, 63, 82), [5]int{6, 12, 40, 22, 20}, "b_nhl"},
	{"follicular_lymphoma", 350, "indolent", ageRange(35, 60, 82), [5]int{8, 25, 50, 12, 5}, "lymphoma"},
	{"mantle_cell_lymphoma", 250, "mantle", ageRange(45, 68, 85), [5]int{6, 20, 50, 18, 6}, "b_nhl"},
	{"multiple_myeloma", 1800, "myeloma", ageRange(38, 66, 85), [5]int{6, 20, 48, 22, 4}, "plasma_cell_neoplasm"},
	{"cll", 500, "cll", ageRange(45, 70, 88), [5]int{10, 20, 48, 18, 4}, "leukaemia"},
	{"hodgkin_lymphoma", 300, "hodgkin", hodgkinAge, [5]int{10, 30, 35, 15, 10}, "lymphoma"},
	{"healthy_volunteer", 200, "healthy", ageRange(18, 32, 65), [5]int{}, ""},
	{"burkitt_lymphoma", 40, "other", ageRange(4, 12, 60), [5]int{10, 40, 30, 10, 10}, "b_nhl"},
	{"marginal_zone_lymphoma", 40, "indolent", ageRange(45, 65, 85), [5]int{10, 30, 45, 10, 5}, "lymphoma"},
	{"peripheral_t_cell_lymphoma", 30, "other", ageRange(35, 60, 80), [5]int{10, 25, 35, 20, 10}, "t_nhl"},
	{"b_lbl", 20, "b_all", ageRange(3, 10, 30), [5]int{10, 30, 40, 10, 10}, "b_nhl"},
	{"myelodysplastic_syndrome", 20, "other", ageRange(50, 72, 88), [5]int{20, 20, 30, 20, 10}, ""},
	{"breast_cancer", 40, "solid", ageRange(30, 55, 80), [5]int{20, 40, 30, 10, 0}, "solid_tumour"},
	{"lung_cancer", 30, "solid", ageRange(40, 65, 85), [5]int{20, 20, 40, 20, 0}, "solid_tumour"},
	{"colorectal_cancer", 30, "solid", ageRange(40, 64, 85), [5]int{20, 30, 35, 15, 0}, "solid_tumour"},
	{"neuroblastoma", 25, "solid", ageRange(1, 3, 10), [5]int{20, 30, 35, 10, 5}, "solid_tumour"},
	{"glioma", 25, "solid", ageRange(5, 40, 75), [5]int{20, 20, 40, 20, 0}, "solid_tumour"},
}

func (g *gen) disease() disease {
	weights := make([]int, len(diseases))
	for i, d := range diseases {
		weights[i] = d.weight
	}
	return diseases[g.weighted(weights...)]
}

// lineCount draws how many therapy lines fit the status and course.
func (g *gen) lineCount(course, status string) int {
	most := map[string]int{"myeloma": 7, "cll": 5, "indolent": 5, "mantle": 4, "aggressive": 5, "b_all": 5}[course]
	if most == 0 {
		most = 4
	}
	switch status {
	case "newly_diagnosed":
		return g.between(0, 1)
	case "in_remission":
		return g.weighted(0, 70, 25, 5)
	case "primary_refractory":
		return g.between(1, 3)
	case "refractory":
		return g.between(2, most)
	}
	// relapsed: more lines are less likely
	n := 1
	for n < most && g.chance(0.6) {
		n++
	}
	return n
}

// yearsSinceDiagnosis draws how long ago the disease was diagnosed.
func (g *gen) yearsSinceDiagnosis(course, status string, lines int) float64 {
	if status == "newly_diagnosed" {
		return g.triangular(0, 0.05, 0.4)
	}
	perLine := map[string]float64{"myeloma": 1.3, "indolent": 2, "cll": 2, "b_all": 1.2, "t_all": 1, "aml": 0.6}[course]
	if perLine == 0 {
		perLine = 0.8
	}
	return float64(lines)*perLine*g.triangular(0.5, 1, 1.8) + g.triangular(0, 0.3, 2)
}
