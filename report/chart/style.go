package chart

import (
	"image/color"
	"math"
	"strconv"
	"strings"
	"sync"

	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/casualty-tool/casualty/data"
)

// This file is the house style every chart shares: one sans face, one
// palette, one way of drawing month axes, count axes and grids. Charts set
// styles explicitly rather than changing gonum/plot's package defaults
// (plot.DefaultFont is serif), so nothing global changes under other code.

// chartFace is the Liberation Sans face gonum/plot embeds: metrically
// compatible with Arial, so text measures the same in every format.
var chartFace = font.Font{Typeface: "Liberation", Variant: "Sans"}

// Type sizes, in points, for a chart published about 7 inches wide.
const (
	sizeTitle    = 13
	sizeSubtitle = 9.5
	sizePanel    = 9
	sizeTick     = 8
	sizeLegend   = 8.5
	sizeCaption  = 7
)

// The palette is Okabe and Ito's, chosen to be told apart by readers with
// any common colour-vision deficiency; the pair used side by side (killed,
// injured) also differ in lightness so they stay distinct in greyscale
// print.
var (
	colKilled    = rgb(0xD5, 0x5E, 0x00) // vermillion
	colInjured   = rgb(0x00, 0x72, 0xB2) // blue
	colTotal     = rgb(0x56, 0xB4, 0xE9) // sky blue: bars under a darker line
	colLine      = rgb(0x1A, 0x1A, 0x1A) // near black: rolling means
	colRise      = rgb(0xD5, 0x5E, 0x00) // vermillion
	colFall      = rgb(0x00, 0x72, 0xB2) // blue
	colMuted     = rgb(0xB8, 0xB8, 0xB8) // "~": indistinguishable from noise
	colEarlier   = rgb(0xA6, 0xA6, 0xA6) // earlier years beside the latest
	colText      = rgb(0x1A, 0x1A, 0x1A)
	colSecondary = rgb(0x59, 0x59, 0x59) // subtitles, captions, tick labels
	colGrid      = rgb(0xDD, 0xDD, 0xDD)
	colAxis      = rgb(0x33, 0x33, 0x33)
	colGap       = rgb(0xEE, 0xEE, 0xEE) // months with no figure
	colGapHatch  = rgb(0xC8, 0xC8, 0xC8)
)

// heatColors is a sequential single-hue scale (light to dark blue, from
// ColorBrewer's Blues): lightness rises monotonically, so it reads in
// greyscale and for colour-blind readers.
var heatColors = []color.RGBA{
	rgb(0xDE, 0xEB, 0xF7), rgb(0xC6, 0xDB, 0xEF), rgb(0x9E, 0xCA, 0xE1),
	rgb(0x6B, 0xAE, 0xD6), rgb(0x42, 0x92, 0xC6), rgb(0x21, 0x71, 0xB5),
	rgb(0x08, 0x45, 0x94),
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 0xFF} }

// textStyle is a house text style.
func textStyle(size float64, bold bool, c color.Color) text.Style {
	f := chartFace
	f.Size = font.Length(size)
	if bold {
		f.Weight = stdfont.WeightBold
	}
	return text.Style{Color: c, Font: f, Handler: measured, XAlign: draw.XLeft, YAlign: draw.YTop}
}

// measured is the text handler of every chart: gonum/plot's own
// (plot.DefaultTextHandler), with each text's box remembered by text and
// face. gonum/plot measures each tick label several times while it lays
// an axis out, and a box is measured glyph by glyph with a fresh glyph
// buffer each time: that was a twentieth of a report's CPU time. The box
// of a text in a face never changes, so the remembered box is the one
// measuring again would give, and the drawing is the same.
var measured = &measuredText{Handler: plot.DefaultTextHandler, boxes: map[measuredKey]measuredBox{}}

// maxMeasured bounds how many boxes measured remembers: a long-running
// process drawing charts of ever new labels forgets them all and starts
// again rather than growing without end.
const maxMeasured = 1 << 14

