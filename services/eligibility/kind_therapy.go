package eligibility

import (
	"slices"
	"strconv"

	"github.com/trialmatch/trialmatch/models"
)

// Match says how a list of requirements combines: any (default) or all.
const (
	MatchAny = "any"
	MatchAll = "all"
)

var matchValues = []string{MatchAny, MatchAll}

// PriorTherapyCriterion is met when the volunteer received any (or all) of
// the therapy categories and target antigens named. With both lists, match
// applies to all the items together.
type PriorTherapyCriterion struct {
	Header
	Categories []string `json:"categories,omitempty"`
	Targets    []string `json:"targets,omitempty"`
	Match      string   `json:"match,omitempty"`
}

func (c *PriorTherapyCriterion) decode(r *fieldReader) {
	c.Categories = r.enumList("categories", models.TherapyCategories)
	c.Targets = r.enumList("targets", models.TherapyTargets)
	c.Match = r.enumField("match", matchValues)
	if len(c.Categories) == 0 && len(c.Targets) == 0 && !r.reported("categories") && !r.reported("targets") {
		r.fail("categories", "required", "Name at least one therapy category or target.")
	}
}

// itemJudgement is one requirement of a list (a category, a target).
type itemJudgement struct {
	item  string
	value tri
}

func (c *PriorTherapyCriterion) items(f *Facts) []itemJudgement {
	var out []itemJudgement
	for _, cat := range c.Categories {
		out = append(out, itemJudgement{cat, received(f.PriorCategories, f.PriorCategoriesComplete, cat)})
	}
	for _, t := range c.Targets {
		out = append(out, itemJudgement{t, received(f.PriorTargets, f.PriorTargetsComplete, t)})
	}
	return out
}

func (c *PriorTherapyCriterion) evaluate(f *Facts, _ *EvalContext) judgement {
	if f.PriorLines == nil {
		return judge(maybe, "prior_therapy.missing", "match", matchOrAny(c.Match))
	}
	return judgeItems(c.items(f), c.Match, "prior_therapy.received", "prior_therapy.not_received", "prior_therapy.unclear")
}

// judgeItems combines item judgements with OR (match any) or AND (match
// all) and names the items that decide: met, not met or unknown ones.
func judgeItems(items []itemJudgement, match, metCode, notMetCode, unclearCode string) judgement {
	value := yes
	if match != MatchAll {
		value = no
	}
	for _, it := range items {
		if match == MatchAll {
			value = and(value, it.value)
		} else {
			value = or(value, it.value)
		}
	}
	var named []string
	for _, it := range items {
		if it.value == value {
			named = append(named, it.item)
		}
	}
	code := map[tri]string{yes: metCode, no: notMetCode, maybe: unclearCode}[value]
	return judge(value, code, "items", list(named), "match", matchOrAny(match))
}

func matchOrAny(match string) string {
	if match == "" {
		return MatchAny
	}
	return match
}

func (c *PriorTherapyCriterion) compile(*EvalContext) sqlExpr {
	var parts []sqlExpr
	for _, cat := range c.Categories {
		parts = append(parts, sqlReceived("f.prior_categories", "f.prior_categories_complete", cat))
	}
	for _, t := range c.Targets {
		parts = append(parts, sqlReceived("f.prior_targets", "f.prior_targets_complete", t))
	}
	return sqlCombine(c.Match != MatchAll, parts)
}

// sqlReceived is received() in SQL.
func sqlReceived(set, complete, item string) sqlExpr {
	return sqlf("(CASE WHEN "+set+" IS NULL THEN NULL WHEN %s = ANY("+set+") THEN TRUE WHEN "+complete+" THEN FALSE END)",
		sqlString(item))
}

// RefractoryCriterion is met when the volunteer is refractory to the last
// line (to: last_line), or to any (or all) of the therapy categories: some
// line containing the category was refractory (best response SD or PD, or
// progressed on therapy).
type RefractoryCriterion struct {
	Header
	To         string   `json:"to,omitempty"`
	Categories []string `json:"categories,omitempty"`
	Match      string   `json:"match,omitempty"`
}

func (c *RefractoryCriterion) decode(r *fieldReader) {
	c.To = r.enumField("to", []string{"last_line"})
	c.Categories = r.enumList("categories", models.TherapyCategories)
	c.Match = r.enumField("match", matchValues)
	switch {
	case r.reported("to") || r.reported("categories"):
	case c.To == "" && len(c.Categories) == 0:
		r.fail("to", "required", `Give "to": "last_line" or a list of categories.`)
	case c.To != "" && len(c.Categories) > 0:
		r.fail("categories", "not_allowed", `Give either "to" or "categories", not both.`)
	case c.To != "" && c.Match != "":
		r.fail("match", "not_allowed", `"match" applies to categories.`)
	}
}

