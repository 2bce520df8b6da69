package chart

import (
	"bytes"
	"image/png"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"

	"github.com/casualty-tool/casualty/internal/golden"
	"github.com/casualty-tool/casualty/internal/synth"
)

func month(y int, m time.Month) data.Month { return data.NewMonth(y, m) }

// chartCases are the charts under test: every kind on the embedded data,
// except the areas chart, which needs figures by area and is drawn from
// areaData.
func chartCases() []struct {
	kind Kind
	in   Input
} {
	ds := data.Default()
	return []struct {
		kind Kind
		in   Input
	}{
		{Monthly, Input{Data: ds}},
		{PerDay, Input{Data: ds}},
		{Change, Input{Data: ds}},
		{Cumulative, Input{Data: ds}},
		{Areas, Input{Data: synth.Areas()}},
		{SameMonth, Input{Data: ds}},
	}
}

// goldenChart compares got with testdata/charts/name (see golden.Check).
func goldenChart(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "charts", name), got)
}

func mustChart(t testing.TB, kind Kind, in Input) *Chart {
	t.Helper()
	c, err := New(kind, in)
	if err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	return c
}

func render(t testing.TB, c *Chart, format string, opt WriteOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, c, format, opt); err != nil {
		t.Fatalf("%s %s: %v", c.Kind, format, err)
	}
	return b.Bytes()
}

// TestChartGolden draws every chart as SVG and compares it with its
// golden file. The golden files leave the fonts out (LinkFonts) so they
// stay small and readable; TestChartSVGEmbedsFonts checks that the
// published SVG is the same drawing with the fonts added.
func TestChartGolden(t *testing.T) {
	for _, tc := range chartCases() {
		t.Run(string(tc.kind), func(t *testing.T) {
			c := mustChart(t, tc.kind, tc.in)
			goldenChart(t, string(tc.kind)+".svg", render(t, c, "svg", WriteOptions{LinkFonts: true}))
			// The PNG beside it, at screen resolution, so that a change to
			// a chart shows in review as a picture. Raster output may move
			// by rounding from one version of the libraries to the next: a
			// channel by 2 of 255 in 1% of the pixels passes.
			img, err := png.Decode(bytes.NewReader(render(t, c, "png", WriteOptions{DPI: 96})))
			if err != nil {
				t.Fatal(err)
			}
			golden.CheckImage(t, filepath.Join("testdata", "charts", string(tc.kind)+".png"), img, golden.Tolerance{Channel: 2, Fraction: 0.01})
		})
	}
}

// TestChartSVGEmbedsFonts checks the published SVG: the same bytes on
// every run (a fresh chart each time, so no state leaks between runs),
// Liberation Sans embedded, and the drawing itself identical to the
// golden file's.
func TestChartSVGEmbedsFonts(t *testing.T) {
	for _, tc := range chartCases() {
		t.Run(string(tc.kind), func(t *testing.T) {
			a := render(t, mustChart(t, tc.kind, tc.in), "svg", WriteOptions{})
			b := render(t, mustChart(t, tc.kind, tc.in), "svg", WriteOptions{})
			if !bytes.Equal(a, b) {
				t.Fatal("two renderings of the same data differ")
			}
			s := string(a)
			if !strings.Contains(s, "@font-face") || !strings.Contains(s, `font-family:"Liberation Sans"`) {
				t.Error("the SVG does not embed Liberation Sans")
			}
			if strings.Contains(s, "Liberation Serif") || strings.Contains(s, "Times") {
				t.Error("the SVG uses a serif face; the house face is Liberation Sans")
			}
			linked := string(render(t, mustChart(t, tc.kind, tc.in), "svg", WriteOptions{LinkFonts: true}))
			_, body, ok := strings.Cut(s, "</defs>\n")
			if !ok {
				t.Fatal("no <defs> block in the SVG")
			}
			if !strings.HasSuffix(linked, body) {
				t.Error("the SVG with fonts embedded draws something other than the SVG without")
			}
		})
	}
}

