// Package report is the monthly report: a neutral model built once by
// Build, shown by WriteHTML and WriteMarkdown, and written with its charts
// (report/chart), workbook (report/workbook), data.csv and metadata.json
// as one folder by WriteFolder. It never computes a statistic: it chooses,
// orders, words and rounds, once, at display. Renderers write to an
// io.Writer; files are written only through internal/atomicfile.
package report

import (
	"errors"
	"fmt"
	"strings"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/report/chart"
	"github.com/casualty-tool/casualty/report/table"
	"github.com/casualty-tool/casualty/stats"
)

// Report is the neutral monthly report: every figure already worded for
// people, so that the HTML and Markdown renderers show the same text and
// neither computes anything. Build makes it from a dataset; stats does the
// arithmetic, this file only chooses, orders and words the results.
type Report struct {
	Title    string
	Area     string // area code ("UA" for the national total)
	AreaName string
	Month    data.Month
	// Publication is the newest publication that gives the month's figures.
	Publication data.Publication
	// Wording is the source the figures are worded by (data.Dataset.Wording):
	// a monitoring mission, event data, or a file that declares no source.
	Wording data.Source
	// Headline is the sentence printed by the command and shown first.
	Headline string
	// Lead holds the other sentences of the summary (one per metric).
	Lead []string
	// Provenance says where the month's figures come from and what they
	// count, in the source's words, under the summary: "Figures as
	// published in …", "Figures summed from the event export …".
	Provenance string
	// ToDate is the source's own running total to the end of the report
	// month, beside the sum of the monthly figures; nil when the source
	// publishes none (see data.Dataset.PublishedTotals).
	ToDate *RunningTotal
	// KeyHint explains the key-figures tables, above them.
	KeyHint string
	// KeyFigures has one table per metric: this month, the previous month
	// and the same month a year earlier.
	KeyFigures []KeyTable
	// Basis says where the compared figures come from, a line per
	// comparison (the same for every metric, so said once).
	Basis []string
	// Charts are filled by the chart renderers (see charts.go); the model
	// only names them.
	Charts []ChartRef
	// Areas is the ranking of areas for the month, nil without areas.
	Areas *AreaSection
	// Revisions lists the figures the report's publication changed.
	Revisions RevisionSection
	// Notes are warnings and caveats, each a sentence.
	Notes []string
	// DataWarnings are the warnings raised while loading the data.
	DataWarnings []string
	// Sources are the publications the figures come from, numbered in
	// order of first use; cells cite them as [n].
	Sources []Citation
	// Method explains the arithmetic in plain words.
	Method []string
	// Meta is written to metadata.json.
	Meta Metadata

	ds      *data.Dataset // the data the report was built from
	latest  *data.Dataset // its current estimates
	opt     Options
	srcIdx  map[data.Publication]int
	wording data.Source // = Wording
}

// KeyTable is the key figures of one metric.
type KeyTable struct {
	Metric  data.Metric
	Caption string // "Civilians killed"
	Rows    []KeyRow
}

// KeyRow is one line of a key-figures table. The first row is the report
// month; the others compare the report month with an earlier month, and
// their change, interval and verdict say how the report month differs.
type KeyRow struct {
	Role     string // "This month", "Previous month", "Same month last year"
	Month    string // "January 2026"
	Count    string // "at least 161"
	PerDay   string // "5.2"
	Change   string // "+4 (+2.5% a day)": the report month against this row
	Interval string // "-19% to +27%"
	Verdict  string // "~ no clear change"
	Symbol   string // "↑", "↓", "~" or ""
	Source   int    // number in Sources (0: none)
}

// ChartRef names a chart of the report: its file stem under charts/, its
// title and the sentence that says what it shows.
type ChartRef struct {
	Name    string // file stem: "monthly" gives charts/monthly.svg and .png
	Title   string
	Caption string
	SVG     []byte // the SVG with fonts linked: inlined in the HTML page
	PNG     []byte

	// svg is the SVG drawn, whose fonts are embedded in charts/NAME.svg
	// and carried once by the HTML page.
	svg *chart.SVG
	// missing lists, a sentence per area, the months with no figure that
	// the chart's footnote only summarises (chart.MissingNotes): the
	// page's notes give them whole.
	missing []string
	// chart is the chart laid out for PNG and SVG, drawn again as vectors
	// by report.pdf rather than built anew (nil when the charts were not
	// rendered here).
	chart *chart.Chart
}

