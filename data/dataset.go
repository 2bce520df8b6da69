package data

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// Dataset is a set of observations, every vintage of every figure, with the
// area table that names their areas and the warnings raised while loading.
// Methods never modify it; filters return new datasets.
type Dataset struct {
	Obs      []Observation
	Areas    *AreaTable
	Warnings []error
	// Files names the inputs, in the order loaded ("embedded:hrmmu.csv"
	// for the default dataset).
	Files []string
	// Format is the input format detected (or forced) for a single file.
	Format Format
	// Source is who published the figures (HRMMU, UNAMI, ACLED), the zero
	// Source for a user's file that declares none. Renderers word their
	// sentences and method text from it; see WithSource.
	Source Source

	// A view made by Latest or FirstPublished remembers the figures it was
	// picked from, so that a derived sum (casualties) can still choose parts
	// that cover the same days (see Series).
	pickedFrom *Dataset
	pickLatest bool

	// A view made by AsOf remembers the data it was cut from and the date,
	// so that a month it lacks can be told from one never published (see
	// Unpublished).
	cutFrom *Dataset
	cutAt   Date
}

// sortObs orders observations by month, area, metric, then vintage, so
// outputs are deterministic whatever order the input had.
func sortObs(obs []Observation) {
	// Sorting the indices and moving each figure once is several times
	// faster than swapping the figures themselves, which are large.
	idx := make([]int, len(obs))
	rank := make([]int, len(obs))
	for i := range obs {
		idx[i] = i
		rank[i] = metricRank(obs[i].Metric)
	}
	sort.SliceStable(idx, func(x, y int) bool {
		i, j := idx[x], idx[y]
		a, b := &obs[i], &obs[j]
		if a.Month != b.Month {
			return a.Month.Before(b.Month)
		}
		if a.Area != b.Area {
			return areaLess(a.Area, b.Area)
		}
		if rank[i] != rank[j] {
			return rank[i] < rank[j]
		}
		if a.Published != b.Published {
			return a.Published.Before(b.Published)
		}
		// Same vintage: a part-month figure sorts before the whole month.
		return a.PartMonth() && !b.PartMonth()
	})
	sorted := make([]Observation, len(obs))
	for k, i := range idx {
		sorted[k] = obs[i]
	}
	copy(obs, sorted)
}

// areaLess puts the national total first, then p-codes in order.
func areaLess(a, b string) bool {
	na, nb := len(a) == 2, len(b) == 2
	if na != nb {
		return na
	}
	return a < b
}

func metricRank(m Metric) int {
	for i, s := range StoredMetrics {
		if s == m {
			return i
		}
	}
	return len(StoredMetrics)
}

func (d *Dataset) with(obs []Observation) *Dataset {
	return &Dataset{Obs: obs, Areas: d.Areas, Warnings: d.Warnings, Files: d.Files, Source: d.Source}
}

// Filter returns the observations for which keep is true.
func (d *Dataset) Filter(keep func(Observation) bool) *Dataset {
	var out []Observation
	for _, o := range d.Obs {
		if keep(o) {
			out = append(out, o)
		}
	}
	return d.with(out)
}

// AsOf returns the data as it had been published by date: every figure
// whose publication is dated on or before it. Figures with no publication
// date are kept, since nothing says they came later.
func (d *Dataset) AsOf(date Date) *Dataset {
	v := d.Filter(func(o Observation) bool {
		return o.Published.Date.IsZero() || !o.Published.Date.After(date.Time)
	})
	v.cutFrom, v.cutAt = d, date
	return v
}

// Unpublished returns, for a view made by AsOf, the data it was cut from
// and the date it was cut at: the figures published after that date are
// there. ok is false for any other dataset.
func (d *Dataset) Unpublished() (whole *Dataset, asOf Date, ok bool) {
	if d.cutFrom == nil {
		return nil, Date{}, false
	}
	return d.cutFrom, d.cutAt, true
}

