package synth

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
)

// TrialSpec is a synthetic trial: what a sponsor would enter through
// TrialService (criteria as the JSON of API.md).
type TrialSpec struct {
	Title            string
	Summary          map[string]string
	Phases           []string
	TargetEnrollment int
	Criteria         json.RawMessage
	Sites            []Site
}

// Site is a trial site at one of the centres below.
type Site struct {
	Centre    string // key of the centre: one investigator account per centre
	Name      string
	City      string
	Country   string
	Latitude  float64
	Longitude float64
	Target    int
}

// Centres are hospitals in Türkiye, Kazakhstan, Spain and Germany that run
// cell-therapy trials; sites of the synthetic trials are among them.
var Centres = []Site{
	{Centre: "hacettepe", Name: "Hacettepe University İhsan Doğramacı Children's Hospital", City: "Ankara", Country: "TR", Latitude: 39.9327, Longitude: 32.8641},
	{Centre: "ankara", Name: "Ankara University Cebeci Hospital, Haematology", City: "Ankara", Country: "TR", Latitude: 39.9380, Longitude: 32.8790},
	{Centre: "acibadem", Name: "Acıbadem Altunizade Hospital, Cell Therapy Unit", City: "İstanbul", Country: "TR", Latitude: 41.0220, Longitude: 29.0440},
	{Centre: "medipol", Name: "Medipol Mega University Hospital", City: "İstanbul", Country: "TR", Latitude: 41.0550, Longitude: 28.8420},
	{Centre: "ege", Name: "Ege University Hospital, Paediatric Haematology", City: "İzmir", Country: "TR", Latitude: 38.4560, Longitude: 27.2280},
	{Centre: "akdeniz", Name: "Akdeniz University Hospital", City: "Antalya", Country: "TR", Latitude: 36.8950, Longitude: 30.6500},
	{Centre: "nroc", Name: "National Research Oncology Center", City: "Astana", Country: "KZ", Latitude: 51.0900, Longitude: 71.4200},
	{Centre: "kior", Name: "Kazakh Institute of Oncology and Radiology", City: "Almaty", Country: "KZ", Latitude: 43.2200, Longitude: 76.9300},
	{Centre: "scpps", Name: "Scientific Center of Pediatrics and Pediatric Surgery", City: "Almaty", Country: "KZ", Latitude: 43.2000, Longitude: 76.9000},
	{Centre: "clinic", Name: "Hospital Clínic de Barcelona", City: "Barcelona", Country: "ES", Latitude: 41.3890, Longitude: 2.1520},
	{Centre: "sjd", Name: "Hospital Sant Joan de Déu", City: "Barcelona", Country: "ES", Latitude: 41.3830, Longitude: 2.1020},
	{Centre: "ninojesus", Name: "Hospital Infantil Universitario Niño Jesús", City: "Madrid", Country: "ES", Latitude: 40.4170, Longitude: -3.6760},
	{Centre: "lafe", Name: "Hospital Universitari i Politècnic La Fe", City: "Valencia", Country: "ES", Latitude: 39.4440, Longitude: -0.3760},
	{Centre: "charite", Name: "Charité – Universitätsmedizin Berlin", City: "Berlin", Country: "DE", Latitude: 52.5260, Longitude: 13.3770},
	{Centre: "lmu", Name: "LMU Klinikum München", City: "München", Country: "DE", Latitude: 48.1100, Longitude: 11.4700},
	{Centre: "wuerzburg", Name: "Universitätsklinikum Würzburg", City: "Würzburg", Country: "DE", Latitude: 49.8000, Longitude: 9.9600},
	{Centre: "heidelberg", Name: "Universitätsklinikum Heidelberg", City: "Heidelberg", Country: "DE", Latitude: 49.4180, Longitude: 8.6700},
}

type criterion = map[string]any

func years(v int) map[string]any { return map[string]any{"value": v, "unit": "years"} }

// template is a CAR-T programme's eligibility, with a few parameters that
// variants change.
type template struct {
	title    string
	phases   []string
	centres  []string // preferred centres; a variant takes some of them
	criteria func(v variant) []criterion
}

// variant parameters: older or younger upper age, stricter or looser
// performance and prior lines, and sometimes a country restriction.
type variant struct {
	ageMax, ecog, lines int
	countries           []string
}

var paediatricCentres = []string{"hacettepe", "acibadem", "ege", "scpps", "ninojesus", "sjd", "charite", "wuerzburg"}
var adultCentres = []string{"ankara", "acibadem", "medipol", "akdeniz", "nroc", "kior", "clinic", "lafe", "charite", "lmu", "heidelberg", "wuerzburg"}

