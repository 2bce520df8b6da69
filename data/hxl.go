package data

import (
	"fmt"
	"sort"
	"strings"
)

// HXL (the Humanitarian Exchange Language, hxlstandard.org) tags the
// columns of a table with a row of hashtags under the header, so that tools
// on the Humanitarian Data Exchange read a column by its meaning rather
// than its words:
//
//	Month,Oblast,Killed,Injured
//	#date,#adm1+code,#affected+killed,#affected+injured
//	2025-03,UA14,45,210
//
// A tag is a hashtag and attributes (+code, +children); both are matched in
// any case and the attributes in any order. The hashtags decide which
// column is which; the header words only name the column in messages. The
// hashtag row is not data. Tables tagged this way may be tidy (#date,
// #indicator+type, #affected+num, as casualty's own --format hxl writes
// them), wide (a column per metric, #affected+killed+children) or
// cumulative (#date+as_of with totals).
//
// Recognised tags:
//
//	#date                         month
//	#date+published, +reported    publication date
//	#date+covers                  days covered (24-28)
//	#date+as_of, +asof, +cutoff   cut-off of a cumulative total
//	#adm1+code, #adm1+pcode, #adm1 area p-code (or name)
//	#adm1+name                    area name (checked against the code, or
//	                              used when there is no code column)
//	#indicator, #indicator+type   metric (tidy)
//	#affected+num, #value         value (tidy)
//	#affected+killed, +injured    a metric column (wide); with +children,
//	                              +adults, +girls, +boys, +women, +men, or
//	                              +f/+m together with +children or +adults
//	#meta+qualifier, +low, +high, +source (+url), +publication, +note
//	#date+year                    the year, with a month column of names (ACLED)
//	#date+start, #date+end        a period that must be one whole month (HAPI)
//	#adm2+code (#adm3, #adm4)     sub-units, summed into their #adm1 unit
//	#event+type                   HAPI's event type (see eventTypeRows)
//
// Other tags are not read, and a warning lists them; attributes that do not
// change what a column counts (+num, +total, +civilians, ...) are accepted,
// others read with a warning, since HXL lets publishers add their own.

// isHXLRow reports whether the table carries an HXL hashtag row: the first
// row under the header, or the header itself when the file has no text
// header. Every non-empty cell of the row must be a hashtag.
func isHXLRow(t *table) bool {
	if allHashtags(t.header) {
		return true
	}
	return len(t.rows) > 0 && allHashtags(t.rows[0].cells)
}

func allHashtags(cells []string) bool {
	n := 0
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if !strings.HasPrefix(c, "#") {
			return false
		}
		n++
	}
	return n > 0
}

// hxlTag is a parsed hashtag: #affected+killed+children is the hashtag
// "affected" with the attributes killed and children.
type hxlTag struct {
	text  string // as written
	name  string
	attrs map[string]bool
}

// parseHXLTag reads a hashtag in any case, with spaces around "+" allowed.
func parseHXLTag(s string) (hxlTag, error) {
	t := hxlTag{text: strings.TrimSpace(s), attrs: map[string]bool{}}
	k := strings.ToLower(strings.Join(strings.Fields(t.text), ""))
	if !strings.HasPrefix(k, "#") {
		return t, fmt.Errorf("want an HXL hashtag such as #affected+killed, got %q", s)
	}
	parts := strings.Split(k[1:], "+")
	t.name = parts[0]
	if !hxlWord(t.name) {
		return t, fmt.Errorf("want an HXL hashtag such as #affected+killed, got %q", s)
	}
	for _, a := range parts[1:] {
		if !hxlWord(a) {
			return t, fmt.Errorf("want HXL attributes written +name, got %q", s)
		}
		t.attrs[a] = true
	}
	return t, nil
}