// AreaSection ranks areas by the month's count of one metric.
type AreaSection struct {
	Metric  data.Metric
	Caption string
	Rows    []AreaRow
	// Notes say why a cell has no number.
	Notes []string
}

// AreaRow is one area of the ranking.
type AreaRow struct {
	Rank   string
	Area   string
	Count  string
	Share  string
	Change string
}

// RevisionSection lists the figures changed between two publications.
type RevisionSection struct {
	Older, Newer data.Publication
	Summary      string
	Rows         []RevisionRow
}

// RevisionRow is one revised figure.
type RevisionRow struct {
	Month  string
	Metric string
	Old    string
	New    string
	Change string
	Note   string
}

// Citation is a publication cited by the report, with its links.
type Citation struct {
	N     int
	Name  string
	Date  string
	Links []string
	Notes []string
}

// Metadata is what metadata.json holds: where the figures come from and how
// the report was made, so a reader can reproduce it.
type Metadata struct {
	Title        string         `json:"title"`
	Month        data.Month     `json:"month"`
	Area         string         `json:"area"`
	AreaName     string         `json:"area_name"`
	Source       []string       `json:"source"`
	Publications []MetaPub      `json:"publications"`
	Covered      MetaSpan       `json:"months_covered"`
	Gaps         []data.Month   `json:"gaps,omitempty"`
	Figures      int            `json:"figures"`
	Command      string         `json:"command"`
	Version      string         `json:"version"`
	Options      map[string]any `json:"options"`
	Files        []string       `json:"files"`
	Headline     string         `json:"headline"`
	// Wording is who counted the figures and what they count, as the
	// report words them.
	Wording  MetaWording `json:"wording"`
	Warnings []string    `json:"warnings"`
}

// MetaWording is the source the report is worded by, in metadata.json.
type MetaWording struct {
	ID     string `json:"id,omitempty"`
	Name   string `json:"name,omitempty"`
	Kind   string `json:"kind"`
	Counts string `json:"counts"`
}

// MetaPub is a publication in metadata.json.
type MetaPub struct {
	Name    string `json:"name"`
	Date    string `json:"date"`
	Figures int    `json:"figures"`
}

// MetaSpan is a range of months.
type MetaSpan struct {
	First data.Month `json:"first"`
	Last  data.Month `json:"last"`
}

// Options chooses what the report covers and how it is made.
type Options struct {
	// Month is the report month; zero means the latest month with a
	// whole-month figure for the area.
	Month data.Month
	// Area is the area code; "" means the national total.
	Area string
	// Formats lists the outputs to write (see Formats); nil means all.
	Formats []string
	// Force replaces an existing report folder.
	Force bool
	// Command is the command line, recorded in metadata.json.
	Command string
	// Version is casualty's version, recorded in metadata.json.
	Version string
	// Stats tunes the statistics (zero value: stats.DefaultOptions).
	Stats stats.Options
}

// reportMetrics are the metrics a report covers, in order, when the data
// has them for the report month.
var reportMetrics = []data.Metric{data.Casualties, data.Killed, data.Injured, data.ChildrenCasualties, data.ChildrenKilled, data.ChildrenInjured}

