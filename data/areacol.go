package data

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Area columns. Files name their area column in many ways, and a column of
// oblasts that is not read turns every oblast row into a national one, so
// the headers below are recognised rather than left to a warning:
//
//   - OCHA's COD-AB tables: ADM1_EN, ADM1_UA, ADM1_RU, ADM1_PCODE (and on
//     HDX "Admin 1 P-Code");
//   - HDX HAPI: admin1_code, admin1_name, provider_admin1_name;
//   - ACLED: admin1, and on HDX's monthly aggregates "Admin1" and
//     "Admin1 Pcode";
//   - analysts: Oblast, oblast_name, Province, Region, area_code,
//     Область, Регіон, Назва області, ...
//
// A table may have several: a p-code column decides, and a name beside it
// is checked to be a spelling of that p-code's unit. Admin-2 columns
// (ADM2_EN, admin2_code, Raion, Район, ...) mark rows of sub-units: their
// figures are summed into the admin-1 unit their row names.

// areaCodeHeaders are headers of columns of admin-1 p-codes, folded by
// normHeader.
var areaCodeHeaders = map[string]bool{
	"pcode": true, "p_code": true, "adm1_pcode": true, "adm1_p_code": true, "adm1_code": true, "adm1pcode": true, "adm1code": true,
	"admin1_code": true, "admin1_pcode": true, "admin1_p_code": true, "admin1pcode": true, "admin1code": true,
	"admin_1_p_code": true, "admin_1_pcode": true, "admin_1_code": true, "area_code": true, "area_pcode": true,
	"oblast_code": true, "oblast_pcode": true, "region_code": true, "region_pcode": true, "province_code": true,
	"код_області": true, "код_регіону": true,
}

// areaNameHeaders are headers of columns of admin-1 names (or codes: a
// name column accepts both), folded by normHeader.
var areaNameHeaders = map[string]bool{
	"area": true, "area_name": true, "location": true, "adm1": true, "admin1": true, "admin_1": true,
	"adm1_en": true, "adm1_ua": true, "adm1_ru": true, "adm1_name": true, "adm1name": true, "adm1_en_name": true,
	"admin1_name": true, "admin1name": true, "admin_1_name": true, "provider_admin1_name": true,
	"province": true, "province_name": true, "oblast": true, "oblast_name": true, "oblast_en": true, "oblast_ua": true,
	"region": true, "region_name": true, "state": true,
	"область": true, "назва_області": true, "область_назва": true, "регіон": true, "назва_регіону": true, "адмінодиниця": true,
}

// subAreaPrefixes start the headers of admin-2 (and lower) columns.
var subAreaPrefixes = []string{"adm2", "adm3", "adm4", "admin2", "admin3", "admin_2", "admin_3", "provider_admin2",
	"raion", "rayon", "district", "hromada", "район", "громада"}

// areaColumnKind says whether a folded header names an admin-1 code
// column ("code"), an admin-1 name column ("name"), an admin-2 or lower
// column ("sub") or none ("").
func areaColumnKind(n string) string {
	switch {
	case areaCodeHeaders[n]:
		return "code"
	case areaNameHeaders[n]:
		return "name"
	}
	for _, p := range subAreaPrefixes {
		if strings.HasPrefix(n, p) {
			return "sub"
		}
	}
	return ""
}

// addAreaColumns records the table's area columns in c: the admin-1
// columns as "area", "area#2", ... (p-code columns first, so "area" is the
// one that decides), the admin-2 ones as "sub_area", "sub_area#2", ...
func addAreaColumns(c columns, h []string) {
	var codes, names, subs []int
	for i, name := range h {
		switch areaColumnKind(normHeader(name)) {
		case "code":
			codes = append(codes, i)
		case "name":
			names = append(names, i)
		case "sub":
			subs = append(subs, i)
		}
	}
	for k, i := range append(codes, names...) {
		c[numbered("area", k)] = i
	}
	for k, i := range subs {
		c[numbered("sub_area", k)] = i
	}
}

func numbered(key string, k int) string {
	if k == 0 {
		return key
	}
	return key + "#" + strconv.Itoa(k+1)
}