func common(v variant, cs ...criterion) []criterion {
	if v.countries != nil {
		cs = append(cs, criterion{"id": "where", "kind": "location", "rule": "include", "countries": v.countries})
	}
	return append(cs, criterion{"id": "organs", "kind": "manual", "rule": "include", "text": "Adequate bone marrow, renal, hepatic and cardiac function at screening"})
}

func rr() criterion {
	return criterion{"id": "rr", "kind": "disease_status", "rule": "include", "any_of": []string{"relapsed", "refractory", "primary_refractory"}}
}

func ecog(v variant) criterion {
	return criterion{"id": "ps", "kind": "performance", "rule": "include", "ecog_max": v.ecog, "karnofsky_min": 90 - 20*v.ecog}
}

func adult(v variant) criterion {
	return criterion{"id": "age", "kind": "age", "rule": "include", "min": years(18), "max": years(v.ageMax)}
}

func noCNS3() criterion {
	return criterion{"id": "cns", "kind": "cns_involvement", "rule": "exclude", "any_of": []string{"CNS3"}}
}

func noGVHD() criterion { return criterion{"id": "gvhd", "kind": "active_gvhd", "rule": "exclude"} }

func condition(codes ...string) criterion {
	return criterion{"id": "dx", "kind": "condition", "rule": "include", "any_of": codes}
}

func noPrior(id string, field string, values ...string) criterion {
	return criterion{"id": id, "kind": "prior_therapy", "rule": "exclude", field: values}
}