// TestChartPNG decodes every PNG written and checks its size: the chart's
// size in inches times the DPI, rounded to whole pixels.
func TestChartPNG(t *testing.T) {
	for _, tc := range chartCases() {
		c := mustChart(t, tc.kind, tc.in)
		for _, dpi := range []int{0, 96} {
			b := render(t, c, "png", WriteOptions{DPI: dpi})
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s at %d dpi: the PNG does not decode: %v", tc.kind, dpi, err)
			}
			d := dpi
			if d == 0 {
				d = DefaultDPI
			}
			// 7 in × 192 dpi = 1344 px; 7 in × 96 dpi = 672 px.
			wantW := int(float64(c.Width/vg.Inch)*float64(d) + 0.5)
			wantH := int(float64(c.Height/vg.Inch)*float64(d) + 0.5)
			if got := img.Bounds().Size(); got.X != wantW || got.Y != wantH {
				t.Errorf("%s at %d dpi: PNG is %dx%d, want %dx%d", tc.kind, dpi, got.X, got.Y, wantW, wantH)
			}
		}
	}
	// The monthly chart is 7 × 5 inches: 1344 × 960 pixels at the default
	// 192 dpi.
	c := mustChart(t, Monthly, Input{Data: data.Default()})
	img, err := png.Decode(bytes.NewReader(render(t, c, "png", WriteOptions{})))
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got.X != 1344 || got.Y != 960 {
		t.Errorf("monthly PNG is %dx%d, want 1344x960", got.X, got.Y)
	}
}

// TestChartPDF writes every chart as PDF: a well-formed file with one
// embedded face (Liberation Sans, regular: gonum/plot's PDF writer cannot
// draw bold), whatever characters the text holds.
func TestChartPDF(t *testing.T) {
	for _, tc := range chartCases() {
		b := render(t, mustChart(t, tc.kind, tc.in), "pdf", WriteOptions{})
		if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[len(b)-32:], []byte("%%EOF")) {
			t.Errorf("%s: not a complete PDF", tc.kind)
		}
		if n := bytes.Count(b, []byte("/BaseFont /LiberationSans")); n != 1 {
			t.Errorf("%s: %d font faces in the PDF, want exactly one (Liberation Sans)", tc.kind, n)
		}
	}
	// A title outside Windows-1252 (Cyrillic, a true minus) still writes.
	c := mustChart(t, PerDay, Input{Data: data.Default()})
	c.Title = "Київ − test ≥ 5"
	if b := render(t, c, "pdf", WriteOptions{}); !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Error("a title outside Windows-1252 broke the PDF")
	}
}

// TestChartPDFNeedsTempDir: gonum/plot's PDF writer panics without a
// writable temporary folder; Write says what to do instead.
func TestChartPDFNeedsTempDir(t *testing.T) {
	c := mustChart(t, SameMonth, Input{Data: data.Default()})
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	err := Write(&bytes.Buffer{}, c, "pdf", WriteOptions{})
	if err == nil || !strings.Contains(err.Error(), "writable temporary folder (set TMPDIR)") {
		t.Errorf("err = %v, want one asking for a writable temporary folder", err)
	}
}

