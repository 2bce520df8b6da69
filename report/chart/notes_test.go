package chart

import (
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/internal/synth"
)

// TestAreasChartSummarisesGaps draws the areas chart of a sparse oblast
// file (synth.SparseAreas: 27 areas, 15 months, a different set of areas
// without a figure each month), which used to print one footnote per
// group of months, eight here. The gaps now take one note, at most three
// lines as drawn, and Missing lists every area's months in full.
func TestAreasChartSummarisesGaps(t *testing.T) {
	c := mustChart(t, Areas, Input{Data: synth.SparseAreas()})
	var gapNotes []string
	for _, n := range c.Notes {
		if strings.Contains(n, "no figure") || strings.Contains(n, "No ") {
			gapNotes = append(gapNotes, n)
		}
	}
	if len(gapNotes) != 1 {
		t.Fatalf("%d notes about gaps, want 1:\n%s", len(gapNotes), strings.Join(gapNotes, "\n"))
	}
	lines := wrapText(textStyle(sizeCaption, false, colSecondary), gapNotes[0], c.Width-2*marginX)
	if len(lines) > 3 {
		t.Errorf("the note on gaps takes %d lines, want at most 3:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	// Areas 0–7 in p-code order lack month j when (i+j)%4 == 0: four
	// months each for j in 0..14 except Vinnytska (i=1: j=3,7,11) and
	// Zhytomyrska (i=5: j=3,7,11), three; Kyiv (UA80) lacks months 5..14,
	// March–December 2025, ten. Nine areas of 27.
	want := "9 of 27 areas have months with no figure (hatched), a gap, not a zero: Kyiv 10 of 15 months, "
	if !strings.HasPrefix(gapNotes[0], want) || !strings.HasSuffix(gapNotes[0], " and 6 more areas, 3 or 4 months each.") {
		t.Errorf("note\n%s\nwant it to start %q and end with the 6 more areas, 3 or 4 months each", gapNotes[0], want)
	}
	if len(c.Missing) != 9 {
		t.Fatalf("Missing lists %d areas, want 9: %v", len(c.Missing), c.Missing)
	}
	got := map[string]int{}
	for _, m := range c.Missing {
		got[m.Name] = len(m.Months)
		if m.Of != 15 {
			t.Errorf("%s: of %d months, want 15", m.Name, m.Of)
		}
	}
	wantMonths := map[string]int{"Avtonomna Respublika Krym": 4, "Vinnytska": 3, "Volynska": 4, "Dnipropetrovska": 4,
		"Donetska": 4, "Zhytomyrska": 3, "Zakarpatska": 4, "Zaporizka": 4, "Kyiv": 10}
	for name, n := range wantMonths {
		if got[name] != n {
			t.Errorf("%s: %d months missing, want %d", name, got[name], n)
		}
	}
	notes := c.MissingNotes()
	if !slices.Contains(notes, "Kyiv: no figure for March–December 2025 (10 of 15 months).") {
		t.Errorf("MissingNotes lacks Kyiv's run of months:\n%s", strings.Join(notes, "\n"))
	}
	// Donetska (i=4): j = 0, 4, 8, 12.
	if !slices.Contains(notes, "Donetska: no figure for October 2024, February 2025, June 2025 and October 2025 (4 of 15 months).") {
		t.Errorf("MissingNotes lacks Donetska's months:\n%s", strings.Join(notes, "\n"))
	}
}

// TestGapNotesStayWhole checks that a chart with few groups of gaps
// keeps naming each month: the embedded national series lacks three
// months for killed and injured, and February 2022 for injured only.
func TestGapNotesStayWhole(t *testing.T) {
	c := mustChart(t, Monthly, Input{Data: data.Default()})
	for _, want := range []string{
		"No injured figure was published for February 2022 (hatched): a gap, not a zero.",
		"No figure was published for September, October and December 2023 (hatched): a gap, not a zero.",
	} {
		if !slices.Contains(c.Notes, want) {
			t.Errorf("notes lack %q:\n%s", want, strings.Join(c.Notes, "\n"))
		}
	}
	// Missing: killed lacks 3 months, injured 4.
	var got []string
	for _, m := range c.Missing {
		got = append(got, fmt.Sprintf("%s %d", m.Name, len(m.Months)))
	}
	if !slices.Equal(got, []string{"killed 3", "injured 4"}) {
		t.Errorf("Missing %v, want [killed 3 injured 4]", got)
	}
	if want := "Injured: no figure for February 2022, September–October 2023 and December 2023 (4 of 48 months)."; c.MissingNotes()[1] != want {
		t.Errorf("MissingNotes()[1] = %q, want %q", c.MissingNotes()[1], want)
	}
}

func TestMonthRuns(t *testing.T) {
	m := func(y, mo int) data.Month { return data.NewMonth(y, time.Month(mo)) }
	for _, tc := range []struct {
		ms   []data.Month
		want string
	}{
		{[]data.Month{m(2025, 3)}, "March 2025"},
		{[]data.Month{m(2025, 3), m(2025, 4), m(2025, 5)}, "March–May 2025"},
		{[]data.Month{m(2024, 11), m(2024, 12), m(2025, 1), m(2025, 6)}, "November 2024–January 2025 and June 2025"},
		{[]data.Month{m(2024, 10), m(2025, 2), m(2025, 3)}, "October 2024 and February–March 2025"},
	} {
		if got := monthRuns(tc.ms); got != tc.want {
			t.Errorf("monthRuns(%v) = %q, want %q", tc.ms, got, tc.want)
		}
	}
}

// TestAreaChartKeepsLeadingGap: Donetska has no figure for October 2024,
// the first month of the sparse oblast file; its chart starts there and
// says so, rather than starting in November as if nothing were missing.
func TestAreaChartKeepsLeadingGap(t *testing.T) {
	c := mustChart(t, Monthly, Input{Data: synth.SparseAreas(), Area: "UA14"})
	// Donetska (i=4) lacks j = 0, 4, 8, 12: October 2024, February, June
	// and October 2025, for killed and injured alike.
	want := "No figure was published for October 2024; February, June and October 2025 (hatched): a gap, not a zero."
	if !slices.Contains(c.Notes, want) {
		t.Errorf("notes lack %q:\n%s", want, strings.Join(c.Notes, "\n"))
	}
	if !strings.Contains(c.Subtitle, "Oct 2024–Dec 2025") {
		t.Errorf("subtitle %q: want the file's months, Oct 2024–Dec 2025", c.Subtitle)
	}
}

// TestPartMonthNotesSummarise: five areas whose figures each cover part
// of a different month would take five notes; they take one, which
// names the areas with most such months.
func TestPartMonthNotesSummarise(t *testing.T) {
	pub := data.Publication{Name: "Test", Date: data.Date{Time: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)}}
	var obs []data.Observation
	codes := []string{"UA14", "UA63", "UA65", "UA23", "UA12"}
	for j := range 6 {
		m := data.NewMonth(2025, time.Month(j+1))
		for i, a := range codes {
			o := data.Observation{Month: m, Area: a, Metric: data.Killed, Value: 10, Published: pub}
			// Area i covers only 1–15 of month i; Donetska (i=0) of
			// months 0 and 5 too.
			if i == j || i == 0 && j == 5 {
				o.FromDay, o.ToDay = 1, 15
			}
			obs = append(obs, o, data.Observation{Month: m, Area: a, Metric: data.Injured, Value: 20, Published: pub, FromDay: o.FromDay, ToDay: o.ToDay})
		}
	}
	ds := &data.Dataset{Obs: obs, Areas: data.Ukraine()}
	c := mustChart(t, Areas, Input{Data: ds})
	var part []string
	for _, n := range c.Notes {
		if strings.Contains(n, "part of") || strings.Contains(n, "only those days") {
			part = append(part, n)
		}
	}
	// Donetska 2 months of 6; the others 1 each: three named, two counted.
	if len(part) != 1 || !strings.HasPrefix(part[0], "Figures of 5 of 5 areas cover only part of some months (a white corner in the heat map): Donetska 2 of 6 months, ") ||
		!strings.HasSuffix(part[0], " and 2 more areas, 1 month each.") {
		t.Errorf("part-month notes:\n%s", strings.Join(part, "\n"))
	}
}

// TestHeatMapMarksPartMonths draws the part-month cells of the test
// above: a part-month cell gets a white corner, so it is never merged
// into a run of whole-month cells of its colour.
func TestHeatMapMarksPartMonths(t *testing.T) {
	cells := []heatCell{
		{Month: month(2025, 1), V: 10, OK: true},
		{Month: month(2025, 2), V: 10, OK: true, Part: true},
		{Month: month(2025, 3), V: 10, OK: true},
	}
	p := newPlot()
	setMonthAxis(p, month(2025, 1), month(2025, 3))
	p.Y.Min, p.Y.Max = 0, 1
	var rec recorder.Canvas
	heatMap{cells: cells, bins: heatBins(10)}.Plot(draw.NewCanvas(&rec, 300, 100), p)
	// Fills in white are corners (the rules between areas are strokes).
	white, fills := 0, 0
	var cur color.Color
	for _, a := range rec.Actions {
		switch a := a.(type) {
		case *recorder.SetColor:
			cur = a.Color
		case *recorder.Fill:
			fills++
			if cur == color.White {
				white++
			}
		}
	}
	// Three cells drawn apart (no run across the part month) and one
	// corner: at least four fills, one of them white.
	if fills != 4 || white != 1 {
		t.Errorf("%d fills, %d white: want the three cells apart and a white corner", fills, white)
	}
}

// TestAreaStartingLate: an area whose figures begin after the file's
// first month (Donetska, UA14, has none for October 2024 in the sparse
// file) still gets its per-day and change charts, spanning the file's
// months with the first one a gap; stats computes only within the area's
// own figures. They were left out of reports with "the data begin with
// November 2024".
func TestAreaStartingLate(t *testing.T) {
	for _, k := range []Kind{PerDay, Change} {
		c, err := New(k, Input{Data: synth.SparseAreas(), Area: "UA14"})
		if err != nil {
			t.Errorf("%s: %v", k, err)
			continue
		}
		if c.Title == "" {
			t.Errorf("%s: no title", k)
		}
	}
}

// TestSourceOfUnnamedFile (issue 19): a chart of a file that names no
// publication cites the file, never "unknown publication".
func TestSourceOfUnnamedFile(t *testing.T) {
	ds, err := data.Load(strings.NewReader("month,area,killed,injured\n2025-03,UA63,31,140\n2025-03,UA14,40,160\n2025-04,UA63,20,90\n2025-04,UA14,44,150\n"), "/tmp/x/obl.csv", data.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c := mustChart(t, Areas, Input{Data: ds})
	if want := "Source: obl.csv, which names no publication."; c.Source != want {
		t.Errorf("source %q, want %q", c.Source, want)
	}
}