type measuredText struct {
	text.Handler
	mu    sync.Mutex
	boxes map[measuredKey]measuredBox
}

type measuredKey struct {
	txt string
	fnt font.Font
}

type measuredBox struct{ width, height, depth vg.Length }

// Box returns the text's box as the wrapped handler measures it.
func (h *measuredText) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	k := measuredKey{txt, fnt}
	h.mu.Lock()
	b, ok := h.boxes[k]
	h.mu.Unlock()
	if ok {
		return b.width, b.height, b.depth
	}
	b.width, b.height, b.depth = h.Handler.Box(txt, fnt)
	h.mu.Lock()
	if len(h.boxes) >= maxMeasured {
		clear(h.boxes)
	}
	h.boxes[k] = b
	h.mu.Unlock()
	return b.width, b.height, b.depth
}

// newPlot returns a plot in the house style: sans text, no axis line or
// tick marks on the value axis (the grid does that work), a thin base line
// on the month axis, and the data drawn flush against the axes.
func newPlot() *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle = textStyle(sizeTick, false, colSecondary)
		a.Tick.Label = textStyle(sizeTick, false, colSecondary)
		a.Tick.LineStyle = draw.LineStyle{Color: colAxis, Width: vg.Points(0.5)}
		a.LineStyle = draw.LineStyle{Color: colAxis, Width: vg.Points(0.5)}
		a.Padding = 0
	}
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.Y.LineStyle.Width = 0
	p.Y.Tick.Length = vg.Points(3) // room between labels and data, no mark
	p.Y.Tick.LineStyle.Width = 0
	p.X.Tick.Length = vg.Points(4)
	p.Title.TextStyle = textStyle(sizePanel, true, colText)
	p.Title.Padding = vg.Points(4)
	p.Legend.TextStyle = textStyle(sizeLegend, false, colText)
	return p
}

// addGrid draws light horizontal lines at the value ticks, under the data.
func addGrid(p *plot.Plot) {
	g := plotter.NewGrid()
	g.Vertical.Color = nil
	g.Horizontal = draw.LineStyle{Color: colGrid, Width: vg.Points(0.5)}
	p.Add(g)
}

// monthX is the x coordinate of the start of month m: month boundaries
// fall on whole numbers, and a month's bar spans [monthX(m), monthX(m)+1].
func monthX(m data.Month) float64 { return float64(m.Index()) }

// setMonthAxis spans the x axis over whole months from..to and marks every
// month boundary: a labelled tick at each quarter (or each month for short
// spans, each year for long ones), minor ticks between.
func setMonthAxis(p *plot.Plot, from, to data.Month) {
	p.X.Min, p.X.Max = monthX(from), monthX(to)+1
	p.X.Tick.Marker = monthTicks{}
}

// monthTicks marks month boundaries between min and max. every fixes the
// months between labels (12: years only, for small panels); 0 picks it
// from the span.
type monthTicks struct{ every int }