// areaKeys lists the keys of c that start with key ("area", "area#2", ...)
// in order.
func (c columns) numberedKeys(key string) []string {
	var out []string
	for k := 0; ; k++ {
		n := numbered(key, k)
		if !c.has(n) {
			return out
		}
		out = append(out, n)
	}
}

// spells reports whether name is one of the spellings of area a: its
// name, an alias, or either followed by the word for its kind of unit.
func spells(a Area, name string) bool {
	k := fold(name)
	for _, suffix := range []string{" oblast", " obl.", " obl", " область", " обл.", " region", " province"} {
		k = strings.TrimSuffix(k, suffix)
	}
	if k == fold(a.Name) || k == strings.ToLower(a.Code) {
		return true
	}
	for _, al := range a.Aliases {
		if k == fold(al) {
			return true
		}
	}
	return false
}

// areaCell is the area cell that placed a figure, named in messages about
// the figure. It is formatted only when a message needs it.
type areaCell struct{ header, text string }

func (c areaCell) String() string {
	if c.text == "" {
		return ""
	}
	return fmt.Sprintf("%s %q", c.header, c.text)
}

// readArea resolves a row's area from its area columns. The first column
// with a cell decides (a p-code column when there is one); every other
// area cell of the row must name the same unit. A name the table does not
// know beside a p-code is left alone: the code decides (areaAt finds that
// cell again for a message).
func (rr *rowReader) readArea(r tableRow) (code string, ok bool) {
	areas := rr.opt.areas()
	if rr.areaCols == nil {
		// Worked out once per table: this runs on every row.
		rr.areaCols = []areaCol{}
		for _, key := range rr.cols.numberedKeys("area") {
			i := rr.cols[key]
			rr.areaCols = append(rr.areaCols, areaCol{key: key, i: i, code: areaColumnKind(normHeader(rr.t.header[i])) == "code"})
		}
	}
	code = areas.Country.Code
	var decided Area
	var by *areaCol
	for k := range rr.areaCols {
		c := &rr.areaCols[k]
		s := strings.TrimSpace(r.cell(c.i))
		if s == "" {
			continue
		}
		a, err := rr.opt.lookupArea(s) // the file's naming convention (areas.go)
		if by == nil {
			if err != nil {
				rr.fail(r, c.key, err)
				return "", false
			}
			decided, by = a, c
			continue
		}
		if by.code && !c.code && areas.IsSpelling(decided.Code, s) {
			continue // a spelling of the code's unit in some convention (OCHA's Kyiv beside UA80)
		}
		if err != nil {
			if by.code && !c.code {
				continue // a spelling the table does not know: the code decides
			}
			rr.fail(r, c.key, err)
			return "", false
		}
		if a.Code != decided.Code && !spells(decided, s) {
			rr.fail(r, c.key, fmt.Errorf("%q is %s (%s), but column %q says %s (%s); correct one of them",
				s, a.Code, a.Name, rr.t.header[by.i], decided.Code, decided.Name))
			return "", false
		}
	}
	if by != nil {
		code = decided.Code
	}
	return code, true
}

// areaAt finds the area cell that placed the figure read at p: the first
// non-empty area cell of p's row, as readArea decides. It is called only
// for messages, so the figures need not carry it.
func (rr *rowReader) areaAt(p Pos) areaCell {
	rows := rr.t.rows
	k := sort.Search(len(rows), func(i int) bool { return rows[i].line >= p.Line })
	if k == len(rows) || rows[k].line != p.Line {
		return areaCell{}
	}
	for _, c := range rr.areaCols {
		if s := strings.TrimSpace(rows[k].cell(c.i)); s != "" {
			return areaCell{header: rr.t.header[c.i], text: s}
		}
	}
	return areaCell{}
}

// areaCol is one area column of a table: its key in columns, its index,
// and whether it holds p-codes.
type areaCol struct {
	key  string
	i    int
	code bool
}

// areaLikeColumn reports whether the cells of column i are area names or
// codes: at least two cells, all known to the area table as units (not
// the country). It returns a few of them for the message.
func areaLikeColumn(t *table, i int, areas *AreaTable) (bool, []string) {
	n := 0
	var seen []string
	for _, r := range t.rows {
		s := strings.TrimSpace(r.cell(i))
		if s == "" {
			continue
		}
		a, err := areas.Lookup(s)
		if err != nil || a.National() {
			if allDigits(s) || err != nil {
				return false, nil
			}
			continue // a "Total" row among the units
		}
		n++
		if len(seen) < 3 {
			seen = append(seen, strconv.Quote(s))
		}
		if n >= 50 {
			break
		}
	}
	return n >= 2, seen
}

