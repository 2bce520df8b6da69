package data

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Format names an input format.
type Format string

// The input formats. Detect picks one from the file's name and header;
// LoadOptions.Format forces one.
const (
	FormatAuto       Format = ""
	FormatTidy       Format = "tidy"       // month,area,metric,value[,qualifier,low,high,covers,published,publication,source,note]
	FormatWide       Format = "wide"       // month[,area],killed,injured,children_killed,...
	FormatHXL        Format = "hxl"        // tidy or wide with an HXL hashtag row under the header
	FormatXLSX       Format = "xlsx"       // a workbook sheet in the tidy or wide shape
	FormatCumulative Format = "cumulative" // as_of,killed,injured: totals since a start date
)

// Formats lists the formats --format-in accepts.
var Formats = []Format{FormatTidy, FormatWide, FormatHXL, FormatXLSX, FormatCumulative}

// LoadOptions control a load. The zero value detects the format, uses
// Ukraine's area table and the default limits.
type LoadOptions struct {
	Format      Format
	Sheet       string     // workbook sheet (default: the first visible one)
	Areas       *AreaTable // default: Ukraine()
	Limits      Limits
	MaxErrors   int         // errors listed before the rest are counted (default 20)
	Publication Publication // for rows that name no publication
	Encoding    string      // input text encoding (default UTF-8)

	resolver *Resolver // the file's area names, set by tableAreas (areas.go)
}

func (o LoadOptions) areas() *AreaTable {
	if o.Areas != nil {
		return o.Areas
	}
	return Ukraine()
}

// LoadFile loads one file; see Load.
func LoadFile(path string, opt LoadOptions) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot open: %v", path, errors.Unwrap(err))
	}
	defer f.Close()
	lim := opt.Limits.orDefault()
	if st, err := f.Stat(); err == nil {
		if st.IsDir() {
			return nil, fmt.Errorf("%s: is a folder; want a file of figures", path)
		}
		if st.Size() > lim.MaxBytes {
			return nil, inputErr(Pos{File: path}, "", tooBig(lim.MaxBytes))
		}
	}
	return Load(f, path, opt)
}

// Load reads one file of figures from r; name is used in messages and to
// detect a workbook by its extension. It returns the figures with their
// qualifiers, publications and places, or an error listing every bad row
// (up to MaxErrors) with its place.
func Load(r io.Reader, name string, opt LoadOptions) (*Dataset, error) {
	format := opt.Format
	ext := strings.ToLower(filepath.Ext(name))
	if format == FormatAuto && (ext == ".xlsx" || ext == ".xlsm") {
		format = FormatXLSX
	}
	if format != FormatAuto && format != FormatXLSX && (ext == ".xlsx" || ext == ".xlsm") {
		var isBook bool
		if r, isBook = sniffWorkbook(r); isBook {
			format = FormatXLSX // its sheet is read in the shape opt.Format forces
		}
	}
	if format == FormatAuto {
		switch ext {
		case ".xls":
			return nil, Errorf(Pos{File: name}, "", "Excel 97-2003 .xls workbooks are not read; save it as .xlsx or CSV (UTF-8)")
		case ".ods":
			return nil, Errorf(Pos{File: name}, "", "OpenDocument .ods spreadsheets are not read; save it as .xlsx or CSV (UTF-8)")
		}
	}
	var ds *Dataset
	var err error
	if format == FormatXLSX {
		ds, err = withFormat(loadXLSX(r, name, opt))(FormatXLSX)
	} else {
		var t *table
		t, err = readTextTable(r, name, opt)
		if err != nil {
			return nil, err
		}
		ds, err = loadTable(t, format, opt)
	}
	if err != nil {
		return nil, err
	}
	ds.Files = []string{name}
	return ds, nil
}

// readTextTable decodes the text and reads it as a delimited table.
func readTextTable(r io.Reader, name string, opt LoadOptions) (*table, error) {
	dr, err := decodeText(r, name, opt.Encoding)
	if err != nil {
		return nil, err
	}
	return readCSVTable(dr, name, opt.Limits)
}

