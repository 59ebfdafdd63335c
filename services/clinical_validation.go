package services

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// Size limits of a clinical profile: generous for a real history, small enough
// that no request can make the server store or scan a huge document.
const (
	maxDiagnoses     = 10
	maxRelapses      = 20
	maxTherapyLines  = 30
	maxTransplants   = 10
	maxAgentsPerLine = 30
	maxTextLength    = 100
	maxTravelCountry = 60
	oldestAgeYears   = 120
)

// Races and ethnicities are self-reported, optional, and follow the categories
// of an FDA diversity action plan.
var (
	Races = []string{"american_indian_or_alaska_native", "asian", "black_or_african_american",
		"native_hawaiian_or_other_pacific_islander", "white", "more_than_one_race", "other", "prefer_not_to_say"}
	Ethnicities = []string{"hispanic_or_latino", "not_hispanic_or_latino", "prefer_not_to_say"}
)

// Responses that make sense per disease family (DOMAIN.md): leukaemia
// responses include CRi; lymphoma uses Lugano's CR/PR/SD/PD; myeloma IMWG's
// sCR … PD.
var responsesByFamily = map[string][]string{
	"leukaemia":            {"CR", "CRi", "PR", "SD", "PD"},
	"lymphoma":             {"CR", "PR", "SD", "PD"},
	"plasma_cell_neoplasm": {"sCR", "CR", "VGPR", "PR", "MR", "SD", "PD"},
}

var phonePattern = regexp.MustCompile(`^\+?[0-9][0-9 ()\-]{4,30}$`)

// ClinicalCheck is what validating a profile found: errors refuse the write,
// warnings are shown to the person and the write goes ahead.
type ClinicalCheck struct {
	Errors   apperr.Fields
	Warnings apperr.Fields
}

// clinicalValidator checks one profile against today's date and the taxonomy.
type clinicalValidator struct {
	today     models.Date
	exists    func(code string) bool
	ancestors func(code string) []string
	check     ClinicalCheck
}

func (v *clinicalValidator) fail(field, code, msg string) { v.check.Errors.Add(field, code, msg) }

func (v *clinicalValidator) date(field string, d *models.Date, dob *models.Date) {
	if d == nil {
		return
	}
	if d.After(v.today) {
		v.fail(field, "in_future", "This date is in the future.")
	} else if dob != nil && d.Before(*dob) {
		v.fail(field, "before_birth", "This date is before the date of birth.")
	}
}

func (v *clinicalValidator) enum(field string, value *string, allowed []string) {
	if value != nil && !slices.Contains(allowed, *value) {
		v.fail(field, "invalid", "Use one of: "+strings.Join(allowed, ", ")+".")
	}
}

func (v *clinicalValidator) country(field, code string) {
	if len(code) != 2 || strings.ToUpper(code) != code {
		v.fail(field, "invalid", "Use a two-letter ISO 3166 country code in capitals, like TR, KZ or DE.")
		return
	}
	if r, err := language.ParseRegion(code); err != nil || !r.IsCountry() {
		v.fail(field, "invalid", "This is not an ISO 3166 country code.")
	}
}

func (v *clinicalValidator) validate(p *models.ClinicalProfile) ClinicalCheck {
	dob := p.DateOfBirth
	if dob != nil {
		switch {
		case dob.After(v.today):
			v.fail("date_of_birth", "in_future", "The date of birth is in the future.")
			dob = nil
		case dob.Before(v.today.AddDate(-oldestAgeYears, 0, 0)):
			v.fail("date_of_birth", "implausible", fmt.Sprintf("The date of birth is more than %d years ago.", oldestAgeYears))
			dob = nil
		}
	}
	v.enum("sex", p.Sex, models.Sexes)
	if p.Country != nil {
		v.country("country", *p.Country)
	}
	if p.City != nil && len([]rune(*p.City)) > maxTextLength {
		v.fail("city", "too_long", fmt.Sprintf("Use at most %d characters.", maxTextLength))
	}
	switch {
	case (p.Latitude == nil) != (p.Longitude == nil):
		field := "latitude"
		if p.Longitude == nil {
			field = "longitude"
		}
		v.fail(field, "required", "Give both latitude and longitude, or neither.")
	case p.Latitude != nil && (*p.Latitude < -90 || *p.Latitude > 90):
		v.fail("latitude", "out_of_range", "Latitude is between -90 and 90.")
	case p.Longitude != nil && (*p.Longitude < -180 || *p.Longitude > 180):
		v.fail("longitude", "out_of_range", "Longitude is between -180 and 180.")
	}
	if t := p.Travel; t != nil {
		if t.MaxDistanceKm != nil && (*t.MaxDistanceKm < 0 || *t.MaxDistanceKm > 20000) {
			v.fail("travel.max_distance_km", "out_of_range", "Use a distance from 0 to 20,000 km.")
		}
		if len(t.Countries) > maxTravelCountry {
			v.fail("travel.countries", "too_many", fmt.Sprintf("List at most %d countries.", maxTravelCountry))
		} else {
			for i, c := range t.Countries {
				v.country(fmt.Sprintf("travel.countries[%d]", i), c)
			}
		}
	}
	families := v.diagnoses(p, dob)
	v.therapyLines(p, dob, families)
	if len(p.Transplants) > maxTransplants {
		v.fail("transplants", "too_many", fmt.Sprintf("List at most %d transplants.", maxTransplants))
	} else {
		for i, t := range p.Transplants {
			field := fmt.Sprintf("transplants[%d]", i)
			v.enum(field+".type", &t.Type, models.TransplantTypes)
			v.date(field+".date", t.Date, dob)
		}
	}
	v.performance(p, dob)
	v.enum("race", p.Race, Races)
	v.enum("ethnicity", p.Ethnicity, Ethnicities)
	return v.check
}

