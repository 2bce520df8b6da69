package chart

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// This file picks the figures a chart draws and words its title, notes
// and source. It reads values and words them; every statistic comes from
// package stats.

// chartSeries is the latest estimate of one area's metric.
func chartSeries(in Input, m data.Metric) data.Series {
	return in.current().Series(in.Area, m)
}

// chartRange resolves the months to draw: the input's From and To, or the
// span of the series given widened to the months the data give for the
// same metrics in any area, so that an area whose first or last months
// have no figure shows them as gaps rather than starting late. It fails
// when nothing is left to draw.
func chartRange(in Input, what string, ss ...data.Series) (from, to data.Month, err error) {
	first := true
	span := func(s data.Series) {
		if len(s.Points) == 0 {
			return
		}
		a, b := s.Points[0].Month, s.Points[len(s.Points)-1].Month
		if first || a.Before(from) {
			from = a
		}
		if first || to.Before(b) {
			to = b
		}
		first = false
	}
	for _, s := range ss {
		span(s)
	}
	if first {
		return from, to, fmt.Errorf("no %s figures for %s", what, in.Data.AreaName(in.Area))
	}
	latest := in.current()
	for _, a := range latest.AreaCodes() {
		for _, s := range ss {
			span(latest.Series(a, s.Metric))
		}
	}
	if !in.From.IsZero() {
		from = in.From
	}
	if !in.To.IsZero() {
		to = in.To
	}
	if to.Before(from) {
		return from, to, fmt.Errorf("the range %s..%s ends before it starts", from, to)
	}
	for _, s := range ss {
		for m := from; !to.Before(m); m = m.Add(1) {
			if s.At(m).Present {
				return from, to, nil
			}
		}
	}
	return from, to, fmt.Errorf("no %s figures for %s between %s and %s", what, in.Data.AreaName(in.Area), from.Label(), to.Label())
}

// countValues is the series' counts for each month from..to, with gaps.
func countValues(s data.Series, from, to data.Month) []monthValue {
	var out []monthValue
	for m := from; !to.Before(m); m = m.Add(1) {
		p := s.At(m)
		out = append(out, monthValue{Month: m, V: float64(p.Value), OK: p.Present, Light: p.PartMonth, Text: pointText(p)})
	}
	return out
}

// casualtyCoverages gives each month's coverage of the casualty sum by
// its parts (stats.Coverages), for sumParts and sumPartsNote: made once
// per chart, as it builds three series.
func casualtyCoverages(in Input) func(data.Month) stats.Coverage {
	return stats.Coverages(in.current(), in.Area, data.Casualties)
}

// sumParts marks, in vals (one metric's months), the months whose
// casualty sum uses less of this metric than its own figure: the metric
// covers the whole month but the other part only some days, so the sum
// adds this metric over those days only (stats.CoverageOf). It sets each
// such month's InSum and returns the months, for sumPartsNote.
func sumParts(coverage func(data.Month) stats.Coverage, m data.Metric, vals []monthValue) []data.Month {
	if !slices.Contains(data.Casualties.Parts(), m) {
		return nil
	}
	var out []data.Month
	for i, v := range vals {
		if !v.OK {
			continue
		}
		cov := coverage(v.Month)
		if !cov.Mixed || !cov.Sum.Present {
			continue
		}
		for _, p := range cov.Parts {
			if p.Metric == m && p.Whole() && p.InSum.Present && p.InSum.PartMonth && p.InSum.Value < p.Own.Value {
				vals[i].InSum = float64(p.InSum.Value)
				out = append(out, v.Month)
			}
		}
	}
	return out
}

// sumPartsNote words what the lighter parts of the bars are, for the
// months sumParts found, naming the metric drawn whole, the other part
// and the days the sum covers: "In June, July and August 2023 injured
// covers only 1–18 June, 1–30 July and 1–27 August (lighter), and the
// casualty sum adds killed over those days only: the lighter lower part
// of each killed bar, whose full height is the whole month." It replaces
// the part-month note of those months (chartNotes.notDrawn).
func sumPartsNote(coverage func(data.Month) stats.Coverage, m data.Metric, ms []data.Month) string {
	if len(ms) == 0 {
		return ""
	}
	var spans []string
	var others []string
	for _, mo := range ms {
		cov := coverage(mo)
		for _, o := range cov.Sum.Sources {
			if o.PartMonth() {
				spans = append(spans, fmt.Sprintf("%d–%d %s", o.FromDay, o.ToDay, mo.Month))
				break
			}
		}
		for _, p := range cov.Parts {
			if p.Metric != m && !slices.Contains(others, p.Metric.Label()) {
				others = append(others, p.Metric.Label())
			}
		}
	}
	return fmt.Sprintf("In %s %s %s only %s (lighter), and the casualty sum adds %s over those days only: the lighter lower part of each %s bar, whose full height is the whole month.",
		monthsText(ms), joinAnd(others), chartPlural(len(others), "covers", "cover"), joinAnd(spans), m.Label(), m.Label())
}

