package synth

import (
	"math"
	"slices"

	"github.com/trialmatch/trialmatch/models"
)

// profile draws the whole clinical profile of one person.
func (g *gen) profile(who person) models.ClinicalProfile {
	d := g.disease()
	age := d.age(g)
	dob := g.today.AddDate(-age, 0, -g.r.IntN(365))
	p := models.ClinicalProfile{DateOfBirth: maybe(g, dob)}
	if g.known() {
		p.Sex = ptr(map[bool]string{true: "female", false: "male"}[who.female])
	}
	g.place(&p, who)

	if d.course == "healthy" {
		p.HealthyVolunteer = maybe(g, true)
		p.Diagnoses = []models.Diagnosis{{ConditionCode: "healthy_volunteer"}}
		p.TherapyLines, p.Transplants = []models.TherapyLine{}, []models.Transplant{}
		g.performance(&p, dob, "")
		return p
	}
	if g.chance(0.05) {
		p.HealthyVolunteer = ptr(false)
	}
	status := diseaseStatuses[g.weighted(d.statuses[:]...)]
	n := g.lineCount(d.course, status)
	years := g.yearsSinceDiagnosis(d.course, status, n)
	diagnosed := g.clamp(g.today.AddDate(0, 0, -int(years*365)), dob.AddDate(0, 1, 0))

	dx := models.Diagnosis{ConditionCode: d.code, DiagnosedOn: maybe(g, diagnosed)}
	if d.vague != "" && g.chance(0.03) {
		dx.ConditionCode = d.vague
	}
	if g.known() {
		dx.Status = ptr(status)
	}
	ph := g.markers(&dx, d, age)
	lines, relapses := g.course(d, status, n, diagnosed, dob, ph)
	if g.chance(0.07) {
		lines = nil // the person does not know the treatment history
	}
	p.TherapyLines = lines
	g.relapses(&dx, d, relapses, p.Sex)
	p.Diagnoses = []models.Diagnosis{dx}
	if d.code == "transformed_follicular_lymphoma" && g.chance(0.5) {
		fl := diagnosed.AddDate(-g.between(2, 8), 0, -g.r.IntN(300))
		p.Diagnoses = append([]models.Diagnosis{{ConditionCode: "follicular_lymphoma", DiagnosedOn: maybe(g, g.clamp(fl, dob))}}, p.Diagnoses...)
	}
	if g.chance(0.02) {
		p.Diagnoses = nil // not entered yet
	}
	g.transplants(&p, lines, dob)
	g.performance(&p, dob, status)
	if g.known() && g.chance(0.3) {
		p.Race = ptr(g.oneOf("white", "white", "asian", "more_than_one_race", "other", "prefer_not_to_say"))
	}
	if g.known() && g.chance(0.2) {
		p.Ethnicity = ptr(g.oneOf("not_hispanic_or_latino", "not_hispanic_or_latino", "hispanic_or_latino", "prefer_not_to_say"))
	}
	return p
}

// place sets country, city, coordinates (city centre with a few km of
// jitter) and travel preferences.
func (g *gen) place(p *models.ClinicalProfile, who person) {
	c := &countries[who.country]
	ct := c.city(g.r)
	if g.known() {
		p.Country = ptr(c.code)
	}
	if g.known() {
		p.City = ptr(ct.name)
	}
	if g.known() {
		lat := math.Round((ct.lat+(g.r.Float64()-0.5)*0.2)*1e4) / 1e4
		lon := math.Round((ct.lon+(g.r.Float64()-0.5)*0.3)*1e4) / 1e4
		p.Latitude, p.Longitude = &lat, &lon
	}
	if !g.chance(0.65) {
		return
	}
	t := &models.Travel{}
	if g.known() {
		t.MaxDistanceKm = ptr([]float64{50, 100, 300, 500, 1000, 2000, 5000}[g.weighted(10, 15, 25, 20, 15, 8, 7)])
	}
	if g.known() {
		t.Countries = []string{c.code}
		for _, tc := range travelCountries {
			if tc != c.code && g.chance(0.18) {
				t.Countries = append(t.Countries, tc)
			}
		}
	}
	p.Travel = t
}

