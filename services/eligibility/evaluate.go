package eligibility

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Verdict is a volunteer's overall standing for a trial.
type Verdict string

const (
	Eligible         Verdict = "eligible"          // every inclusion met, no exclusion met
	PossiblyEligible Verdict = "possibly_eligible" // nothing decides against, some unknown
	Ineligible       Verdict = "ineligible"        // an inclusion not met or an exclusion met
)

// Result is the evaluation of one volunteer against a trial's criteria
// (API.md, "The evaluation result"). Counts are over the top-level criteria.
type Result struct {
	Verdict  Verdict           `json:"verdict"`
	Counts   Counts            `json:"counts"`
	Criteria []CriterionResult `json:"criteria"`
}

type Counts struct {
	Met     int `json:"met"`
	NotMet  int `json:"not_met"`
	Unknown int `json:"unknown"`
}

// CriterionResult is one criterion's outcome. Outcome always describes the
// criterion's condition: for an exclude criterion, met means the excluding
// fact is present. A group carries its members' results.
type CriterionResult struct {
	ID      string            `json:"id"`
	Kind    Kind              `json:"kind"`
	Rule    Rule              `json:"rule,omitempty"`
	Outcome Outcome           `json:"outcome"`
	Reason  Reason            `json:"reason"`
	Members []CriterionResult `json:"members,omitempty"`
}

// Reason is a stable code and string parameters that the frontend renders in
// the reader's language (docs/eligibility.md lists every code).
type Reason struct {
	Code   string `json:"code"`
	Params Params `json:"params"`
}

// Params are key, value pairs, encoded as a JSON object; a pair whose value
// is empty is left out. A slice, not a map: a volunteer's matches build tens
// of thousands of them, and most are never read.
type Params []string

// Get returns the value of key ("" when absent).
func (p Params) Get(key string) string {
	for i := 0; i+1 < len(p); i += 2 {
		if p[i] == key {
			return p[i+1]
		}
	}
	return ""
}

// Map returns the pairs with a value as a map.
func (p Params) Map() map[string]string {
	m := make(map[string]string, len(p)/2)
	for i := 0; i+1 < len(p); i += 2 {
		if p[i+1] != "" {
			m[p[i]] = p[i+1]
		}
	}
	return m
}

// MarshalJSON writes the object with its keys sorted, as a map would be.
func (p Params) MarshalJSON() ([]byte, error) {
	pairs := make([]int, 0, len(p)/2)
	for i := 0; i+1 < len(p); i += 2 {
		if p[i+1] != "" {
			pairs = append(pairs, i)
		}
	}
	slices.SortFunc(pairs, func(x, y int) int { return strings.Compare(p[x], p[y]) })
	b := append(make([]byte, 0, 16*len(p)+2), '{')
	for _, i := range pairs {
		if len(b) > 1 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, p[i]) // keys are ASCII identifiers
		b = append(b, ':')
		v, err := json.Marshal(p[i+1])
		if err != nil {
			return nil, err
		}
		b = append(b, v...)
	}
	return append(b, '}'), nil
}

func (p *Params) UnmarshalJSON(b []byte) error {
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	*p = make(Params, 0, 2*len(keys))
	for _, k := range keys {
		*p = append(*p, k, m[k])
	}
	return nil
}

// judgement is what a criterion's evaluate returns.
type judgement struct {
	value   tri
	reason  Reason
	members []CriterionResult
}

// Evaluate judges one volunteer's facts against a trial's criteria on
// ctx.ReferenceDate. It is total: any criteria and facts give a result.
func Evaluate(criteria []Criterion, f Facts, ctx EvalContext) Result {
	res := Result{Verdict: Eligible, Criteria: make([]CriterionResult, 0, len(criteria))}
	against, unknown := false, false
	for _, c := range criteria {
		cr := evaluateOne(c, &f, &ctx)
		res.Criteria = append(res.Criteria, cr)
		switch cr.Outcome {
		case Met:
			res.Counts.Met++
			against = against || cr.Rule == Exclude
		case NotMet:
			res.Counts.NotMet++
			against = against || cr.Rule != Exclude
		default:
			res.Counts.Unknown++
			unknown = true
		}
	}
	switch {
	case against:
		res.Verdict = Ineligible
	case unknown:
		res.Verdict = PossiblyEligible
	}
	return res
}

func evaluateOne(c Criterion, f *Facts, ctx *EvalContext) CriterionResult {
	h := c.Meta()
	j := c.evaluate(f, ctx)
	return CriterionResult{ID: h.ID, Kind: h.Kind, Rule: h.Rule, Outcome: j.value.outcome(), Reason: j.reason, Members: j.members}
}

// judge builds a judgement; params are key, value pairs.
func judge(value tri, code string, params ...string) judgement {
	return judgement{value: value, reason: reason(code, params...)}
}

func reason(code string, params ...string) Reason {
	return Reason{Code: code, Params: params}
}

// firstDecisive combines the parts of a criterion with Kleene AND and
// explains the result by the first part that decides it: the first not met,
// else the first unknown, else met with the given reason.
func firstDecisive(met judgement, parts ...judgement) judgement {
	value := yes
	for _, p := range parts {
		value = and(value, p.value)
	}
	for _, p := range parts {
		if p.value == value && value != yes {
			return p
		}
	}
	met.value = value
	return met
}

func itoa(n int) string { return strconv.Itoa(n) }

func itoaPtr(n *int) string {
	if n == nil {
		return ""
	}
	return itoa(*n)
}

func list(values []string) string { return strings.Join(values, ", ") }