// decodeText turns input in a declared encoding into UTF-8 (see
// decodeInput in encoding.go). With no encoding declared, the input must be
// UTF-8 or UTF-16 with a byte-order mark.
var decodeText = decodeInput

// loadTable detects the shape of a table (unless forced) and reads it.
func loadTable(t *table, format Format, opt LoadOptions) (*Dataset, error) {
	opt, err := tableAreas(t, opt) // the country from the area codes (areas.go)
	if err != nil {
		return nil, err
	}
	endWarn, err := checkEnd(t, opt.areas())
	if err != nil {
		return nil, err
	}
	ds, err := loadShape(t, format, opt)
	if ds != nil && len(endWarn) > 0 {
		ds.Warnings = append(endWarn, ds.Warnings...)
	}
	return ds, err
}

// loadShape detects the shape of a table (unless forced) and reads it.
func loadShape(t *table, format Format, opt LoadOptions) (*Dataset, error) {
	if format == FormatAuto || format == FormatHXL {
		if isHXLRow(t) {
			return withFormat(loadHXL(t, opt))(FormatHXL)
		}
		if format == FormatHXL {
			return nil, Errorf(t.hdrPos, "", "want an HXL hashtag row (#date, #affected+killed, ...) under the header, found none")
		}
		if isAcross(t) {
			return loadAcross(t, opt)
		}
		format = detectShape(t)
	}
	switch format {
	case FormatTidy:
		return withFormat(loadTidy(t, opt))(FormatTidy)
	case FormatWide:
		return withFormat(loadWide(t, opt))(FormatWide)
	case FormatCumulative:
		return withFormat(loadCumulative(t, opt))(FormatCumulative)
	case FormatXLSX:
		return nil, Errorf(Pos{File: t.name}, "", "--format-in xlsx given, but this is text")
	}
	return nil, unrecognisedHeader(t)
}

// headerReplacer turns the separators in a header into underscores.
var headerReplacer = strings.NewReplacer(" ", "_", "-", "_", ".", "_")

// normHeader folds a column header for matching: lower case, spaces and
// dashes as underscores.
func normHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	h = headerReplacer.Replace(h)
	return strings.Trim(h, "_")
}

var headerSynonyms = map[string]string{
	"month": "month", "date": "month", "period": "month", "year_month": "month", "reporting_month": "month",
	"reference_period_start": "month", "period_start": "month", "місяць": "month",
	"reference_period_end": "period_end", "period_end": "period_end",
	"year": "year", "рік": "year", "event_type": "event_type",
	"metric": "metric", "indicator": "metric", "measure": "metric", "variable": "metric",
	"value": "value", "count": "value", "number": "value", "figure": "value",
	"qualifier": "qualifier", "low": "low", "high": "high", "covers": "covers", "days": "covers",
	"published": "published", "publication_date": "published", "release_date": "published",
	"publication": "publication", "source": "source", "url": "source", "note": "note", "notes": "note", "comment": "note",
	"as_of": "as_of", "asof": "as_of", "cut_off": "as_of", "cutoff": "as_of",
}

// columns maps canonical column names to their index in the header.
type columns map[string]int

func headerColumns(h []string) columns {
	c := columns{}
	addAreaColumns(c, h)
	for i, name := range h {
		n := normHeader(name)
		if areaColumnKind(n) != "" {
			continue
		}
		if canon, ok := headerSynonyms[n]; ok {
			if _, dup := c[canon]; !dup {
				c[canon] = i
			}
			continue
		}
		if m, err := ParseMetric(n); err == nil && !m.Derived() {
			if _, dup := c["metric:"+string(m)]; !dup {
				c["metric:"+string(m)] = i
			}
		}
	}
	return c
}

func (c columns) has(name string) bool { _, ok := c[name]; return ok }

// index reports the canonical column that header index i is read as.
func (c columns) index(i int) (string, bool) {
	for k, j := range c {
		if j == i {
			return k, true
		}
	}
	return "", false
}

