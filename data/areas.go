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
	Name    string   // English name as OCHA's COD-AB writes it (ADM1_EN): "Kyiv", "Kyivska"
	Aliases []string // other spellings that load as this area
	// ACLED lists ACLED's spellings of the unit where they are ACLED's
	// own: its "Kyiv" is the oblast (Kyivska), its "Kyiv City" the city.
	ACLED []string
}

// National reports whether the area is the whole country.
func (a Area) National() bool { return !strings.ContainsAny(a.Code, "0123456789") }

// AreaTable is the list of areas of one country. It is data, loaded from an
// embedded CSV (areas/XX.csv: pcode,iso,name,aliases,acled) made from
// OCHA's common operational dataset of administrative boundaries (COD-AB),
// so another mission's country needs a table, not code.
type AreaTable struct {
	Country Area
	Units   []Area // first-level units, in p-code order

	byCode map[string]Area
	byName map[string]string // folded spelling -> p-code, for spellings only one unit has
	byISO  map[string]string // folded ISO code -> p-code
	// cod and acled hold each convention's own names (folded -> p-code);
	// ambiguous lists the spellings they give to different units.
	cod, acled map[string]string
	ambiguous  map[string]ambiguity
}

// ambiguity is a spelling two conventions give to different units.
type ambiguity struct{ cod, acled string }

// Areas returns the embedded table of a country: its p-code prefix
// ("UA", "IQ"), ISO 3166-1 alpha-3 code ("IRQ") or English name
// ("Iraq"). Tables are read once and shared: never modify one.
func Areas(country string) (*AreaTable, error) {
	code, ok := countryCode(country)
	if !ok {
		return nil, fmt.Errorf("no area table for country %q; casualty has tables for %s", country, strings.Join(Countries(), ", "))
	}
	return readAreasCached(code)
}

// tables caches the tables read, by country p-code.
var tables sync.Map

// Countries lists the p-codes of the countries with an embedded area
// table, in order.
func Countries() []string { return append([]string(nil), countries()...) }