// resolveSubject fills in what the report is about where opt leaves it
// open: the national total when no area is given (stats.Area: data with
// areas' figures only have none, and the error says to pick an area), the
// latest month with a whole-month figure when no month is, and the
// default statistics. A month given that has no figure is refused with
// the reason (stats.GapError): never published, published after the date
// the data are seen as of, or outside the data.
func resolveSubject(ds *data.Dataset, opt Options) (Options, error) {
	if ds == nil || len(ds.Obs) == 0 {
		return opt, errors.New("no figures to report on")
	}
	if opt.Stats.Level == 0 {
		opt.Stats = stats.DefaultOptions()
	}
	area, err := stats.Area(ds, opt.Area)
	if err != nil {
		return opt, err
	}
	opt.Area = area
	if _, ok := reportHasArea(ds, opt.Area); !ok {
		return opt, fmt.Errorf("no figures for area %q (areas with figures: %s; choose one with --area)", opt.Area, strings.Join(ds.AreaCodes(), ", "))
	}
	if opt.Month.IsZero() {
		m, ok := LatestMonth(ds, opt.Area)
		if !ok {
			return opt, fmt.Errorf("no whole-month figure for %s", ds.AreaName(opt.Area))
		}
		opt.Month = m
	}
	if len(metricsWithFigures(ds.Latest(), opt.Area, opt.Month)) == 0 {
		if err := stats.InData(ds, opt.Area, data.Killed, opt.Month); err != nil {
			return opt, err
		}
		if g := stats.Gap(ds, opt.Area, data.Killed, opt.Month); g != nil {
			return opt, g
		}
		return opt, fmt.Errorf("no figure for %s in %s", ds.AreaName(opt.Area), opt.Month.Label())
	}
	return opt, nil
}

// Build makes the report model from a dataset.
func Build(ds *data.Dataset, opt Options) (*Report, error) {
	opt, err := resolveSubject(ds, opt)
	if err != nil {
		return nil, err
	}
	area, month, latest := opt.Area, opt.Month, ds.Latest()
	w := ds.Wording()
	r := &Report{
		Area: area, AreaName: ds.AreaName(area), Month: month, Wording: w,
		ds: ds, latest: latest, opt: opt, srcIdx: map[data.Publication]int{}, wording: w,
	}
	metrics := r.metricsFor(month)
	if len(metrics) == 0 {
		first, last := ds.Span()
		return nil, fmt.Errorf("no figure for %s in %s (the data covers %s to %s)", r.AreaName, month.Label(), first.Label(), last.Label())
	}
	r.Title = txtTitle(w, r.AreaName, month)
	if pt := latest.Series(area, metrics[0]).At(month); pt.Present {
		r.Publication = pt.Published
	}
	for _, m := range metrics {
		kt, sentence, notes := r.keyTable(m)
		r.KeyFigures = append(r.KeyFigures, kt)
		if sentence != "" {
			switch {
			case r.Headline == "":
				first, rest := splitSentence(sentence)
				r.Headline = first
				// The sum in the headline may cover fewer days than its
				// parts' own figures given in the next paragraphs (June
				// 2023: 112 killed to 18 June in the sum, 186 for the
				// month): say so at once, so the two do not disagree.
				if note := r.coverageNote(m); note != "" {
					rest = strings.TrimSpace(rest + " " + note)
				}
				if rest != "" {
					r.Lead = append(r.Lead, rest)
				}
			case len(r.Lead) < 2 && !isBreakdown(m):
				r.Lead = append(r.Lead, sentence)
			}
		}
		r.addNotes(notes...)
	}
	if r.Headline == "" {
		r.Headline = fmt.Sprintf("No comparison could be made for %s in %s.", r.AreaName, month.Label())
	}
	r.Provenance = r.provenance()
	r.KeyHint = r.keyHint()
	r.ToDate = r.runningTotal()
	r.Areas = r.areaSection(metrics[0])
	r.Revisions = r.revisionSection()
	r.dataNotes(metrics)
	r.Method = methodText(w, r.exportName(), opt.Stats)
	r.Meta = r.metadata()
	return r, nil
}

func reportHasArea(ds *data.Dataset, area string) (int, bool) {
	for i, a := range ds.AreaCodes() {
		if a == area {
			return i, true
		}
	}
	return 0, false
}

// LatestMonth is the newest month with a whole-month figure for the area
// (any stored metric): a month-to-date statement is not a month to report.
func LatestMonth(ds *data.Dataset, area string) (data.Month, bool) {
	var best data.Month
	found := false
	for _, o := range ds.Obs {
		if o.Area != area || o.PartMonth() {
			continue
		}
		if !found || best.Before(o.Month) {
			best, found = o.Month, true
		}
	}
	return best, found
}

