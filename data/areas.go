package data

import (
	"embed"
	"encoding/csv"
	"fmt"
	"sort"
	"strings"
	"sync"
)

//go:embed areas/*.csv
var areaFiles embed.FS

// Area is a place figures are published for: a country (the national
// total) or one of its first-level units, keyed by its OCHA p-code.
type Area struct {
	Code    string   // OCHA COD-AB p-code: "UA" for the country, "UA80" for Kyiv city
	ISO     string   // ISO 3166-2 code ("UA-30"); it differs from the p-code digits for some units
	Name    string   // English name as OCHA writes it
	Aliases []string // other spellings that load as this area (ACLED's "Kyiv City", ...)
}

// National reports whether the area is the whole country.
func (a Area) National() bool { return !strings.ContainsAny(a.Code, "0123456789") }

// AreaTable is the list of areas of one country. It is data, loaded from an
// embedded CSV (areas/XX.csv: pcode,iso,name,aliases), so another mission's
// country needs a table, not code.
type AreaTable struct {
	Country Area
	Units   []Area // first-level units, in p-code order

	byCode map[string]Area
	byName map[string]string // folded spelling -> p-code
	byISO  map[string]string // folded ISO code -> p-code
}

// Areas returns the embedded table of the country whose p-code prefix is
// given ("UA").
func Areas(country string) (*AreaTable, error) {
	b, err := areaFiles.ReadFile("areas/" + country + ".csv")
	if err != nil {
		return nil, fmt.Errorf("no area table for country %q", country)
	}
	recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("areas/%s.csv: %v", country, err)
	}
	t := &AreaTable{byCode: map[string]Area{}, byName: map[string]string{}, byISO: map[string]string{}}
	for _, r := range recs[1:] {
		a := Area{Code: r[0], ISO: r[1], Name: r[2]}
		if r[3] != "" {
			a.Aliases = strings.Split(r[3], "|")
		}
		if a.National() {
			t.Country = a
		} else {
			t.Units = append(t.Units, a)
		}
		t.byCode[a.Code] = a
		t.byISO[fold(a.ISO)] = a.Code
		t.byName[fold(a.Name)] = a.Code
		for _, al := range a.Aliases {
			t.byName[fold(al)] = a.Code
		}
	}
	sort.Slice(t.Units, func(i, j int) bool { return t.Units[i].Code < t.Units[j].Code })
	return t, nil
}

// Ukraine is the embedded table of Ukraine's 27 first-level units. The
// table is read once and shared: it is never modified after loading.
func Ukraine() *AreaTable { return ukraine() }

var ukraine = sync.OnceValue(func() *AreaTable {
	t, err := Areas("UA")
	if err != nil {
		panic(err) // the file is embedded: a failure is a build defect
	}
	return t
})

// foldReplacer makes apostrophes and underscores alike for fold; made
// once, as every area name of every row goes through it.
var foldReplacer = strings.NewReplacer("’", "'", "`", "'", "_", " ")

func fold(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = foldReplacer.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// Get returns the area with the p-code code.
func (t *AreaTable) Get(code string) (Area, bool) {
	a, ok := t.byCode[code]
	return a, ok
}

// Lookup finds an area by p-code (any case), English name or a known
// spelling. An ISO 3166-2 code is refused with the p-code meant, because
// the two disagree for five units (Kyiv city is UA80 but UA-30) and a silent
// mix-up would move casualties between oblasts. An unknown name is refused
// with the nearest known spelling.
func (t *AreaTable) Lookup(s string) (Area, error) {
	k := fold(s)
	if a, ok := t.byCode[strings.ToUpper(k)]; ok {
		return a, nil
	}
	if code, ok := t.byName[k]; ok {
		return t.byCode[code], nil
	}
	// "Kharkivska oblast", "Харківська область", "Donetsk region": the
	// name without the word for the unit.
	for _, suffix := range []string{" oblast", " obl.", " obl", " область", " обл.", " region", " province"} {
		if base, ok := strings.CutSuffix(k, suffix); ok {
			if code, ok := t.byName[base]; ok {
				return t.byCode[code], nil
			}
		}
	}
	if code, ok := t.byISO[k]; ok {
		a := t.byCode[code]
		return Area{}, fmt.Errorf("%q is the ISO 3166-2 code of %s; write its p-code %s", s, a.Name, a.Code)
	}
	if k == "" {
		return Area{}, fmt.Errorf("want an area p-code or name, got an empty cell")
	}
	if near := t.nearest(k); near != "" {
		a := t.byCode[near]
		return Area{}, fmt.Errorf("unknown area %q; did you mean %s (%s)?", s, a.Code, a.Name)
	}
	return Area{}, fmt.Errorf("unknown area %q; want a p-code such as %s or a name such as %q", s, t.Units[0].Code, t.Units[0].Name)
}

// nearest returns the p-code whose spelling is closest to k by edit
// distance, if it is close enough to be a plausible typo.
func (t *AreaTable) nearest(k string) string {
	best, bestD := "", 1<<30
	cands := make([]string, 0, len(t.byName)+len(t.byCode))
	for n := range t.byName {
		cands = append(cands, n)
	}
	for c := range t.byCode {
		cands = append(cands, strings.ToLower(c))
	}
	sort.Strings(cands) // deterministic tie-breaking
	for _, n := range cands {
		if d := editDistance(k, n); d < bestD {
			best, bestD = n, d
		}
	}
	if bestD > max(2, len(k)/3) {
		return ""
	}
	if code, ok := t.byName[best]; ok {
		return code
	}
	return strings.ToUpper(best)
}

// Nearest returns the candidate closest to s by edit distance, or "" when
// none is close enough to be a plausible misspelling. Error messages use it
// to suggest the name meant.
func Nearest(s string, candidates []string) string {
	k := strings.ToLower(s)
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(k, strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD > max(2, len(k)/3) {
		return ""
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 1 << 20
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
