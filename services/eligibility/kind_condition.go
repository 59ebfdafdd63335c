package eligibility

import (
	"maps"
	"slices"

	"github.com/trialmatch/trialmatch/models"
)

// ConditionCriterion is met when a diagnosis is one of the named taxonomy
// nodes or below one (and, per diagnosis, has the required antigen
// statuses). A diagnosis above a named node (b_nhl against dlbcl) is less
// specific than required: unknown, not "not met".
type ConditionCriterion struct {
	Header
	AnyOf    []string          `json:"any_of"`
	Antigens map[string]string `json:"antigens,omitempty"` // CD19 → positive | negative

	// lessSpecific: the ancestors of the named nodes that are not themselves
	// under a named node, computed from the taxonomy by decode.
	lessSpecific []string
}

func (c *ConditionCriterion) decode(r *fieldReader) {
	c.AnyOf = r.stringList("any_of", r.tax.Exists, "a code of the condition taxonomy")
	if len(c.AnyOf) == 0 {
		r.requireNonEmpty("any_of")
	}
	if o := r.object("antigens"); o != nil {
		c.Antigens = map[string]string{}
		for _, antigen := range slices.Sorted(maps.Keys(o.fields)) {
			if !slices.Contains(models.Antigens, antigen) {
				continue // reported as an unknown field below
			}
			if status := o.enumField(antigen, knownStatuses); status != "" {
				c.Antigens[antigen] = status
			} else if !o.reported(antigen) {
				o.fail(antigen, "required", "Give the required status: positive or negative.")
			}
		}
		o.rejectUnknownFields()
		if len(c.Antigens) == 0 {
			c.Antigens = nil // {} and absent are the same
		}
	}
	c.resolve(r.tax)
}

// resolve computes the taxonomy constants of the criterion.
func (c *ConditionCriterion) resolve(tax *Taxonomy) {
	c.lessSpecific = nil
	for _, code := range c.AnyOf {
		for _, ancestor := range tax.Ancestors(code) {
			if !c.coversCode(ancestor, tax) {
				c.lessSpecific = append(c.lessSpecific, ancestor)
			}
		}
	}
	c.lessSpecific = sortedDistinct(c.lessSpecific)
}

func (c *ConditionCriterion) coversCode(code string, tax *Taxonomy) bool {
	return slices.ContainsFunc(c.AnyOf, func(of string) bool { return tax.IsDescendantOrSelf(code, of) })
}

func (c *ConditionCriterion) evaluate(f *Facts, _ *EvalContext) judgement {
	required := list(c.AnyOf)
	if f.Diagnoses == nil {
		return judge(maybe, "condition.missing", "required", required)
	}
	best := judge(no, "condition.no_match", "condition", list(f.ConditionCodes), "required", required)
	for _, d := range f.Diagnoses {
		// The best outcome wins; among not met, a diagnosis that matched
		// but failed an antigen explains more than a plain mismatch.
		j := c.judgeDiagnosis(d, required)
		if j.value > best.value || (j.value == best.value && best.reason.Code == "condition.no_match") {
			best = j
		}
	}
	if best.reason.Code == "condition.no_match" {
		best = judge(no, "condition.no_match", "condition", list(f.ConditionCodes), "required", required)
	}
	return best
}

// judgeDiagnosis: the diagnosis matches (yes), is less specific (maybe) or
// not (no), AND each required antigen status (unknown when not recorded).
func (c *ConditionCriterion) judgeDiagnosis(d DiagnosisFacts, required string) judgement {
	var match judgement
	switch {
	case slices.ContainsFunc(d.Lineage, func(code string) bool { return slices.Contains(c.AnyOf, code) }):
		match = judge(yes, "condition.match", "condition", d.Code, "required", required)
	case slices.Contains(c.lessSpecific, d.Code):
		match = judge(maybe, "condition.ancestor", "condition", d.Code, "required", required)
	default:
		return judge(no, "condition.no_match", "condition", d.Code, "required", required)
	}
	parts := []judgement{match}
	for _, antigen := range slices.Sorted(maps.Keys(c.Antigens)) {
		want, status := c.Antigens[antigen], d.Antigens[antigen]
		switch {
		case status == want:
			parts = append(parts, judge(yes, ""))
		case status != "":
			parts = append(parts, judge(no, "condition.antigen_mismatch", "condition", d.Code,
				"antigen", antigen, "status", status, "required", want))
		default:
			parts = append(parts, judge(maybe, "condition.antigen_missing", "condition", d.Code,
				"antigen", antigen, "required", want))
		}
	}
	return firstDecisive(match, parts...)
}

func (c *ConditionCriterion) compile(*EvalContext) sqlExpr {
	if len(c.Antigens) == 0 {
		unknown := sqlText("")
		if len(c.lessSpecific) > 0 {
			unknown = sqlf(" WHEN f.condition_codes && %s THEN NULL", sqlTextArray(c.lessSpecific))
		}
		return sqlf("(CASE WHEN f.condition_codes IS NULL THEN NULL WHEN f.condition_lineage && %s THEN TRUE%s ELSE FALSE END)",
			sqlTextArray(c.AnyOf), unknown)
	}
	// With antigens, each diagnosis is judged on its own (Kleene OR over the
	// diagnoses of the jsonb column diagnoses).
	match := sqlf("EXISTS (SELECT 1 FROM jsonb_array_elements_text(d.dx -> 'lineage') AS l(code) WHERE l.code = ANY(%s))",
		sqlTextArray(c.AnyOf))
	matchTri := sqlf("CASE WHEN %s THEN TRUE ELSE FALSE END", match)
	if len(c.lessSpecific) > 0 {
		matchTri = sqlf("CASE WHEN %s THEN TRUE WHEN (d.dx ->> 'code') = ANY(%s) THEN NULL ELSE FALSE END",
			match, sqlTextArray(c.lessSpecific))
	}
	parts := []sqlExpr{sqlParen(matchTri)}
	for _, antigen := range slices.Sorted(maps.Keys(c.Antigens)) {
		status := sqlf("(d.dx -> 'antigens' ->> %s)", sqlString(antigen))
		parts = append(parts, sqlf("(CASE WHEN %s = %s THEN TRUE WHEN %s IS NOT NULL THEN FALSE END)",
			status, sqlString(c.Antigens[antigen]), status))
	}
	return sqlf("(CASE WHEN f.diagnoses IS NULL THEN NULL ELSE ("+
		"SELECT CASE WHEN bool_or(per_dx.m) THEN TRUE WHEN bool_or(per_dx.m IS NULL) THEN NULL ELSE FALSE END "+
		"FROM (SELECT %s AS m FROM jsonb_array_elements(f.diagnoses) AS d(dx)) AS per_dx) END)", sqlAnd(parts...))
}

// prefilter: an included condition that is not false has a matching or less
// specific code, or no known diagnoses (GIN-indexed arrays).
func (c *ConditionCriterion) prefilter(*EvalContext) (sqlExpr, bool) {
	parts := []sqlExpr{sqlText("f.condition_codes IS NULL"), sqlf("f.condition_lineage && %s", sqlTextArray(c.AnyOf))}
	if len(c.lessSpecific) > 0 {
		parts = append(parts, sqlf("f.condition_codes && %s", sqlTextArray(c.lessSpecific)))
	}
	return sqlOr(parts...), true
}