func (c *RefractoryCriterion) categoryRefractory(f *Facts, category string) tri {
	switch {
	case f.RefractoryCategories == nil:
		return maybe
	case slices.Contains(f.RefractoryCategories, category):
		return yes
	case slices.Contains(f.RefractoryUnknownCategories, category):
		return maybe
	}
	return no
}

func (c *RefractoryCriterion) evaluate(f *Facts, _ *EvalContext) judgement {
	if f.PriorLines == nil {
		return judge(maybe, "refractory.missing", "to", c.To, "categories", list(c.Categories))
	}
	if c.To == "last_line" {
		v := triPtr(f.RefractoryToLastLine)
		code := map[tri]string{yes: "refractory.met", no: "refractory.not_met", maybe: "refractory.unclear"}[v]
		return judge(v, code, "to", c.To)
	}
	var items []itemJudgement
	for _, cat := range c.Categories {
		items = append(items, itemJudgement{cat, c.categoryRefractory(f, cat)})
	}
	return judgeItems(items, c.Match, "refractory.met", "refractory.not_met", "refractory.unclear")
}

func (c *RefractoryCriterion) compile(*EvalContext) sqlExpr {
	if c.To == "last_line" {
		return sqlText("f.refractory_to_last_line")
	}
	var parts []sqlExpr
	for _, cat := range c.Categories {
		parts = append(parts, sqlf("(CASE WHEN f.refractory_categories IS NULL THEN NULL "+
			"WHEN %s = ANY(f.refractory_categories) THEN TRUE "+
			"WHEN %s = ANY(f.refractory_unknown_categories) THEN NULL ELSE FALSE END)", sqlString(cat), sqlString(cat)))
	}
	return sqlCombine(c.Match != MatchAll, parts)
}

// RemissionDurationCriterion is met when line Line reached CR, CRi or sCR
// and relapsed within MaxMonths (fewer completed months) and/or after at
// least MinMonths of its response_on.
type RemissionDurationCriterion struct {
	Header
	Line      int  `json:"line"`
	MaxMonths *int `json:"max_months,omitempty"`
	MinMonths *int `json:"min_months,omitempty"`
}

func (c *RemissionDurationCriterion) decode(r *fieldReader) {
	if line := r.intField("line", 1); line != nil {
		c.Line = *line
	} else if !r.reported("line") {
		r.fail("line", "required", "Name the therapy line, 1 for the first.")
	}
	c.MaxMonths, c.MinMonths = r.intField("max_months", 1), r.intField("min_months", 0)
	if c.MaxMonths != nil && c.MinMonths != nil && *c.MinMonths >= *c.MaxMonths {
		r.fail("min_months", "min_above_max", "min_months must be below max_months.")
	}
}

func (c *RemissionDurationCriterion) evaluate(f *Facts, _ *EvalContext) judgement {
	line := itoa(c.Line)
	if f.LineRemissions == nil {
		return judge(maybe, "remission_duration.missing", "line", line)
	}
	r, ok := f.LineRemissions[c.Line]
	if !ok {
		return judge(no, "remission_duration.no_line", "line", line)
	}
	reached := judge(triPtr(r.ReachedCR), "remission_duration.no_remission", "line", line)
	if r.ReachedCR == nil {
		reached.reason.Code = "remission_duration.response_unknown"
	}
	params := []string{"line", line, "max", itoaPtr(c.MaxMonths), "min", itoaPtr(c.MinMonths), "months", itoaPtr(r.RemissionMonths)}
	var timing judgement
	switch months := r.RemissionMonths; {
	case months == nil:
		timing = judge(maybe, "remission_duration.relapse_unknown", params...)
	case c.MaxMonths != nil && *months >= *c.MaxMonths:
		timing = judge(no, "remission_duration.too_long", params...)
	case c.MinMonths != nil && *months < *c.MinMonths:
		timing = judge(no, "remission_duration.too_short", params...)
	default:
		timing = judge(yes, "")
	}
	return firstDecisive(judge(yes, "remission_duration.met", params...), reached, timing)
}

func (c *RemissionDurationCriterion) compile(*EvalContext) sqlExpr {
	key := strconv.Itoa(c.Line)
	entry := sqlf("(f.line_remissions -> %s)", sqlString(key))
	months := sqlf("((%s ->> 'remission_months')::integer)", entry)
	timing := []sqlExpr{sqlf("(CASE WHEN %s IS NOT NULL THEN TRUE END)", months)}
	if c.MaxMonths != nil {
		timing = append(timing, sqlf("(%s < %s)", months, sqlInt(*c.MaxMonths)))
	}
	if c.MinMonths != nil {
		timing = append(timing, sqlf("(%s >= %s)", months, sqlInt(*c.MinMonths)))
	}
	reached := sqlf("((%s ->> 'reached_cr')::boolean)", entry)
	return sqlf("(CASE WHEN f.line_remissions IS NULL THEN NULL WHEN %s IS NULL THEN FALSE ELSE %s END)",
		entry, sqlAnd(append([]sqlExpr{reached}, timing...)...))
}
