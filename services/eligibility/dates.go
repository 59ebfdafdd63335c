package eligibility

import (
	"time"

	"github.com/trialmatch/trialmatch/models"
)

// CompletedYears is the number of whole years from from to to: a person's age
// in years on the date to. An anniversary that does not exist in a year
// (29 February) is reached on the day after (1 March), which is what comparing
// (month, day) pairs gives. SQL: tm_completed_years, the same arithmetic.
func CompletedYears(from, to models.Date) int {
	years := to.Year - from.Year
	if to.Month < from.Month || (to.Month == from.Month && to.Day < from.Day) {
		years--
	}
	return years
}

// CompletedMonths is the number of whole calendar months from from to to. A
// monthly anniversary that does not exist (31 January + 1 month) is reached
// on the 1st of the following month, as for 29 February birthdays.
// SQL: tm_completed_months.
func CompletedMonths(from, to models.Date) int {
	months := (to.Year-from.Year)*12 + int(to.Month) - int(from.Month)
	if to.Day < from.Day {
		months--
	}
	return months
}

// DaysBetween is to minus from in days (negative when to is earlier).
func DaysBetween(from, to models.Date) int {
	return int(to.Time().Sub(from.Time()) / (24 * time.Hour))
}

// AgeUnit is the unit of an age bound, as ClinicalTrials.gov writes them.
type AgeUnit string

const (
	Years  AgeUnit = "years"
	Months AgeUnit = "months"
	Weeks  AgeUnit = "weeks"
	Days   AgeUnit = "days"
)

var ageUnits = []string{string(Years), string(Months), string(Weeks), string(Days)}

// completedUnits is the whole number of unit elapsed from from to to,
// rounded down (a birth date 3 days ahead is -1 weeks, not 0).
func completedUnits(unit AgeUnit, from, to models.Date) int {
	switch unit {
	case Years:
		return CompletedYears(from, to)
	case Months:
		return CompletedMonths(from, to)
	case Weeks:
		return floorDiv(DaysBetween(from, to), 7)
	default:
		return DaysBetween(from, to)
	}
}

// approxDays is a rough length of n units, only for checking that an age
// criterion's min is not above its max when they use different units.
func approxDays(n int, unit AgeUnit) float64 {
	switch unit {
	case Years:
		return float64(n) * 365.25
	case Months:
		return float64(n) * 30.44
	case Weeks:
		return float64(n) * 7
	default:
		return float64(n)
	}
}

// floorDiv divides rounding toward minus infinity (Go's / truncates).
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
