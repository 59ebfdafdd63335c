package eligibility

import (
	"slices"
	"strconv"

	"github.com/trialmatch/trialmatch/models"
)

// ValueCriterion is a kind met when a categorical fact is one of any_of:
// sex, disease_status, cns_involvement, philadelphia.
type ValueCriterion struct {
	Header
	AnyOf []string `json:"any_of"`
}

type valueKind struct {
	allowed []string
	column  string
	fact    func(*Facts) *string
}

var valueKinds = map[Kind]valueKind{
	KindSex:            {models.Sexes, "f.sex", func(f *Facts) *string { return f.Sex }},
	KindDiseaseStatus:  {models.DiseaseStatuses, "f.disease_status", func(f *Facts) *string { return f.DiseaseStatus }},
	KindCNSInvolvement: {models.CNSStatuses, "f.cns_status", func(f *Facts) *string { return f.CNSStatus }},
	KindPhiladelphia:   {knownStatuses, "f.philadelphia", func(f *Facts) *string { return f.Philadelphia }},
}

func (c *ValueCriterion) decode(r *fieldReader) {
	c.AnyOf = r.requiredEnumList("any_of", valueKinds[c.Kind].allowed)
}

func (c *ValueCriterion) evaluate(f *Facts, _ *EvalContext) judgement {
	code := string(c.Kind)
	value := valueKinds[c.Kind].fact(f)
	switch {
	case value == nil:
		return judge(maybe, code+".missing", "allowed", list(c.AnyOf))
	case slices.Contains(c.AnyOf, *value):
		return judge(yes, code+".match", "value", *value, "allowed", list(c.AnyOf))
	}
	return judge(no, code+".no_match", "value", *value, "allowed", list(c.AnyOf))
}

func (c *ValueCriterion) compile(*EvalContext) sqlExpr {
	return sqlIn(valueKinds[c.Kind].column, c.AnyOf)
}

// FlagCriterion is a kind with no fields, met when a yes/no fact is true:
// active_gvhd, healthy_volunteers, isolated_extramedullary_relapse.
type FlagCriterion struct {
	Header
}

type flagKind struct {
	column string
	fact   func(*Facts) *bool
}

var flagKinds = map[Kind]flagKind{
	KindActiveGVHD:        {"f.active_gvhd", func(f *Facts) *bool { return f.ActiveGVHD }},
	KindHealthyVolunteers: {"f.healthy_volunteer", func(f *Facts) *bool { return f.HealthyVolunteer }},
	KindIsolatedExtramedullaryRelapse: {"f.isolated_extramedullary_relapse",
		func(f *Facts) *bool { return f.IsolatedExtramedullaryRelapse }},
}

func (c *FlagCriterion) decode(*fieldReader) {}

func (c *FlagCriterion) evaluate(f *Facts, _ *EvalContext) judgement {
	code := string(c.Kind)
	switch v := triPtr(flagKinds[c.Kind].fact(f)); v {
	case yes:
		return judge(v, code+".present")
	case no:
		return judge(v, code+".absent")
	}
	return judge(maybe, code+".missing")
}

func (c *FlagCriterion) compile(*EvalContext) sqlExpr {
	return sqlText(flagKinds[c.Kind].column)
}

// TransplantEligibilityCriterion is met when the volunteer's candidacy for an
// allogeneic transplant (allo_sct_eligible) equals Eligible.
type TransplantEligibilityCriterion struct {
	Header
	Eligible bool `json:"eligible"`
}

func (c *TransplantEligibilityCriterion) decode(r *fieldReader) {
	eligible := r.boolField("eligible")
	if eligible == nil {
		if !r.reported("eligible") {
			r.fail("eligible", "required", "Say whether the volunteer must be eligible (true) or not (false).")
		}
		return
	}
	c.Eligible = *eligible
}

func (c *TransplantEligibilityCriterion) evaluate(f *Facts, _ *EvalContext) judgement {
	want := strconv.FormatBool(c.Eligible)
	switch {
	case f.AlloSCTEligible == nil:
		return judge(maybe, "transplant_eligibility.missing", "required", want)
	case *f.AlloSCTEligible == c.Eligible:
		return judge(yes, "transplant_eligibility.match", "eligible", strconv.FormatBool(*f.AlloSCTEligible), "required", want)
	}
	return judge(no, "transplant_eligibility.no_match", "eligible", strconv.FormatBool(*f.AlloSCTEligible), "required", want)
}

func (c *TransplantEligibilityCriterion) compile(*EvalContext) sqlExpr {
	return sqlf("(f.allo_sct_eligible = %s)", sqlBool(c.Eligible))
}

// ManualCriterion is free text that only a person can judge: always unknown.
type ManualCriterion struct {
	Header
	Text string `json:"text"`
}

func (c *ManualCriterion) decode(r *fieldReader) {
	c.Text = r.stringField("text")
	switch {
	case c.Text == "" && !r.reported("text"):
		r.fail("text", "required", "A manual criterion needs its text.")
	case len([]rune(c.Text)) > maxTextLength:
		r.fail("text", "too_long", "A manual criterion's text is at most 2000 characters.")
	}
}

func (c *ManualCriterion) evaluate(*Facts, *EvalContext) judgement {
	return judge(maybe, "manual.review", "text", c.Text)
}

func (c *ManualCriterion) compile(*EvalContext) sqlExpr { return sqlNullBool() }