var countries = sync.OnceValue(func() []string {
	ents, _ := areaFiles.ReadDir("areas")
	var out []string
	for _, e := range ents {
		if c, ok := strings.CutSuffix(e.Name(), ".csv"); ok {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out
})

// countryCode turns a country's p-code, alpha-3 code or name into the
// p-code prefix of its table.
func countryCode(s string) (string, bool) {
	k := strings.TrimSpace(s)
	for _, c := range countries() {
		if strings.EqualFold(k, c) {
			return c, true
		}
	}
	for _, c := range countries() {
		t, err := readAreasCached(c)
		if err != nil {
			continue
		}
		if fold(t.Country.Name) == fold(k) {
			return c, true
		}
		for _, a := range t.Country.Aliases {
			// alpha-3 codes and native names; not "total" or "all"
			if fold(a) == fold(k) && !commonNational[fold(a)] {
				return c, true
			}
		}
	}
	return "", false
}

// commonNational are the words every table accepts for its national
// total; they name no particular country.
var commonNational = map[string]bool{"national": true, "total": true, "country": true, "all": true}

func readAreasCached(code string) (*AreaTable, error) {
	if t, ok := tables.Load(code); ok {
		return t.(*AreaTable), nil
	}
	t, err := readAreas(code)
	if err != nil {
		return nil, err
	}
	t2, _ := tables.LoadOrStore(code, t)
	return t2.(*AreaTable), nil
}

// CountryOfCode returns the country whose table holds the p-code code
// ("IQG08" -> "IQ", "UA80" -> "UA"), so a file's country can be read from
// its p-codes. ok is false for a code no table holds.
func CountryOfCode(code string) (country string, ok bool) {
	k := strings.ToUpper(strings.TrimSpace(code))
	for _, c := range countries() {
		if !strings.HasPrefix(k, c) {
			continue
		}
		t, err := readAreasCached(c)
		if err != nil {
			continue
		}
		if _, ok := t.byCode[k]; ok {
			return c, true
		}
	}
	return "", false
}

// DetectCountry reads the country of a file from its area cells (p-codes)
// and any #country+code cells, in that order of trust: the first value
// that names a country decides, and a value naming another country is an
// error (a file holds one country's figures). ok is false when nothing
// names a country; callers then use --country or Ukraine.
func DetectCountry(cells []string) (country string, ok bool, err error) {
	first := ""
	for _, v := range cells {
		c, found := CountryOfCode(v)
		if !found {
			c, found = countryCode(v)
			if found && fold(v) != strings.ToLower(c) && len(strings.TrimSpace(v)) == 2 {
				found = false
			}
		}
		if !found {
			continue
		}
		if country == "" {
			country, first = c, v
			continue
		}
		if c != country {
			return "", false, fmt.Errorf("the file names areas of two countries: %q is in %s, %q in %s; give one country's figures per file", first, country, v, c)
		}
	}
	return country, country != "", nil
}

func readAreas(country string) (*AreaTable, error) {
	b, err := areaFiles.ReadFile("areas/" + country + ".csv")
	if err != nil {
		return nil, fmt.Errorf("no area table for country %q", country)
	}
	recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("areas/%s.csv: %v", country, err)
	}
	t := &AreaTable{byCode: map[string]Area{}, byName: map[string]string{}, byISO: map[string]string{},
		cod: map[string]string{}, acled: map[string]string{}, ambiguous: map[string]ambiguity{}}
	claims := map[string]map[string]bool{} // folded spelling -> codes
	claim := func(s, code string) {
		k := fold(s)
		if claims[k] == nil {
			claims[k] = map[string]bool{}
		}
		claims[k][code] = true
	}
	for _, r := range recs[1:] {
		a := Area{Code: r[0], ISO: r[1], Name: r[2]}
		if r[3] != "" {
			a.Aliases = strings.Split(r[3], "|")
		}
		if len(r) > 4 && r[4] != "" {
			a.ACLED = strings.Split(r[4], "|")
		}
		if a.National() {
			t.Country = a
		} else {
			t.Units = append(t.Units, a)
		}
		t.byCode[a.Code] = a
		t.byISO[fold(a.ISO)] = a.Code
		t.cod[fold(a.Name)] = a.Code
		claim(a.Name, a.Code)
		for _, al := range a.Aliases {
			claim(al, a.Code)
		}
		for _, al := range a.ACLED {
			t.acled[fold(al)] = a.Code
			claim(al, a.Code)
		}
	}
	for k, codes := range claims {
		if len(codes) == 1 {
			for c := range codes {
				t.byName[k] = c
			}
			continue
		}
		amb := ambiguity{cod: t.cod[k], acled: t.acled[k]}
		if amb.cod == "" {
			// a COD-side alias (Kiev, an old spelling of the city)
			for c := range codes {
				if c != amb.acled {
					amb.cod = c
				}
			}
		}
		if len(codes) > 2 || amb.acled == "" || amb.cod == amb.acled {
			return nil, fmt.Errorf("areas/%s.csv: %q is a spelling of %d units; only a COD-AB name read otherwise by ACLED may be shared", country, k, len(codes))
		}
		t.ambiguous[k] = amb
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

// Iraq is the embedded table of Iraq's 18 governorates (IQG01-IQG18).
func Iraq() *AreaTable {
	t, err := Areas("IQ")
	if err != nil {
		panic(err) // embedded: a failure is a build defect
	}
	return t
}

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
//
// The one spelling conventions disagree on ("Kyiv": the city in OCHA's
// COD-AB, the oblast in ACLED) is read as ACLED reads it, as casualty
// always has; a loader that knows more about its file uses a Resolver.
func (t *AreaTable) Lookup(s string) (Area, error) { return t.LookupIn(s, ConventionACLED) }

// Convention is a way of naming areas: OCHA's COD-AB names (Kyiv is the
// city, Kyivska the oblast) or ACLED's (Kyiv is the oblast, Kyiv City the
// city). Only the few spellings the two give to different units depend
// on it.
type Convention int

const (
	// ConventionUnknown reads only spellings that mean one unit; an
	// ambiguous one is an error that asks for the p-code.
	ConventionUnknown Convention = iota
	// ConventionCOD reads names as OCHA's COD-AB writes them (ADM1_EN).
	ConventionCOD
	// ConventionACLED reads names as ACLED's exports write them.
	ConventionACLED
)

func (c Convention) String() string {
	switch c {
	case ConventionCOD:
		return "OCHA COD-AB"
	case ConventionACLED:
		return "ACLED"
	}
	return "unknown"
}

// LookupIn is Lookup with the naming convention given.
func (t *AreaTable) LookupIn(s string, conv Convention) (Area, error) {
	k := fold(s)
	if a, ok := t.byCode[strings.ToUpper(k)]; ok {
		return a, nil
	}
	if amb, ok := t.ambiguous[k]; ok {
		return t.readAmbiguous(s, amb, conv)
	}
	if code, ok := t.byName[k]; ok {
		return t.byCode[code], nil
	}
	// "Kharkivska oblast", "Харківська область", "Donetsk region": the
	// name without the word for the unit. An ambiguous name with such a
	// word ("Kyiv region") is the unit that is not a city: ACLED's reading.
	for _, suffix := range []string{" oblast", " obl.", " obl", " область", " обл.", " region", " province", " governorate", " gov."} {
		if base, ok := strings.CutSuffix(k, suffix); ok {
			if code, ok := t.byName[base]; ok {
				return t.byCode[code], nil
			}
			if amb, ok := t.ambiguous[base]; ok {
				return t.byCode[amb.acled], nil
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

// readAmbiguous reads a spelling the conventions disagree on.
func (t *AreaTable) readAmbiguous(s string, amb ambiguity, conv Convention) (Area, error) {
	switch conv {
	case ConventionCOD:
		return t.byCode[amb.cod], nil
	case ConventionACLED:
		return t.byCode[amb.acled], nil
	}
	c, a := t.byCode[amb.cod], t.byCode[amb.acled]
	return Area{}, &AmbiguousAreaError{Text: s, COD: c, ACLED: a, cityName: t.otherSpelling(c, s), oblastName: a.Name}
}

// otherSpelling is a spelling of a that no convention shares, for
// messages: "Kyiv City" for UA80.
func (t *AreaTable) otherSpelling(a Area, not string) string {
	for _, s := range append(append([]string(nil), a.ACLED...), a.Aliases...) {
		if _, amb := t.ambiguous[fold(s)]; !amb && fold(s) != fold(not) && t.byName[fold(s)] == a.Code {
			return s
		}
	}
	return a.Code
}

// AmbiguousAreaError is a name that means one unit in OCHA's COD-AB and
// another in ACLED's exports, in a file that does not say which it
// follows.
type AmbiguousAreaError struct {
	Text       string
	COD, ACLED Area
	cityName   string // an unambiguous spelling of COD
	oblastName string // an unambiguous spelling of ACLED
}

func (e *AmbiguousAreaError) Error() string {
	return fmt.Sprintf("%q is %s (%s) in OCHA's COD-AB names but %s (%s) in ACLED's, and this file does not show which it follows; "+
		"add a p-code column, or write %q or %q",
		e.Text, e.COD.Name, e.COD.Code, e.ACLED.Name, e.ACLED.Code, e.cityName, e.oblastName)
}

// IsSpelling reports whether name is one of the spellings of the area with
// p-code code in any convention (its COD-AB name, an alias, ACLED's
// spelling, or the code itself). A loader with a p-code column and a name
// column checks the name with it: the p-code decides, and a name that is
// no spelling of that code means one of the two cells is wrong.
func (t *AreaTable) IsSpelling(code, name string) bool {
	a, ok := t.byCode[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return false
	}
	k := fold(name)
	if strings.ToUpper(k) == a.Code || t.byName[k] == a.Code {
		return true
	}
	if amb, ok := t.ambiguous[k]; ok {
		return amb.cod == a.Code || amb.acled == a.Code
	}
	for _, conv := range []Convention{ConventionCOD, ConventionACLED} {
		if b, err := t.LookupIn(name, conv); err == nil && b.Code == a.Code {
			return true
		}
	}
	return false
}

// DetectConvention decides how a names-only file names its areas, from
// every name in it. ACLED's when it uses a spelling only ACLED uses for
// a unit the conventions dispute ("Kyiv City") and no COD-AB-only name;
// COD-AB's when it names the disputed units COD-AB's way ("Kyivska" beside
// "Kyiv") and every other name is a COD-AB name; otherwise unknown, and
// an ambiguous name in it is an error asking for p-codes.
func (t *AreaTable) DetectConvention(names []string) Convention {
	disputed := map[string]bool{} // units an ambiguous spelling may mean
	for _, amb := range t.ambiguous {
		disputed[amb.cod], disputed[amb.acled] = true, true
	}
	var codOnly, codDisputed, acledDisputed, nonCOD bool
	for _, n := range names {
		k := fold(n)
		if k == "" {
			continue
		}
		if _, amb := t.ambiguous[k]; amb {
			continue
		}
		if _, isCode := t.byCode[strings.ToUpper(k)]; isCode {
			continue
		}
		code, inCOD := t.cod[k]
		acode, inACLED := t.acled[k]
		switch {
		case inCOD && !inACLED:
			codOnly = true
			codDisputed = codDisputed || disputed[code]
		case inACLED && !inCOD:
			acledDisputed = acledDisputed || disputed[acode]
		}
		if !inCOD {
			nonCOD = true
		}
	}
	switch {
	case acledDisputed && !codOnly:
		return ConventionACLED
	case codDisputed && !nonCOD:
		return ConventionCOD
	}
	return ConventionUnknown
}

// Resolver reads the area cells of one file with one convention, and
// checks that spellings of the same word (Kyiv, Київ, Kiev) never land in
// different units within the file.
type Resolver struct {
	t    *AreaTable
	conv Convention
	seen map[string]resolvedAs // twin group -> first reading
}

type resolvedAs struct {
	text string
	code string
}

// Resolver returns a resolver for one file in convention conv. Loaders
// make one per file: with a p-code column they call Code; with names only,
// they pass every name to DetectConvention first (event exports use
// ConventionACLED), then call Name for each cell.
func (t *AreaTable) Resolver(conv Convention) *Resolver {
	return &Resolver{t: t, conv: conv, seen: map[string]resolvedAs{}}
}

// Convention is the convention the resolver reads names with.
func (r *Resolver) Convention() Convention { return r.conv }

// Name resolves a name (or p-code) cell.
func (r *Resolver) Name(s string) (Area, error) {
	a, err := r.t.LookupIn(s, r.conv)
	if err != nil {
		return a, err
	}
	return a, r.twin(s, a)
}

// Code resolves a p-code cell, checking the name beside it when there is
// one: the code decides, and the name must be one of its spellings in any
// convention (COD-AB's, ACLED's or an alias).
func (r *Resolver) Code(code, name string) (Area, error) {
	a, ok := r.t.byCode[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		b, err := r.t.LookupIn(code, ConventionUnknown)
		if err != nil {
			return Area{}, err
		}
		if _, isCode := r.t.byCode[strings.ToUpper(fold(code))]; !isCode {
			return Area{}, fmt.Errorf("want a p-code such as %s, got the name %q (that is %s)", b.Code, code, b.Code)
		}
		a = b
	}
	if strings.TrimSpace(name) != "" && !r.t.IsSpelling(a.Code, name) {
		msg := fmt.Sprintf("the p-code %s is %s, but the name beside it is %q", a.Code, a.Name, name)
		if b, err := r.t.LookupIn(name, ConventionUnknown); err == nil {
			msg += fmt.Sprintf(", which is %s (%s)", b.Name, b.Code)
		}
		return Area{}, fmt.Errorf("%s; correct one of them", msg)
	}
	return a, nil
}

// twins are spellings of one word in several scripts and transliterations;
// within one file they must all mean the same unit.
var twins = map[string]string{"kyiv": "kyiv", "kiev": "kyiv", "київ": "kyiv", "киев": "kyiv"}

func (r *Resolver) twin(s string, a Area) error {
	g, ok := twins[fold(s)]
	if !ok {
		return nil
	}
	prev, ok := r.seen[g]
	if !ok {
		r.seen[g] = resolvedAs{s, a.Code}
		return nil
	}
	if prev.code == a.Code {
		return nil
	}
	p := r.t.byCode[prev.code]
	return fmt.Errorf("%q is read as %s (%s) but %q, earlier in this file, as %s (%s) (%s names); if they mean one place, give p-codes",
		s, a.Name, a.Code, prev.text, p.Name, p.Code, r.conv)
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

// FileResolver is the resolver for a names-only column: it reads the
// convention from every name in it (see DetectConvention). Event exports
// use t.Resolver(ConventionACLED) instead; a column of p-codes uses any
// resolver's Code.
func (t *AreaTable) FileResolver(names []string) *Resolver {
	return t.Resolver(t.DetectConvention(names))
}

// AreasForFile picks the area table for one file from its cells (area
// p-codes, #country+code values) and the table the user named with
// --country (nil if none): the file's p-codes decide, a --country that
// contradicts them is an error, and a file that names no country gets
// the named table or, failing that, Ukraine's.
func AreasForFile(cells []string, named *AreaTable) (*AreaTable, error) {
	c, ok, err := DetectCountry(cells)
	if err != nil {
		return nil, err
	}
	switch {
	case !ok && named != nil:
		return named, nil
	case !ok:
		return Ukraine(), nil
	case named != nil && named.Country.Code != c:
		return nil, fmt.Errorf("--country says %s (%s), but the file's codes are %s's; drop --country or correct the file", named.Country.Name, named.Country.Code, c)
	}
	return Areas(c)
}

// tableAreas sets opt.Areas for one table from its area column (see
// AreasForFile): a file of Iraq's p-codes loads with Iraq's table without
// --country, and a --country that its p-codes contradict is an error
// naming the column. A table with no area column keeps opt as it is.
func tableAreas(t *table, opt LoadOptions) (LoadOptions, error) {
	i, ok := t.columns()["area"]
	if !ok {
		return opt, nil
	}
	seen := map[string]bool{}
	var cells []string
	for _, r := range t.rows {
		if c := r.cell(i); !seen[c] {
			seen[c] = true
			cells = append(cells, c)
		}
	}
	a, err := AreasForFile(cells, opt.Areas)
	if err != nil {
		return opt, inputErr(t.hdrPos, t.header[i], err)
	}
	opt.Areas = a
	// Names are read by the convention the column's names follow:
	// COD-AB's Kyiv is the city, ACLED's the oblast (see Resolver).
	opt.resolver = a.FileResolver(cells)
	return opt, nil
}

// lookupArea reads one area cell of a file: with the file's resolver when
// tableAreas made one, else with the table's Lookup.
func (o LoadOptions) lookupArea(s string) (Area, error) {
	if o.resolver != nil {
		return o.resolver.Name(s)
	}
	return o.areas().Lookup(s)
}