func (c columns) metricCols() []Metric {
	var out []Metric
	for k := range c {
		if strings.HasPrefix(k, "metric:") {
			out = append(out, Metric(k[len("metric:"):]))
		}
	}
	sort.Slice(out, func(i, j int) bool { return c["metric:"+string(out[i])] < c["metric:"+string(out[j])] })
	return out
}

func detectShape(t *table) Format {
	c := t.columns()
	switch {
	case c.has("as_of") && len(c.metricCols()) > 0:
		return FormatCumulative
	case c.has("month") && c.has("metric") && c.has("value"):
		return FormatTidy
	case c.has("month") && len(c.metricCols()) > 0:
		return FormatWide
	}
	return FormatAuto
}

func unrecognisedHeader(t *table) error {
	h := strings.Join(t.header, ",")
	if len(h) > 200 {
		h = h[:200] + "..."
	}
	lower := strings.ToLower(h)
	if strings.Contains(lower, "event_date") || strings.Contains(lower, "fatalities") {
		return Errorf(t.hdrPos, "", "this looks like an event-level export (event_date, fatalities); aggregate it with `casualty aggregate` or pass it with --events; header: %q", h)
	}
	return Errorf(t.hdrPos, "", "no recognisable columns; want month,area,metric,value (tidy), month,killed,injured (wide) or as_of,killed,injured (cumulative), got %q", h)
}

// rowReader turns the cells of a table row into an observation, collecting
// located errors.
type rowReader struct {
	t        *table
	opt      LoadOptions
	cols     columns
	errs     *ErrorList
	areaCols []areaCol // the area columns, once worked out (see readArea)
	// order is the order of day and month the month column's dates settle
	// (see columnOrder); ordered says it was worked out.
	order   dateOrder
	ordered bool
	warns   []error
	// subArea holds, by the place of each figure read, the admin-2 unit of
	// its row, when the table has an admin-2 column.
	subArea map[Pos]string
}

func (rr *rowReader) get(r tableRow, col string) (string, bool) {
	i, ok := rr.cols[col]
	if !ok {
		return "", false
	}
	return r.cell(i), true
}

func (rr *rowReader) fail(r tableRow, col string, err error) {
	i, ok := rr.cols[col]
	header := ""
	p := rr.t.rowPos(r)
	if ok {
		header = rr.t.header[i]
		p = rr.t.pos(r, i)
	}
	rr.errs.Add(inputErr(p, header, err))
}

// common reads the columns shared by tidy and wide rows: month, area,
// publication, source, note, covers. ok is false when one was bad.
func (rr *rowReader) common(r tableRow) (o Observation, ok bool) {
	ok = true
	ms, _ := rr.get(r, "month")
	m, err := parseMonthIn(ms, rr.columnOrder())
	if ys, has := rr.get(r, "year"); has && strings.TrimSpace(ys) != "" {
		m, err = withYear(ms, ys, m, err)
	}
	if err != nil {
		rr.fail(r, "month", err)
		ok = false
	}
	if es, has := rr.get(r, "period_end"); has && err == nil {
		if perr := periodIsMonth(ms, es, m); perr != nil {
			rr.fail(r, "period_end", perr)
			ok = false
		}
	}
	o.Month = m
	if code, aok := rr.readArea(r); aok {
		o.Area = code
	} else {
		ok = false
	}
	o.Published = rr.opt.Publication
	if ps, has := rr.get(r, "published"); has && strings.TrimSpace(ps) != "" {
		d, err := ParseDate(ps)
		if err != nil {
			rr.fail(r, "published", err)
			ok = false
		}
		o.Published.Date = d
	}
	if pn, has := rr.get(r, "publication"); has && strings.TrimSpace(pn) != "" {
		o.Published.Name = strings.TrimSpace(pn)
	}
	o.Source, _ = rr.get(r, "source")
	o.Source = strings.TrimSpace(o.Source)
	o.Note, _ = rr.get(r, "note")
	o.Note = strings.TrimSpace(o.Note)
	if cs, has := rr.get(r, "covers"); has && strings.TrimSpace(cs) != "" && ok {
		from, to, err := parseCovers(cs, m)
		if err != nil {
			rr.fail(r, "covers", err)
			ok = false
		}
		o.FromDay, o.ToDay = from, to
	}
	return o, ok
}

