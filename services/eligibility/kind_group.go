package eligibility

import (
	"encoding/json"
	"strings"
)

// GroupCriterion is any_of (met if a member is met, not met if every member
// is not met, else unknown) or all_of (not met if a member is not met, met if
// every member is met, else unknown): Kleene OR / AND, as in SQL. Members
// have no rule and may be groups, to MaxDepth levels.
type GroupCriterion struct {
	Header
	Criteria []Criterion `json:"criteria"`
}

func (g *GroupCriterion) isAnyOf() bool { return g.Kind == KindAnyOf }

// decode is never called for groups: decodeMembers needs the decoder.
func (g *GroupCriterion) decode(*fieldReader) {}

func (g *GroupCriterion) decodeMembers(r *fieldReader, d *decoder, depth int) {
	var items []json.RawMessage
	if !r.read("criteria", &items, "a list of criteria") {
		if !r.reported("criteria") {
			r.fail("criteria", "required", "A group needs its member criteria.")
		}
		return
	}
	switch {
	case len(items) == 0:
		r.fail("criteria", "required", "A group needs at least one member.")
	case depth >= MaxDepth:
		r.fail("criteria", "too_deep", "Groups nest at most 8 levels deep.")
	default:
		g.Criteria = d.decodeList(items, r.path+".criteria", depth+1, false)
	}
}

func (g *GroupCriterion) evaluate(f *Facts, ctx *EvalContext) judgement {
	value := yes
	if g.isAnyOf() {
		value = no
	}
	members := make([]CriterionResult, 0, len(g.Criteria))
	for _, c := range g.Criteria {
		m := evaluateOne(c, f, ctx)
		members = append(members, m)
		v := triOfOutcome(m.Outcome)
		if g.isAnyOf() {
			value = or(value, v)
		} else {
			value = and(value, v)
		}
	}
	var deciding []string
	for _, m := range members {
		if m.Outcome == value.outcome() {
			deciding = append(deciding, m.ID)
		}
	}
	j := judge(value, string(g.Kind)+"."+string(value.outcome()), "members", strings.Join(deciding, ", "))
	j.members = members
	return j
}

func (g *GroupCriterion) compile(ctx *EvalContext) sqlExpr {
	if len(g.Criteria) == 0 { // only for groups built by hand: OR of none, AND of none
		if g.isAnyOf() {
			return sqlText("FALSE")
		}
		return sqlText("TRUE")
	}
	return sqlCombine(g.isAnyOf(), mapSQL(g.Criteria, func(c Criterion) sqlExpr { return c.compile(ctx) }))
}

// prefilter: an included any_of that is not false has a member that is not
// false; an all_of has none that is false.
func (g *GroupCriterion) prefilter(ctx *EvalContext) (sqlExpr, bool) {
	var parts []sqlExpr
	for _, c := range g.Criteria {
		p, ok := prefilterOf(c, ctx)
		if !ok {
			if g.isAnyOf() {
				return sqlExpr{}, false // that member may be not false anywhere
			}
			continue
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return sqlExpr{}, false
	}
	return sqlCombine(g.isAnyOf(), parts), true
}