// templates: 0 is the selective paediatric B-ALL trial and 1 the broad one
// that the benchmark measures; the others model current CAR-T programmes.
var templates = []template{
	{"CD19 CAR-T in children and young adults with relapsed or refractory B-ALL", []string{"phase2"}, paediatricCentres, func(v variant) []criterion {
		return common(variant{},
			criterion{"id": "age", "kind": "age", "rule": "include", "min": years(1), "max": years(25)},
			criterion{"id": "dx-age", "kind": "age_at_diagnosis", "rule": "include", "max": years(21)},
			criterion{"id": "dx", "kind": "condition", "rule": "include", "any_of": []string{"b_all"}, "antigens": map[string]string{"CD19": "positive"}},
			criterion{"id": "rr-b-all", "kind": "any_of", "rule": "include", "criteria": []criterion{
				{"id": "rr-1", "kind": "relapse_count", "min": 2, "site": "bone_marrow"},
				{"id": "rr-2", "kind": "transplant", "type": "allogeneic", "relapse_after": true, "min_months_since": 6},
				{"id": "rr-3", "kind": "disease_status", "any_of": []string{"primary_refractory"}},
				{"id": "rr-4", "kind": "refractory", "to": "last_line"},
			}},
			noPrior("no-cd19", "targets", "CD19"),
			criterion{"id": "iemr", "kind": "isolated_extramedullary_relapse", "rule": "exclude"},
			noCNS3(), noGVHD(),
			criterion{"id": "allo", "kind": "transplant", "rule": "exclude", "type": "allogeneic", "within_months": 4},
			criterion{"id": "ps", "kind": "performance", "rule": "include", "karnofsky_min": 50, "lansky_min": 50})
	}},
	{"Long-term follow-up registry: adults with a haematological malignancy", []string{"not_applicable"}, adultCentres, func(v variant) []criterion {
		return []criterion{
			{"id": "age", "kind": "age", "rule": "include", "min": years(18), "max": years(80)},
			condition("haematological_malignancy"),
		}
	}},
	{"Anti-CD19 CAR-T for relapsed or refractory large B-cell lymphoma after two or more lines", []string{"phase2"}, adultCentres, func(v variant) []criterion {
		return common(v, adult(v), condition("dlbcl", "pmbcl", "transformed_follicular_lymphoma", "hgbcl"), rr(),
			criterion{"id": "lines", "kind": "prior_lines", "rule": "include", "min": v.lines},
			criterion{"id": "cd20", "kind": "prior_therapy", "rule": "include", "categories": []string{"anti_cd20", "anthracycline"}, "match": "all"},
			noPrior("no-car-t", "categories", "car_t"), ecog(v), noCNS3(),
			criterion{"id": "no-allo", "kind": "transplant", "rule": "exclude", "type": "allogeneic"})
	}},
	{"BCMA-directed CAR-T in triple-class-exposed relapsed and refractory multiple myeloma", []string{"phase2"}, adultCentres, func(v variant) []criterion {
		return common(v, adult(v), condition("multiple_myeloma"),
			criterion{"id": "lines", "kind": "prior_lines", "rule": "include", "min": v.lines + 1},
			criterion{"id": "triple", "kind": "prior_therapy", "rule": "include", "categories": []string{"immunomodulatory", "proteasome_inhibitor", "anti_cd38"}, "match": "all"},
			criterion{"id": "last-line", "kind": "refractory", "rule": "include", "to": "last_line"},
			noPrior("no-bcma", "targets", "BCMA"), ecog(v))
	}},
	{"CD19 CAR-T for adults with relapsed or refractory B-ALL", []string{"phase1", "phase2"}, adultCentres, func(v variant) []criterion {
		return common(v, adult(v), condition("b_all"), rr(), ecog(v), noCNS3(), noGVHD(),
			criterion{"id": "allo", "kind": "transplant", "rule": "exclude", "type": "allogeneic", "within_months": 3})
	}},
	{"CD19 CAR-T in relapsed or refractory mantle cell lymphoma after a BTK inhibitor", []string{"phase2"}, adultCentres, func(v variant) []criterion {
		return common(v, adult(v), condition("mantle_cell_lymphoma"), rr(),
			criterion{"id": "lines", "kind": "prior_lines", "rule": "include", "min": 1, "max": 5},
			criterion{"id": "btki", "kind": "prior_therapy", "rule": "include", "categories": []string{"tki", "anti_cd20"}, "match": "all"}, ecog(v))
	}},
	{"CAR-T in relapsed or refractory indolent non-Hodgkin lymphoma", []string{"phase2"}, adultCentres, func(v variant) []criterion {
		return common(v, adult(v), condition("follicular_lymphoma", "marginal_zone_lymphoma"), rr(),
			criterion{"id": "lines", "kind": "prior_lines", "rule": "include", "min": v.lines},
			criterion{"id": "cd20", "kind": "prior_therapy", "rule": "include", "categories": []string{"anti_cd20"}}, ecog(v))
	}},
	{"CD19 CAR-T in relapsed or refractory CLL after a BTK inhibitor", []string{"phase1", "phase2"}, adultCentres, func(v variant) []criterion {
		return common(v, adult(v), condition("cll", "small_lymphocytic_lymphoma"),
			criterion{"id": "lines", "kind": "prior_lines", "rule": "include", "min": v.lines},
			criterion{"id": "btki", "kind": "prior_therapy", "rule": "include", "categories": []string{"tki"}}, ecog(v))
	}},
	{"CD7 CAR-T for relapsed or refractory T-cell ALL and lymphoblastic lymphoma", []string{"phase1"}, paediatricCentres, func(v variant) []criterion {
		return common(v, criterion{"id": "age", "kind": "age", "rule": "include", "min": years(1), "max": years(v.ageMax - 5)},
			condition("t_all", "t_lbl"), rr(), noCNS3(), noGVHD(),
			criterion{"id": "ps", "kind": "performance", "rule": "include", "karnofsky_min": 60, "lansky_min": 60})
	}},
	{"CLL-1 CAR-T for relapsed or refractory acute myeloid leukaemia", []string{"phase1"}, append([]string{"hacettepe"}, adultCentres...), func(v variant) []criterion {
		return common(v, criterion{"id": "age", "kind": "age", "rule": "include", "min": years(1), "max": years(v.ageMax)},
			condition("aml"), rr(), noCNS3(), noGVHD(), ecog(v))
	}},
	{"CD30 CAR-T for relapsed or refractory Hodgkin lymphoma", []string{"phase1", "phase2"}, adultCentres, func(v variant) []criterion {
		return common(v, criterion{"id": "age", "kind": "age", "rule": "include", "min": years(12), "max": years(v.ageMax)},
			condition("hodgkin_lymphoma"), rr(), criterion{"id": "lines", "kind": "prior_lines", "rule": "include", "min": v.lines}, ecog(v))
	}},
	{"Second-line CD19 CAR-T versus standard care in early-relapsing large B-cell lymphoma", []string{"phase3"}, adultCentres, func(v variant) []criterion {
		return common(v, adult(v), condition("dlbcl", "hgbcl", "transformed_follicular_lymphoma"),
			criterion{"id": "lines", "kind": "prior_lines", "rule": "include", "min": 1, "max": 1},
			criterion{"id": "early", "kind": "any_of", "rule": "include", "criteria": []criterion{
				{"id": "early-1", "kind": "refractory", "to": "last_line"},
				{"id": "early-2", "kind": "remission_duration", "line": 1, "max_months": 12},
			}},
			criterion{"id": "fit", "kind": "transplant_eligibility", "rule": "include", "eligible": true}, ecog(v))
	}},
	{"CD19/CD22 CAR-T for Philadelphia-positive ALL after tyrosine kinase inhibitors", []string{"phase1", "phase2"}, adultCentres, func(v variant) []criterion {
		return common(v, adult(v), condition("b_all"),
			criterion{"id": "ph", "kind": "philadelphia", "rule": "include", "any_of": []string{"positive"}},
			criterion{"id": "tki", "kind": "prior_therapy", "rule": "include", "categories": []string{"tki"}}, ecog(v), noCNS3())
	}},
	{"Apheresis and T-cell fitness in healthy volunteers", []string{"not_applicable"}, adultCentres, func(v variant) []criterion {
		return []criterion{{"id": "age", "kind": "age", "rule": "include", "min": years(18), "max": years(55)},
			{"id": "hv", "kind": "healthy_volunteers", "rule": "include"}}
	}},
	{"BCMA CAR-T after one to three lines in lenalidomide-refractory myeloma", []string{"phase3"}, adultCentres, func(v variant) []criterion {
		return common(v, adult(v), condition("multiple_myeloma"),
			criterion{"id": "lines", "kind": "prior_lines", "rule": "include", "min": 1, "max": 3},
			criterion{"id": "len-refractory", "kind": "refractory", "rule": "include", "categories": []string{"immunomodulatory"}},
			noPrior("no-bcma", "targets", "BCMA"), ecog(v))
	}},
	{"CD19 CAR-T in children with relapsed B-cell non-Hodgkin lymphoma", []string{"phase2"}, paediatricCentres, func(v variant) []criterion {
		return common(v, criterion{"id": "age", "kind": "age", "rule": "include", "min": years(1), "max": years(18)},
			condition("b_lbl", "burkitt_lymphoma", "dlbcl", "pmbcl"), rr(), noCNS3(),
			criterion{"id": "ps", "kind": "performance", "rule": "include", "karnofsky_min": 60, "lansky_min": 60})
	}},
}