// withYear reads a month given in two columns, as ACLED's monthly
// aggregates give it: Month "March" (or 3) and Year "2025". A month cell
// that names its year already must agree with the year column.
func withYear(ms, ys string, m Month, err error) (Month, error) {
	y := strings.TrimSpace(ys)
	if !allDigits(y) || len(y) != 4 {
		return Month{}, fmt.Errorf("want a year such as 2025 in the year column, got %s", cellText(ys))
	}
	if err == nil {
		if strconv.Itoa(m.Year) != y {
			return Month{}, fmt.Errorf("%s is in %d, but the year column says %s; correct one of them", cellText(ms), m.Year, y)
		}
		return m, nil
	}
	t := strings.TrimSpace(ms)
	if n, aerr := strconv.Atoi(t); aerr == nil && allDigits(t) && n >= 1 && n <= 12 {
		return ParseMonth(y + "-" + t)
	}
	if _, ok := monthNames[strings.ToLower(strings.TrimRight(t, "."))]; ok {
		return ParseMonth(strings.TrimRight(t, ".") + " " + y)
	}
	return Month{}, err
}

// periodIsMonth checks that a period given by its first and last days
// (HDX HAPI's reference_period_start and reference_period_end) is the whole
// of month m: a figure for part of a month or for several is not a
// monthly figure.
func periodIsMonth(start, end string, m Month) error {
	day := func(s string) (time.Time, bool) {
		s = strings.TrimSpace(s)
		if len(s) < 10 {
			return time.Time{}, false
		}
		if _, err := ParseMonth(s); err != nil {
			return time.Time{}, false
		}
		d, err := time.Parse("2006-01-02", s[:10])
		return d, err == nil
	}
	from, ok1 := day(start)
	to, ok2 := day(end)
	if !ok2 {
		return fmt.Errorf("want the period's last day written YYYY-MM-DD, got %s", cellText(end))
	}
	if !ok1 || !from.Equal(m.First()) || !to.Equal(m.End()) {
		return fmt.Errorf("the period %s to %s is not one whole month; want %s to %s",
			strings.TrimSpace(start), strings.TrimSpace(end), m.First().Format("2006-01-02"), m.End().Format("2006-01-02"))
	}
	return nil
}

// columnOrder works out, once, the order of day and month of the month
// column's dates: the first date whose numbers settle it (31/03/2025 is
// day first) decides for the dates that cannot settle it themselves
// (03/04/2025), with a warning naming it; a date settled the other way is
// then refused where it stands. A column no date settles leaves those
// dates ambiguous: refused.
func (rr *rowReader) columnOrder() dateOrder {
	if rr.ordered {
		return rr.order
	}
	rr.ordered = true
	i, ok := rr.cols["month"]
	if !ok {
		return orderUnknown
	}
	var by tableRow
	ambiguous := 0
	for _, r := range rr.t.rows {
		o, dmy := cellDateForm(r.cell(i))
		if o == orderUnknown {
			if dmy {
				ambiguous++
			}
			continue
		}
		if rr.order == orderUnknown {
			rr.order, by = o, r
		}
	}
	if rr.order != orderUnknown && ambiguous > 0 {
		rr.warns = append(rr.warns, Errorf(rr.t.pos(by, i), rr.t.header[i],
			"dates read %s, as %s settles (it cannot be read the other way); %d other dates of the column follow it",
			rr.order, cellText(strings.TrimSpace(by.cell(i))), ambiguous))
	}
	return rr.order
}