// pointText writes a figure as a chart labels it, its qualifier with it,
// as the tables write it: "≥1,074" (at least), "≈120" (about), "557".
func pointText(p data.Point) string {
	switch p.Qualifier {
	case data.AtLeast:
		return "≥" + chartInt(p.Value)
	case data.Approx:
		return "≈" + chartInt(p.Value)
	}
	return chartInt(p.Value)
}

// mixedCoverage reports whether a derived point sums figures that cover
// different days (killed for the whole of June, injured for 1–18 June).
// Its count mixes two spans and no single number of days fits it, so the
// charts draw no per-day rate or change for it rather than a wrong one.
func mixedCoverage(p data.Point) bool {
	for _, o := range p.Sources {
		if o.Days() != p.Sources[0].Days() {
			return true
		}
	}
	return false
}

// mixedNote words the months whose parts cover different days.
func mixedNote(ms []data.Month) string {
	if len(ms) == 0 {
		return ""
	}
	return "In " + monthsText(ms) + " the killed and injured figures cover different days, so no per-day rate or change is drawn for " + chartPlural(len(ms), "that month", "those months") + " (hatched)."
}

// lastPresent is the last month from..to with a figure in every series.
func lastPresent(from, to data.Month, ss ...data.Series) (data.Month, bool) {
	for m := to; !m.Before(from); m = m.Add(-1) {
		ok := true
		for _, s := range ss {
			ok = ok && s.At(m).Present
		}
		if ok {
			return m, true
		}
	}
	return data.Month{}, false
}

// featureMonth is the month a chart's title is about: the input's Month,
// or the last month drawn that has a figure.
func featureMonth(in Input, from, to data.Month, ss ...data.Series) (data.Month, bool) {
	if !in.Month.IsZero() {
		return in.Month, true
	}
	return lastPresent(from, to, ss...)
}

// chartNotes collects what a reader must know to read the series
// correctly: months with no figure, figures covering part of a month,
// lower bounds. Each note is a sentence; a note that holds for only some
// of the series drawn names them ("No injured figure …").
type chartNotes struct {
	names      []string                       // the series added, in order
	noun       string                         // what the series are, for a summary: "areas" ("series" when empty)
	src        data.Source                    // who counted, for the notes on what the figures are
	exports    []string                       // event data: the exports summed, with their filters
	drawn      map[data.Month]bool            // the months drawn
	gaps       map[data.Month][]string        // months with no figure, and for what
	part       map[data.Month]map[string]bool // part-month coverage ("24–28 February 2022")
	partOf     map[data.Month][]string        // and for what
	lowerBnd   bool
	pubs       map[data.Publication]bool
	extra      []string
	gapsShown  bool   // gaps are shaded on the chart
	lightShown bool   // part-month figures are drawn lighter
	partMark   string // how part-month figures are marked, when not lighter: " (white corner)"
}

func newNotes(ds *data.Dataset) *chartNotes {
	return &chartNotes{src: sourceOf(ds), gaps: map[data.Month][]string{}, part: map[data.Month]map[string]bool{}, drawn: map[data.Month]bool{},
		partOf: map[data.Month][]string{}, pubs: map[data.Publication]bool{}}
}

// add records the points of s over from..to, under the metric's name.
func (n *chartNotes) add(s data.Series, from, to data.Month) {
	n.addNamed(s.Metric.Label(), s, from, to)
}

