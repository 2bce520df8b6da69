// Package chart draws the charts casualty publishes, with gonum/plot: New
// lays a chart of a Kind out from an Input, Draw draws it on any vg
// canvas, WriterTo and Write render it as PNG, SVG or PDF, and DrawAll
// draws PNG and SVG from one layout for a report. PNGs are drawn on the
// fast raster canvas of internal/raster, held to gonum/plot's own vgimg
// pixel by pixel. The same chart always gives the same SVG and PDF bytes.
package chart

import (
	"fmt"
	"image/color"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// Kind names one of the charts casualty draws.
type Kind string

// The charts. Each can be drawn for the national series or any area, over
// any range of months.
const (
	// Monthly: killed and injured per month, in two aligned panels
	// with their own scales, so killed stays legible beside the injured
	// count (about five times larger).
	Monthly Kind = "monthly"
	// PerDay: casualties per day with the 3-month rolling mean, so
	// that month length does not mislead.
	PerDay Kind = "per-day"
	// Change: the change on the previous month of the per-day rate,
	// with its interval; changes indistinguishable from noise are muted.
	Change Kind = "change"
	// Cumulative: killed and injured added up since the first month.
	Cumulative Kind = "cumulative"
	// Areas: a heat map of months × areas and small multiples of the
	// areas with most casualties.
	Areas Kind = "areas"
	// SameMonth: the latest month against the same month of earlier
	// years.
	SameMonth Kind = "same-month"
)

// Kinds lists every chart, in the order a report shows them.
var Kinds = []Kind{Monthly, PerDay, Change, Cumulative, Areas, SameMonth}

// ParseKind reads a chart name as the command line gives it.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	hint := ""
	if n := data.Nearest(s, names); n != "" {
		hint = fmt.Sprintf("; did you mean %s?", n)
	}
	return "", fmt.Errorf("unknown chart %q%s (charts: %s)", s, hint, strings.Join(names, ", "))
}

// Input is what a chart is drawn from.
type Input struct {
	// Data holds every vintage of the figures; charts draw each month's
	// latest estimate and take statistics from package stats.
	Data *data.Dataset
	// Area is the area code; "" is the national total. The areas chart
	// draws every area and ignores it.
	Area string
	// From and To bound the months drawn; zero months mean the first and
	// last months with figures.
	From, To data.Month
	// Month is the month the title's finding is about (the month compared
	// with the one before, or with the same month of earlier years); zero
	// means the last month drawn.
	Month data.Month
	// Options are the statistics options; the zero value means
	// stats.DefaultOptions().
	Options stats.Options
	// TopAreas is how many areas the areas chart draws as small
	// multiples; 0 means 6.
	TopAreas int

	// latest is Data.Latest(), made once by New for the whole chart (or
	// by Share for all of them): the view is built anew at each call, and
	// a chart asks for it per series, area and month.
	latest *data.Dataset
	// shared, set by Share, holds what the charts of one input compute
	// alike.
	shared *shared
}

// Share returns in made ready to build several charts (New, at once on
// several goroutines): they share the current estimates and the
// statistics more than one of them states (the trend of the per-day and
// change charts, the comparison with the month before), computed once.
// The charts are those New gives for in.
func Share(in Input) Input {
	if in.Data != nil {
		in.latest = in.Data.Latest()
	}
	in.shared = &shared{trends: map[sharedKey]*sharedTrend{}, comparisons: map[sharedKey]*sharedComparison{}, gaps: map[sharedKey]*sharedGap{}}
	return in
}

// shared holds the statistics computed for the charts of one input.
type shared struct {
	mu          sync.Mutex
	trends      map[sharedKey]*sharedTrend
	comparisons map[sharedKey]*sharedComparison
	gaps        map[sharedKey]*sharedGap
}

type sharedGap struct {
	once sync.Once
	g    *stats.GapError
}

// gap is stats.Gap for the input's area, computed once when shared (every
// chart asks it of the month it is about). The error is only read.
func (in Input) gap(m data.Metric, month data.Month) *stats.GapError {
	if in.shared == nil {
		return stats.Gap(in.Data, in.Area, m, month)
	}
	k := sharedKey{m, month, month}
	in.shared.mu.Lock()
	g := in.shared.gaps[k]
	if g == nil {
		g = &sharedGap{}
		in.shared.gaps[k] = g
	}
	in.shared.mu.Unlock()
	g.once.Do(func() { g.g = stats.Gap(in.Data, in.Area, m, month) })
	return g.g
}

// sharedKey names a statistic of the input's area: its metric and months
// (for a comparison, the month compared with the one before).
type sharedKey struct {
	m        data.Metric
	from, to data.Month
}

type sharedTrend struct {
	once sync.Once
	tr   *stats.Trend
	err  error
}

type sharedComparison struct {
	once sync.Once
	c    *stats.Comparison
	err  error
}

// trend is stats.ComputeTrend for the input, computed once when shared.
// The trend returned is the caller's to change (its rows are not).
func (in Input) trend(m data.Metric, from, to data.Month) (*stats.Trend, error) {
	if in.shared == nil {
		return stats.ComputeTrend(in.Data, in.Area, m, from, to, in.Options)
	}
	k := sharedKey{m, from, to}
	in.shared.mu.Lock()
	t := in.shared.trends[k]
	if t == nil {
		t = &sharedTrend{}
		in.shared.trends[k] = t
	}
	in.shared.mu.Unlock()
	t.once.Do(func() { t.tr, t.err = stats.ComputeTrend(in.Data, in.Area, m, from, to, in.Options) })
	if t.err != nil {
		return nil, t.err
	}
	c := *t.tr
	return &c, nil
}

