package eligibility

import (
	"slices"
	"strconv"
)

// PerformanceCriterion is met when the performance score is good enough:
// ECOG at most ECOGMax, Karnofsky at least KarnofskyMin, Lansky at least
// LanskyMin. The thresholds are alternatives for different scales: a score
// is judged against the threshold of its own scale when there is one, else
// converted (docs/eligibility.md, "Performance").
type PerformanceCriterion struct {
	Header
	ECOGMax      *int `json:"ecog_max,omitempty"`
	KarnofskyMin *int `json:"karnofsky_min,omitempty"`
	LanskyMin    *int `json:"lansky_min,omitempty"`
}

func (c *PerformanceCriterion) decode(r *fieldReader) {
	c.ECOGMax = r.intField("ecog_max", 0)
	if c.ECOGMax != nil && *c.ECOGMax > 5 {
		r.fail("ecog_max", "out_of_range", "ECOG goes from 0 to 5.")
	}
	c.KarnofskyMin, c.LanskyMin = r.intField("karnofsky_min", 0), r.intField("lansky_min", 0)
	for _, threshold := range []struct {
		field string
		value *int
	}{{"karnofsky_min", c.KarnofskyMin}, {"lansky_min", c.LanskyMin}} {
		if threshold.value != nil && !validKarnofsky(*threshold.value) {
			r.fail(threshold.field, "out_of_range", "Karnofsky and Lansky thresholds are multiples of 10 from 0 to 100.")
		}
	}
	if c.ECOGMax == nil && c.KarnofskyMin == nil && c.LanskyMin == nil &&
		!r.reported("ecog_max") && !r.reported("karnofsky_min") && !r.reported("lansky_min") {
		r.fail("ecog_max", "required", "Give at least one threshold: ecog_max, karnofsky_min or lansky_min.")
	}
}

// performanceRule is how a score on one scale is judged: directly against a
// minimum on a 0–100 scale, against the ECOG maximum through its ECOG grade,
// or (an ECOG score against 0–100 minimums) through its Karnofsky interval.
type performanceRule struct {
	kind      string // "min", "ecog" or "interval"
	threshold int    // the minimum or the ECOG maximum
	// for "interval": met if the whole interval reaches every minimum given,
	// not met if none of it reaches any
	allMin, anyMin int
	converted      bool   // judged on another scale than the score's own
	label          string // e.g. "ECOG ≤ 1"
}

// ruleFor picks the rule for a score on scale: the threshold of the
// score's own scale, else the other 0–100 scale's minimum (Lansky is read as
// Karnofsky), else ECOG through conversion.
func (c *PerformanceCriterion) ruleFor(scale string) performanceRule {
	ecog := func(converted bool) performanceRule {
		return performanceRule{kind: "ecog", threshold: *c.ECOGMax, converted: converted, label: "ECOG ≤ " + strconv.Itoa(*c.ECOGMax)}
	}
	minimum := func(v *int, name string, converted bool) performanceRule {
		return performanceRule{kind: "min", threshold: *v, converted: converted, label: name + " ≥ " + strconv.Itoa(*v)}
	}
	switch scale {
	case "ecog":
		if c.ECOGMax != nil {
			return ecog(false)
		}
		var mins []int
		for _, v := range []*int{c.KarnofskyMin, c.LanskyMin} {
			if v != nil {
				mins = append(mins, *v)
			}
		}
		rule := performanceRule{kind: "interval", allMin: slices.Max(mins), anyMin: slices.Min(mins), converted: true}
		rule.label = "Karnofsky ≥ " + strconv.Itoa(rule.allMin)
		return rule
	case "karnofsky":
		switch {
		case c.KarnofskyMin != nil:
			return minimum(c.KarnofskyMin, "Karnofsky", false)
		case c.LanskyMin != nil:
			return minimum(c.LanskyMin, "Lansky", true)
		}
	case "lansky":
		switch {
		case c.LanskyMin != nil:
			return minimum(c.LanskyMin, "Lansky", false)
		case c.KarnofskyMin != nil:
			return minimum(c.KarnofskyMin, "Karnofsky", true)
		}
	}
	return ecog(true)
}

func (c *PerformanceCriterion) evaluate(f *Facts, _ *EvalContext) judgement {
	p := f.Performance
	if p == nil || (c.ECOGMax == nil && c.KarnofskyMin == nil && c.LanskyMin == nil) {
		return judge(maybe, "performance.missing")
	}
	rule := c.ruleFor(p.Scale)
	params := []string{"scale", p.Scale, "score", strconv.Itoa(p.Score), "threshold", rule.label}
	var v tri
	switch rule.kind {
	case "min":
		v = triOf(p.Score >= rule.threshold)
	case "ecog":
		v = triOf(p.ECOG <= rule.threshold)
		if rule.converted {
			params = append(params, "converted", "ECOG "+strconv.Itoa(p.ECOG))
		}
	case "interval":
		switch {
		case p.KarnofskyLow >= rule.allMin:
			v = yes
		case p.KarnofskyHigh < rule.anyMin:
			v = no
		default:
			v = maybe
		}
		params = append(params, "converted", "Karnofsky "+strconv.Itoa(p.KarnofskyLow)+"–"+strconv.Itoa(p.KarnofskyHigh))
	}
	switch {
	case v == maybe:
		return judge(v, "performance.unclear", params...)
	case rule.converted:
		return judge(v, "performance.converted", params...)
	case v == yes:
		return judge(v, "performance.met", params...)
	}
	return judge(v, "performance.not_met", params...)
}

func (c *PerformanceCriterion) compile(*EvalContext) sqlExpr {
	if c.ECOGMax == nil && c.KarnofskyMin == nil && c.LanskyMin == nil {
		return sqlNullBool()
	}
	var branches []sqlExpr
	for _, scale := range []string{"ecog", "karnofsky", "lansky"} {
		rule := c.ruleFor(scale)
		var judged sqlExpr
		switch rule.kind {
		case "min":
			judged = sqlf("(f.performance_score >= %s)", sqlInt(rule.threshold))
		case "ecog":
			judged = sqlf("(f.ecog_equivalent <= %s)", sqlInt(rule.threshold))
		case "interval":
			judged = sqlf("(CASE WHEN f.karnofsky_low >= %s THEN TRUE WHEN f.karnofsky_high < %s THEN FALSE END)",
				sqlInt(rule.allMin), sqlInt(rule.anyMin))
		}
		branches = append(branches, sqlf("WHEN '"+scale+"' THEN %s", judged))
	}
	return sqlf("(CASE f.performance_scale %s END)", sqlJoin(" ", branches))
}