// metricsFor lists the report metrics with a figure for the area in month.
func (r *Report) metricsFor(month data.Month) []data.Metric {
	return metricsWithFigures(r.latest, r.Area, month)
}

// metricsWithFigures lists the report metrics with a figure for area in
// month in latest (a dataset's current estimates).
// After the metrics every report covers come the breakdowns beyond
// children that the data hold for the month (by weapon or cause, by
// control of territory, civilian police), in the data's display order.
func metricsWithFigures(latest *data.Dataset, area string, month data.Month) []data.Metric {
	var out []data.Metric
	for _, m := range reportMetrics {
		if latest.Series(area, m).At(month).Present {
			out = append(out, m)
		}
	}
	for _, m := range data.StoredMetrics {
		if isBreakdown(m) && latest.Series(area, m).At(month).Present {
			out = append(out, m)
		}
	}
	return out
}

// isBreakdown reports whether m is a breakdown beyond age and sex: by
// weapon or cause, by control of territory, or by role.
func isBreakdown(m data.Metric) bool {
	switch m.Dimension() {
	case data.ByWeapon, data.ByControl, data.ByRole:
		return m.CountsPeople()
	}
	return false
}

// coverageNote is, for a derived metric whose parts' own figures for the
// report month cover other days than their sum (stats.Coverage.Mixed),
// the sentence that says which parts are whole-month and which partial
// and what the sum covers; "" otherwise.
func (r *Report) coverageNote(m data.Metric) string {
	if !m.Derived() {
		return ""
	}
	cv := stats.CoverageOf(r.latest, r.Area, m, r.Month)
	if n := cv.Note(); n != "" {
		return sentenceCase(fmt.Sprintf("in %s, %s", r.Month.Label(), n))
	}
	return ""
}

// keyTable compares the report month with the previous month and the same
// month a year earlier.
func (r *Report) keyTable(m data.Metric) (KeyTable, string, []string) {
	kt := KeyTable{Metric: m, Caption: txtMetricCaption(m, r.wording)}
	var notes []string
	series := r.latest.Series(r.Area, m)
	this := series.At(r.Month)
	row := KeyRow{
		Role: "This month", Month: r.Month.Label(),
		Count: txtCount(this.Value, this.Qualifier), PerDay: txtPerDay(this.PerDay()),
		Source: r.cite(this.Published),
	}
	if this.PartMonth {
		row.Month += " (" + txtCovers(this) + ")"
	}
	kt.Rows = append(kt.Rows, row)
	if this.PartMonth {
		notes = append(notes, fmt.Sprintf("The %s figure for %s covers only %d days of the month (%s); per-day rates use those days.", m.Label(), r.Month.Label(), this.Days, txtCovers(this)))
	}
	cvNote := r.coverageNote(m)
	if cvNote != "" {
		notes = append(notes, cvNote)
	}
	sentence := ""
	for i, other := range []struct {
		role  string
		month data.Month
	}{{"Previous month", r.Month.Add(-1)}, {"Same month last year", r.Month.Add(-12)}} {
		row := KeyRow{Role: other.role, Month: other.month.Label()}
		c, err := stats.Compare(r.ds, r.Area, m, stats.Period{From: other.month, To: other.month}, stats.Period{From: r.Month, To: r.Month}, r.opt.Stats)
		if err != nil || c == nil {
			row.Count = "no figure"
			row.Verdict = stats.Unavailable.String()
			if err != nil {
				notes = append(notes, sentenceCase(fmt.Sprintf("%s, %s against %s: %v", txtMetricCaption(m, r.wording), r.Month.Label(), other.month.Label(), err)))
			}
			kt.Rows = append(kt.Rows, row)
			continue
		}
		if c.Gap != nil {
			// The earlier month has no figure: say why, once, rather
			// than the comparison's warnings about a change not made.
			row.Count = "no figure"
			row.Change = "n/a"
			row.Verdict = stats.Unavailable.String()
			notes = append(notes, gapNote(c.Gap))
			kt.Rows = append(kt.Rows, row)
			continue
		}
		from := c.From
		if len(from.Missing) > 0 {
			row.Count = "no figure"
		} else {
			row.Count = txtCount(from.Count, from.Qualifier)
			row.PerDay = txtPerDay(from.PerDay)
			row.Source = r.cite(from.Published)
		}
		row.Change = txtChange(c.Change)
		row.Interval = txtInterval(c.CI)
		row.Verdict = txtVerdict(c.Verdict)
		row.Symbol = c.Verdict.Symbol()
		if c.Basis != "" {
			r.Basis = appendNew(r.Basis, fmt.Sprintf("%s against %s: %s.", r.Month.Label(), other.month.Label(), strings.TrimSuffix(c.Basis, ".")))
		}
		for _, w := range c.Warnings {
			if r.wording.Kind == data.KindEvents && c.To.Provisional && strings.Contains(w.Error(), " is provisional: ") {
				continue // an event export is not revised month by month
			}
			if cvNote != "" && strings.HasSuffix(cvNote, strings.TrimPrefix(w.Error(), r.Month.Label()+": ")+".") {
				continue // the coverage of the month, said once above
			}
			notes = append(notes, sentenceCase(w.Error()))
		}
		if i == 0 && c.Sentence != "" {
			sentence = c.Sentence
		}
		kt.Rows = append(kt.Rows, row)
	}
	return kt, sentence, notes
}