// Trials returns n trials: trial 0 is the selective paediatric B-ALL one,
// trial 1 the broad adult registry; the rest cycle through the programmes
// above with varied parameters and sites. Deterministic for the seed.
func Trials(seed int64, n int) []TrialSpec {
	out := make([]TrialSpec, 0, n)
	for i := 0; i < n; i++ {
		r := rand.New(rand.NewPCG(uint64(seed), uint64(i)^0x5eed))
		t := templates[i%len(templates)]
		v := variant{ageMax: []int{65, 70, 75, 80}[r.IntN(4)], ecog: 1, lines: 2 + r.IntN(2)}
		if r.IntN(4) == 0 {
			v.ecog = 2
		}
		if i >= len(templates) && r.IntN(4) == 0 {
			v.countries = [][]string{{"TR", "KZ"}, {"TR", "KZ", "AZ", "UZ"}, {"ES", "DE", "IT", "FR"}, {"TR", "DE", "ES", "KZ", "GB", "NL", "PL"}}[r.IntN(4)]
		}
		criteria, err := json.Marshal(t.criteria(v))
		if err != nil {
			panic(err) // maps of literals always encode
		}
		title := t.title
		if i >= len(templates) {
			title = fmt.Sprintf("%s (study %d)", t.title, i/len(templates)+1)
		}
		out = append(out, TrialSpec{Title: title, Phases: t.phases, TargetEnrollment: 20 + 10*r.IntN(10), Criteria: criteria,
			Summary: map[string]string{"en": "Synthetic trial for benchmarks and demonstrations: " + t.title + "."},
			Sites:   pickSites(r, t.centres, i)})
	}
	return out
}

// measuredSites: the two measured trials have sites in each country.
var measuredSites = [][]string{
	{"hacettepe", "acibadem", "scpps", "ninojesus", "sjd", "charite"},
	{"ankara", "acibadem", "nroc", "kior", "clinic", "charite"},
}

func pickSites(r *rand.Rand, centres []string, i int) []Site {
	keys := measuredSites[min(i, 1)]
	if i >= 2 {
		keys = nil
		for _, j := range r.Perm(len(centres))[:1+r.IntN(min(4, len(centres)))] {
			keys = append(keys, centres[j])
		}
	}
	var out []Site
	for _, key := range keys {
		for _, c := range Centres {
			if c.Centre == key {
				c.Target = 2 + r.IntN(10)
				out = append(out, c)
			}
		}
	}
	return out
}