func TestToWindows1252(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"Feb–Mar", "Feb\x96Mar"}, // en dash is 0x96 in Windows-1252
		{"−12%", "-12%"},          // U+2212 minus has no code: a hyphen
		{"≥ 5", ">= 5"},
		{"Київ", "????"},
		{"café", "caf\xe9"},
	} {
		if got := toWindows1252(tc.in); got != tc.want {
			t.Errorf("toWindows1252(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestChartTitles checks the finding each title states, against
// comparisons worked by hand from data/hrmmu.csv.
func TestChartTitles(t *testing.T) {
	ds := data.Default()
	for _, tc := range []struct {
		kind Kind
		in   Input
		want string
	}{
		// HRMMU update 2025-04-09 gives March 2025 (164 killed + 910
		// injured = 1074) and February revised (129 + 588 = 717): per day
		// 1074/31 ÷ 717/28 = 34.645 ÷ 25.607 = 1.353, +35%. The counts
		// are "at least", so the casualties are "recorded".
		{Monthly, Input{Data: ds, Month: month(2025, 3)}, "Recorded civilian casualties per day rose 35% in March 2025"},
		{PerDay, Input{Data: ds, To: month(2025, 3)}, "Recorded civilian casualties per day rose 35% in March 2025"},
		// January 2026: 161 + 757 = 918 against December 2025's 157 + 888
		// = 1045, both 31 days: 918/1045 = 0.8785, −12%.
		{Change, Input{Data: ds}, "Recorded civilian casualties per day fell 12% in January 2026"},
		// January 2026 against January 2025: the interval of the ratio
		// contains 1, so it is "no clear change", never a rise.
		{SameMonth, Input{Data: ds}, "No clear change in recorded civilian casualties per day in January 2026 from a year earlier"},
	} {
		c := mustChart(t, tc.kind, tc.in)
		if c.Title != tc.want {
			t.Errorf("%s title:\n got %q\nwant %q", tc.kind, c.Title, tc.want)
		}
	}
}

// TestCumulativeTitle checks the totals the cumulative chart states,
// worked by hand from the latest vintages in data/hrmmu.csv.
func TestCumulativeTitle(t *testing.T) {
	ds := data.Default()
	// January–March 2024: killed 158 + 153 + 129 = 440, injured
	// 483 + 359 + 498 = 1,340; January's are "at least", so the sums are.
	c := mustChart(t, Cumulative, Input{Data: ds, From: month(2024, 1), To: month(2024, 3)})
	if want := "At least 440 civilians killed and 1,340 injured, Jan 2024–Mar 2024"; c.Title != want {
		t.Errorf("title %q, want %q", c.Title, want)
	}
	// Across the gap of September 2023 the solid totals stop; the title
	// gives the sum of the months with figures, a lower bound, and the key
	// says so.
	c = mustChart(t, Cumulative, Input{Data: ds, From: month(2023, 8), To: month(2023, 11)})
	if !strings.HasPrefix(c.Title, "At least ") || len(c.Key) != 3 {
		t.Errorf("across a gap: title %q, %d key items; want a lower bound and the dashed line in the key", c.Title, len(c.Key))
	}
}

// TestFindingTitleNeverCallsNoiseARise builds comparisons by hand: only
// a verdict of Rise or Fall gives "rose" or "fell", whatever the raw
// percentage says.
func TestFindingTitleNeverCallsNoiseARise(t *testing.T) {
	base := stats.Comparison{Metric: data.Casualties}
	base.From.Period = stats.Period{From: month(2025, 2), To: month(2025, 2)}
	base.To.Period = stats.Period{From: month(2025, 3), To: month(2025, 3)}
	base.To.Qualifier = data.AtLeast
	for _, tc := range []struct {
		verdict stats.Verdict
		pct     float64
		want    string
	}{
		{stats.Rise, 35.3, "Recorded civilian casualties per day rose 35% in March 2025"},
		{stats.Fall, -12.2, "Recorded civilian casualties per day fell 12% in March 2025"},
		{stats.Rise, 0.3, "Recorded civilian casualties per day rose less than 1% in March 2025"},
		{stats.NoChange, 48, "No clear change in recorded civilian casualties per day in March 2025"},
		{stats.TooFew, 300, "Too few recorded civilian casualties in February 2025 to compare with March 2025"},
		{stats.Unavailable, 0, ""},
	} {
		c := base
		c.Verdict = tc.verdict
		c.PerDayPct = stats.Value{V: tc.pct, Valid: true}
		if got := findingTitle(wording{kind: data.KindMission}, &c, ""); got != tc.want {
			t.Errorf("%v %.1f%%: %q, want %q", tc.verdict, tc.pct, got, tc.want)
		}
	}
}

// TestAreasChart checks the areas chart on a small dataset worked by
// hand, and that national-only data gives a clear error.
func TestAreasChart(t *testing.T) {
	pub := data.Publication{Name: "Test", Date: data.Date{Time: time.Date(2025, 4, 5, 0, 0, 0, 0, time.UTC)}}
	var obs []data.Observation
	add := func(m data.Month, area string, k, i int64) {
		obs = append(obs,
			data.Observation{Month: m, Area: area, Metric: data.Killed, Value: k, Published: pub},
			data.Observation{Month: m, Area: area, Metric: data.Injured, Value: i, Published: pub})
	}
	for _, m := range []data.Month{month(2025, 2), month(2025, 3)} {
		add(m, "UA", 40, 160)  // 200 casualties
		add(m, "UA14", 20, 80) // Donetska: 100, half the national total
		add(m, "UA63", 10, 50) // Kharkivska: 60
	}
	ds := &data.Dataset{Obs: obs, Areas: data.Ukraine()}
	c := mustChart(t, Areas, Input{Data: ds})
	// March 2025: Donetska 100 of 200 = 50%.
	// The file names no source, so the chart does not call them civilians.
	if want := "Donetska recorded the most casualties in March 2025, 50% of the national total"; c.Title != want {
		t.Errorf("title %q, want %q", c.Title, want)
	}
	// Two months × 100 = 200 for Donetska; × 60 = 120 for Kharkivska,
	// largest first.
	labels := c.Sections[1].Labels[0]
	if len(labels) != 2 || labels[0] != "Donetska: 200" || labels[1] != "Kharkivska: 120" {
		t.Errorf("small multiples %q, want [Donetska: 200 Kharkivska: 120]", labels)
	}
	// One area's own chart: Donetska, 100 casualties in February (28
	// days) and in March (31): 100/31 ÷ 100/28 = 0.903, −10%, well
	// within chance on counts of 100, and exact figures, so not
	// "recorded".
	c = mustChart(t, PerDay, Input{Data: ds, Area: "UA14"})
	if want := "No clear change in casualties per day in Donetska in March 2025"; c.Title != want {
		t.Errorf("area title %q, want %q", c.Title, want)
	}
	_, err := New(Areas, Input{Data: data.Default()})
	if err == nil || !strings.Contains(err.Error(), "only the national total") {
		t.Errorf("areas chart of national data: err = %v, want one saying the data is national only", err)
	}
}

func TestChartErrors(t *testing.T) {
	ds := data.Default()
	for _, tc := range []struct {
		kind Kind
		in   Input
		want string
	}{
		{"pie", Input{Data: ds}, `unknown chart "pie"`},
		{Monthly, Input{}, "no data"},
		{Monthly, Input{Data: ds, From: month(2025, 3), To: month(2025, 1)}, "ends before it starts"},
		{Monthly, Input{Data: ds, Area: "UA14"}, "no killed or injured figures for Donetska"},
		{PerDay, Input{Data: ds, From: month(2030, 1), To: month(2030, 2)}, "no casualty figures"},
		{PerDay, Input{Data: ds, To: month(2024, 12), Month: month(2025, 3)}, "the month 2025-03 is outside the months drawn"},
	} {
		_, err := New(tc.kind, tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %+v: err = %v, want one containing %q", tc.kind, tc.in.Area, err, tc.want)
		}
	}
	c := mustChart(t, Monthly, Input{Data: ds})
	if err := Write(&bytes.Buffer{}, c, "gif", WriteOptions{}); err == nil || !strings.Contains(err.Error(), `unknown chart format "gif"`) {
		t.Errorf("gif: err = %v", err)
	}
}

func TestChartFormatOf(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		ok         bool
	}{
		{"a.png", "png", true}, {"dir/b.SVG", "svg", true}, {"c.pdf", "pdf", true},
		{"d.gif", "", false}, {"noext", "", false}, {"e.png.tmp", "", false},
	} {
		got, ok := FormatOf(tc.name)
		if got != tc.want || ok != tc.ok {
			t.Errorf("FormatOf(%q) = %q, %v; want %q, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

// TestGapsAreNotZeros checks that a month with no figure is never drawn:
// no bar, a line broken into two runs, hatched shading, and a note.
func TestGapsAreNotZeros(t *testing.T) {
	ds := data.Default()
	s := ds.Latest().Series("UA", data.Killed)
	vals := countValues(s, month(2023, 8), month(2023, 11))
	// August and November 2023 have figures; September and October none.
	if !vals[0].OK || vals[1].OK || vals[2].OK || !vals[3].OK {
		t.Fatalf("gaps wrong: %+v", vals)
	}
	p := newPlot()
	setMonthAxis(p, month(2023, 6), month(2023, 12))
	setCountAxis(p, 300, 0)
	var rec recorder.Canvas
	dc := draw.NewCanvas(&rec, 300, 200)
	vals = countValues(s, month(2023, 6), month(2023, 12))
	(&monthLine{vals: vals, style: draw.LineStyle{Color: colLine, Width: 1}}).Plot(dc, p)
	// Runs: June–August (3 months), November (1 month, drawn as a dot),
	// December missing: one stroked line, one dot, nothing for the gaps.
	strokes, fills := 0, 0
	for _, a := range rec.Actions {
		switch a.(type) {
		case *recorder.Stroke:
			strokes++
		case *recorder.Fill:
			fills++
		}
	}
	if strokes != 1 || fills != 1 {
		t.Errorf("line over a gap: %d strokes and %d dots, want 1 and 1", strokes, fills)
	}
	c := mustChart(t, Monthly, Input{Data: ds})
	// February 2022 has a killed figure (24–28 February) but no injured
	// one; September, October and December 2023 have neither.
	for _, want := range []string{
		"No injured figure was published for February 2022 (hatched): a gap, not a zero.",
		"No figure was published for September, October and December 2023 (hatched): a gap, not a zero.",
		"The killed figure for 24–28 February 2022 covers only those days (lighter).",
	} {
		if !slices.Contains(c.Notes, want) {
			t.Errorf("notes %q lack %q", c.Notes, want)
		}
	}
}

func TestMonthTicks(t *testing.T) {
	// February 2022 to January 2026: 48 months, 49 boundaries; labels on
	// quarters (Apr 2022 … Jan 2026: 16 of them), the year under the
	// first label and under each January.
	ticks := monthTicks{}.Ticks(monthX(month(2022, 2)), monthX(month(2026, 1))+1)
	if len(ticks) != 49 {
		t.Fatalf("%d ticks, want 49", len(ticks))
	}
	var labels []string
	for _, tk := range ticks {
		if tk.Label != "" {
			labels = append(labels, strings.ReplaceAll(tk.Label, "\n", "/"))
		}
	}
	if len(labels) != 16 || labels[0] != "Apr/2022" || labels[1] != "Jul/ " || labels[3] != "Jan/2023" || labels[15] != "Jan/2026" {
		t.Errorf("labels %q", labels)
	}
	// Six months: every month labelled under its middle, boundaries as
	// minor ticks: 7 boundaries and 6 labels.
	short := monthTicks{}.Ticks(monthX(month(2025, 1)), monthX(month(2025, 6))+1)
	labels = labels[:0]
	minor := 0
	for _, tk := range short {
		if tk.Label == "" {
			minor++
			if tk.Value != math.Trunc(tk.Value) {
				t.Errorf("minor tick at %v, not on a month boundary", tk.Value)
			}
			continue
		}
		labels = append(labels, strings.ReplaceAll(tk.Label, "\n", "/"))
	}
	if minor != 7 || strings.Join(labels, " ") != "Jan/2025 Feb/  Mar/  Apr/  May/  Jun/ " {
		t.Errorf("short span: %d boundaries, labels %q", minor, labels)
	}
}

func TestAxisNumbers(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		dec  int
		want string
	}{
		{0, 0, "0"}, {950, 0, "950"}, {1000, 0, "1,000"}, {1234567, 0, "1,234,567"},
		{2.5, 1, "2.5"}, {-0.01, 1, "0.0"}, {-1500, 0, "−1,500"},
	} {
		if got := formatTickNumber(tc.v, tc.dec); got != tc.want {
			t.Errorf("formatTickNumber(%v, %d) = %q, want %q", tc.v, tc.dec, got, tc.want)
		}
	}
	if got := chartInt(36770); got != "36,770" {
		t.Errorf("chartInt(36770) = %q", got)
	}
	for _, tc := range []struct{ max, top, step float64 }{
		{4644, 5000, 1000}, // 5 steps of 1,000 waste least (6,000 in 3 would waste more)
		{179, 200, 50},     // 4 × 50
		{1260, 1500, 250},  // 7 × 200 is too many ticks, 5 × 250 falls short: 6 × 250
		{9, 10, 2},         // 5 × 2
	} {
		top, step := niceScale(tc.max)
		if top != tc.top || step != tc.step {
			t.Errorf("niceScale(%v) = %v, %v; want %v, %v", tc.max, top, step, tc.top, tc.step)
		}
		if math.Mod(top, step) != 0 || top < tc.max {
			t.Errorf("niceScale(%v): top %v is not a whole number of steps above max", tc.max, top)
		}
	}
}

func TestHeatBins(t *testing.T) {
	// Up to 1,700: the 1-2-5 ladder 1 … 1,000 has 10 steps; keep 1 and
	// the five highest.
	var got []string
	for _, b := range heatBins(1700) {
		got = append(got, b.label)
	}
	if want := "0|1–49|50–99|100–199|200–499|500–999|1,000+"; strings.Join(got, "|") != want {
		t.Errorf("bins %q, want %q", strings.Join(got, "|"), want)
	}
	got = got[:0]
	for _, b := range heatBins(7) {
		got = append(got, b.label)
	}
	if want := "0|1|2–4|5+"; strings.Join(got, "|") != want {
		t.Errorf("bins %q, want %q", strings.Join(got, "|"), want)
	}
	bins := heatBins(1700)
	for _, tc := range []struct {
		v    float64
		want int
	}{{0, 0}, {1, 1}, {49, 1}, {50, 2}, {999, 5}, {1000, 6}, {5000, 6}} {
		if got := binOf(bins, tc.v); got != tc.want {
			t.Errorf("binOf(%v) = %d, want %d", tc.v, got, tc.want)
		}
	}
}

// TestHouseStyle checks that every text style a chart uses is Liberation
// Sans, whatever gonum/plot's default (serif) is.
func TestHouseStyle(t *testing.T) {
	p := newPlot()
	for name, f := range map[string]string{
		"x ticks": string(p.X.Tick.Label.Font.Variant), "y ticks": string(p.Y.Tick.Label.Font.Variant),
		"title": string(p.Title.TextStyle.Font.Variant), "legend": string(p.Legend.TextStyle.Font.Variant),
	} {
		if f != "Sans" {
			t.Errorf("%s: variant %q, want Sans", name, f)
		}
	}
	if plot.DefaultFont.Variant != "Serif" {
		t.Errorf("the charts changed gonum/plot's global default font")
	}
}

// TestChartConcurrent draws every chart from several goroutines at once,
// as the report does, and checks each gives the same SVG as alone (run
// with -race to check for shared state).
func TestChartConcurrent(t *testing.T) {
	cases := chartCases()
	want := make([][]byte, len(cases))
	for i, tc := range cases {
		want[i] = render(t, mustChart(t, tc.kind, tc.in), "svg", WriteOptions{LinkFonts: true})
	}
	got := make([][]byte, 2*len(cases))
	errs := make(chan error, len(got))
	for i := range got {
		go func() {
			tc := cases[i%len(cases)]
			c, err := New(tc.kind, tc.in)
			if err == nil {
				var b bytes.Buffer
				err = Write(&b, c, "svg", WriteOptions{LinkFonts: true})
				got[i] = b.Bytes()
			}
			errs <- err
		}()
	}
	for range got {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for i := range got {
		if !bytes.Equal(got[i], want[i%len(cases)]) {
			t.Errorf("%s drawn concurrently differs from drawn alone", cases[i%len(cases)].kind)
		}
	}
}

// TestMixedCoverage: in June 2023 HRMMU's latest killed figure covers the
// whole month (186, 30 days) but the injured one only 1–18 June (445).
// Their sum over 18 days would claim (186 + 445) / 18 = 35.1 a day. The
// data layer sums only figures covering the same days (112 killed + 445
// injured for 1–18 June = 557, 30.9 a day), so no mixed point reaches the
// charts; mixedCoverage stays as a guard and this test keeps it honest.
func TestMixedCoverage(t *testing.T) {
	ds := data.Default()
	s := ds.Latest().Series("UA", data.Casualties)
	for _, p := range s.Points {
		if mixedCoverage(p) {
			t.Errorf("%s: casualties sum figures covering different days: %+v", p.Month, p.Sources)
		}
	}
	jun := s.At(month(2023, 6))
	if jun.Value != 557 || jun.Days != 18 || !jun.PartMonth {
		t.Fatalf("June 2023 = %d over %d days, want 557 over 18 (112 + 445 for 1–18 June)", jun.Value, jun.Days)
	}
	mixed := data.Point{Present: true, Sources: []data.Observation{
		{Month: month(2023, 6), Metric: data.Killed, Value: 186},
		{Month: month(2023, 6), Metric: data.Injured, Value: 445, FromDay: 1, ToDay: 18},
	}}
	if !mixedCoverage(mixed) {
		t.Error("mixedCoverage misses a whole-month killed figure summed with part-month injured")
	}
	c := mustChart(t, PerDay, Input{Data: ds})
	want := "The figures for 1–18 June 2023, 1–30 July 2023 and 1–27 August 2023 cover only those days (lighter)."
	if !slices.Contains(c.Notes, want) {
		t.Errorf("per-day notes %q lack %q", c.Notes, want)
	}
}