// parseCovers reads the days a part-month figure covers: "24-28" (days of
// the month). A range equal to the whole month is the whole month.
func parseCovers(s string, m Month) (int, int, error) {
	var from, to int
	if _, err := fmt.Sscanf(strings.ReplaceAll(strings.TrimSpace(s), "–", "-"), "%d-%d", &from, &to); err != nil {
		return 0, 0, fmt.Errorf("want the days covered as D-D (24-28), got %q", s)
	}
	if from < 1 || to > m.Days() || from > to {
		return 0, 0, fmt.Errorf("want days within %s (1-%d), got %q", m.Label(), m.Days(), s)
	}
	if from == 1 && to == m.Days() {
		return 0, 0, nil
	}
	return from, to, nil
}

// count reads a count cell, merging its text qualifier with the qualifier
// column when there is one.
func (rr *rowReader) count(r tableRow, col string, o *Observation) bool {
	s, _ := rr.get(r, col)
	c, err := ParseCount(s)
	if err != nil {
		rr.fail(r, col, err)
		return false
	}
	o.Value, o.Qualifier, o.Low, o.High, o.HasRange = c.Value, c.Qualifier, c.Low, c.High, c.HasRange
	o.Text = s
	i := rr.cols[col]
	o.Pos = rr.t.pos(r, i)
	if si, has := rr.cols["sub_area"]; has {
		if rr.subArea == nil {
			rr.subArea = map[Pos]string{}
		}
		rr.subArea[o.Pos] = strings.TrimSpace(r.cell(si))
	}
	if qs, has := rr.get(r, "qualifier"); has && strings.TrimSpace(qs) != "" {
		q, err := ParseQualifier(qs)
		if err != nil {
			rr.fail(r, "qualifier", err)
			return false
		}
		o.Qualifier = q.Combine(c.Qualifier)
	}
	for _, b := range []string{"low", "high"} {
		if bs, has := rr.get(r, b); has && strings.TrimSpace(bs) != "" {
			v, err := parseWhole(bs, bs)
			if err != nil {
				rr.fail(r, b, err)
				return false
			}
			o.HasRange = true
			if b == "low" {
				o.Low = v
			} else {
				o.High = v
			}
		}
	}
	if o.HasRange && (o.Low > o.Value || o.High < o.Value) {
		rr.fail(r, col, fmt.Errorf("want the value within its range %d-%d, got %d", o.Low, o.High, o.Value))
		return false
	}
	return true
}

// loadTidy reads one figure per row: month, area, metric, value.
func loadTidy(t *table, opt LoadOptions) (*Dataset, error) {
	errs := &ErrorList{Max: opt.MaxErrors}
	cols := t.columns()
	for _, need := range []string{"month", "metric", "value"} {
		if !cols.has(need) {
			return nil, Errorf(t.hdrPos, "", "want a %q column in a tidy file, got %q", need, strings.Join(t.header, ","))
		}
	}
	rr := &rowReader{t: t, opt: opt, cols: cols, errs: errs}
	keep, ew, err := eventTypeRows(t, cols)
	if err != nil {
		return nil, err
	}
	rr.warns = append(rr.warns, ew...)
	var obs []Observation
	events := map[Key]int64{} // the events figure of each month and area
	for _, r := range t.rows {
		if keep != "" && strings.TrimSpace(r.cell(cols["event_type"])) != keep {
			continue
		}
		o, ok := rr.common(r)
		ms, _ := rr.get(r, "metric")
		m, err := ParseMetric(ms)
		if err == nil && m.Derived() {
			err = fmt.Errorf("%s is computed from its parts (%s); give the parts", m, joinMetrics(m.Parts()))
		}
		if err != nil {
			rr.fail(r, "metric", err)
			ok = false
		}
		o.Metric = m
		if ev, has := rr.eventsOf(r, o, ok, events); has {
			obs = append(obs, ev)
		}
		if !rr.count(r, "value", &o) || !ok {
			continue
		}
		obs = append(obs, o)
	}
	ds, err := withUnread(t, cols, opt.areas())(rr.finish(obs))
	if ds != nil && cols.has("metric:events") && !ds.Source.Declared() {
		// An events column is what event data have (casualty aggregate
		// writes one): word the figures as event data, all actors.
		ds = ds.WithSource(ACLED)
	}
	return ds, err
}

