package models

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// DateLayout is the wire and storage form of a calendar date.
const DateLayout = "2006-01-02"

// Date is a calendar date with no time of day or zone (a birth date, a
// diagnosis date). Its zero value is "no date"; use *Date for an unknown date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date of t in t's location.
func NewDate(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// ParseDate reads "YYYY-MM-DD" and rejects impossible dates such as 2023-02-29.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("not a date in the form YYYY-MM-DD: %q", s)
	}
	return NewDate(t), nil
}

// MustDate is ParseDate for literals in tests and seed data.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Time is the date at midnight UTC.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

func (d Date) IsZero() bool { return d.Year == 0 && d.Month == 0 && d.Day == 0 }

func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

func (d Date) Before(o Date) bool { return d.Time().Before(o.Time()) }

func (d Date) After(o Date) bool { return d.Time().After(o.Time()) }

// AddDate adds years, months and days as time.AddDate does (31 Jan + 1 month
// normalises to 2 or 3 March). Ages and "months since" are not computed with
// it but with eligibility.CompletedYears and CompletedMonths.
func (d Date) AddDate(years, months, days int) Date {
	return NewDate(d.Time().AddDate(years, months, days))
}

func (d Date) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("not a date in the form YYYY-MM-DD")
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// Value stores the date as a PostgreSQL date.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a PostgreSQL date (as time.Time, string or bytes).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		*d = NewDate(v.UTC())
	case string:
		p, err := ParseDate(v[:min(len(v), 10)])
		if err != nil {
			return err
		}
		*d = p
	case []byte:
		return d.Scan(string(v))
	default:
		return fmt.Errorf("cannot scan %T into Date", src)
	}
	return nil
}
