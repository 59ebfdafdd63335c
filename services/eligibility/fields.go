package eligibility

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/trialmatch/trialmatch/internal/apperr"
)

// fieldReader reads the fields of one JSON object (a criterion, or an object
// inside one) and reports every problem under the object's path.
type fieldReader struct {
	errs   *apperr.Fields
	tax    *Taxonomy
	path   string // "criteria[age]", "criteria[age].min"
	fields map[string]json.RawMessage
	seen   map[string]bool
}

func (r *fieldReader) fail(field, code, message string) {
	r.errs.Add(r.path+"."+field, code, message)
}

// raw returns a field's JSON; false when it is absent or null.
func (r *fieldReader) raw(name string) (json.RawMessage, bool) {
	r.seen[name] = true
	v, ok := r.fields[name]
	if !ok || string(v) == "null" {
		return nil, false
	}
	return v, true
}

// read decodes a present field into dst; false when absent, null or of the
// wrong JSON type (then reported).
func (r *fieldReader) read(name string, dst any, want string) bool {
	v, ok := r.raw(name)
	if !ok {
		return false
	}
	if err := json.Unmarshal(v, dst); err != nil {
		r.fail(name, "invalid_type", "Expected "+want+".")
		return false
	}
	return true
}

func (r *fieldReader) stringField(name string) string {
	var s string
	r.read(name, &s, "a string")
	return s
}

func (r *fieldReader) boolField(name string) *bool {
	var b bool
	if !r.read(name, &b, "true or false") {
		return nil
	}
	return &b
}

// intField reads a whole number in [lo, maxNumber].
func (r *fieldReader) intField(name string, lo int) *int {
	var n int
	if !r.read(name, &n, "a whole number") {
		return nil
	}
	if n < lo || n > maxNumber {
		r.fail(name, "out_of_range", fmt.Sprintf("Must be between %d and %d.", lo, maxNumber))
		return nil
	}
	return &n
}

func (r *fieldReader) floatField(name string, lo, hi float64) *float64 {
	var x float64
	if !r.read(name, &x, "a number") {
		return nil
	}
	if x < lo || x > hi {
		r.fail(name, "out_of_range", fmt.Sprintf("Must be between %g and %g.", lo, hi))
		return nil
	}
	return &x
}

// enumField reads one of allowed; "" when absent.
func (r *fieldReader) enumField(name string, allowed []string) string {
	s := r.stringField(name)
	if s != "" && !slices.Contains(allowed, s) {
		r.fail(name, "unknown_value", fmt.Sprintf("Unknown value %q; expected one of %s.", s, strings.Join(allowed, ", ")))
		return ""
	}
	return s
}

// stringList reads a list of strings that pass valid; nil when absent.
func (r *fieldReader) stringList(name string, valid func(string) bool, expected string) []string {
	var list []string
	if !r.read(name, &list, "a list of strings") {
		return nil
	}
	for _, s := range list {
		if !valid(s) {
			r.fail(name, "unknown_value", fmt.Sprintf("Unknown value %q; expected %s.", s, expected))
			return nil
		}
	}
	if len(list) == 0 {
		return nil // [] and absent are the same
	}
	return list
}

func (r *fieldReader) enumList(name string, allowed []string) []string {
	return r.stringList(name, func(s string) bool { return slices.Contains(allowed, s) },
		"one of "+strings.Join(allowed, ", "))
}

// requiredEnumList is enumList that must name at least one value.
func (r *fieldReader) requiredEnumList(name string, allowed []string) []string {
	list := r.enumList(name, allowed)
	if len(list) == 0 {
		r.requireNonEmpty(name)
	}
	return list
}

// requireNonEmpty reports a missing or empty list, unless it was reported.
func (r *fieldReader) requireNonEmpty(name string) {
	if !r.reported(name) {
		r.fail(name, "required", "Name at least one value.")
	}
}

// object returns a reader for a nested object field; nil when absent.
func (r *fieldReader) object(name string) *fieldReader {
	var fields map[string]json.RawMessage
	if !r.read(name, &fields, "an object") || fields == nil {
		return nil
	}
	return &fieldReader{errs: r.errs, tax: r.tax, path: r.path + "." + name, fields: fields, seen: map[string]bool{}}
}

// reported says whether a problem with the field was already reported.
func (r *fieldReader) reported(name string) bool {
	prefix := r.path + "." + name
	for _, e := range *r.errs {
		if e.Field == prefix || strings.HasPrefix(e.Field, prefix+".") {
			return true
		}
	}
	return false
}

// rejectUnknownFields reports every field that no read asked for.
func (r *fieldReader) rejectUnknownFields() {
	var unknown []string
	for name := range r.fields {
		if !r.seen[name] {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		r.fail(name, "unknown_field", fmt.Sprintf("Unknown field %q for this kind of criterion.", name))
	}
}

// checkRange reports min above max.
func (r *fieldReader) checkRange(minField string, lo, hi *int) {
	if lo != nil && hi != nil && *lo > *hi {
		r.fail(minField, "min_above_max", "The minimum is above the maximum.")
	}
}
