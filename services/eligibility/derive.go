package eligibility

import (
	"math"
	"slices"
	"strings"

	"github.com/trialmatch/trialmatch/models"
)

// Derive computes the Facts of a clinical profile: the one place where facts
// are derived (docs/eligibility.md, "Facts"). It never guesses: a fact that
// the profile neither states nor implies stays unknown. It accepts any
// profile (invalid values are treated as unknown) and never panics.
func Derive(p models.ClinicalProfile, tax *Taxonomy) Facts {
	f := Facts{
		DateOfBirth:     copyDate(p.DateOfBirth),
		Sex:             enumValue(p.Sex, models.Sexes),
		AlloSCTEligible: copyBool(p.AlloSCTEligible),
	}
	if p.Country != nil && len(*p.Country) == 2 {
		f.Country = ptr(strings.ToUpper(*p.Country))
	}
	if validCoordinates(p.Latitude, p.Longitude) {
		f.Latitude, f.Longitude = ptr(*p.Latitude), ptr(*p.Longitude)
	}
	if p.Performance != nil {
		f.Performance = performanceFacts(p.Performance.Scale, p.Performance.Score)
	}

	deriveDiagnoses(&f, p.Diagnoses, tax)
	primary := primaryDiagnosis(p.Diagnoses, tax)
	if primary != nil {
		f.PrimaryCondition = ptr(primary.ConditionCode)
		f.Antigens = knownAntigens(primary.Antigens)
		f.Philadelphia = enumValue(primary.Philadelphia, knownStatuses)
		f.CNSStatus = enumValue(primary.CNSStatus, models.CNSStatuses)
		f.MRD = enumValue(primary.MRD, knownStatuses)
	}
	lines := orderLines(p.TherapyLines)
	deriveRelapses(&f, primary, lines)
	f.DiseaseStatus = diseaseStatus(primary, lines, f.RelapseCountMin, tax)
	deriveTherapy(&f, lines)
	f.AlloSCT = transplantFacts(&f, p.Transplants, lines, "allogeneic", "allogeneic_sct")
	f.AutoSCT = transplantFacts(&f, p.Transplants, lines, "autologous", "autologous_sct")

	f.ActiveGVHD = copyBool(p.ActiveGVHD)
	if f.ActiveGVHD == nil && f.AlloSCT.Had != nil && !*f.AlloSCT.Had {
		f.ActiveGVHD = ptr(false) // GVHD follows an allogeneic transplant
	}
	f.HealthyVolunteer = healthyVolunteer(p, tax)
	return f
}

// knownStatuses are the antigen, Philadelphia and MRD values that are facts;
// "unknown" is not one.
var knownStatuses = []string{"positive", "negative"}

func deriveDiagnoses(f *Facts, diagnoses []models.Diagnosis, tax *Taxonomy) {
	if diagnoses == nil {
		return
	}
	f.Diagnoses = make([]DiagnosisFacts, 0, len(diagnoses))
	f.ConditionCodes, f.ConditionLineage = []string{}, []string{}
	for _, d := range diagnoses {
		lineage := tax.lineage(d.ConditionCode)
		f.Diagnoses = append(f.Diagnoses, DiagnosisFacts{Code: d.ConditionCode, Lineage: lineage, Antigens: knownAntigens(d.Antigens)})
		f.ConditionCodes = append(f.ConditionCodes, d.ConditionCode)
		f.ConditionLineage = append(f.ConditionLineage, lineage...)
	}
	f.ConditionCodes = sortedDistinct(f.ConditionCodes)
	f.ConditionLineage = sortedDistinct(f.ConditionLineage)

	// The first diagnosis date (age_at_diagnosis) is the earliest among the
	// disease diagnoses; unknown if any of them has no date.
	for _, d := range diseaseDiagnoses(diagnoses, tax) {
		if d.DiagnosedOn == nil {
			f.FirstDiagnosedOn = nil
			return
		}
		if f.FirstDiagnosedOn == nil || d.DiagnosedOn.Before(*f.FirstDiagnosedOn) {
			f.FirstDiagnosedOn = copyDate(d.DiagnosedOn)
		}
	}
}

// diseaseDiagnoses are the diagnoses the disease facts can come from: the
// haematological malignancies, or if there are none, every diagnosis that is
// not "healthy volunteer".
func diseaseDiagnoses(diagnoses []models.Diagnosis, tax *Taxonomy) []*models.Diagnosis {
	var haem, other []*models.Diagnosis
	for i := range diagnoses {
		d := &diagnoses[i]
		switch {
		case tax.IsDescendantOrSelf(d.ConditionCode, "haematological_malignancy"):
			haem = append(haem, d)
		case !tax.IsDescendantOrSelf(d.ConditionCode, "healthy_volunteer"):
			other = append(other, d)
		}
	}
	if len(haem) > 0 {
		return haem
	}
	return other
}

// primaryDiagnosis is the diagnosis whose status, relapses, antigens,
// Philadelphia, CNS and MRD facts describe the disease: the only disease
// diagnosis, or the most recently diagnosed one (the disease being treated
// now, e.g. transformed FL after FL). When that is ambiguous (two of them
// with no dates or the same date) there is none, and those facts stay unknown.
func primaryDiagnosis(diagnoses []models.Diagnosis, tax *Taxonomy) *models.Diagnosis {
	candidates := diseaseDiagnoses(diagnoses, tax)
	if len(candidates) == 1 {
		return candidates[0]
	}
	var latest *models.Diagnosis
	tie := false
	for _, d := range candidates {
		if d.DiagnosedOn == nil {
			return nil
		}
		switch {
		case latest == nil || d.DiagnosedOn.After(*latest.DiagnosedOn):
			latest, tie = d, false
		case *d.DiagnosedOn == *latest.DiagnosedOn:
			tie = true
		}
	}
	if tie {
		return nil
	}
	return latest
}

// healthyVolunteer: the profile's own answer, else false when a disease is
// diagnosed, true when the only diagnosis is "healthy volunteer".
func healthyVolunteer(p models.ClinicalProfile, tax *Taxonomy) *bool {
	if p.HealthyVolunteer != nil {
		return copyBool(p.HealthyVolunteer)
	}
	healthy := false
	for _, d := range p.Diagnoses {
		if !tax.IsDescendantOrSelf(d.ConditionCode, "healthy_volunteer") {
			return ptr(false)
		}
		healthy = true
	}
	if healthy {
		return ptr(true)
	}
	return nil
}

func knownAntigens(antigens map[string]string) map[string]string {
	if len(antigens) == 0 {
		return nil
	}
	out := map[string]string{}
	for antigen, status := range antigens {
		if slices.Contains(models.Antigens, antigen) && slices.Contains(knownStatuses, status) {
			out[antigen] = status
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func validCoordinates(lat, lon *float64) bool {
	return lat != nil && lon != nil && !math.IsNaN(*lat) && !math.IsNaN(*lon) &&
		*lat >= -90 && *lat <= 90 && *lon >= -180 && *lon <= 180
}

// enumValue returns a copy of v if it is one of allowed, else nil (unknown).
func enumValue(v *string, allowed []string) *string {
	if v == nil || !slices.Contains(allowed, *v) {
		return nil
	}
	return ptr(*v)
}

func sortedDistinct(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return slices.Compact(out)
}

func ptr[T any](v T) *T { return &v }

func copyDate(d *models.Date) *models.Date {
	if d == nil {
		return nil
	}
	return ptr(*d)
}

func copyBool(b *bool) *bool {
	if b == nil {
		return nil
	}
	return ptr(*b)
}