// addNamed records the points of s over from..to under name (an area's
// name when the series drawn are areas).
func (n *chartNotes) addNamed(name string, s data.Series, from, to data.Month) {
	if !slices.Contains(n.names, name) {
		n.names = append(n.names, name)
	}
	for m := from; !to.Before(m); m = m.Add(1) {
		n.drawn[m] = true
		p := s.At(m)
		if !p.Present {
			if !slices.Contains(n.gaps[m], name) {
				n.gaps[m] = append(n.gaps[m], name)
			}
			continue
		}
		if p.Qualifier == data.AtLeast {
			n.lowerBnd = true
		}
		for _, o := range p.Sources {
			n.pubs[o.Published] = true
			if n.src.Kind == data.KindEvents {
				// "sum of 12 events in acled.csv, rows where …": the export
				// and its filter, for the source line.
				if _, desc, ok := strings.Cut(o.Note, " in "); ok && strings.HasPrefix(o.Note, "sum of ") && !slices.Contains(n.exports, desc) {
					n.exports = append(n.exports, desc)
				}
			}
		}
		if p.PartMonth {
			if n.part[m] == nil {
				n.part[m] = map[string]bool{}
			}
			for _, o := range p.Sources {
				if o.PartMonth() {
					n.part[m][fmt.Sprintf("%d–%d %s", o.FromDay, o.ToDay, m.Label())] = true
				}
			}
			if !slices.Contains(n.partOf[m], name) {
				n.partOf[m] = append(n.partOf[m], name)
			}
		}
	}
}

// notDrawn forgets the part-month notes of months the chart does not
// draw (those with mixed coverage), which have a note of their own.
func (n *chartNotes) notDrawn(ms []data.Month) {
	for _, m := range ms {
		delete(n.part, m)
		delete(n.partOf, m)
	}
}

// whose names the series a note is about: "" when it is all of them,
// else "injured " or "Khersonska " (with its trailing space).
func (n *chartNotes) whose(ms []string) string {
	if len(ms) == len(n.names) && len(n.names) > 1 || len(n.names) == 1 {
		return ""
	}
	var names []string
	for _, m := range n.names {
		if slices.Contains(ms, m) {
			names = append(names, m)
		}
	}
	return joinAnd(names) + " "
}

// maxGroupNotes is how many sentences a chart gives to months with no
// figure, and as many to figures covering part of a month, before it
// summarises them in one (summary): a chart of 27 oblasts over 15 months
// would otherwise print a line for every month.
const maxGroupNotes = 2

// sentences words the notes, in a fixed order.
func (n *chartNotes) sentences() []string {
	var out []string
	// Gaps: one sentence per group of series missing the same months, in
	// order of first month, or a summary when there are many groups.
	groups, order := n.groupBy(n.gaps)
	hatched := ""
	if n.gapsShown {
		hatched = " (hatched)"
	}
	var rest []string
	for _, w := range order {
		if w != "" && len(order) > maxGroupNotes {
			rest = append(rest, w)
			continue
		}
		out = append(out, "No "+w+"figure was published for "+monthsText(groups[w])+hatched+": a gap, not a zero.")
	}
	if len(rest) > 0 {
		who, list := n.summary(n.gaps, groups[""])
		out = append(out, who+" have months with no figure"+hatched+", a gap, not a zero: "+list+".")
	}
	groups, order = n.groupBy(n.partOf)
	lighter := n.partMark
	if n.lightShown {
		lighter = " (lighter)"
	}
	if len(order) > maxGroupNotes {
		who, list := n.summary(n.partOf, nil)
		out = append(out, "Figures of "+who+" cover only part of some months"+lighter+": "+list+".")
		order = nil
	}
	for _, w := range order {
		var spans []string
		for _, m := range groups[w] {
			var cov []string
			for c := range n.part[m] {
				cov = append(cov, c)
			}
			sort.Strings(cov)
			if len(cov) == 0 {
				cov = []string{"part of " + m.Label()}
			}
			spans = append(spans, cov...)
		}
		s := "The " + w + "figure for " + joinAnd(spans) + " covers only those days"
		if len(spans) > 1 {
			s = "The " + w + "figures for " + joinAnd(spans) + " cover only those days"
		}
		out = append(out, s+lighter+".")
	}
	out = append(out, n.extra...)
	if n.lowerBnd {
		out = append(out, lowerBoundNote(n.src))
	}
	if n.src.Kind == data.KindEvents && n.src.Caveat != "" {
		out = append(out, n.src.Caveat)
	}
	return out
}

// groupBy groups the months of byMonth by the series they name (whose),
// in order of first month.
func (n *chartNotes) groupBy(byMonth map[data.Month][]string) (map[string][]data.Month, []string) {
	groups := map[string][]data.Month{}
	var order []string
	for _, m := range keysSorted(byMonth) {
		w := n.whose(byMonth[m])
		if _, ok := groups[w]; !ok {
			order = append(order, w)
		}
		groups[w] = append(groups[w], m)
	}
	return groups, order
}