// keyHint explains the key-figures tables: what a change, an interval and
// "~" mean, and what "at least" does to a per-day rate when a count in
// them is a lower bound.
func (r *Report) keyHint() string {
	s := fmt.Sprintf("Each earlier month is compared with %s: the change is that of the per-day rate (count divided by the days in the month), with the change of counts in brackets; the interval is the %s range of that change; \"~\" means the change is within what chance alone would give.",
		r.Month.Label(), stats.FormatLevel(r.opt.Stats.Level))
	for _, kt := range r.KeyFigures {
		for _, row := range kt.Rows {
			if strings.HasPrefix(row.Count, data.AtLeast.Words()) {
				s += " The per-day rate of an \"at least\" count is a lower bound too."
				return s + " [n] cites the sources below."
			}
		}
	}
	return s + " [n] cites the sources below."
}

// gapNote says why an earlier month has no figure. A month outside the
// data has none for any metric, so it is said once for all of them.
func gapNote(g *stats.GapError) string {
	switch g.Reason {
	case stats.BeforeStart:
		return fmt.Sprintf("No figure for %s: the data begin with %s.", g.Month.Label(), g.Bound.Label())
	case stats.AfterEnd:
		return fmt.Sprintf("No figure for %s: the data end with %s.", g.Month.Label(), g.Bound.Label())
	}
	return sentenceCase(g.Error())
}

// hasAreas reports whether a report on area has an areas section: area
// is the national total and some area below it has a figure of metric m
// for month in latest (the current estimates of ds).
func hasAreas(ds, latest *data.Dataset, area string, month data.Month, m data.Metric) bool {
	if area != ds.NationalCode() {
		return false
	}
	for _, a := range latest.AreaCodes() {
		if a != area && latest.Series(a, m).At(month).Present {
			return true
		}
	}
	return false
}

// hasAreaSection reports whether the report on ds with the resolved
// options opt has an areas section, as Build will find: the section
// ranks areas by the first of the report's metrics with a figure for
// the month.
func hasAreaSection(ds *data.Dataset, opt Options) bool {
	latest := ds.Latest()
	metrics := metricsWithFigures(latest, opt.Area, opt.Month)
	return len(metrics) > 0 && hasAreas(ds, latest, opt.Area, opt.Month, metrics[0])
}

