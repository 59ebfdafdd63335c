package eligibility

import (
	"fmt"
	"strconv"
)

// SQLPlan is a trial's criteria compiled to SQL over volunteer_facts, for
// candidate search and feasibility counts. Placeholders are "?" (gorm's
// db.Raw); the SQL has no "?" of its own and no literal values.
//
// The pieces fit together as
//
//	SELECT f.volunteer_id, <VerdictExpr>, <UnknownCountExpr>, o.nearest_site_km
//	FROM <FromSQL>
//	WHERE f.matchable AND <PrefilterExpr> AND <VerdictExpr> <> 'ineligible'
//
// with the arguments Args followed by PrefilterArgs, as CandidatesQuery and
// FeasibilityQuery do. Keep "f.matchable" literally: the indexes are partial.
type SQLPlan struct {
	// FromSQL is "volunteer_facts AS f CROSS JOIN LATERAL (…) AS o": o holds
	// each top-level criterion's outcome (o.c0, o.c1, … TRUE met, FALSE not
	// met, NULL unknown) and o.nearest_site_km, computed once per row.
	FromSQL string
	Args    []any
	// OutcomeExprs are the outcome columns of the top-level criteria, in order.
	OutcomeExprs []string
	// VerdictExpr is 'eligible', 'possibly_eligible' or 'ineligible'.
	VerdictExpr string
	// UnknownCountExpr is the number of top-level criteria that are unknown.
	UnknownCountExpr string
	// NearestSiteKmExpr is the distance to the nearest site with coordinates
	// (NULL when unknown), for ranking.
	NearestSiteKmExpr string
	// PrefilterExpr is a condition on f alone that every volunteer who is not
	// ineligible meets, written so that indexes can serve it (condition
	// lineage, birth date, country). It is "TRUE" when nothing narrows.
	PrefilterExpr string
	PrefilterArgs []any
}

// CompileSQL compiles criteria (from DecodeCriteria) for ctx's reference
// date and sites. Each criterion's SQL is TRUE exactly when Evaluate says
// met, FALSE for not met and NULL for unknown.
func CompileSQL(criteria []Criterion, ctx EvalContext) (SQLPlan, error) {
	if d := ctx.ReferenceDate; d.Year < 1 || d.Year > 9999 || d != d.AddDate(0, 0, 0) {
		return SQLPlan{}, fmt.Errorf("eligibility: invalid reference date %v", d)
	}
	var plan SQLPlan
	var columns, against, unknown, unknownCount, prefilters []sqlExpr
	for i, c := range criteria {
		col := "o.c" + strconv.Itoa(i)
		plan.OutcomeExprs = append(plan.OutcomeExprs, col)
		columns = append(columns, sqlf("%s AS c"+strconv.Itoa(i), c.compile(&ctx)))
		if c.Meta().Rule == Exclude {
			against = append(against, sqlText(col+" IS TRUE"))
		} else {
			against = append(against, sqlText(col+" IS FALSE"))
			if p, ok := prefilterOf(c, &ctx); ok {
				prefilters = append(prefilters, p)
			}
		}
		unknown = append(unknown, sqlText(col+" IS NULL"))
		unknownCount = append(unknownCount, sqlText("("+col+" IS NULL)::integer"))
	}
	nearest, ok := sqlNearestSiteKm(ctx.Sites)
	if !ok {
		nearest = sqlText("NULL::double precision")
	}
	columns = append(columns, sqlf("%s AS nearest_site_km", nearest))
	from := sqlf("volunteer_facts AS f CROSS JOIN LATERAL (SELECT %s OFFSET 0) AS o", sqlJoin(", ", columns))
	plan.FromSQL, plan.Args = from.text, from.args
	plan.NearestSiteKmExpr = "o.nearest_site_km"

	plan.VerdictExpr = "'eligible'"
	if len(criteria) > 0 {
		plan.VerdictExpr = "(CASE WHEN " + sqlJoin(" OR ", against).text + " THEN 'ineligible' WHEN " +
			sqlJoin(" OR ", unknown).text + " THEN 'possibly_eligible' ELSE 'eligible' END)"
	}
	plan.UnknownCountExpr = "0"
	if len(unknownCount) > 0 {
		plan.UnknownCountExpr = "(" + sqlJoin(" + ", unknownCount).text + ")"
	}
	plan.PrefilterExpr = "TRUE"
	if len(prefilters) > 0 {
		p := sqlJoin(" AND ", prefilters)
		plan.PrefilterExpr, plan.PrefilterArgs = p.text, p.args
	}
	return plan, nil
}

// prefilterOf returns an index-friendly condition that holds whenever the
// included criterion c is not false; false when c has none.
func prefilterOf(c Criterion, ctx *EvalContext) (sqlExpr, bool) {
	if p, ok := c.(interface {
		prefilter(*EvalContext) (sqlExpr, bool)
	}); ok {
		return p.prefilter(ctx)
	}
	return sqlExpr{}, false
}

// CandidatesQuery lists the matchable volunteers who are not ineligible:
// volunteer_id, verdict, unknown_count, nearest_site_km, registered_at, in
// the ranking of DESIGN.md §3 (eligible first, fewer unknowns, nearer site,
// earlier registration). Add pagination around it as needed.
func (p SQLPlan) CandidatesQuery() (string, []any) {
	q := "SELECT * FROM (SELECT f.volunteer_id, " + p.VerdictExpr + " AS verdict, " + p.UnknownCountExpr +
		" AS unknown_count, " + p.NearestSiteKmExpr + " AS nearest_site_km, f.registered_at FROM " + p.FromSQL +
		" WHERE f.matchable AND " + p.PrefilterExpr + ") AS candidates WHERE verdict <> 'ineligible'" +
		" ORDER BY verdict = 'possibly_eligible', unknown_count, nearest_site_km NULLS LAST, registered_at, volunteer_id"
	return q, p.args()
}

// RankingQuery is CandidatesQuery unordered, with possible (the verdict is
// possibly_eligible) instead of the verdict: the rows of a stored ranking.
func (p SQLPlan) RankingQuery() (string, []any) {
	q := "SELECT volunteer_id, verdict = 'possibly_eligible' AS possible, unknown_count, nearest_site_km, registered_at FROM (SELECT f.volunteer_id, " +
		p.VerdictExpr + " AS verdict, " + p.UnknownCountExpr + " AS unknown_count, " + p.NearestSiteKmExpr +
		" AS nearest_site_km, f.registered_at FROM " + p.FromSQL + " WHERE f.matchable AND " + p.PrefilterExpr +
		") AS candidates WHERE verdict <> 'ineligible'"
	return q, p.args()
}

// FeasibilityQuery counts the matchable volunteers who are eligible and who
// are possibly eligible: rows (verdict, count).
func (p SQLPlan) FeasibilityQuery() (string, []any) {
	q := "SELECT verdict, count(*) AS count FROM (SELECT " + p.VerdictExpr + " AS verdict FROM " + p.FromSQL +
		" WHERE f.matchable AND " + p.PrefilterExpr + ") AS judged WHERE verdict <> 'ineligible' GROUP BY verdict ORDER BY verdict"
	return q, p.args()
}

func (p SQLPlan) args() []any {
	return append(append([]any{}, p.Args...), p.PrefilterArgs...)
}