// summary words which series byMonth names ("9 of 27 areas") and in how
// many months, leaving out the months in except (worded on their own):
// the three series with most months by name, the others counted — "Kyiv
// 10 of 15 months, Donetska 4, Zaporizka 4 and 6 more areas, 3 or 4
// months each". Chart.Missing keeps the full list.
func (n *chartNotes) summary(byMonth map[data.Month][]string, except []data.Month) (who, list string) {
	count := map[string]int{}
	for m, names := range byMonth {
		if slices.Contains(except, m) {
			continue
		}
		for _, name := range names {
			count[name]++
		}
	}
	var names []string
	for _, name := range n.names {
		if count[name] > 0 {
			names = append(names, name)
		}
	}
	sort.SliceStable(names, func(i, j int) bool { return count[names[i]] > count[names[j]] })
	noun := n.noun
	if noun == "" {
		noun = "series"
	}
	const listed = 3
	var parts []string
	for i, name := range names[:min(listed, len(names))] {
		if i == 0 {
			parts = append(parts, fmt.Sprintf("%s %d of %d months", name, count[name], len(n.drawn)))
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %d", name, count[name]))
	}
	if len(names) > listed {
		others := names[listed:]
		lo, hi := count[others[len(others)-1]], count[others[0]]
		each := fmt.Sprintf("%d %s each", lo, chartPlural(lo, "month", "months"))
		switch {
		case hi == lo+1:
			each = fmt.Sprintf("%d or %d months each", lo, hi)
		case hi > lo:
			each = fmt.Sprintf("%d–%d months each", lo, hi)
		}
		parts = append(parts, fmt.Sprintf("%d more %s, %s", len(others), noun, each))
	}
	return fmt.Sprintf("%d of %d %s", len(names), len(n.names), noun), joinAnd(parts)
}

// Missing is one series of a chart (an area, or a metric such as
// killed) and the months drawn that have no figure for it.
type Missing struct {
	Name   string
	Months []data.Month
	// Of is how many months the chart draws.
	Of int
}

// String words the gap in full: "Kyiv: no figure for March–December
// 2025 (10 of 15 months)".
func (m Missing) String() string {
	name := m.Name
	if r, size := utf8.DecodeRuneInString(name); size > 0 {
		name = string(unicode.ToUpper(r)) + name[size:] // "killed" begins a sentence
	}
	return fmt.Sprintf("%s: no figure for %s (%d of %d %s)", name, monthRuns(m.Months), len(m.Months), m.Of, chartPlural(m.Of, "month", "months"))
}

// missing lists, for each series with a gap in the months drawn, those
// months, in the order the series were added.
func (n *chartNotes) missing() []Missing {
	var out []Missing
	for _, name := range n.names {
		var ms []data.Month
		for _, m := range keysSorted(n.gaps) {
			if slices.Contains(n.gaps[m], name) {
				ms = append(ms, m)
			}
		}
		if len(ms) > 0 {
			out = append(out, Missing{Name: name, Months: ms, Of: len(n.drawn)})
		}
	}
	return out
}

// monthRuns lists months for a sentence with runs of consecutive months
// as ranges: "October 2024, March–December 2025".
func monthRuns(ms []data.Month) string {
	var parts []string
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j+1] == ms[j].Add(1) {
			j++
		}
		switch {
		case i == j:
			parts = append(parts, ms[i].Label())
		case ms[i].Year == ms[j].Year:
			parts = append(parts, ms[i].Month.String()+"–"+ms[j].Label())
		default:
			parts = append(parts, ms[i].Label()+"–"+ms[j].Label())
		}
		i = j + 1
	}
	return joinAnd(parts)
}

// source names the publications the figures drawn come from: the newest
// in full, and how many earlier ones.
func (n *chartNotes) source(ds *data.Dataset) string {
	if n.src.Kind == data.KindEvents && len(n.exports) > 0 {
		// Event sums have no publications: name the export, its filter
		// and what was summed.
		sort.Strings(n.exports)
		s := "Source: " + joinAnd(n.exports) + ", event data"
		if n.src.Short != "" {
			s += " (" + n.src.Short + ")"
		}
		return s + ", fatalities summed by month and area."
	}
	var pubs []data.Publication
	for p := range n.pubs {
		pubs = append(pubs, p)
	}
	sort.Slice(pubs, func(i, j int) bool { return pubs[i].Before(pubs[j]) })
	if len(pubs) == 0 {
		return ""
	}
	newest := pubs[len(pubs)-1]
	if newest.IsZero() && len(ds.Files) > 0 {
		// A file that names no publication is the source itself.
		files := make([]string, len(ds.Files))
		for i, f := range ds.Files {
			files[i] = filepath.Base(f)
		}
		return "Source: " + joinAnd(files) + ", which names no publication."
	}
	s := "Source: " + newest.String()
	if len(pubs) > 1 {
		s += fmt.Sprintf(" and %d earlier %s", len(pubs)-1, chartPlural(len(pubs)-1, "publication", "publications"))
	}
	s += "; each month as last published"
	if lp := ds.LatestPublication(); !lp.Date.IsZero() {
		s += ", data as of " + lp.Date.Label()
	}
	return s + "."
}