// Ticks labels quarters ("Apr", "Jul", "Oct", and "Jan" with its year on
// a second line), so a 4-year span carries 16 short labels that fit
// without overlapping; spans over 6 years label years. A span of a year
// or less labels every month under the middle of its bar, with the
// boundaries as minor ticks.
func (t monthTicks) Ticks(min, max float64) []plot.Tick {
	lo, hi := int(math.Ceil(min-1e-9)), int(math.Floor(max+1e-9))
	span := hi - lo
	every := t.every
	switch {
	case every > 0:
	case span <= 12:
		return monthCentreTicks(lo, hi)
	case span > 72:
		every = 12
	default:
		every = 3 // label quarters
	}
	var ticks []plot.Tick
	yearShown := false
	for i := lo; i <= hi; i++ {
		m := data.MonthFromIndex(i)
		t := plot.Tick{Value: float64(i)}
		if (int(m.Month)-1)%every == 0 {
			t.Label = m.Month.String()[:3]
			if every == 12 {
				t.Label = strconv.Itoa(m.Year)
			} else if m.Month == 1 || !yearShown {
				t.Label += "\n" + strconv.Itoa(m.Year)
			} else {
				t.Label += "\n "
			}
			yearShown = true
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// monthCentreTicks marks the month boundaries lo..hi with minor ticks and
// labels each month under its middle, the year under the first month and
// under each January.
func monthCentreTicks(lo, hi int) []plot.Tick {
	var ticks []plot.Tick
	for i := lo; i <= hi; i++ {
		ticks = append(ticks, plot.Tick{Value: float64(i)})
		if i == hi {
			break
		}
		m := data.MonthFromIndex(i)
		label := m.Month.String()[:3] + "\n "
		if i == lo || m.Month == 1 {
			label = m.Month.String()[:3] + "\n" + strconv.Itoa(m.Year)
		}
		ticks = append(ticks, plot.Tick{Value: float64(i) + 0.5, Label: label})
	}
	return ticks
}

// countTicks places round, labelled ticks every step (a round step for
// the span when 0), written with thousands separators.
type countTicks struct {
	decimals int
	step     float64
}

func (t countTicks) Ticks(min, max float64) []plot.Tick {
	step := t.step
	if step <= 0 {
		step = niceStep(max - min)
	}
	var ticks []plot.Tick
	for v := math.Ceil(min/step-1e-9) * step; v <= max+step*1e-9; v += step {
		ticks = append(ticks, plot.Tick{Value: v, Label: formatTickNumber(v, t.decimals)})
	}
	return ticks
}

// setCountAxis starts the value axis at zero and ends it on the first
// round tick at or above max, so the grid closes over the data.
func setCountAxis(p *plot.Plot, max float64, decimals int) {
	top, step := niceScale(max)
	p.Y.Min, p.Y.Max = 0, top
	p.Y.Tick.Marker = countTicks{decimals: decimals, step: step}
}

// niceScale picks the axis top and tick step for values up to max: a
// round step (1, 2, 2.5 or 5 times a power of ten) giving 3 to 6
// intervals, choosing the one that wastes the least height.
func niceScale(max float64) (top, step float64) {
	if max <= 0 || math.IsNaN(max) || math.IsInf(max, 0) {
		return 1, 0.25
	}
	best := math.Inf(1)
	mag := math.Pow(10, math.Floor(math.Log10(max/6)))
	for _, m := range []float64{mag, mag * 10} {
		for _, f := range []float64{1, 2, 2.5, 5} {
			st := f * m
			n := math.Ceil(max/st - 1e-9)
			if n < 3 || n > 6 {
				continue
			}
			if t := n * st; t < best {
				best, top, step = t, t, st
			}
		}
	}
	if step == 0 { // unreachable for positive max; kept for safety
		step = niceStep(max)
		top = math.Ceil(max/step) * step
	}
	return top, step
}

// niceStep is a round step (1, 2, 2.5 or 5 times a power of ten) giving
// about four intervals over span.
func niceStep(span float64) float64 {
	if span <= 0 {
		return 1
	}
	raw := span / 4
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, f := range []float64{1, 2, 2.5, 5, 10} {
		if f*mag >= raw {
			return f * mag
		}
	}
	return 10 * mag
}

// formatTickNumber writes an axis value with thousands separators and a
// fixed number of decimals, and never "-0".
func formatTickNumber(v float64, decimals int) string {
	if math.Abs(v) < 0.5*math.Pow(10, -float64(decimals)) {
		v = 0
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	out := groupDigits(intPart)
	if frac != "" {
		out += "." + frac
	}
	if v < 0 {
		out = "−" + out // a true minus sign, as wide as a plus
	}
	return out
}

// groupDigits puts commas between groups of three digits: 12345 → 12,345.
func groupDigits(digits string) string {
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// chartInt writes a count with thousands separators (12,345), exactly:
// it never goes through a float.
func chartInt(n int64) string {
	if n < 0 {
		return "−" + groupDigits(strconv.FormatInt(-n, 10))
	}
	return groupDigits(strconv.FormatInt(n, 10))
}