// markers sets antigens, Philadelphia, CNS status and MRD where they matter
// for the disease; it reports a Ph-positive ALL.
func (g *gen) markers(dx *models.Diagnosis, d disease, age int) bool {
	status := func(pos, neg int) string {
		return []string{"positive", "negative", "unknown"}[g.weighted(pos, neg, 100-pos-neg)]
	}
	ph := false
	switch d.course {
	case "b_all":
		if g.known() {
			dx.Antigens = map[string]string{"CD19": status(92, 3), "CD22": status(75, 5)}
		}
		phRate := 4
		if age >= 18 {
			phRate = 25
		}
		ph = g.r.IntN(100) < phRate
		if g.known() {
			dx.Philadelphia = ptr(map[bool]string{true: "positive", false: "negative"}[ph])
		}
	case "t_all":
		if g.known() {
			dx.Antigens = map[string]string{"CD19": status(2, 90)}
		}
		if g.known() {
			dx.Philadelphia = ptr(status(1, 90))
		}
	case "aggressive", "indolent", "mantle", "cll":
		if g.chance(0.6) {
			dx.Antigens = map[string]string{"CD19": status(70, 5), "CD20": status(75, 10)}
		}
	case "myeloma":
		if g.chance(0.6) {
			dx.Antigens = map[string]string{"BCMA": status(65, 3), "CD38": status(70, 5)}
		}
	}
	switch d.course {
	case "b_all", "t_all", "aml":
		if g.known() {
			dx.CNSStatus = ptr([]string{"CNS1", "CNS2", "CNS3"}[g.weighted(85, 8, 7)])
		}
		if g.known() {
			dx.MRD = ptr(status(45, 35))
		}
	case "aggressive", "other":
		if g.chance(0.3) {
			dx.CNSStatus = ptr([]string{"CNS1", "CNS3"}[g.weighted(92, 8)])
		}
	}
	return ph
}

// relapses lists the diagnosis' relapses (their sites and dates) and the
// relapse count, each sometimes unknown or incomplete.
func (g *gen) relapses(dx *models.Diagnosis, d disease, dates []models.Date, sex *string) {
	if g.known() {
		dx.RelapseCount = ptr(len(dates))
	}
	if !g.known() || (len(dates) > 0 && g.chance(0.1)) {
		if dx.RelapseCount != nil {
			dx.Relapses = nil // the count only
		}
		return
	}
	dx.Relapses = []models.Relapse{}
	for _, date := range dates {
		site := "bone_marrow"
		switch d.course {
		case "b_all", "t_all":
			male := sex != nil && *sex == "male"
			site = []string{"bone_marrow", "cns", "testis", "other_extramedullary"}[g.weighted(80, 11, map[bool]int{true: 5}[male], 4)]
		case "aggressive", "indolent", "mantle", "hodgkin", "other":
			site = []string{"other_extramedullary", "bone_marrow", "cns"}[g.weighted(70, 25, 5)]
		case "solid":
			site = "other_extramedullary"
		}
		dx.Relapses = append(dx.Relapses, models.Relapse{Date: maybe(g, date), Site: site})
	}
}

// transplants lists the transplants given within the lines that had one.
func (g *gen) transplants(p *models.ClinicalProfile, lines []models.TherapyLine, dob models.Date) {
	if lines == nil || !g.known() {
		return
	}
	p.Transplants = []models.Transplant{}
	for _, l := range lines {
		for _, kind := range []string{"allogeneic", "autologous"} {
			if !slices.Contains(l.Categories, map[string]string{"allogeneic": "allogeneic_sct", "autologous": "autologous_sct"}[kind]) {
				continue
			}
			t := models.Transplant{Type: kind}
			if l.StartedOn != nil && g.known() {
				t.Date = ptr(g.clamp(l.StartedOn.AddDate(0, 3, g.r.IntN(30)), dob))
			}
			p.Transplants = append(p.Transplants, t)
			if kind == "allogeneic" && p.ActiveGVHD == nil && g.known() {
				p.ActiveGVHD = ptr(g.chance(0.12))
			}
		}
	}
	if p.ActiveGVHD == nil && g.chance(0.5) {
		p.ActiveGVHD = ptr(false)
	}
	if g.chance(0.6) {
		p.AlloSCTEligible = ptr(g.chance(0.45))
	}
}

// performance: Lansky (rated by a parent or a clinician) under 16, ECOG or
// Karnofsky from 16; sicker for refractory disease.
func (g *gen) performance(p *models.ClinicalProfile, dob models.Date, status string) {
	if !g.known() {
		return
	}
	assessed := g.clamp(g.today.AddDate(0, 0, -g.r.IntN(180)), dob)
	age := assessed.Year - dob.Year
	if assessed.Month < dob.Month || (assessed.Month == dob.Month && assessed.Day < dob.Day) {
		age--
	}
	sick := 0
	if status == "refractory" || status == "primary_refractory" {
		sick = 1
	}
	ecog := min(4, g.weighted(30, 40, 18, 9, 3)+sick*g.r.IntN(2))
	perf := &models.Performance{Scale: "ecog", Score: ecog, AssessedOn: maybe(g, assessed)}
	switch {
	case age < 16:
		perf.Scale = "lansky"
		perf.RatedBy = ptr(g.oneOf("parent", "parent", "clinician"))
		perf.Score = min(100, max(10, (100-ecog*20-g.r.IntN(2)*10)))
		if *perf.RatedBy == "parent" && perf.Score > 30 && g.chance(0.4) {
			perf.Score -= 10 // parents rate lower than clinicians
		}
	case g.chance(0.35):
		perf.Scale = "karnofsky"
		perf.RatedBy = ptr(g.oneOf("self", "clinician"))
		perf.Score = min(100, max(10, 100-ecog*20-g.r.IntN(2)*10))
	default:
		perf.RatedBy = ptr(g.oneOf("self", "self", "clinician"))
	}
	if !g.known() {
		perf.RatedBy = nil
	}
	p.Performance = perf
}
