package eligibility

import (
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/trialmatch/trialmatch/internal/apperr"
)

// Limits on one trial's criteria.
const (
	MaxCriteria      = 200       // criteria in the whole tree, groups included
	MaxDepth         = 8         // nesting levels; top-level criteria are level 1
	MaxCriteriaBytes = 256 << 10 // the JSON document
	maxTextLength    = 2000      // a manual criterion's text
	maxNumber        = 100000    // any count, age value, months or km
)

var idPattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// DecodeCriteria reads a trial's criteria strictly: unknown fields, unknown
// kinds, enum values and condition codes, missing or duplicate ids, min above
// max, negative numbers and malformed groups are rejected. The error is an
// apperr validation error whose fields name the criterion by id, e.g.
// "criteria[age].min" or "criteria[rr-1].site" (nested criteria too), or by
// position when the id itself is the problem: "criteria[2].id",
// "criteria[rr-b-all].criteria[0].id". Absent and null fields are the same.
func DecodeCriteria(raw json.RawMessage, tax *Taxonomy) ([]Criterion, error) {
	var errs apperr.Fields
	if len(raw) > MaxCriteriaBytes {
		errs.Add("criteria", "too_large", fmt.Sprintf("The criteria may take at most %d bytes.", MaxCriteriaBytes))
		return nil, errs.Err()
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		errs.Add("criteria", "invalid_type", "The criteria must be a JSON array of criterion objects.")
		return nil, errs.Err()
	}
	d := &decoder{tax: tax, errs: &errs, ids: map[string]bool{}}
	list := d.decodeList(items, "criteria", 1, true)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return list, nil
}

type decoder struct {
	tax   *Taxonomy
	errs  *apperr.Fields
	ids   map[string]bool
	count int
}

// decodeList decodes the criteria of a trial (top) or a group's members;
// at names them by position ("criteria" or "criteria[grp].criteria").
func (d *decoder) decodeList(items []json.RawMessage, at string, depth int, top bool) []Criterion {
	list := make([]Criterion, 0, len(items))
	for i, raw := range items {
		d.count++
		if d.count > MaxCriteria {
			if d.count == MaxCriteria+1 { // report once, however deep
				d.errs.Add("criteria", "too_many", fmt.Sprintf("A trial may have at most %d criteria, groups and their members included.", MaxCriteria))
			}
			return list
		}
		if c := d.decodeOne(raw, fmt.Sprintf("%s[%d]", at, i), depth, top); c != nil {
			list = append(list, c)
		}
	}
	return list
}

// decodeOne decodes one criterion; position names it until its id is known.
func (d *decoder) decodeOne(raw json.RawMessage, position string, depth int, top bool) Criterion {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		d.errs.Add(position, "invalid_type", "A criterion must be a JSON object.")
		return nil
	}
	r := &fieldReader{errs: d.errs, tax: d.tax, path: position, fields: fields, seen: map[string]bool{}}

	var h Header
	h.ID = r.stringField("id")
	switch {
	case r.reported("id"):
	case h.ID == "":
		r.fail("id", "required", "Every criterion needs an id.")
	case !idPattern.MatchString(h.ID):
		r.fail("id", "invalid", "An id has 1 to 64 letters, digits, '_', '.' or '-'.")
	case d.ids[h.ID]:
		r.fail("id", "duplicate", fmt.Sprintf("The id %q is used by another criterion.", h.ID))
	default:
		d.ids[h.ID] = true
		r.path = "criteria[" + h.ID + "]"
	}

	h.Kind = Kind(r.stringField("kind"))
	c := newCriterion(h.Kind)
	switch {
	case r.reported("kind"):
	case h.Kind == "":
		r.fail("kind", "required", "Every criterion needs a kind.")
	case c == nil:
		r.fail("kind", "unknown_value", fmt.Sprintf("Unknown criterion kind %q.", h.Kind))
	}

	h.Rule = Rule(r.stringField("rule"))
	switch {
	case r.reported("rule"):
	case top && h.Rule == "":
		r.fail("rule", "required", "A criterion needs a rule: include or exclude.")
	case top && h.Rule != Include && h.Rule != Exclude:
		r.fail("rule", "unknown_value", "The rule is include or exclude.")
	case !top && h.Rule != "":
		r.fail("rule", "not_allowed", "Members of a group have no rule; the group has it.")
	}

	if c == nil {
		return nil // its other fields cannot be judged without a kind
	}
	*c.header() = h
	if g, ok := c.(*GroupCriterion); ok {
		g.decodeMembers(r, d, depth)
	} else {
		c.decode(r)
	}
	r.rejectUnknownFields()
	return c
}