// eventsOf reads a tidy row's events column (casualty aggregate writes
// one beside each figure) as a figure of the events metric, once for each
// month and area: the rows of one month and area must agree on it.
func (rr *rowReader) eventsOf(r tableRow, base Observation, ok bool, seen map[Key]int64) (Observation, bool) {
	s, has := rr.get(r, "metric:events")
	if !has || strings.TrimSpace(s) == "" || !ok || base.Metric == Events {
		return Observation{}, false
	}
	ev := base
	ev.Metric, ev.Derived, ev.Note = Events, false, ""
	if !rr.count(r, "metric:events", &ev) {
		return Observation{}, false
	}
	k := ev.Key()
	if n, dup := seen[k]; dup {
		if n != ev.Value {
			rr.fail(r, "metric:events", fmt.Errorf("%d events, but an earlier row for %s in %s gives %d", ev.Value, ev.Month, ev.Area, n))
		}
		return Observation{}, false
	}
	seen[k] = ev.Value
	return ev, true
}

// loadWide reads a row per month (and area), a column per metric. Empty
// cells are missing figures, not zeros.
func loadWide(t *table, opt LoadOptions) (*Dataset, error) {
	errs := &ErrorList{Max: opt.MaxErrors}
	cols := t.columns()
	if !cols.has("month") {
		return nil, Errorf(t.hdrPos, "", "want a \"month\" column, got %q", strings.Join(t.header, ","))
	}
	ms := cols.metricCols()
	if len(ms) == 0 {
		return nil, unrecognisedHeader(t)
	}
	rr := &rowReader{t: t, opt: opt, cols: cols, errs: errs}
	sums := derivedColumns(t, cols)
	keep, ew, err := eventTypeRows(t, cols)
	if err != nil {
		return nil, err
	}
	events := eventDataWarning(t, cols)
	if events != nil {
		rr.warns = append(rr.warns, events)
	}
	rr.warns = append(rr.warns, ew...)
	var obs []Observation
	for _, r := range t.rows {
		if keep != "" && strings.TrimSpace(r.cell(cols["event_type"])) != keep {
			continue
		}
		base, ok := rr.common(r)
		for _, d := range sums {
			rr.checkSum(r, d)
		}
		for _, m := range ms {
			col := "metric:" + string(m)
			if s, _ := rr.get(r, col); strings.TrimSpace(s) == "" {
				continue // a gap, not a zero
			}
			o := base
			o.Metric = m
			if rr.count(r, col, &o) && ok {
				obs = append(obs, o)
			}
		}
	}
	ds, err := withUnread(t, cols, opt.areas())(rr.finish(obs))
	if ds != nil && events != nil {
		// Fatalities from event data: renderers word them as reported
		// deaths of all actors, never as a mission's civilian counts.
		ds = ds.WithSource(ACLED)
	}
	return ds, err
}

// derivedColumns finds the columns of a wide table that give a sum of
// others (casualties: killed + injured) when the table has every part, and
// records them in cols (as "sum:casualties") so that they count as read:
// each row's sum is checked against its parts, never stored, since a sum
// kept beside its parts could disagree with them.
func derivedColumns(t *table, cols columns) []Metric {
	if t.cols != nil {
		return nil // HXL: its hashtags say what each column is
	}
	var out []Metric
	for i, h := range t.header {
		m, err := ParseMetric(normHeader(h))
		if err != nil || !m.Derived() || cols.has("sum:"+string(m)) {
			continue
		}
		all := true
		for _, p := range m.Parts() {
			all = all && cols.has("metric:"+string(p))
		}
		if all {
			cols["sum:"+string(m)] = i
			out = append(out, m)
		}
	}
	return out
}

