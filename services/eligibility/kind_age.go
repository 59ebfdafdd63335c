package eligibility

import (
	"github.com/trialmatch/trialmatch/models"
)

// AgeCriterion is kind age (on the reference date) or age_at_diagnosis (on
// the first diagnosis date). Ages are in completed units; each bound is
// judged in its own unit and is inclusive of its whole unit: max 21 years
// admits until the day before the 22nd birthday. A missing bound is open.
type AgeCriterion struct {
	Header
	Min *AgeBound `json:"min,omitempty"`
	Max *AgeBound `json:"max,omitempty"`
}

// maxAgeYears bounds age criteria, so that every date they imply is a
// valid PostgreSQL date.
const maxAgeYears = 150

// AgeBound is an age such as {"value": 3, "unit": "years"}.
type AgeBound struct {
	Value int     `json:"value"`
	Unit  AgeUnit `json:"unit"`
}

func (c *AgeCriterion) decode(r *fieldReader) {
	c.Min, c.Max = r.ageBound("min"), r.ageBound("max")
	switch {
	case c.Min == nil && c.Max == nil:
		if !r.reported("min") && !r.reported("max") {
			r.fail("min", "required", "Give a minimum age, a maximum age or both.")
		}
	case c.Min != nil && c.Max != nil && approxDays(c.Min.Value, c.Min.Unit) > approxDays(c.Max.Value, c.Max.Unit):
		r.fail("min", "min_above_max", "The minimum age is above the maximum age.")
	}
}

func (r *fieldReader) ageBound(name string) *AgeBound {
	o := r.object(name)
	if o == nil {
		return nil
	}
	value := o.intField("value", 0)
	unit := o.enumField("unit", ageUnits)
	if value == nil && !o.reported("value") {
		o.fail("value", "required", "An age needs a value.")
	}
	if unit == "" && !o.reported("unit") {
		o.fail("unit", "required", "An age needs a unit: years, months, weeks or days.")
	}
	o.rejectUnknownFields()
	if value == nil || unit == "" {
		return nil
	}
	if approxDays(*value, AgeUnit(unit)) > approxDays(maxAgeYears, Years) {
		o.fail("value", "out_of_range", "An age is at most 150 years.")
		return nil
	}
	return &AgeBound{Value: *value, Unit: AgeUnit(unit)}
}

// on is the date the age is judged on: nil when unknown.
func (c *AgeCriterion) on(f *Facts, ctx *EvalContext) *models.Date {
	if c.Kind == KindAgeAtDiagnosis {
		return f.FirstDiagnosedOn
	}
	return &ctx.ReferenceDate
}

func (c *AgeCriterion) evaluate(f *Facts, ctx *EvalContext) judgement {
	code := string(c.Kind)
	on := c.on(f, ctx)
	if f.DateOfBirth == nil || on == nil {
		return judge(maybe, code+".missing")
	}
	ageIn := func(unit AgeUnit) string { return quantity(completedUnits(unit, *f.DateOfBirth, *on), unit) }
	if c.Min != nil && completedUnits(c.Min.Unit, *f.DateOfBirth, *on) < c.Min.Value {
		return judge(no, code+".below_min", "age", ageIn(c.Min.Unit), "min", c.Min.String())
	}
	if c.Max != nil && completedUnits(c.Max.Unit, *f.DateOfBirth, *on) > c.Max.Value {
		return judge(no, code+".above_max", "age", ageIn(c.Max.Unit), "max", c.Max.String())
	}
	shown := Years
	if c.Min != nil {
		shown = c.Min.Unit
	} else if c.Max != nil {
		shown = c.Max.Unit
	}
	return judge(yes, code+".in_range", "age", ageIn(shown), "min", c.Min.String(), "max", c.Max.String())
}

func (c *AgeCriterion) compile(ctx *EvalContext) sqlExpr {
	on := sqlDate(ctx.ReferenceDate)
	if c.Kind == KindAgeAtDiagnosis {
		on = sqlText("f.first_diagnosed_on")
	}
	var parts []sqlExpr
	if c.Min != nil {
		parts = append(parts, sqlf("(%s >= %s)", sqlAgeIn(c.Min.Unit, on), sqlInt(c.Min.Value)))
	}
	if c.Max != nil {
		parts = append(parts, sqlf("(%s <= %s)", sqlAgeIn(c.Max.Unit, on), sqlInt(c.Max.Value)))
	}
	if len(parts) == 0 {
		return sqlf("(CASE WHEN f.date_of_birth IS NOT NULL AND %s IS NOT NULL THEN TRUE END)", on)
	}
	return sqlAnd(parts...)
}

// sqlAgeIn is the completed units from f.date_of_birth to on: the SQL twin
// of completedUnits (NULL when either date is NULL).
func sqlAgeIn(unit AgeUnit, on sqlExpr) sqlExpr {
	switch unit {
	case Years:
		return sqlf("tm_completed_years(f.date_of_birth, %s)", on)
	case Months:
		return sqlf("tm_completed_months(f.date_of_birth, %s)", on)
	case Weeks:
		return sqlf("floor((%s - f.date_of_birth) / 7.0)::integer", on)
	default:
		return sqlf("(%s - f.date_of_birth)", on)
	}
}

// prefilter: an included age criterion that is not false needs a birth date
// in a range, widened to whole days per unit so that it is never narrower
// than the exact rule (a year is at least 365 and at most 366 days, a month
// 28 to 31).
func (c *AgeCriterion) prefilter(ctx *EvalContext) (sqlExpr, bool) {
	if c.Kind != KindAge {
		return sqlExpr{}, false
	}
	shortest := map[AgeUnit]int{Years: 365, Months: 28, Weeks: 7, Days: 1}
	longest := map[AgeUnit]int{Years: 366, Months: 31, Weeks: 7, Days: 1}
	var parts []sqlExpr
	if c.Min != nil { // age ≥ min ⇒ born at least min×shortest days ago
		latest := ctx.ReferenceDate.AddDate(0, 0, -c.Min.Value*shortest[c.Min.Unit])
		parts = append(parts, sqlf("f.date_of_birth <= %s", sqlDate(latest)))
	}
	if c.Max != nil { // age ≤ max ⇒ born less than (max+1)×longest days ago
		earliest := ctx.ReferenceDate.AddDate(0, 0, -(c.Max.Value+1)*longest[c.Max.Unit])
		parts = append(parts, sqlf("f.date_of_birth >= %s", sqlDate(earliest)))
	}
	return sqlf("(f.date_of_birth IS NULL OR %s)", sqlJoin(" AND ", parts)), true
}

// String is the bound as a reason parameter, e.g. "21 years"; "" for nil.
func (b *AgeBound) String() string {
	if b == nil {
		return ""
	}
	return quantity(b.Value, b.Unit)
}

// quantity renders "1 year", "9 years", "6 months".
func quantity(n int, unit AgeUnit) string {
	word := string(unit)
	if n == 1 || n == -1 {
		word = word[:len(word)-1]
	}
	return itoa(n) + " " + word
}
