package services

import (
	"context"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// TaxonomyService serves the condition taxonomy. The tree is shipped data of
// a few dozen nodes, so it is read once and searched in memory.
type TaxonomyService struct {
	Deps
	once   sync.Once
	err    error
	nodes  []models.Condition
	byCode map[string]*models.Condition
	folded map[string][]string // code → folded names and synonyms
}

func (s *TaxonomyService) load(ctx context.Context) error {
	s.once.Do(func() {
		if s.err = s.DB.WithContext(ctx).Order("sort_order, code").Find(&s.nodes).Error; s.err != nil {
			return
		}
		s.byCode = make(map[string]*models.Condition, len(s.nodes))
		s.folded = make(map[string][]string, len(s.nodes))
		for i := range s.nodes {
			n := &s.nodes[i]
			s.byCode[n.Code] = n
			terms := []string{n.NameEN, n.NameTR, n.NameRU, n.NameKK, n.Code}
			for _, t := range append(terms, n.Synonyms...) {
				s.folded[n.Code] = append(s.folded[n.Code], foldForSearch(t))
			}
		}
	})
	return s.err
}

// Nodes returns every node, parents before children.
func (s *TaxonomyService) Nodes(ctx context.Context) ([]models.Condition, error) {
	if err := s.load(ctx); err != nil {
		return nil, err
	}
	return s.nodes, nil
}

// Exists reports whether code is a node of the taxonomy.
func (s *TaxonomyService) Exists(ctx context.Context, code string) (bool, error) {
	if err := s.load(ctx); err != nil {
		return false, err
	}
	_, ok := s.byCode[code]
	return ok, nil
}

// ConditionNode is a node as the API returns it, named in one language.
type ConditionNode struct {
	Code       string   `json:"code"`
	ICD10      *string  `json:"icd10"`
	Name       string   `json:"name"`
	ParentCode *string  `json:"parent_code"`
	Path       []string `json:"path"` // ancestor names, root first
}

// Search returns the nodes whose name in any language, or synonym, contains q
// (ignoring case and accents: "losemi" finds "lösemi"); with no q, the whole
// tree. Names are given in lang.
func (s *TaxonomyService) Search(ctx context.Context, q, lang string) ([]ConditionNode, error) {
	if err := s.load(ctx); err != nil {
		return nil, err
	}
	if lang == "" {
		lang = "en"
	}
	var fs apperr.Fields
	validateLocale(&fs, lang)
	if len([]rune(q)) > 100 {
		fs.Add("q", "too_long", "Use at most 100 characters.")
	}
	if len(fs) > 0 {
		for i := range fs {
			if fs[i].Field == "locale" {
				fs[i].Field = "lang"
			}
		}
		return nil, fs.Err()
	}
	needle := foldForSearch(strings.TrimSpace(q))
	type hit struct {
		node  *models.Condition
		score int // 0 exact, 1 prefix, 2 substring
	}
	var hits []hit
	for i := range s.nodes {
		n := &s.nodes[i]
		best := -1
		for _, term := range s.folded[n.Code] {
			switch {
			case needle == "":
				best = 2
			case term == needle:
				best = 0
			case strings.HasPrefix(term, needle) && (best < 0 || best > 1):
				best = 1
			case strings.Contains(term, needle) && best < 0:
				best = 2
			}
			if best == 0 {
				break
			}
		}
		if best >= 0 {
			hits = append(hits, hit{n, best})
		}
	}
	if needle != "" {
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].score < hits[j].score })
	}
	out := make([]ConditionNode, 0, len(hits))
	for _, h := range hits {
		out = append(out, ConditionNode{Code: h.node.Code, ICD10: h.node.ICD10, Name: h.node.Name(lang), ParentCode: h.node.ParentCode, Path: s.path(h.node, lang)})
	}
	return out, nil
}

func (s *TaxonomyService) path(n *models.Condition, lang string) []string {
	var names []string
	for p := n.ParentCode; p != nil; {
		parent := s.byCode[*p]
		if parent == nil {
			break
		}
		names = append([]string{parent.Name(lang)}, names...)
		p = parent.ParentCode
	}
	if names == nil {
		names = []string{}
	}
	return names
}

// Ancestors returns the codes above code, nearest first.
func (s *TaxonomyService) Ancestors(ctx context.Context, code string) ([]string, error) {
	if err := s.load(ctx); err != nil {
		return nil, err
	}
	var out []string
	for n := s.byCode[code]; n != nil && n.ParentCode != nil; n = s.byCode[*n.ParentCode] {
		out = append(out, *n.ParentCode)
	}
	return out, nil
}

var searchFolder = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// foldForSearch lower-cases and strips accents, with the Turkish dotless and
// dotted i and the Russian ё folded too, so that queries typed without them
// still match.
func foldForSearch(s string) string {
	s = strings.NewReplacer("İ", "i", "I", "i", "ı", "i", "Ё", "е", "ё", "е").Replace(s)
	folded, _, err := transform.String(searchFolder, s)
	if err != nil {
		folded = s
	}
	return strings.ToLower(folded)
}

// registryNoise are words registries put around a disease name that do not
// change which disease it is ("Relapsed/Refractory B-cell ALL, Childhood").
var registryNoise = map[string]bool{"relapsed": true, "refractory": true, "recurrent": true, "r/r": true, "rr": true,
	"adult": true, "childhood": true, "pediatric": true, "paediatric": true, "de": true, "novo": true, "and": true, "or": true}

func normalizeDiseaseName(s string) string {
	s = foldForSearch(s)
	s = strings.NewReplacer("-", " ", "/", " / ", ",", " ", "(", " ", ")", " ", "leukemia", "leukaemia", "lymphomas", "lymphoma").Replace(s)
	var words []string
	for _, w := range strings.Fields(s) {
		if !registryNoise[w] && w != "/" {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}

// MatchName maps a disease name as a registry writes it to a taxonomy code,
// when it equals a node's name or synonym in any language (after folding case,
// accents, hyphens and words like "relapsed" or "childhood").
func (s *TaxonomyService) MatchName(ctx context.Context, name string) (string, bool, error) {
	if err := s.load(ctx); err != nil {
		return "", false, err
	}
	want := normalizeDiseaseName(name)
	if want == "" {
		return "", false, nil
	}
	for i := range s.nodes {
		n := &s.nodes[i]
		for _, term := range append([]string{n.NameEN, n.NameTR, n.NameRU, n.NameKK}, n.Synonyms...) {
			if normalizeDiseaseName(term) == want {
				return n.Code, true, nil
			}
		}
	}
	return "", false, nil
}