// checkSum checks a row's sum column (casualties) against its parts
// (killed + injured): a disagreement is an error naming both. A row whose
// sum or parts are empty, approximate or ranges is not checked.
func (rr *rowReader) checkSum(r tableRow, m Metric) {
	key := "sum:" + string(m)
	s, _ := rr.get(r, key)
	if strings.TrimSpace(s) == "" {
		return
	}
	total, err := ParseCount(s)
	if err != nil {
		rr.fail(r, key, err)
		return
	}
	if total.HasRange || total.Qualifier == Approx {
		return
	}
	var sum int64
	var vals, names []string
	for _, p := range m.Parts() {
		ps, _ := rr.get(r, "metric:"+string(p))
		c, err := ParseCount(ps)
		if err != nil || c.HasRange || c.Qualifier == Approx {
			// A bad part's own cell says so; an empty one is a gap, and
			// the sum beside it is a figure that is not kept: say so.
			if strings.TrimSpace(ps) == "" {
				rr.warns = append(rr.warns, Errorf(rr.t.pos(r, rr.cols[key]), rr.t.header[rr.cols[key]],
					"%s not read: %s is empty, so it cannot be checked, and casualty computes %s from its parts", cellText(strings.TrimSpace(s)), p, m))
			}
			return
		}
		sum += c.Value
		vals = append(vals, strconv.FormatInt(c.Value, 10))
		names = append(names, strconv.Quote(rr.t.header[rr.cols["metric:"+string(p)]]))
	}
	if sum != total.Value {
		rr.fail(r, key, fmt.Errorf("%d is not the sum of its parts: %s = %d (columns %s); correct one of them",
			total.Value, strings.Join(vals, " + "), sum, strings.Join(names, " and ")))
	}
}

func joinMetrics(ms []Metric) string {
	s := make([]string, len(ms))
	for i, m := range ms {
		s[i] = string(m)
	}
	return strings.Join(s, " + ")
}

// finish sums admin-2 rows into their admin-1 units (when the table has
// them), then validates the figures and builds the dataset.
func (rr *rowReader) finish(obs []Observation) (*Dataset, error) {
	var warns []error
	if si, has := rr.cols["sub_area"]; has {
		if !rr.cols.has("area") {
			return nil, Errorf(rr.t.hdrPos, rr.t.header[si],
				"the rows are admin-2 units, and casualty reads admin-1 units; add the column of their admin-1 p-code (ADM1_PCODE, admin1_code) so that they can be summed")
		}
		rows := make([]subAreaRow, len(obs))
		for i, o := range obs {
			rows[i] = subAreaRow{obs: o, unit: rr.subArea[o.Pos]}
		}
		obs, warns = sumSubAreas(rr.t, rows, si, rr.errs)
	}
	ds, err := finishNotes(rr.t.name, obs, rr.areaAt, rr.opt, rr.errs)
	if ds != nil {
		ds.Warnings = append(append(rr.warns, warns...), ds.Warnings...)
	}
	return ds, err
}

// finish validates the figures of one file and builds its dataset.
func finish(name string, obs []Observation, opt LoadOptions, errs *ErrorList) (*Dataset, error) {
	return finishNotes(name, obs, nil, opt, errs)
}

