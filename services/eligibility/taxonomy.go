package eligibility

import (
	"fmt"
	"slices"
)

// TaxonomyNode is one row of the conditions table: a code and its parent
// ("" for a root).
type TaxonomyNode struct {
	Code       string
	ParentCode string
}

// Taxonomy is the condition tree. A criterion that names a node is met by
// that node and every descendant of it.
type Taxonomy struct {
	parent map[string]string // code → parent code ("" for a root)
}

// NewTaxonomy builds the tree and rejects duplicate codes, parents that do not
// exist and cycles, so that Ancestors always terminates.
func NewTaxonomy(nodes []TaxonomyNode) (*Taxonomy, error) {
	t := &Taxonomy{parent: make(map[string]string, len(nodes))}
	for _, n := range nodes {
		if n.Code == "" {
			return nil, fmt.Errorf("taxonomy: empty code")
		}
		if _, dup := t.parent[n.Code]; dup {
			return nil, fmt.Errorf("taxonomy: duplicate code %q", n.Code)
		}
		t.parent[n.Code] = n.ParentCode
	}
	for code, parent := range t.parent {
		if parent != "" && !t.Exists(parent) {
			return nil, fmt.Errorf("taxonomy: %q has unknown parent %q", code, parent)
		}
		seen := map[string]bool{code: true}
		for p := parent; p != ""; p = t.parent[p] {
			if seen[p] {
				return nil, fmt.Errorf("taxonomy: cycle through %q", code)
			}
			seen[p] = true
		}
	}
	return t, nil
}

// Exists reports whether code is a node of the tree.
func (t *Taxonomy) Exists(code string) bool {
	if t == nil {
		return false
	}
	_, ok := t.parent[code]
	return ok
}

// Ancestors returns the ancestors of code, nearest first, without code
// itself; nil for a root or an unknown code.
func (t *Taxonomy) Ancestors(code string) []string {
	if !t.Exists(code) {
		return nil
	}
	var out []string
	for p := t.parent[code]; p != ""; p = t.parent[p] {
		out = append(out, p)
	}
	return out
}

// IsDescendantOrSelf reports whether code is of or below the node of.
func (t *Taxonomy) IsDescendantOrSelf(code, of string) bool {
	if !t.Exists(code) || !t.Exists(of) {
		return false
	}
	return code == of || slices.Contains(t.Ancestors(code), of)
}

// lineage is code followed by its ancestors: the nodes a diagnosis of code
// falls under. An unknown code is its own lineage (it matches nothing else).
func (t *Taxonomy) lineage(code string) []string {
	return append([]string{code}, t.Ancestors(code)...)
}
