package eligibility

import "github.com/trialmatch/trialmatch/models"

// Kind names a criterion kind (API.md, "Trials and criteria").
type Kind string

const (
	KindAge                           Kind = "age"
	KindAgeAtDiagnosis                Kind = "age_at_diagnosis"
	KindSex                           Kind = "sex"
	KindCondition                     Kind = "condition"
	KindDiseaseStatus                 Kind = "disease_status"
	KindRelapseCount                  Kind = "relapse_count"
	KindPriorLines                    Kind = "prior_lines"
	KindPriorTherapy                  Kind = "prior_therapy"
	KindTransplant                    Kind = "transplant"
	KindPerformance                   Kind = "performance"
	KindCNSInvolvement                Kind = "cns_involvement"
	KindActiveGVHD                    Kind = "active_gvhd"
	KindLocation                      Kind = "location"
	KindHealthyVolunteers             Kind = "healthy_volunteers"
	KindIsolatedExtramedullaryRelapse Kind = "isolated_extramedullary_relapse"
	KindRefractory                    Kind = "refractory"
	KindPhiladelphia                  Kind = "philadelphia"
	KindTransplantEligibility         Kind = "transplant_eligibility"
	KindRemissionDuration             Kind = "remission_duration"
	KindManual                        Kind = "manual"
	KindAnyOf                         Kind = "any_of"
	KindAllOf                         Kind = "all_of"
)

// Rule says whether a top-level criterion includes or excludes; group
// members have none.
type Rule string

const (
	Include Rule = "include"
	Exclude Rule = "exclude"
)

// Header is what every criterion has. Its JSON fields come first.
type Header struct {
	ID   string `json:"id"`
	Kind Kind   `json:"kind"`
	Rule Rule   `json:"rule,omitempty"`
}

// Meta returns the header; every criterion type embeds Header.
func (h Header) Meta() Header { return h }

// header gives the decoder the embedded Header to fill in.
func (h *Header) header() *Header { return h }

// Criterion is one decoded, validated criterion of any kind. Values come
// from DecodeCriteria; json.Marshal of a []Criterion gives back the same
// criteria (absent and null fields are the same thing).
type Criterion interface {
	Meta() Header
	header() *Header
	// decode reads and validates the kind's own fields.
	decode(r *fieldReader)
	// evaluate judges the criterion's condition on f.
	evaluate(f *Facts, ctx *EvalContext) judgement
	// compile is the same judgement as a SQL boolean over the facts row f:
	// TRUE met, FALSE not met, NULL unknown.
	compile(ctx *EvalContext) sqlExpr
}

// EvalContext is what a judgement depends on besides the volunteer.
type EvalContext struct {
	// ReferenceDate is the date on which ages and "months since" are judged.
	ReferenceDate models.Date
	// Sites are the trial's sites, for the location kind and for distances.
	Sites []Site
}

// Site is a trial site's location.
type Site struct {
	Latitude  *float64
	Longitude *float64
	Country   string
}

// newCriterion returns an empty criterion of a kind; nil for an unknown kind.
func newCriterion(kind Kind) Criterion {
	switch kind {
	case KindAge, KindAgeAtDiagnosis:
		return &AgeCriterion{}
	case KindSex, KindDiseaseStatus, KindCNSInvolvement, KindPhiladelphia:
		return &ValueCriterion{}
	case KindActiveGVHD, KindHealthyVolunteers, KindIsolatedExtramedullaryRelapse:
		return &FlagCriterion{}
	case KindCondition:
		return &ConditionCriterion{}
	case KindRelapseCount:
		return &RelapseCountCriterion{}
	case KindPriorLines:
		return &PriorLinesCriterion{}
	case KindPriorTherapy:
		return &PriorTherapyCriterion{}
	case KindRefractory:
		return &RefractoryCriterion{}
	case KindRemissionDuration:
		return &RemissionDurationCriterion{}
	case KindTransplant:
		return &TransplantCriterion{}
	case KindTransplantEligibility:
		return &TransplantEligibilityCriterion{}
	case KindPerformance:
		return &PerformanceCriterion{}
	case KindLocation:
		return &LocationCriterion{}
	case KindManual:
		return &ManualCriterion{}
	case KindAnyOf, KindAllOf:
		return &GroupCriterion{}
	}
	return nil
}