// compare is stats.Compare of month with the month before, for the
// input, computed once when shared. The comparison returned is the
// caller's to change.
func (in Input) compare(m data.Metric, month data.Month) (*stats.Comparison, error) {
	prev := stats.Period{From: month.Add(-1), To: month.Add(-1)}
	if in.shared == nil {
		return stats.Compare(in.Data, in.Area, m, prev, stats.Period{From: month, To: month}, in.Options)
	}
	k := sharedKey{m, month, month}
	in.shared.mu.Lock()
	c := in.shared.comparisons[k]
	if c == nil {
		c = &sharedComparison{}
		in.shared.comparisons[k] = c
	}
	in.shared.mu.Unlock()
	c.once.Do(func() {
		c.c, c.err = stats.Compare(in.Data, in.Area, m, prev, stats.Period{From: month, To: month}, in.Options)
	})
	if c.err != nil {
		return nil, c.err
	}
	cp := *c.c
	return &cp, nil
}

// current returns the data's current estimates (Data.Latest()), made
// once per chart by New.
func (in Input) current() *data.Dataset {
	if in.latest != nil {
		return in.latest
	}
	return in.Data.Latest()
}

// Chart is a finished chart: a title stating the finding, a subtitle
// saying what is drawn, a key, sections of aligned panels, notes and the
// source. It draws itself on any gonum/plot canvas (see Draw), and
// Write renders it as PNG, SVG or PDF.
type Chart struct {
	Kind     Kind
	Title    string
	Subtitle string
	Key      []KeyItem
	Sections []Section
	// Notes explain what a reader could misread: gaps, part months,
	// intervals, lower bounds. Gaps take at most three of them, summarised
	// when many series have gaps in different months.
	Notes []string
	// Missing lists in full the months with no figure of each series
	// drawn (area or metric), which Notes may only summarise: for a
	// report's notes and a workbook's Notes sheet (see MissingNotes).
	Missing []Missing
	// Source names the publications and their date.
	Source string
	// Width and Height are the published size (the PNG's pixel size is
	// this size times the DPI).
	Width, Height vg.Length
}

// MissingNotes words Missing, one sentence per series with a gap:
// "Kyiv: no figure for March–December 2025 (10 of 15 months)." It is
// empty when every series has a figure for every month drawn.
func (ch *Chart) MissingNotes() []string {
	var out []string
	for _, m := range ch.Missing {
		out = append(out, m.String()+".")
	}
	return out
}

// Section is a block of panels whose data areas are aligned: the
// two panels of the monthly chart, the heat map, a grid of small
// multiples.
type Section struct {
	Heading string
	// Panels are rows of plots; a nil plot leaves its cell empty.
	Panels [][]*plot.Plot
	// Labels head the panels, left-aligned over each data area (same
	// shape as Panels; "" for none).
	Labels [][]string
	// LabelColors colour the labels (nil: the text colour).
	LabelColors [][]color.Color
	// Weight is the section's share of the height left for panels.
	Weight float64
}

// KeyShape is how a key item is drawn.
type KeyShape int

// Key shapes.
const (
	KeyBar KeyShape = iota
	KeyLine
	KeyDot
)

// KeyItem is one entry of a chart's key.
type KeyItem struct {
	Label  string
	Color  color.Color
	Shape  KeyShape
	Dashes []vg.Length
}

// New builds the chart of the given kind. It fails, with a message
// naming what is missing, when the data has no figures for the area,
// metric or months asked for.
func New(kind Kind, in Input) (*Chart, error) {
	if in.Data == nil {
		return nil, fmt.Errorf("chart: no data")
	}
	if in.Options.Level == 0 {
		in.Options = stats.DefaultOptions()
	}
	if in.Area == "" {
		in.Area = in.Data.NationalCode()
	}
	if in.TopAreas <= 0 {
		in.TopAreas = 6
	}
	if in.latest == nil {
		in.latest = in.Data.Latest()
	}
	if !in.From.IsZero() && !in.To.IsZero() && in.To.Before(in.From) {
		return nil, fmt.Errorf("chart: the range %s..%s ends before it starts", in.From, in.To)
	}
	if !in.Month.IsZero() && (!in.From.IsZero() && in.Month.Before(in.From) || !in.To.IsZero() && in.To.Before(in.Month)) {
		return nil, fmt.Errorf("chart: the month %s is outside the months drawn (%s..%s)", in.Month, in.From, in.To)
	}
	var build func(Input) (*Chart, error)
	switch kind {
	case Monthly:
		build = monthlyChart
	case PerDay:
		build = perDayChart
	case Change:
		build = changeChart
	case Cumulative:
		return cumulativeChart(in)
	case Areas:
		return areasChart(in)
	case SameMonth:
		build = sameMonthChart
	default:
		_, err := ParseKind(string(kind))
		return nil, err
	}
	ch, err := build(in)
	if err != nil {
		return nil, err
	}
	sayGap(ch, in)
	return ch, nil
}

// sayGap heads a chart asked about a month with no casualty figure (a
// gap inside the data, a month not yet published as of the data's date)
// with that fact and its reason, from stats.Gap, instead of a title that
// quietly speaks of something else. The month itself is drawn hatched,
// never as zero.
func sayGap(ch *Chart, in Input) {
	if in.Month.IsZero() {
		return
	}
	m := chartMetric(in.Data)
	g := in.gap(m, in.Month)
	if g == nil {
		return
	}
	why := capitalize(g.Error())
	ch.Title = fmt.Sprintf("No %s figure for %s%s", wordsOf(in.Data).figureWord(m), in.Month.Label(), placeWords(in))
	ch.Subtitle = why + ". " + ch.Subtitle
}