// diagnoses checks each diagnosis and returns the disease families present,
// which decide the valid therapy responses.
func (v *clinicalValidator) diagnoses(p *models.ClinicalProfile, dob *models.Date) []string {
	if len(p.Diagnoses) > maxDiagnoses {
		v.fail("diagnoses", "too_many", fmt.Sprintf("List at most %d diagnoses.", maxDiagnoses))
		return nil
	}
	var families []string
	for i, d := range p.Diagnoses {
		field := fmt.Sprintf("diagnoses[%d]", i)
		if d.ConditionCode == "" {
			v.fail(field+".condition_code", "required", "Choose a diagnosis.")
		} else if !v.exists(d.ConditionCode) {
			v.fail(field+".condition_code", "unknown_condition", "This is not a condition of the taxonomy.")
		} else {
			for _, a := range append([]string{d.ConditionCode}, v.ancestors(d.ConditionCode)...) {
				if _, ok := responsesByFamily[a]; ok && !slices.Contains(families, a) {
					families = append(families, a)
				}
			}
		}
		v.date(field+".diagnosed_on", d.DiagnosedOn, dob)
		v.enum(field+".status", d.Status, models.DiseaseStatuses)
		if d.RelapseCount != nil && (*d.RelapseCount < 0 || *d.RelapseCount > maxRelapses) {
			v.fail(field+".relapse_count", "out_of_range", fmt.Sprintf("Use a number from 0 to %d.", maxRelapses))
		}
		if len(d.Relapses) > maxRelapses {
			v.fail(field+".relapses", "too_many", fmt.Sprintf("List at most %d relapses.", maxRelapses))
		} else {
			if d.RelapseCount != nil && *d.RelapseCount < len(d.Relapses) {
				v.fail(field+".relapse_count", "fewer_than_listed", "The relapse count is lower than the number of relapses listed.")
			}
			for j, r := range d.Relapses {
				rf := fmt.Sprintf("%s.relapses[%d]", field, j)
				v.date(rf+".date", r.Date, dob)
				if r.Date != nil && d.DiagnosedOn != nil && r.Date.Before(*d.DiagnosedOn) {
					v.fail(rf+".date", "before_diagnosis", "A relapse cannot come before the diagnosis.")
				}
				v.enum(rf+".site", &r.Site, models.RelapseSites)
			}
		}
		for _, antigen := range sortedKeys(d.Antigens) {
			af := field + ".antigens." + antigen
			if !slices.Contains(models.Antigens, antigen) {
				v.fail(af, "unknown_antigen", "Use one of: "+strings.Join(models.Antigens, ", ")+".")
				continue
			}
			status := d.Antigens[antigen]
			v.enum(af, &status, models.AntigenStatuses)
		}
		v.enum(field+".philadelphia", d.Philadelphia, models.AntigenStatuses)
		v.enum(field+".cns_status", d.CNSStatus, models.CNSStatuses)
		v.enum(field+".mrd", d.MRD, models.AntigenStatuses)
	}
	return families
}