// areaSection ranks the areas when the data has figures below the
// national level for the report month.
func (r *Report) areaSection(m data.Metric) *AreaSection {
	if !hasAreas(r.ds, r.latest, r.Area, r.Month, m) {
		return nil
	}
	ranks, warns := stats.RankAreas(r.ds, m, r.Month, r.opt.Stats)
	for _, w := range warns {
		r.addNotes(fmt.Sprintf("Areas: %v", w))
	}
	sec := &AreaSection{Metric: m, Caption: fmt.Sprintf("Areas by %s, %s", m.Label(), r.Month.Label())}
	for _, a := range ranks {
		sec.Rows = append(sec.Rows, AreaRow{
			Rank:   fmt.Sprint(a.Rank),
			Area:   r.ds.AreaName(a.Area) + " (" + a.Area + ")",
			Count:  txtCount(a.Count, a.Qualifier),
			Share:  txtPct(a.Share),
			Change: txtSignedPctValue(a.Change),
		})
		if !a.Change.Valid {
			// The reasons differ only by the base; one note says them all.
			sec.Rows[len(sec.Rows)-1].Change = "n/a"
			sec.Notes = appendNew(sec.Notes, fmt.Sprintf("n/a: no %% change is given on a base below %d, or when either month has no figure.", r.opt.Stats.MinBase))
		}
	}
	return sec
}

// revisionSection lists what the report's publication revised, against
// the publication before it.
func (r *Report) revisionSection() RevisionSection {
	var sec RevisionSection
	pubs := r.ds.Publications()
	newer := r.Publication
	idx := -1
	for i, p := range pubs {
		if p == newer {
			idx = i
		}
	}
	if idx < 0 || newer.IsZero() {
		sec.Summary = "The figures name no publication, so no revisions can be listed."
		return sec
	}
	if idx == 0 {
		sec.Newer = newer
		sec.Summary = fmt.Sprintf("%s is the first publication in the data; there is nothing earlier to revise.", newer)
		return sec
	}
	sec.Older, sec.Newer = pubs[idx-1], newer
	revs := stats.Revisions(r.ds, sec.Older, sec.Newer)
	if len(revs) == 0 {
		sec.Summary = fmt.Sprintf("%s revised no figure given by %s.", newer, sec.Older)
		return sec
	}
	sec.Summary = fmt.Sprintf("%s revised %s given by %s.", newer, txtPlural(len(revs), "figure", "figures"), sec.Older)
	for _, v := range revs {
		row := RevisionRow{
			Month:  v.Key.Month.Label(),
			Metric: v.Key.Metric.Label(),
			Old:    txtCount(v.Old.Value, v.Old.Qualifier),
			New:    txtCount(v.New.Value, v.New.Qualifier),
			// "+9 (+0.4%)", never "+9 (0%)"; "qualifier changed" when
			// only the wording did (table.RevisionChange, as revisions prints).
			Change: table.RevisionChange(v),
		}
		if v.Provisional {
			row.Note = "was the newest month, provisional"
		}
		if v.Key.Area != r.Area {
			row.Metric += " (" + r.ds.AreaName(v.Key.Area) + ")"
		}
		sec.Rows = append(sec.Rows, row)
		r.cite(v.Old.Published)
		r.cite(v.New.Published)
	}
	return sec
}

// dataNotes adds the caveats that come with the data itself: its
// warnings, gaps in the series and the lower-bound nature of the figures.
func (r *Report) dataNotes(metrics []data.Metric) {
	atLeast := false
	for _, kt := range r.KeyFigures {
		for _, row := range kt.Rows {
			if strings.HasPrefix(row.Count, "at least") {
				atLeast = true
			}
		}
	}
	if atLeast {
		r.Notes = append([]string{minimumNote(r.wording)}, r.Notes...)
	}
	if gaps := r.latest.Series(r.Area, metrics[0]).Missing(); len(gaps) > 0 {
		r.addNotes(fmt.Sprintf("No figure was published for %s; those months are gaps in the charts and tables, never zeros.", txtMonthList(gaps)))
	}
	for _, w := range r.ds.Warnings {
		r.DataWarnings = appendNew(r.DataWarnings, sentenceCase(w.Error()))
	}
}