// subAreaRow is a figure read from a row of an admin-2 unit, with the
// unit's text so that the same unit twice is caught before summing.
type subAreaRow struct {
	obs  Observation
	unit string
}

// sumSubAreas adds up the figures of admin-2 rows into their admin-1 unit,
// one figure per month, unit, metric and publication. The sum is marked
// Derived (casualty computed it) and carries the strongest qualifier of
// its parts. The same admin-2 unit given twice is an error.
func sumSubAreas(t *table, rows []subAreaRow, subCol int, errs *ErrorList) ([]Observation, []error) {
	type key struct {
		vk   Key
		p    Publication
		from int
		to   int
	}
	type dupKey struct {
		k    key
		unit string
	}
	seen := map[dupKey]Observation{}
	whole := map[key]Observation{} // a row with no admin-2 unit: the whole admin-1 unit
	parts := map[key]Observation{}
	sums := map[key]*Observation{}
	counts := map[key]int{}
	units := map[key][]string{}
	var order []key
	for _, s := range rows {
		o := s.obs
		k := key{o.Key(), o.Published, o.FromDay, o.ToDay}
		dk := dupKey{k, fold(s.unit)}
		if prev, dup := seen[dk]; dup {
			errs.Add(Errorf(o.Pos, "", "%s %s %s of %s %q is given twice: %d here and %d at %s",
				o.Month, o.Area, o.Metric, t.header[subCol], s.unit, o.Value, prev.Value, prev.Pos))
			continue
		}
		seen[dk] = o
		if s.unit != "" && (Area{Code: o.Area}).National() {
			// An admin-2 row with no admin-1 unit would be summed into the
			// country: a national figure from part of it.
			errs.Add(Errorf(o.Pos, "",
				"%s %q has no admin-1 unit on its row; give its admin-1 p-code", t.header[subCol], s.unit))
			continue
		}
		if s.unit == "" {
			whole[k] = o
		} else {
			parts[k] = o
		}
		w, hasW := whole[k]
		p, hasP := parts[k]
		if hasW && hasP {
			errs.Add(Errorf(o.Pos, "",
				"%s %s %s: a row for the whole unit (at %s, no %q) beside rows of its admin-2 units (at %s); summing them would count twice: keep one level",
				o.Month, o.Area, o.Metric, w.Pos, t.header[subCol], p.Pos))
			continue
		}
		lo, hi := o.Value, o.Value
		if o.HasRange {
			lo, hi = o.Low, o.High
		}
		if sum, ok := sums[k]; ok {
			sum.Value += o.Value
			sum.Low += lo
			sum.High += hi
			sum.HasRange = sum.HasRange || o.HasRange
			sum.Qualifier = sum.Qualifier.Combine(o.Qualifier)
			counts[k]++
			units[k] = append(units[k], s.unit)
			continue
		}
		c := o
		c.Low, c.High = lo, hi
		sums[k] = &c
		counts[k] = 1
		units[k] = []string{s.unit}
		order = append(order, k)
	}
	var out []Observation
	n := 0
	for _, k := range order {
		o := *sums[k]
		if !o.HasRange {
			o.Low, o.High = 0, 0
		}
		// A figure casualty computed says so in its note, which is how a
		// plain CSV keeps it (as for cumulative differences).
		names := units[k]
		if len(names) > 10 {
			names = append(names[:10:10], fmt.Sprintf("and %d more", len(units[k])-10))
		}
		o.Derived = true
		o.Note = fmt.Sprintf("derived: sum of %s (%s)", plural(counts[k], "admin-2 unit"), strings.Join(names, ", "))
		o.Text = strconv.FormatInt(o.Value, 10)
		n += counts[k]
		out = append(out, o)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Pos.Line < out[j].Pos.Line })
	var warns []error
	if len(out) > 0 {
		warns = append(warns, Errorf(t.hdrPos, t.header[subCol],
			"rows are admin-2 units: %s summed into %s", plural(n, "figure"), plural(len(out), "admin-1 figure")))
	}
	return out, warns
}