func (v *clinicalValidator) therapyLines(p *models.ClinicalProfile, dob *models.Date, families []string) {
	if len(p.TherapyLines) > maxTherapyLines {
		v.fail("therapy_lines", "too_many", fmt.Sprintf("List at most %d lines of therapy.", maxTherapyLines))
		return
	}
	responses := models.Responses
	if len(families) > 0 {
		responses = nil
		for _, f := range families {
			for _, r := range responsesByFamily[f] {
				if !slices.Contains(responses, r) {
					responses = append(responses, r)
				}
			}
		}
	}
	var previousStart *models.Date
	for i, l := range p.TherapyLines {
		field := fmt.Sprintf("therapy_lines[%d]", i)
		if l.Line != i+1 {
			v.fail(field+".line", "out_of_order", fmt.Sprintf("Lines are numbered 1, 2, 3 … in order; this one should be %d.", i+1))
		}
		v.date(field+".started_on", l.StartedOn, dob)
		v.date(field+".ended_on", l.EndedOn, dob)
		v.date(field+".response_on", l.ResponseOn, dob)
		v.date(field+".relapsed_on", l.RelapsedOn, dob)
		if l.StartedOn != nil {
			if l.EndedOn != nil && l.EndedOn.Before(*l.StartedOn) {
				v.fail(field+".ended_on", "before_start", "The end date is before the start date.")
			}
			if l.ResponseOn != nil && l.ResponseOn.Before(*l.StartedOn) {
				v.fail(field+".response_on", "before_start", "The response date is before the start of the line.")
			}
			if l.RelapsedOn != nil && l.RelapsedOn.Before(*l.StartedOn) {
				v.fail(field+".relapsed_on", "before_start", "The relapse date is before the start of the line.")
			}
			if previousStart != nil && l.StartedOn.Before(*previousStart) {
				v.fail(field+".started_on", "before_previous_line", "This line starts before the previous one.")
			}
			previousStart = l.StartedOn
		}
		if l.ResponseOn != nil && l.RelapsedOn != nil && l.RelapsedOn.Before(*l.ResponseOn) {
			v.fail(field+".relapsed_on", "before_response", "The relapse date is before the response date.")
		}
		v.uniqueEnums(field+".categories", l.Categories, models.TherapyCategories)
		v.uniqueEnums(field+".targets", l.Targets, models.TherapyTargets)
		if len(l.Agents) > maxAgentsPerLine {
			v.fail(field+".agents", "too_many", fmt.Sprintf("List at most %d agents.", maxAgentsPerLine))
		}
		for j, a := range l.Agents {
			if n := len([]rune(strings.TrimSpace(a))); n == 0 || n > maxTextLength {
				v.fail(fmt.Sprintf("%s.agents[%d]", field, j), "invalid", fmt.Sprintf("Give the drug's name, at most %d characters.", maxTextLength))
			}
		}
		if l.BestResponse != nil && !slices.Contains(responses, *l.BestResponse) {
			v.fail(field+".best_response", "invalid_for_disease", "For this diagnosis the response is one of: "+strings.Join(responses, ", ")+".")
		}
	}
}

func (v *clinicalValidator) uniqueEnums(field string, values, allowed []string) {
	seen := map[string]bool{}
	for i, x := range values {
		f := fmt.Sprintf("%s[%d]", field, i)
		if !slices.Contains(allowed, x) {
			v.fail(f, "invalid", "Use one of: "+strings.Join(allowed, ", ")+".")
		} else if seen[x] {
			v.fail(f, "duplicate", "Listed twice.")
		}
		seen[x] = true
	}
}

func (v *clinicalValidator) performance(p *models.ClinicalProfile, dob *models.Date) {
	perf := p.Performance
	if perf == nil {
		return
	}
	v.enum("performance.scale", &perf.Scale, models.PerformanceScales)
	switch perf.Scale {
	case "ecog":
		if perf.Score < 0 || perf.Score > 5 {
			v.fail("performance.score", "out_of_range", "An ECOG score is from 0 to 5.")
		}
	case "karnofsky", "lansky":
		if perf.Score < 0 || perf.Score > 100 || perf.Score%10 != 0 {
			v.fail("performance.score", "out_of_range", "A Karnofsky or Lansky score is 0 to 100 in steps of 10.")
		}
	}
	v.date("performance.assessed_on", perf.AssessedOn, dob)
	v.enum("performance.rated_by", perf.RatedBy, models.Raters)
	// Lansky is for children under 16 and Karnofsky from 16: a parent who
	// picks the other is warned, not refused.
	if dob != nil {
		on := v.today
		if perf.AssessedOn != nil {
			on = *perf.AssessedOn
		}
		age := completedYears(*dob, on)
		if perf.Scale == "lansky" && age >= 16 {
			v.check.Warnings.Add("performance.scale", "scale_for_age", "The Lansky scale is meant for children under 16; for this age Karnofsky is usual.")
		}
		if perf.Scale == "karnofsky" && age < 16 {
			v.check.Warnings.Add("performance.scale", "scale_for_age", "The Karnofsky scale is meant for people aged 16 and over; for a child the Lansky play-performance scale is usual.")
		}
	}
}

// completedYears is the age in whole years on a date; someone born on
// 29 February turns a year older on 1 March in non-leap years.
func completedYears(dob, on models.Date) int {
	years := on.Year - dob.Year
	if on.Month < dob.Month || (on.Month == dob.Month && on.Day < dob.Day) {
		years--
	}
	return years
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