func (r *Report) addNotes(notes ...string) { r.Notes = appendNew(r.Notes, notes...) }

// appendNew appends the strings not already in list, keeping the order.
func appendNew(list []string, more ...string) []string {
	for _, n := range more {
		dup := false
		for _, have := range list {
			if have == n {
				dup = true
			}
		}
		if !dup {
			list = append(list, n)
		}
	}
	return list
}

// sentenceCase makes a warning read as a sentence: a capital first letter
// and a full stop.
func sentenceCase(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// splitSentence splits a paragraph after its first sentence: a full stop
// followed by a space and a capital letter ("5.2" and "e.g. a" do not end
// one).
func splitSentence(p string) (first, rest string) {
	for i := 0; i+2 < len(p); i++ {
		if p[i] == '.' && p[i+1] == ' ' && p[i+2] >= 'A' && p[i+2] <= 'Z' {
			return p[:i+1], p[i+2:]
		}
	}
	return p, ""
}

// cite numbers a publication among the sources, in order of first use,
// and returns its number.
func (r *Report) cite(p data.Publication) int {
	if p.IsZero() {
		return 0
	}
	if n, ok := r.srcIdx[p]; ok {
		return n
	}
	s := Citation{N: len(r.Sources) + 1, Name: p.Name, Date: p.Date.Label()}
	seenLink := map[string]bool{}
	for _, o := range r.ds.Obs {
		if o.Published != p || o.Area != r.Area {
			continue
		}
		for _, l := range strings.Split(o.Source, ";") {
			l = strings.TrimSpace(l)
			// A link the name begins with (an event export's file, named
			// with its filter) adds nothing.
			if l != "" && !seenLink[l] && !strings.HasPrefix(p.Name, l) {
				seenLink[l] = true
				s.Links = append(s.Links, l)
			}
		}
	}
	r.Sources = append(r.Sources, s)
	r.srcIdx[p] = s.N
	return s.N
}

func (r *Report) metadata() Metadata {
	first, last := r.ds.Span()
	md := Metadata{
		Title: r.Title, Month: r.Month, Area: r.Area, AreaName: r.AreaName,
		Source:   metaSources(r.ds.Files),
		Covered:  MetaSpan{First: first, Last: last},
		Gaps:     r.latest.Series(r.Area, data.Killed).Missing(),
		Figures:  len(r.ds.Obs),
		Command:  r.opt.Command,
		Version:  r.opt.Version,
		Headline: r.Headline,
		Wording:  MetaWording{ID: r.wording.ID, Name: r.wording.Name, Kind: r.wording.Kind.String(), Counts: r.wording.Counts},
		Warnings: append(append([]string{}, r.Notes...), r.DataWarnings...),
		Options: map[string]any{
			"confidence_level":  r.opt.Stats.Level,
			"min_base":          r.opt.Stats.MinBase,
			"rolling_windows":   r.opt.Stats.Windows,
			"dispersion_months": r.opt.Stats.DispersionMonths,
			"latest_vintages":   r.opt.Stats.LatestVintages,
		},
	}
	count := map[data.Publication]int{}
	for _, o := range r.ds.Obs {
		count[o.Published]++
	}
	for _, p := range r.ds.Publications() {
		md.Publications = append(md.Publications, MetaPub{Name: p.Name, Date: p.Date.String(), Figures: count[p]})
	}
	return md
}

func txtMonthList(ms []data.Month) string {
	labels := make([]string, len(ms))
	for i, m := range ms {
		labels[i] = m.Label()
	}
	switch len(labels) {
	case 1:
		return labels[0]
	case 2:
		return labels[0] + " and " + labels[1]
	}
	return strings.Join(labels[:len(labels)-1], ", ") + " and " + labels[len(labels)-1]
}

func txtPlural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// metaSources lists the input files for metadata.json: each when there
// are a few, else one line that names and counts them (a store of any
// size), so the file does not grow with the store.
func metaSources(files []string) []string {
	if len(files) > 5 {
		return []string{data.NameFiles(files)}
	}
	return append([]string{}, files...)
}
