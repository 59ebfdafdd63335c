package eligibility

import "github.com/trialmatch/trialmatch/models"

// RelapseCountCriterion is met when the number of relapses (at a site, if
// given) is within [min, max]. The count is known as a range (Facts), so a
// bound is unknown while the range straddles it.
type RelapseCountCriterion struct {
	Header
	Min  *int   `json:"min,omitempty"`
	Max  *int   `json:"max,omitempty"`
	Site string `json:"site,omitempty"`
}

func (c *RelapseCountCriterion) decode(r *fieldReader) {
	c.Min, c.Max = r.intField("min", 0), r.intField("max", 0)
	c.Site = r.enumField("site", models.RelapseSites)
	requireBound(r, c.Min, c.Max)
	r.checkRange("min", c.Min, c.Max)
}

// requireBound reports a count criterion with neither min nor max.
func requireBound(r *fieldReader, lo, hi *int) {
	if lo == nil && hi == nil && !r.reported("min") && !r.reported("max") {
		r.fail("min", "required", "Give a minimum, a maximum or both.")
	}
}

// relapseRange is the range of the relapse count at the criterion's site.
func (c *RelapseCountCriterion) relapseRange(f *Facts) (lo int, hi *int) {
	if c.Site == "" {
		return f.RelapseCountMin, f.RelapseCountMax
	}
	for _, s := range f.RelapseSites {
		if s == c.Site {
			lo++
		}
	}
	if f.RelapseCountMax != nil { // relapses without a known site may be here
		hi = ptr(lo + *f.RelapseCountMax - len(f.RelapseSites))
	}
	return lo, hi
}

func (c *RelapseCountCriterion) evaluate(f *Facts, _ *EvalContext) judgement {
	lo, hi := c.relapseRange(f)
	minPart, maxPart := rangeAgainstBounds(lo, hi, c.Min, c.Max)
	params := []string{"min", itoaPtr(c.Min), "max", itoaPtr(c.Max), "site", c.Site}
	if hi != nil && *hi == lo {
		params = append(params, "count", itoa(lo))
	} else {
		params = append(params, "at_least", itoa(lo), "at_most", itoaPtr(hi))
	}
	switch {
	case minPart == no:
		return judge(no, "relapse_count.below_min", params...)
	case maxPart == no:
		return judge(no, "relapse_count.above_max", params...)
	case minPart == maybe || maxPart == maybe:
		if lo == 0 && hi == nil {
			return judge(maybe, "relapse_count.missing", params...)
		}
		return judge(maybe, "relapse_count.unclear", params...)
	}
	return judge(yes, "relapse_count.in_range", params...)
}

// rangeAgainstBounds judges a count known to lie in [lo, hi] (hi nil: no
// upper bound) against optional bounds: each part is yes when the whole
// range satisfies it, no when none of it does, else maybe.
func rangeAgainstBounds(lo int, hi *int, minimum, maximum *int) (minPart, maxPart tri) {
	minPart, maxPart = yes, yes
	if minimum != nil {
		switch {
		case lo >= *minimum:
		case hi != nil && *hi < *minimum:
			minPart = no
		default:
			minPart = maybe
		}
	}
	if maximum != nil {
		switch {
		case hi != nil && *hi <= *maximum:
		case lo > *maximum:
			maxPart = no
		default:
			maxPart = maybe
		}
	}
	return minPart, maxPart
}

func (c *RelapseCountCriterion) compile(*EvalContext) sqlExpr {
	lo, hi := sqlText("f.relapse_count_min"), sqlText("f.relapse_count_max")
	if c.Site != "" {
		lo = sqlf("cardinality(array_positions(f.relapse_sites, %s))", sqlString(c.Site))
		hi = sqlf("(%s + f.relapse_count_max - cardinality(f.relapse_sites))", lo)
	}
	return sqlRangeAgainstBounds(lo, hi, c.Min, c.Max)
}

// sqlRangeAgainstBounds is rangeAgainstBounds in SQL (hi NULL: no upper bound).
func sqlRangeAgainstBounds(lo, hi sqlExpr, minimum, maximum *int) sqlExpr {
	var parts []sqlExpr
	if minimum != nil {
		parts = append(parts, sqlf("(CASE WHEN %s >= %s THEN TRUE WHEN %s < %s THEN FALSE END)",
			lo, sqlInt(*minimum), hi, sqlInt(*minimum)))
	}
	if maximum != nil {
		parts = append(parts, sqlf("(CASE WHEN %s <= %s THEN TRUE WHEN %s > %s THEN FALSE END)",
			hi, sqlInt(*maximum), lo, sqlInt(*maximum)))
	}
	if len(parts) == 0 {
		return sqlTrue()
	}
	return sqlAnd(parts...)
}

// PriorLinesCriterion is met when the number of prior therapy lines is
// within [min, max]; unknown when the therapy history is.
type PriorLinesCriterion struct {
	Header
	Min *int `json:"min,omitempty"`
	Max *int `json:"max,omitempty"`
}

func (c *PriorLinesCriterion) decode(r *fieldReader) {
	c.Min, c.Max = r.intField("min", 0), r.intField("max", 0)
	requireBound(r, c.Min, c.Max)
	r.checkRange("min", c.Min, c.Max)
}

func (c *PriorLinesCriterion) evaluate(f *Facts, _ *EvalContext) judgement {
	params := []string{"min", itoaPtr(c.Min), "max", itoaPtr(c.Max), "lines", itoaPtr(f.PriorLines)}
	switch {
	case f.PriorLines == nil:
		return judge(maybe, "prior_lines.missing", params...)
	case c.Min != nil && *f.PriorLines < *c.Min:
		return judge(no, "prior_lines.below_min", params...)
	case c.Max != nil && *f.PriorLines > *c.Max:
		return judge(no, "prior_lines.above_max", params...)
	}
	return judge(yes, "prior_lines.in_range", params...)
}

func (c *PriorLinesCriterion) compile(*EvalContext) sqlExpr {
	var parts []sqlExpr
	if c.Min != nil {
		parts = append(parts, sqlf("(f.prior_lines >= %s)", sqlInt(*c.Min)))
	}
	if c.Max != nil {
		parts = append(parts, sqlf("(f.prior_lines <= %s)", sqlInt(*c.Max)))
	}
	if len(parts) == 0 {
		return sqlText("(CASE WHEN f.prior_lines IS NOT NULL THEN TRUE END)")
	}
	return sqlAnd(parts...)
}