func keysSorted[V any](m map[data.Month]V) []data.Month {
	out := make([]data.Month, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// monthsText lists months for a sentence, naming a year once for a run
// in one year: "September, October and December 2023, May 2024".
func monthsText(ms []data.Month) string {
	var groups []string
	for i := 0; i < len(ms); {
		j := i
		var names []string
		for j < len(ms) && ms[j].Year == ms[i].Year {
			names = append(names, ms[j].Month.String())
			j++
		}
		groups = append(groups, joinAnd(names)+" "+strconv.Itoa(ms[i].Year))
		i = j
	}
	return strings.Join(groups, "; ")
}

func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// wording is how a chart names what its figures count, from the data's
// source (data.Dataset.Source): a monitoring mission counts civilians;
// event data (ACLED) sums the fatalities reported for events, all actors
// and no injured; a user's file says nothing of who was counted, so its
// charts do not either.
type wording struct {
	kind data.SourceKind
}

func wordsOf(ds *data.Dataset) wording { return wording{kind: sourceOf(ds).Kind} }

// sourceOf is the data's source, with event sums that name none (an
// events file loaded with --events has Format "events" and may declare
// no source) taken as event data, worded with event data's caveat.
func sourceOf(ds *data.Dataset) data.Source {
	s := ds.Source
	if s.Kind == data.KindUnknown && ds.Format == "events" {
		s.Kind = data.KindEvents
		s.Caveat = data.ACLED.Caveat // said of event data in general
		s.MinimumMeans = ""
	}
	return s
}

func (w wording) events() bool { return w.kind == data.KindEvents }

// adjective qualifies a count: "civilian", "reported" or "".
func (w wording) adjective() string {
	switch w.kind {
	case data.KindMission:
		return "civilian"
	case data.KindEvents:
		return "reported"
	}
	return ""
}

// noun names a metric's count: "casualties", "deaths", "injuries"; event
// data's killed are "fatalities".
func (w wording) noun(m data.Metric) string {
	if w.events() && m == data.Killed {
		return "fatalities"
	}
	return stats.Noun(m)
}

// figureWord names a metric before "figure": "casualty", "killed",
// "fatality" (event data).
func (w wording) figureWord(m data.Metric) string {
	switch {
	case m == data.Casualties:
		return "casualty"
	case w.events() && m == data.Killed:
		return "fatality"
	}
	return m.Label()
}

// metricWords names a metric in a headline: "civilian casualties",
// "reported fatalities", "casualties".
func (w wording) metricWords(m data.Metric) string {
	return strings.TrimSpace(w.adjective() + " " + w.noun(m))
}

// killedInjured heads a chart of both parts: "Civilians killed and
// injured", "Killed and injured"; event data, which has no injured,
// "Reported fatalities (all actors)".
func (w wording) killedInjured() string {
	switch w.kind {
	case data.KindMission:
		return "Civilians killed and injured"
	case data.KindEvents:
		return "Reported fatalities (all actors)"
	}
	return "Killed and injured"
}

// panelLabel heads a panel of one metric: "Killed", or "Reported
// fatalities" for event data.
func (w wording) panelLabel(m data.Metric) string {
	if w.events() && m == data.Killed {
		return "Reported fatalities"
	}
	return capitalize(m.Label())
}

// lowerBoundNote says what "at least" means for the data's source, when a
// figure drawn is one: "Each figure is a verified minimum; the true
// numbers are higher." (a source whose counts are all minimums), or the
// source's own meaning of the word for a file that marks some.
func lowerBoundNote(src data.Source) string {
	means := src.MinimumMeans
	if src.LowerBounds && means != "" {
		return "Each figure is " + means + "; the true numbers are higher."
	}
	if means == "" {
		means = "a lower bound"
	}
	return "A figure given as at least is " + means + "."
}

// chartMetric is the metric a chart of one count draws: casualties
// (killed and injured), or killed alone when the data have no injured
// figure at all, as event data (ACLED) has none.
func chartMetric(ds *data.Dataset) data.Metric {
	if sourceOf(ds).Kind == data.KindEvents {
		return data.Killed
	}
	for _, o := range ds.Obs {
		if o.Metric == data.Injured {
			return data.Casualties
		}
	}
	return data.Killed
}

// placeWords is " in Kharkiv oblast" for an area, "" for the nation.
func placeWords(in Input) string {
	if in.Area == in.Data.NationalCode() {
		return ""
	}
	return " in " + in.Data.AreaName(in.Area)
}

// pctWords rounds a percentage once, for a headline, without its sign:
// whole percent as stats words it, "less than 1%" for a real change that
// rounds to zero.
func pctWords(v float64) string {
	r := math.Round(math.Abs(v))
	if r == 0 && v != 0 {
		return "less than 1%"
	}
	return strconv.FormatFloat(r, 'f', 0, 64) + "%"
}

// findingTitle states what a comparison found, in a headline about the
// daily rate, as stats words it: only a change whose interval excludes no
// change is called a rise or a fall; one indistinguishable from noise
// ("~") is "no clear change"; a change between lower bounds is one in
// *recorded* casualties. What is counted is worded from the source (w).
// It returns "" when nothing can be said (a month is missing).
func findingTitle(w wording, c *stats.Comparison, place string) string {
	what := w.metricWords(c.Metric)
	if c.Recorded() && !w.events() {
		what = "recorded " + what
	}
	month := c.To.Label()
	switch c.Verdict {
	case stats.Rise:
		return fmt.Sprintf("%s per day%s rose %s in %s", capitalize(what), place, pctWords(c.PerDayPct.V), month)
	case stats.Fall:
		return fmt.Sprintf("%s per day%s fell %s in %s", capitalize(what), place, pctWords(c.PerDayPct.V), month)
	case stats.NoChange:
		return fmt.Sprintf("No clear change in %s per day%s in %s", what, place, month)
	case stats.TooFew:
		return fmt.Sprintf("Too few %s%s in %s to compare with %s", what, place, c.From.Label(), month)
	}
	return ""
}

// changeSubtitle words the comparison behind a title: both daily rates
// and the interval of their ratio.
func changeSubtitle(w wording, c *stats.Comparison) string {
	if c.Verdict == stats.Unavailable || c.Verdict == stats.TooFew || !c.CI.Valid {
		return ""
	}
	s := fmt.Sprintf("%s %s a day in %s against %s in %s (%s, %s interval %s to %s)",
		stats.FormatRate(c.To.PerDay), w.noun(c.Metric), c.To.Label(), stats.FormatRate(c.From.PerDay), c.From.Label(),
		stats.FormatRatioPct(c.RateRatio.V), stats.FormatLevel(c.CI.Level),
		stats.FormatRatioPct(c.CI.Low), stats.FormatRatioPct(c.CI.High))
	if c.Verdict == stats.NoChange {
		s += ", within what chance alone would give"
	}
	return s + "."
}

func chartPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// trendOver computes the trend of series s drawn from from to to. The
// chart spans the months the data give for any area (so areas' charts line
// up), but stats computes a trend only within the area's own figures: the
// months outside them are added as gaps, drawn hatched, never as zeros.
func trendOver(in Input, m data.Metric, s data.Series, from, to data.Month) (*stats.Trend, error) {
	if len(s.Points) == 0 {
		return stats.ComputeTrend(in.Data, in.Area, m, from, to, in.Options)
	}
	first, last := s.Points[0].Month, s.Points[len(s.Points)-1].Month
	tfrom, tto := from, to
	if tfrom.Before(first) {
		tfrom = first
	}
	if last.Before(tto) {
		tto = last
	}
	if tto.Before(tfrom) {
		tfrom, tto = first, last
	}
	tr, err := in.trend(m, tfrom, tto)
	if err != nil {
		return nil, err
	}
	var rows []stats.TrendRow
	for mo := from; mo.Before(tfrom); mo = mo.Add(1) {
		rows = append(rows, stats.TrendRow{Point: data.Point{Month: mo}})
	}
	rows = append(rows, tr.Rows...)
	for mo := tto.Add(1); !to.Before(mo); mo = mo.Add(1) {
		rows = append(rows, stats.TrendRow{Point: data.Point{Month: mo}})
	}
	tr.Rows = rows
	return tr, nil
}