// finishNotes is finish with a way to find the area cell behind a figure
// from its place, for messages (see rowReader.areaAt).
func finishNotes(name string, obs []Observation, notes func(Pos) areaCell, opt LoadOptions, errs *ErrorList) (*Dataset, error) {
	if errs.Len() == 0 && len(obs) == 0 {
		errs.Add(Errorf(Pos{File: name}, "", "no figures: the file has a header but no rows of figures"))
	}
	validate(obs, notes, errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	sortObs(obs)
	ds := &Dataset{Obs: obs, Areas: opt.areas(), Files: []string{name}}
	ds.Warnings = gapWarnings(ds)
	return ds, nil
}

// Validate checks figures against each other and adds an error for each
// problem: the same figure twice in one vintage (both places named), a
// breakdown above its total, and a month that begins after the publication
// that reports it.
func Validate(obs []Observation, errs *ErrorList) { validate(obs, nil, errs) }

// validate is Validate with the area cell behind each figure (by its
// place), named when a figure is given twice: two spellings that land on
// one unit are the usual cause.
func validate(obs []Observation, notes func(Pos) areaCell, errs *ErrorList) {
	note := func(o Observation) string {
		if notes == nil {
			return ""
		}
		if n := notes(o.Pos); n.text != "" {
			return " (from " + n.String() + ")"
		}
		return ""
	}
	type vk struct {
		k    Key
		p    Publication
		part bool
	}
	seen := make(map[vk]int, len(obs))
	for i, o := range obs {
		k := vk{o.Key(), o.Published, o.PartMonth()}
		if j, dup := seen[k]; dup {
			prev := obs[j]
			n1, n2 := note(o), note(prev)
			if n1 == n2 {
				n1, n2 = "", "" // the same cell text twice: nothing to explain
			}
			errs.Add(Errorf(o.Pos, "", "%s %s %s is given twice for %s: %d here%s and %d at %s%s",
				o.Month, o.Area, o.Metric, o.Published, o.Value, n1, prev.Value, prev.Pos, n2))
			continue
		}
		seen[k] = i
		if !o.Published.Date.IsZero() && o.Published.Date.Before(o.Month.First()) {
			errs.Add(Errorf(o.Pos, "", "figure for %s is dated by a publication of %s, before the month began",
				o.Month.Label(), o.Published.Date))
		}
	}
	for k, i := range seen {
		o := obs[i]
		parent := o.Metric.Parent()
		if parent == "" {
			continue
		}
		j, ok := seen[vk{Key{o.Month, o.Area, parent}, k.p, k.part}]
		if !ok {
			continue
		}
		if total := obs[j]; o.Value > total.Value {
			errs.Add(Errorf(o.Pos, "", "%s (%d) is above %s (%d at %s) for %s %s",
				o.Metric, o.Value, parent, total.Value, total.Pos, o.Month, o.Area))
		}
	}
	CheckBreakdowns(obs, errs) // parts of one breakdown summed (metric.go)
	sortErrors(errs)
}

// GapWarning says that an area's metric has no figure for some months
// between its first and last: the months stay gaps, never zeros. It is a
// type of its own so a command can keep the warnings about the figures it
// shows and leave out the rest.
type GapWarning struct {
	Area   string
	Metric Metric
	Months []Month // in order
}

func (w *GapWarning) Error() string {
	names := make([]string, len(w.Months))
	for i, mo := range w.Months {
		names[i] = mo.String()
	}
	return fmt.Sprintf("%s %s: no figure for %s (left as a gap, not zero)", w.Area, w.Metric, strings.Join(names, ", "))
}

// gapWarnings lists, for each area and metric, the months with no figure
// between its first and last month. Gaps stay gaps; this only says so.
func gapWarnings(d *Dataset) []error {
	// The months with a figure, any vintage, for each area and metric: one
	// pass over the figures rather than a series per pair.
	type am struct {
		area   string
		metric Metric
	}
	have := map[am]map[Month]bool{}
	for _, o := range d.Obs {
		k := am{o.Area, o.Metric}
		if have[k] == nil {
			have[k] = map[Month]bool{}
		}
		have[k][o.Month] = true
	}
	var out []error
	for _, a := range d.AreaCodes() {
		for _, m := range d.Metrics() {
			months := have[am{a, m}]
			if len(months) == 0 {
				continue
			}
			var first, last Month
			n := 0
			for mo := range months {
				if n == 0 || mo.Before(first) {
					first = mo
				}
				if n == 0 || last.Before(mo) {
					last = mo
				}
				n++
			}
			var missing []Month
			for mo := first; mo.Before(last); mo = mo.Add(1) {
				if !months[mo] {
					missing = append(missing, mo)
				}
			}
			if len(missing) > 0 {
				out = append(out, &GapWarning{Area: a, Metric: m, Months: missing})
			}
		}
	}
	return out
}

// withFormat records the format a dataset was read as.
func withFormat(ds *Dataset, err error) func(Format) (*Dataset, error) {
	return func(f Format) (*Dataset, error) {
		if ds != nil && ds.Format == FormatAuto {
			ds.Format = f
		}
		return ds, err
	}
}
