package services

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

var (
	countryNamesOnce sync.Once
	countryNames     map[string]string // folded English name → ISO 3166-1 alpha-2
)

// countryCode maps an English country name, as registries write it, to its
// ISO code ("" when unknown). Names come from CLDR, plus the registry's own
// spellings of a few.
func countryCode(name string) string {
	countryNamesOnce.Do(func() {
		countryNames = map[string]string{}
		namer := display.English.Regions()
		for a := 'A'; a <= 'Z'; a++ {
			for b := 'A'; b <= 'Z'; b++ {
				code := string([]rune{a, b})
				r, err := language.ParseRegion(code)
				if err != nil || !r.IsCountry() || r.String() != code {
					continue
				}
				countryNames[foldForSearch(namer.Name(r))] = code
			}
		}
		for alias, code := range map[string]string{
			"turkey": "TR", "türkiye": "TR", "turkiye": "TR", "united states": "US", "united kingdom": "GB",
			"korea, republic of": "KR", "russian federation": "RU", "iran, islamic republic of": "IR",
			"czech republic": "CZ", "czechia": "CZ", "viet nam": "VN", "taiwan": "TW", "hong kong": "HK",
			"moldova, republic of": "MD", "macedonia, the former yugoslav republic of": "MK", "north macedonia": "MK",
		} {
			countryNames[foldForSearch(alias)] = code
		}
	})
	return countryNames[foldForSearch(strings.TrimSpace(name))]
}