// hxlWord reports whether s is a valid hashtag or attribute name: a letter,
// then letters, digits or underscores.
func hxlWord(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z') {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

func (t hxlTag) has(names ...string) bool {
	for _, n := range names {
		if t.attrs[n] {
			return true
		}
	}
	return false
}

// hxlNeutral are attributes that do not change what a column counts.
var hxlNeutral = map[string]bool{
	"num": true, "total": true, "civilians": true, "civilian": true, "civ": true, "ind": true,
	"verified": true, "confirmed": true, "people": true, "persons": true, "code": true, "pcode": true,
	"name": true, "type": true, "value": true, "month": true, "monthly": true, "i_en": true, "en": true,
}

var (
	hxlKilled  = []string{"killed", "dead", "deaths", "death", "fatalities"}
	hxlInjured = []string{"injured", "wounded", "injuries", "injury"}
	hxlGroups  = []string{"children", "child", "minors", "adults", "adult", "f", "m", "female", "male",
		"girls", "boys", "women", "men"}
)

// hxlColumn says which canonical column a tag fills ("month",
// "metric:killed", ...), "" for a tag casualty does not read, and which of
// its attributes it did not understand.
func hxlColumn(t hxlTag) (col string, unknown []string, err error) {
	known := func(attrs ...string) {
		ok := map[string]bool{}
		for _, a := range attrs {
			ok[a] = true
		}
		for a := range t.attrs {
			if !ok[a] && !hxlNeutral[a] {
				unknown = append(unknown, "+"+a)
			}
		}
		sort.Strings(unknown)
	}
	switch t.name {
	case "date":
		switch {
		case t.has("published", "reported", "release", "publication", "pub"):
			col = "published"
		case t.has("covers", "days"):
			col = "covers"
		case t.has("as_of", "asof", "cutoff", "cut_off"):
			col = "as_of"
		case t.has("year"):
			col = "year"
		case t.has("end"):
			col = "period_end"
		default:
			col = "month"
		}
		known("published", "reported", "release", "publication", "pub", "covers", "days", "as_of", "asof", "cutoff", "cut_off", "start", "year", "month", "end")
		return col, unknown, nil
	case "event":
		if t.has("type") {
			return "event_type", nil, nil // HDX HAPI's conflict events: see eventTypeRows
		}
		return "", nil, nil // #event+num and the like: counts of events, not of people
	case "adm2", "adm3", "adm4":
		if t.has("name") && !t.has("code", "pcode") {
			return "", nil, nil // the code column is read; the name is not needed
		}
		known()
		return "sub_area", unknown, nil
	case "adm1":
		if t.has("name") && !t.has("code", "pcode") {
			return "area_name", nil, nil
		}
		known()
		return "area", unknown, nil
	case "indicator":
		if t.has("value", "num") {
			known()
			return "value", unknown, nil
		}
		known()
		return "metric", unknown, nil
	case "value":
		known()
		return "value", unknown, nil
	case "meta", "description":
		for _, c := range []struct {
			col   string
			attrs []string
		}{
			{"qualifier", []string{"qualifier"}},
			{"low", []string{"low", "min"}},
			{"high", []string{"high", "max"}},
			{"source", []string{"source", "url"}},
			{"publication", []string{"publication"}},
			{"covers", []string{"covers"}},
			{"note", []string{"note", "notes", "comment", "comments"}},
		} {
			if t.has(c.attrs...) {
				return c.col, nil, nil
			}
		}
		if t.name == "description" {
			return "note", nil, nil
		}
		return "", nil, nil
	case "affected", "casualties", "killed", "injured":
		return hxlMetric(t)
	}
	return "", nil, nil
}

// hxlMetric reads the metric a #affected column counts from its attributes.
// A tag without killed or injured is the value column of a tidy table.
func hxlMetric(t hxlTag) (string, []string, error) {
	killed := t.name == "killed" || t.has(hxlKilled...)
	injured := t.name == "injured" || t.has(hxlInjured...)
	var unknown []string
	for a := range t.attrs {
		if hxlNeutral[a] || contains(hxlKilled, a) || contains(hxlInjured, a) || contains(hxlGroups, a) {
			continue
		}
		unknown = append(unknown, "+"+a)
	}
	sort.Strings(unknown)
	switch {
	case killed && injured, t.name == "casualties" || t.has("casualties"):
		return "", nil, fmt.Errorf("%s counts killed and injured together (casualties), which casualty computes from its parts; tag a column #affected+killed and one #affected+injured", t.text)
	case !killed && !injured:
		if t.name == "affected" && !t.has(hxlGroups...) {
			return "value", unknown, nil
		}
		return "", nil, fmt.Errorf("%s says neither +killed nor +injured; tag the column #affected+killed or #affected+injured", t.text)
	}
	base := "killed"
	if injured {
		base = "injured"
	}
	children := t.has("children", "child", "minors")
	adults := t.has("adults", "adult")
	female := t.has("f", "female")
	male := t.has("m", "male")
	group := ""
	switch {
	case children && adults:
		return "", nil, fmt.Errorf("%s is tagged both +children and +adults; tag each group's column apart", t.text)
	case female && male:
		return "", nil, fmt.Errorf("%s is tagged both +f and +m; tag each sex's column apart", t.text)
	case t.has("girls") || children && female:
		group = "girls"
	case t.has("boys") || children && male:
		group = "boys"
	case t.has("women") || adults && female:
		group = "women"
	case t.has("men") || adults && male:
		group = "men"
	case children:
		group = "children"
	case adults:
		group = "adults"
	case female || male:
		return "", nil, fmt.Errorf("%s gives a sex without +adults or +children; casualty counts women and girls (men and boys) apart, so add +adults or +children", t.text)
	}
	m := Metric(base)
	if group != "" {
		m = Metric(group + "_" + base)
	}
	return "metric:" + string(m), unknown, nil
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// loadHXL reads a table with an HXL hashtag row: the hashtags decide the
// columns, then the table is read as the tidy, wide or cumulative shape
// they describe.
func loadHXL(t *table, opt LoadOptions) (*Dataset, error) {
	tagRow := tableRow{line: t.hdrPos.Line, cells: t.header}
	rows := t.rows
	header := append([]string(nil), t.header...)
	if !allHashtags(t.header) {
		tagRow = t.rows[0]
		rows = t.rows[1:]
	}
	errs := &ErrorList{Max: opt.MaxErrors}
	cols := columns{}
	var warnings []error
	var unread []string
	areaName := -1
	for i := range header {
		tagText := strings.TrimSpace(tagRow.cell(i))
		if header[i] == "" || allHashtags(t.header) {
			header[i] = tagText
		}
		if tagText == "" {
			if header[i] != "" {
				unread = append(unread, fmt.Sprintf("%q (no hashtag)", header[i]))
			}
			continue
		}
		p := t.pos(tagRow, i)
		tag, err := parseHXLTag(tagText)
		if err != nil {
			errs.Add(inputErr(p, header[i], err))
			continue
		}
		col, unknown, err := hxlColumn(tag)
		if err != nil {
			errs.Add(inputErr(p, header[i], err))
			continue
		}
		switch col {
		case "":
			unread = append(unread, fmt.Sprintf("%q (%s)", header[i], tag.text))
			continue
		case "area_name":
			if areaName < 0 {
				areaName = i
			}
			continue
		}
		if len(unknown) > 0 {
			warnings = append(warnings, Errorf(p, header[i],
				"HXL attribute %s not understood; read as %s", strings.Join(unknown, " "), hxlColName(col)))
		}
		if j, dup := cols[col]; dup {
			errs.Add(Errorf(p, header[i],
				"%s tags a second %s column; %q (%s) is one already", tag.text, hxlColName(col), header[j], strings.TrimSpace(tagRow.cell(j))))
			continue
		}
		cols[col] = i
	}
	if !cols.has("area") && areaName >= 0 {
		cols["area"] = areaName
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if code, ok := cols["area"]; ok && areaName >= 0 && areaName != code {
		checkAreaNames(t, rows, header, code, areaName, opt, errs)
		if err := errs.Err(); err != nil {
			return nil, err
		}
	}
	if !cols.has("area") {
		// A column of oblasts left untagged (or tagged with a hashtag not
		// read) would fold its rows into national figures.
		ht := *t
		ht.rows = rows
		for i := range header {
			if _, read := cols.index(i); read {
				continue
			}
			if like, seen := areaLikeColumn(&ht, i, opt.areas()); like {
				return nil, Errorf(t.pos(tagRow, i), header[i],
					"holds area names or codes (%s), but its hashtag is not one casualty reads as the area: its rows would be taken for national figures; tag it #adm1+code (p-codes) or #adm1+name",
					strings.Join(seen, ", "))
			}
		}
	}
	if len(unread) > 0 {
		warnings = append(warnings, Errorf(t.pos(tagRow, 0), "",
			"columns not read: %s", strings.Join(unread, ", ")))
	}
	ht := *t
	ht.header = header
	ht.rows = rows
	ht.cols = cols
	var ds *Dataset
	var err error
	switch {
	case cols.has("as_of") && len(cols.metricCols()) > 0:
		ds, err = loadCumulative(&ht, opt)
	case cols.has("month") && cols.has("metric") && cols.has("value"):
		ds, err = loadTidy(&ht, opt)
	case cols.has("month") && len(cols.metricCols()) > 0:
		ds, err = loadWide(&ht, opt)
	default:
		return nil, Errorf(t.pos(tagRow, 0), "",
			"the HXL hashtags name no figures; want #date with #indicator+type and #affected+num (tidy), "+
				"#date with #affected+killed and #affected+injured (wide), or #date+as_of with totals (cumulative), got %q",
			strings.Join(tagRow.cells, ","))
	}
	if err != nil {
		return nil, err
	}
	ds.Warnings = append(warnings, ds.Warnings...)
	return ds, nil
}

// checkAreaNames compares an #adm1+name column with the #adm1+code column
// it accompanies: a name that is a different area's is an error, since one
// of the two is wrong and casualty cannot tell which. Names it does not
// know are left alone: the code decides.
func checkAreaNames(t *table, rows []tableRow, header []string, code, name int, opt LoadOptions, errs *ErrorList) {
	areas := opt.areas()
	for _, r := range rows {
		c, err1 := areas.Lookup(r.cell(code))
		n, err2 := areas.Lookup(r.cell(name))
		// The code decides; a name that is one of its spellings in any
		// convention (OCHA's "Kyiv" beside UA80) is fine (areas.go).
		if err1 != nil || err2 != nil || c.Code == n.Code || areas.IsSpelling(c.Code, r.cell(name)) {
			continue
		}
		errs.Add(Errorf(t.pos(r, name), header[name],
			"%q is %s (%s), but the p-code column %q says %s (%s); correct one of them",
			r.cell(name), n.Code, n.Name, header[code], c.Code, c.Name))
	}
}

// hxlColName names a canonical column for people.
func hxlColName(col string) string {
	if m, ok := strings.CutPrefix(col, "metric:"); ok {
		return m
	}
	if col == "metric" {
		return "metric (indicator)"
	}
	return col
}