// Publications lists the publications, oldest first.
func (d *Dataset) Publications() []Publication {
	seen := map[Publication]bool{}
	var out []Publication
	for _, o := range d.Obs {
		if !seen[o.Published] {
			seen[o.Published] = true
			out = append(out, o.Published)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// LatestPublication is the newest publication in the data.
func (d *Dataset) LatestPublication() Publication {
	p := d.Publications()
	if len(p) == 0 {
		return Publication{}
	}
	return p[len(p)-1]
}

// better reports whether a is a better "latest" estimate than b: a whole
// month beats a part-month figure, then the later vintage wins.
func better(a, b Observation, latest bool) bool {
	if a.PartMonth() != b.PartMonth() {
		return !a.PartMonth()
	}
	if latest {
		return b.Published.Before(a.Published)
	}
	return a.Published.Before(b.Published)
}

func (d *Dataset) pick(latest bool) *Dataset {
	best := map[Key]int{}
	for i, o := range d.Obs {
		j, ok := best[o.Key()]
		if !ok || better(o, d.Obs[j], latest) {
			best[o.Key()] = i
		}
	}
	out := make([]Observation, 0, len(best))
	for _, i := range best {
		out = append(out, d.Obs[i])
	}
	sortObs(out)
	v := d.with(out)
	v.pickedFrom, v.pickLatest = d, latest
	return v
}

// Latest keeps one figure per month, area and metric: the latest vintage
// that covers the whole month (a month-to-date figure only when no
// whole-month figure exists). This is the current estimate. The view is
// made once and shared by later calls: do not modify it.
func (d *Dataset) Latest() *Dataset { return d.pick(true) }

// FirstPublished keeps the earliest whole-month vintage of each figure: the
// figure as first reported. Like Latest's, the view is shared.
func (d *Dataset) FirstPublished() *Dataset { return d.pick(false) }

// In returns the figures given by one publication.
func (d *Dataset) In(p Publication) *Dataset {
	return d.Filter(func(o Observation) bool { return o.Published == p })
}

// Figure returns the current estimate (see Latest) of one stored figure.
func (d *Dataset) Figure(k Key) (Observation, bool) {
	var best Observation
	found := false
	for _, o := range d.Obs {
		if o.Key() == k && (!found || better(o, best, true)) {
			best, found = o, true
		}
	}
	return best, found
}

// Span returns the first and last months with any figure (zero months for
// an empty dataset).
func (d *Dataset) Span() (first, last Month) {
	for i, o := range d.Obs {
		if i == 0 || o.Month.Before(first) {
			first = o.Month
		}
		if i == 0 || last.Before(o.Month) {
			last = o.Month
		}
	}
	return first, last
}

// AreaCodes lists the areas with figures, national first.
func (d *Dataset) AreaCodes() []string {
	seen := map[string]bool{}
	var out []string
	for _, o := range d.Obs {
		if !seen[o.Area] {
			seen[o.Area] = true
			out = append(out, o.Area)
		}
	}
	sort.Slice(out, func(i, j int) bool { return areaLess(out[i], out[j]) })
	return out
}

// Metrics lists the stored metrics with figures, in display order.
func (d *Dataset) Metrics() []Metric {
	seen := map[Metric]bool{}
	var out []Metric
	for _, o := range d.Obs {
		if !seen[o.Metric] {
			seen[o.Metric] = true
			out = append(out, o.Metric)
		}
	}
	sort.Slice(out, func(i, j int) bool { return metricRank(out[i]) < metricRank(out[j]) })
	return out
}

// AreaName returns the English name of an area code, or the code itself.
func (d *Dataset) AreaName(code string) string {
	if d.Areas != nil {
		if a, ok := d.Areas.Get(code); ok {
			return a.Name
		}
	}
	return code
}

// CountryName is the English name of the country the figures are for
// ("Ukraine", "Iraq"), from the area table; "" when it is not known.
func (d *Dataset) CountryName() string {
	if d.Areas != nil {
		return d.Areas.Country.Name
	}
	return ""
}

// NationalCode is the code of the national total ("UA").
func (d *Dataset) NationalCode() string {
	if d.Areas != nil && d.Areas.Country.Code != "" {
		return d.Areas.Country.Code
	}
	return "UA"
}

// Point is one month of a series. A month with no figure is a gap
// (Present false), never a zero.
type Point struct {
	Month     Month
	Present   bool
	Value     int64
	Qualifier Qualifier
	// Days covered by the figure: the month's length unless PartMonth.
	Days      int
	PartMonth bool
	// Published is the newest publication among the figures summed.
	Published Publication
	// Sources lists the figures the value was read from (one for a stored
	// metric, one per part for a derived one).
	Sources []Observation
}

// PerDay is the value divided by the days covered (0 for a gap).
func (p Point) PerDay() float64 {
	if !p.Present || p.Days == 0 {
		return 0
	}
	return float64(p.Value) / float64(p.Days)
}

// Series is one area's metric month by month, contiguous from its first to
// its last month with a figure; missing months are gaps.
type Series struct {
	Area   string
	Metric Metric
	Points []Point
}

// At returns the point for month m (a gap if m is outside the series).
func (s Series) At(m Month) Point {
	if len(s.Points) == 0 {
		return Point{Month: m}
	}
	i := m.Index() - s.Points[0].Month.Index()
	if i < 0 || i >= len(s.Points) {
		return Point{Month: m}
	}
	return s.Points[i]
}

// Missing lists the months of the series with no figure.
func (s Series) Missing() []Month {
	var out []Month
	for _, p := range s.Points {
		if !p.Present {
			out = append(out, p.Month)
		}
	}
	return out
}

// Series returns one area's metric from the given figures, which should
// hold one figure per key (use Latest, FirstPublished or In first).
//
// A derived metric (casualties = killed + injured) sums its parts month by
// month, and only parts that cover the same days: when the latest killed
// figure covers the whole of June 2023 but injured is known only for 1-18
// June, the sum is taken from the killed and injured figures for 1-18 June
// (a part-month figure), never from a whole-month killed plus part-month
// injured, which would fit no span of days. A month is present only when
// every part is (half a sum is not a total). The sum is a lower bound when
// any part is. On a view made by Latest or FirstPublished, the parts are
// chosen from every vintage the view was picked from, in the same order of
// preference (whole month first, then the latest or the first vintage).
func (d *Dataset) Series(area string, m Metric) Series {
	return d.series(area, m)
}

func (d *Dataset) series(area string, m Metric) Series {
	parts := m.Parts()
	derived := len(parts) > 0
	if !derived {
		parts = []Metric{m}
	}
	src, latest := d, true
	if derived && d.pickedFrom != nil {
		src, latest = d.pickedFrom, d.pickLatest
	}
	// byMonth[month][part] holds every candidate figure for that part.
	byMonth := map[Month][][]Observation{}
	for _, o := range src.Obs {
		if o.Area != area {
			continue
		}
		for i, p := range parts {
			if o.Metric == p {
				c := byMonth[o.Month]
				if c == nil {
					c = make([][]Observation, len(parts))
				}
				c[i] = append(c[i], o)
				byMonth[o.Month] = c
			}
		}
	}
	s := Series{Area: area, Metric: m}
	if len(byMonth) == 0 {
		return s
	}
	var first, last Month
	n := 0
	for mo := range byMonth {
		if n == 0 || mo.Before(first) {
			first = mo
		}
		if n == 0 || last.Before(mo) {
			last = mo
		}
		n++
	}
	for mo := first; !last.Before(mo); mo = mo.Add(1) {
		pt := Point{Month: mo}
		if obs, ok := matchingParts(byMonth[mo], latest); ok {
			pt.Present = true
			pt.Days = obs[0].Days()
			pt.PartMonth = obs[0].PartMonth()
			pt.Sources = obs
			for i, o := range obs {
				pt.Value += o.Value
				if i == 0 {
					pt.Qualifier = o.Qualifier
					pt.Published = o.Published
				} else {
					pt.Qualifier = pt.Qualifier.Combine(o.Qualifier)
					if pt.Published.Before(o.Published) {
						pt.Published = o.Published
					}
				}
			}
		}
		s.Points = append(s.Points, pt)
	}
	// Trim leading and trailing gaps left by incomplete sums.
	for len(s.Points) > 0 && !s.Points[0].Present {
		s.Points = s.Points[1:]
	}
	for len(s.Points) > 0 && !s.Points[len(s.Points)-1].Present {
		s.Points = s.Points[:len(s.Points)-1]
	}
	return s
}

// matchingParts picks one figure per part, all covering the same days:
// the whole month when every part has a whole-month figure, otherwise the
// longest span every part shares (ties to the newer vintage). Within the
// span, each part's figure is its latest (or first) vintage. ok is false
// when some part has no figure or the parts share no span.
func matchingParts(cands [][]Observation, latest bool) ([]Observation, bool) {
	if cands == nil {
		return nil, false
	}
	type span struct{ from, to int }
	var shared map[span]bool
	for i, c := range cands {
		if len(c) == 0 {
			return nil, false
		}
		here := map[span]bool{}
		for _, o := range c {
			here[span{o.FromDay, o.ToDay}] = true
		}
		if i == 0 {
			shared = here
			continue
		}
		for sp := range shared {
			if !here[sp] {
				delete(shared, sp)
			}
		}
	}
	if len(shared) == 0 {
		return nil, false
	}
	var best span
	bestDays := -1
	var bestPub Publication
	for sp := range shared {
		days := sp.to - sp.from + 1
		if sp.from == 0 && sp.to == 0 {
			days = 1 << 20 // the whole month wins
		}
		var pub Publication
		for _, o := range cands[0] {
			if (span{o.FromDay, o.ToDay}) == sp && pub.Before(o.Published) {
				pub = o.Published
			}
		}
		if days > bestDays || (days == bestDays && bestPub.Before(pub)) {
			best, bestDays, bestPub = sp, days, pub
		}
	}
	out := make([]Observation, len(cands))
	for i, c := range cands {
		found := false
		for _, o := range c {
			if (span{o.FromDay, o.ToDay}) != best {
				continue
			}
			if !found || better(o, out[i], latest) {
				out[i], found = o, true
			}
		}
	}
	return out, true
}

// LatestCommonPublication returns the newest publication that gives a
// figure for every month listed, for area and metric (every part of a
// derived metric). Comparing two months within one publication compares
// like with like: HRMMU's March 2025 update gives March and the revised
// February together.
func (d *Dataset) LatestCommonPublication(area string, m Metric, months ...Month) (Publication, bool) {
	parts := m.Parts()
	if len(parts) == 0 {
		parts = []Metric{m}
	}
	need := len(parts) * len(months)
	has := map[Publication]map[Key]bool{}
	for _, o := range d.Obs {
		if o.Area != area || o.PartMonth() {
			continue
		}
		for _, p := range parts {
			for _, mo := range months {
				if o.Metric == p && o.Month == mo {
					if has[o.Published] == nil {
						has[o.Published] = map[Key]bool{}
					}
					has[o.Published][o.Key()] = true
				}
			}
		}
	}
	var best Publication
	found := false
	for p, keys := range has {
		if len(keys) == need && (!found || best.Before(p)) {
			best, found = p, true
		}
	}
	return best, found
}

// Merge combines datasets loaded from several files. The same figure
// (month, area, metric and publication) given twice with the same value is
// kept once; given with different values it is a conflict, reported with
// both places.
func Merge(sets ...*Dataset) (*Dataset, error) {
	out := &Dataset{}
	type vk struct {
		k    Key
		p    Publication
		part bool
	}
	seen := map[vk]Observation{}
	var errs ErrorList
	first := true
	for _, s := range sets {
		if s == nil {
			continue
		}
		// The merge keeps a source (and a format) only if every part with
		// figures has it: figures from two bodies are no one body's counts.
		if len(s.Obs) > 0 {
			if first {
				out.Source, out.Format, first = s.Source, s.Format, false
			} else {
				if out.Source.ID != s.Source.ID {
					out.Source = Source{}
				}
				if out.Format != s.Format {
					out.Format = FormatAuto
				}
			}
		}
		if out.Areas == nil {
			out.Areas = s.Areas
		}
		out.Files = append(out.Files, s.Files...)
		out.Warnings = append(out.Warnings, s.Warnings...)
		for _, o := range s.Obs {
			k := vk{o.Key(), o.Published, o.PartMonth()}
			if prev, ok := seen[k]; ok {
				if prev.Value != o.Value || prev.Qualifier != o.Qualifier {
					errs.Add(Errorf(o.Pos, "value",
						"%s %s %s (%s) is %s%d here but %s%d at %s", o.Month, o.Area, o.Metric, o.Published,
						o.Qualifier.Words(), o.Value, prev.Qualifier.Words(), prev.Value, prev.Pos))
				}
				continue
			}
			seen[k] = o
			out.Obs = append(out.Obs, o)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if out.Areas == nil {
		out.Areas = Ukraine()
	}
	sortObs(out.Obs)
	return out, nil
}

// ResolveArea reads an area as a user names it on the command line (the
// --area flag): "" or the country's code or name is the national figure;
// anything else is a p-code or a spelling in the area table. A spelling
// that means two units in different conventions ("Kyiv": the city in
// OCHA's names, the oblast in ACLED's) is refused with the p-codes to
// choose from, since nothing on a command line says which convention
// is meant.
func (d *Dataset) ResolveArea(s string) (string, error) {
	s = strings.TrimSpace(s)
	nat := d.NationalCode()
	if s == "" || strings.EqualFold(s, nat) {
		return nat, nil
	}
	if d.Areas == nil {
		return "", fmt.Errorf("%q: the data have no area table to read area names with", s)
	}
	if strings.EqualFold(s, d.Areas.Country.Name) {
		return nat, nil
	}
	a, err := d.Areas.LookupIn(s, ConventionUnknown)
	if err != nil {
		return "", err
	}
	return a.Code, nil
}

// maxNamedFiles is the most input files NameFiles names one by one.
const maxNamedFiles = 5

// NameFiles names a dataset's input files for people: each file when there
// are few, else their number and the folder they share ("44 publication
// files in store/publications"), or the first and last. A store of
// publications thus never makes an output (the workbook's About sheet,
// metadata.json) grow with the store.
func NameFiles(files []string) string {
	if len(files) <= maxNamedFiles {
		return strings.Join(files, ", ")
	}
	dir := filepath.Dir(files[0])
	for _, f := range files[1:] {
		if filepath.Dir(f) != dir {
			dir = ""
			break
		}
	}
	if dir != "" && dir != "." {
		return fmt.Sprintf("%d publication files in %s", len(files), dir)
	}
	return fmt.Sprintf("%d files, from %s to %s", len(files), files[0], files[len(files)-1])
}
