package eligibility

import (
	"fmt"
	"strings"

	"github.com/trialmatch/trialmatch/models"
)

// sqlExpr is SQL text with "?" placeholders and their arguments, in order.
// Expressions are only ever composed with sqlf and sqlJoin, which keep the
// arguments in the order of their placeholders; values never enter the text.
type sqlExpr struct {
	text string
	args []any
}

// sqlf replaces each "%s" in format by the next part, in order.
func sqlf(format string, parts ...sqlExpr) sqlExpr {
	pieces := strings.Split(format, "%s")
	if len(pieces) != len(parts)+1 {
		panic(fmt.Sprintf("eligibility: sqlf(%q) given %d parts", format, len(parts)))
	}
	var b strings.Builder
	var args []any
	for i, piece := range pieces {
		b.WriteString(piece)
		if i < len(parts) {
			b.WriteString(parts[i].text)
			args = append(args, parts[i].args...)
		}
	}
	return sqlExpr{text: b.String(), args: args}
}

// sqlText is fixed SQL with no arguments (column names, keywords).
func sqlText(text string) sqlExpr { return sqlExpr{text: text} }

// sqlJoin joins parts with sep, e.g. " OR ".
func sqlJoin(sep string, parts []sqlExpr) sqlExpr {
	var out sqlExpr
	for i, p := range parts {
		if i > 0 {
			out.text += sep
		}
		out.text += p.text
		out.args = append(out.args, p.args...)
	}
	return out
}

// Typed placeholders: the cast tells PostgreSQL the parameter's type.
func sqlInt(n int) sqlExpr          { return sqlExpr{text: "?::integer", args: []any{n}} }
func sqlFloat(x float64) sqlExpr    { return sqlExpr{text: "?::double precision", args: []any{x}} }
func sqlString(s string) sqlExpr    { return sqlExpr{text: "?::text", args: []any{s}} }
func sqlBool(b bool) sqlExpr        { return sqlExpr{text: "?::boolean", args: []any{b}} }
func sqlDate(d models.Date) sqlExpr { return sqlExpr{text: "?::date", args: []any{d.String()}} }
func sqlTextArray(s []string) sqlExpr {
	return sqlf("ARRAY[%s]::text[]", sqlJoin(", ", mapSQL(s, sqlString)))
}
func sqlNullBool() sqlExpr            { return sqlText("NULL::boolean") }
func sqlTrue() sqlExpr                { return sqlText("TRUE") }
func sqlParen(e sqlExpr) sqlExpr      { return sqlf("(%s)", e) }
func sqlAnd(parts ...sqlExpr) sqlExpr { return sqlParen(sqlJoin(" AND ", parts)) }
func sqlOr(parts ...sqlExpr) sqlExpr  { return sqlParen(sqlJoin(" OR ", parts)) }
func sqlIn(col string, values []string) sqlExpr {
	return sqlf("("+col+" = ANY(%s))", sqlTextArray(values))
}

func mapSQL[T any](values []T, f func(T) sqlExpr) []sqlExpr {
	out := make([]sqlExpr, len(values))
	for i, v := range values {
		out[i] = f(v)
	}
	return out
}

// sqlCombine folds parts with AND or OR; parts must not be empty.
func sqlCombine(anyOf bool, parts []sqlExpr) sqlExpr {
	if anyOf {
		return sqlOr(parts...)
	}
	return sqlAnd(parts...)
}
