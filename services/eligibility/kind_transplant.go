package eligibility

import (
	"slices"

	"github.com/trialmatch/trialmatch/models"
)

// TransplantCriterion is met when the volunteer had a transplant of Type
// and every given condition holds for the latest such transplant:
//   - within_months: fewer than N completed months before the reference date;
//   - min_months_since: at least N completed months before it;
//   - relapse_after: a relapse is dated after it (false means no condition);
//   - relapse_within_months: the first relapse after it came fewer than N
//     completed months after it (implies relapse_after).
type TransplantCriterion struct {
	Header
	Type                string `json:"type"`
	WithinMonths        *int   `json:"within_months,omitempty"`
	MinMonthsSince      *int   `json:"min_months_since,omitempty"`
	RelapseAfter        bool   `json:"relapse_after,omitempty"`
	RelapseWithinMonths *int   `json:"relapse_within_months,omitempty"`
}

func (c *TransplantCriterion) decode(r *fieldReader) {
	c.Type = r.enumField("type", models.TransplantTypes)
	if c.Type == "" && !r.reported("type") {
		r.fail("type", "required", "Name the transplant type: allogeneic or autologous.")
	}
	c.WithinMonths = r.intField("within_months", 1)
	c.MinMonthsSince = r.intField("min_months_since", 0)
	if b := r.boolField("relapse_after"); b != nil {
		c.RelapseAfter = *b
	}
	c.RelapseWithinMonths = r.intField("relapse_within_months", 1)
	if c.WithinMonths != nil && c.MinMonthsSince != nil && *c.MinMonthsSince >= *c.WithinMonths {
		r.fail("min_months_since", "min_above_max", "min_months_since must be below within_months, or no one can meet both.")
	}
}

func (c *TransplantCriterion) evaluate(f *Facts, ctx *EvalContext) judgement {
	t := f.transplant(c.Type)
	params := []string{"type", c.Type}
	if t.LastOn != nil {
		params = append(params, "months_since", itoa(CompletedMonths(*t.LastOn, ctx.ReferenceDate)))
	}
	if t.RelapseMonths != nil {
		params = append(params, "relapse_months", itoa(*t.RelapseMonths))
	}
	had := judge(triPtr(t.Had), "transplant.none", params...)
	if t.Had == nil {
		had.reason.Code = "transplant.missing"
	}
	parts := []judgement{had}
	if c.WithinMonths != nil {
		parts = append(parts, c.sinceTransplant(t, ctx, func(m int) bool { return m < *c.WithinMonths },
			"transplant.too_long_ago", slices.Concat(params, []string{"within_months", itoa(*c.WithinMonths)})))
	}
	if c.MinMonthsSince != nil {
		parts = append(parts, c.sinceTransplant(t, ctx, func(m int) bool { return m >= *c.MinMonthsSince },
			"transplant.too_recent", slices.Concat(params, []string{"min_months_since", itoa(*c.MinMonthsSince)})))
	}
	switch {
	case c.RelapseWithinMonths != nil:
		parts = append(parts, relapseWithin(f, t, *c.RelapseWithinMonths, params))
	case c.RelapseAfter:
		v := triPtr(t.RelapseAfter)
		parts = append(parts, judge(v, map[tri]string{no: "transplant.no_relapse_after", maybe: "transplant.relapse_unknown"}[v], params...))
	}
	return firstDecisive(judge(yes, "transplant.met", params...), parts...)
}

// sinceTransplant judges the completed months from the latest transplant to
// the reference date; unknown when its date is.
func (c *TransplantCriterion) sinceTransplant(t TransplantFacts, ctx *EvalContext, ok func(int) bool, failCode string, params []string) judgement {
	if t.LastOn == nil {
		return judge(maybe, "transplant.date_missing", params...)
	}
	if ok(CompletedMonths(*t.LastOn, ctx.ReferenceDate)) {
		return judge(yes, "")
	}
	return judge(no, failCode, params...)
}

// relapseWithin: the first relapse after the transplant came fewer than n
// months after it. Known relapse dates decide only if they are all the
// relapses (an undated one could have come earlier).
func relapseWithin(f *Facts, t TransplantFacts, n int, params []string) judgement {
	params = slices.Concat(params, []string{"relapse_within_months", itoa(n)})
	switch {
	case t.RelapseAfter != nil && !*t.RelapseAfter:
		return judge(no, "transplant.no_relapse_after", params...)
	case t.RelapseMonths != nil && *t.RelapseMonths < n:
		return judge(yes, "")
	case t.RelapseMonths != nil && f.RelapseDatesComplete:
		return judge(no, "transplant.relapse_too_late", params...)
	}
	return judge(maybe, "transplant.relapse_unknown", params...)
}

func (c *TransplantCriterion) compile(ctx *EvalContext) sqlExpr {
	p := "f.allo_sct"
	if c.Type == "autologous" {
		p = "f.auto_sct"
	}
	since := sqlf("tm_completed_months("+p+"_last_on, %s)", sqlDate(ctx.ReferenceDate))
	parts := []sqlExpr{sqlText(p)}
	if c.WithinMonths != nil {
		parts = append(parts, sqlf("(%s < %s)", since, sqlInt(*c.WithinMonths)))
	}
	if c.MinMonthsSince != nil {
		parts = append(parts, sqlf("(%s >= %s)", since, sqlInt(*c.MinMonthsSince)))
	}
	switch {
	case c.RelapseWithinMonths != nil:
		n := sqlInt(*c.RelapseWithinMonths)
		parts = append(parts, sqlf("(CASE WHEN "+p+"_relapse_after IS FALSE THEN FALSE "+
			"WHEN "+p+"_relapse_months < %s THEN TRUE "+
			"WHEN "+p+"_relapse_months IS NOT NULL AND f.relapse_dates_complete THEN FALSE END)", n))
	case c.RelapseAfter:
		parts = append(parts, sqlText(p+"_relapse_after"))
	}
	return sqlAnd(parts...)
}
