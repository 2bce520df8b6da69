package report

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"gonum.org/v1/plot/vg"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/internal/synth"
)

// pdfTextRun is a piece of text a PDF page shows: where its baseline
// starts (PDF points, y upwards) and what it says.
type pdfTextRun struct {
	x, y float64
	s    string
}

var (
	pdfObjRe      = regexp.MustCompile(`(?s)(\d+) 0 obj\s*(.*?)endobj`)
	pdfPageRe     = regexp.MustCompile(`/Type /Page\b[^s]`)
	pdfContentsRe = regexp.MustCompile(`/Contents (\d+) 0 R`)
	pdfStreamRe   = regexp.MustCompile(`(?s)stream\r?\n(.*)\r?\nendstream`)
	pdfTextOpRe   = regexp.MustCompile(`(?s)BT ([-0-9.]+) ([-0-9.]+) Td \(((?:\\.|[^\\)])*)\) Tj ET`)
	pdfFigureRe   = regexp.MustCompile(`(?s)/Figure <</Name \(([^)]*)\)>> BDC(.*?)EMC`)
)

// pdfPages reads the text layer of a PDF written by WritePDF, page by
// page, from the document itself: it inflates each page's content
// stream and decodes the strings its text operators show (UTF-16BE, as
// fpdf writes them for an embedded UTF-8 font). A chart, marked as a
// figure, is one run "[chart NAME]": its words belong to the chart
// package's tests. It reads what fpdf writes, not any PDF.
func pdfPages(t *testing.T, doc []byte) [][]pdfTextRun {
	t.Helper()
	var out [][]pdfTextRun
	for _, content := range pdfContents(t, doc) {
		var runs []pdfTextRun
		// A chart becomes one run, where it is drawn.
		content = pdfFigureRe.ReplaceAllFunc(content, func(fig []byte) []byte {
			name := pdfFigureRe.FindSubmatch(fig)[1]
			return []byte(fmt.Sprintf("BT 0 -1 Td (\\[chart %s\\]) Tj ET", name))
		})
		for _, m := range pdfTextOpRe.FindAllSubmatch(content, -1) {
			x, _ := strconv.ParseFloat(string(m[1]), 64)
			y, _ := strconv.ParseFloat(string(m[2]), 64)
			runs = append(runs, pdfTextRun{x: x, y: y, s: pdfString(t, m[3])})
		}
		out = append(out, runs)
	}
	return out
}

// pdfContents is the content stream of each page of a PDF written by
// fpdf, inflated.
func pdfContents(t *testing.T, doc []byte) [][]byte {
	t.Helper()
	objs := map[string][]byte{}
	var pages []string
	for _, m := range pdfObjRe.FindAllSubmatch(doc, -1) {
		objs[string(m[1])] = m[2]
		if pdfPageRe.Match(m[2]) {
			c := pdfContentsRe.FindSubmatch(m[2])
			if c == nil {
				t.Fatalf("page object %s has no /Contents", m[1])
			}
			pages = append(pages, string(c[1]))
		}
	}
	if len(pages) == 0 {
		t.Fatal("the PDF has no page")
	}
	var out [][]byte
	for i, ref := range pages {
		obj, ok := objs[ref]
		if !ok {
			t.Fatalf("page %d: no content object %s", i+1, ref)
		}
		sm := pdfStreamRe.FindSubmatch(obj)
		if sm == nil {
			t.Fatalf("page %d: content object %s has no stream", i+1, ref)
		}
		content := sm[1]
		if bytes.Contains(obj[:bytes.Index(obj, []byte("stream"))], []byte("/FlateDecode")) {
			zr, err := zlib.NewReader(bytes.NewReader(content))
			if err != nil {
				t.Fatalf("page %d: %v", i+1, err)
			}
			if content, err = io.ReadAll(zr); err != nil {
				t.Fatalf("page %d: %v", i+1, err)
			}
		}
		out = append(out, content)
	}
	return out
}

// pdfString decodes a PDF literal string as fpdf writes text in a UTF-8
// font: escaped UTF-16BE; "[chart …]" markers are plain.
func pdfString(t *testing.T, lit []byte) string {
	var b []byte
	for i := 0; i < len(lit); i++ {
		c := lit[i]
		if c == '\\' && i+1 < len(lit) {
			i++
			switch lit[i] {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			default:
				c = lit[i]
			}
		}
		b = append(b, c)
	}
	if bytes.HasPrefix(b, []byte("[chart ")) {
		return string(b)
	}
	if len(b)%2 != 0 {
		t.Fatalf("text %q is not UTF-16", lit)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// pdfLines is the text of a PDF in the order it is written, which is
// the order a reader meets it (WritePDF sets its page top to bottom, a
// table row line by line): consecutive runs on one baseline (the cells of
// a table row) are joined by " | " on one line, and a rule marks each new
// page.
func pdfLines(t *testing.T, doc []byte) string {
	var b strings.Builder
	for i, runs := range pdfPages(t, doc) {
		if i > 0 {
			fmt.Fprintf(&b, "---- page %d\n", i+1)
		}
		for j, r := range runs {
			if j > 0 {
				if runs[j-1].y == r.y && !strings.HasPrefix(r.s, "[chart ") {
					b.WriteString(" | ")
				} else {
					b.WriteString("\n")
				}
			}
			b.WriteString(r.s)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestPDFGolden checks the text of report.pdf, as the document's own
// content streams give it, for the latest month and March 2025.
func TestPDFGolden(t *testing.T) {
	for _, month := range []string{"", "2025-03"} {
		name := month
		if name == "" {
			name = "latest"
		}
		t.Run(name, func(t *testing.T) {
			r := testReport(t, month)
			var b bytes.Buffer
			if err := r.WritePDF(&b); err != nil {
				t.Fatal(err)
			}
			goldenPage(t, name+".pdf.txt", []byte(pdfLines(t, b.Bytes())))
		})
	}
}

// TestPDFDeterministic writes report.pdf twice, from two builds, for data
// with areas and without: the bytes must be the same, and the document's
// dates those of the publication, not the clock's.
func TestPDFDeterministic(t *testing.T) {
	cases := []struct {
		name string
		ds   *data.Dataset
		date string // the publication's date, as the PDF writes it
	}{
		{"national only", data.Default(), "D:20260213000000"},
		{"areas", synth.Areas(), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var outs [][]byte
			for range 2 {
				r, err := Build(tc.ds, Options{Version: "test"})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := r.render(map[string]bool{"pdf": true}, nil); err != nil {
					t.Fatal(err)
				}
				if len(r.Charts) == 0 {
					t.Fatal("no chart to draw")
				}
				var b bytes.Buffer
				if err := r.WritePDF(&b); err != nil {
					t.Fatal(err)
				}
				outs = append(outs, b.Bytes())
				want := "D:" + strings.ReplaceAll(r.pdfDate().Format("20060102150405"), "-", "")
				if tc.date != "" && want != tc.date {
					t.Errorf("the document is dated %s, want the publication's date %s", want, tc.date)
				}
				for _, key := range []string{"/CreationDate", "/ModDate"} {
					if !bytes.Contains(b.Bytes(), []byte(key+" ("+want+")")) {
						t.Errorf("%s is not (%s)", key, want)
					}
				}
			}
			if !bytes.Equal(outs[0], outs[1]) {
				t.Error("two writes of report.pdf on the same data differ")
			}
		})
	}
}

// TestPDFText checks what the text layer of report.pdf holds for data
// whose names need more than Windows-1252 (Cyrillic, "≥", "–", a
// guillemet) or PDF escaping (brackets, a backslash), and that each
// figure of the key-figures table is there with its qualifier.
func TestPDFText(t *testing.T) {
	const csv = `month,area,metric,value,qualifier,published,publication,source
2025-01,UA,killed,100,at_least,2025-02-10,Оновлення ММПЛУ (січень) ≥ «перше» – a\b,https://example.org/a?x=1&y=2
2025-01,UA,injured,400,at_least,2025-02-10,Оновлення ММПЛУ (січень) ≥ «перше» – a\b,https://example.org/a?x=1&y=2
2025-02,UA,killed,120,at_least,2025-03-10,Zoë's update,https://example.org/b
2025-02,UA,injured,380,,2025-03-10,Zoë's update,https://example.org/b
`
	ds, err := data.Load(strings.NewReader(csv), "names.csv", data.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(ds, Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WritePDF(&b); err != nil {
		t.Fatal(err)
	}
	text := pdfLines(t, b.Bytes())
	for _, want := range []string{
		r.Headline,
		"[2] Оновлення ММПЛУ (січень) ≥ «перше» – a\\b, 10 February 2025.",
		"[1] Zoë's update, 10 March 2025.",
		// February: 120 killed (at least), 380 injured (as given), 500
		// casualties, at least, since one part is; January 100 + 400.
		"This month | at least 500 [1] | 17.9 |",
		"Previous month | at least 500 [2] | 16.1 | +11% (0) |",
		"This month | at least 120 [1] | 4.3 |",
		"This month | 380 [1] | 13.6 |",
	} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("the PDF's text lacks %q; it is:\n%s", want, text)
		}
	}
}

// TestPDFChartsAreVectors checks that each chart of report.pdf is drawn
// as paths and text, in the document's own fonts, never as a picture:
// its title is there as text a reader can select.
func TestPDFChartsAreVectors(t *testing.T) {
	r, err := Build(data.Default(), Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.render(map[string]bool{"pdf": true}, nil); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WritePDF(&b); err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{}
	for _, c := range r.Charts {
		titles[c.Name] = c.Title
	}
	seen := map[string]bool{}
	for _, content := range pdfContents(t, b.Bytes()) {
		for _, fig := range pdfFigureRe.FindAllSubmatch(content, -1) {
			name, body := string(fig[1]), fig[2]
			seen[name] = true
			var text []string
			for _, m := range pdfTextOpRe.FindAllSubmatch(body, -1) {
				text = append(text, pdfString(t, m[3]))
			}
			// The title may be wrapped, a line a run.
			if got, want := strings.Join(text, " "), titles[name]; want == "" || !strings.Contains(got, want) {
				t.Errorf("chart %s: its title %q is not in its text %q", name, want, got)
			}
			if bytes.Contains(body, []byte(" Do")) {
				t.Errorf("chart %s draws an image", name)
			}
			if n := bytes.Count(body, []byte(" l\n")) + bytes.Count(body, []byte(" l ")); n < 10 {
				t.Errorf("chart %s has %d line segments, want the chart's paths", name, n)
			}
		}
	}
	if len(seen) != len(r.Charts) || len(seen) < 5 {
		t.Errorf("report.pdf draws %d charts, the report has %d", len(seen), len(r.Charts))
	}
}

// TestPDFCanvasArc checks the Bézier curves an arc becomes: a quarter
// circle of radius 40 about (50, 50), from (90, 50) to (50, 90), has its
// control points 4/3·tan(π/8)·40 = 22.09 along the tangents.
func TestPDFCanvasArc(t *testing.T) {
	d := newPDFDoc()
	d.pdf.AddPage()
	c := d.place(100, 100, 0, d.pageH()-100, 1)
	c.Stroke(vg.Path{
		{Type: vg.MoveComp, Pos: vg.Point{X: 90, Y: 50}},
		{Type: vg.ArcComp, Pos: vg.Point{X: 50, Y: 50}, Radius: 40, Start: 0, Angle: math.Pi / 2},
	})
	c.end()
	var b bytes.Buffer
	if err := d.pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	content := string(pdfContents(t, b.Bytes())[0])
	for _, want := range []string{"90.00 50.00 m", "90.00 50.00 l", "90.00000 72.09139 72.09139 90.00000 50.00000 90.00000 c", "\nS"} {
		if !strings.Contains(content, want) {
			t.Errorf("the arc's path lacks %q:\n%s", want, content)
		}
	}
}

// TestPDFTableBreaks sets a table longer than a page: it must go on to
// the next pages with its header repeated, every row once, and no text
// below the bottom margin (where the footer goes).
func TestPDFTableBreaks(t *testing.T) {
	d := newPDFDoc()
	d.pdf.AddPage()
	d.y = pdfMarginTop
	var rows []pdfRow
	for i := range 120 {
		rows = append(rows, pdfRow{cells: []string{fmt.Sprintf("row %d", i+1), "at least 1,234", "a note long enough to wrap onto a second line of its narrow cell"}})
	}
	d.table("A long table", []pdfCol{{head: "Row", width: 20}, {head: "Count", width: 30, right: true}, {head: "Note", width: 20}}, rows)
	var b bytes.Buffer
	if err := d.pdf.Output(&b); err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, b.Bytes())
	if len(pages) < 3 {
		t.Fatalf("120 rows of two lines on %d pages, want at least 3", len(pages))
	}
	seen := 0
	for i, runs := range pages {
		heads := 0
		for _, r := range runs {
			if r.y < pdfMarginBottom {
				t.Errorf("page %d: %q is set at %.1f pt from the page's foot, inside the bottom margin", i+1, r.s, r.y)
			}
			switch {
			case r.s == "Row":
				heads++
			case strings.HasPrefix(r.s, "row "):
				seen++
				if want := fmt.Sprintf("row %d", seen); r.s != want {
					t.Errorf("page %d: %s after row %d", i+1, r.s, seen-1)
					seen, _ = strconv.Atoi(strings.TrimPrefix(r.s, "row "))
				}
			}
		}
		if heads != 1 {
			t.Errorf("page %d has the table's header %d times, want once", i+1, heads)
		}
	}
	if seen != 120 {
		t.Errorf("%d rows set, want 120", seen)
	}
}

// TestPDFMissingGlyphs checks that characters the embedded font cannot
// draw (Arabic, here in a publication's name) are not dropped silently:
// the text keeps them and the document says which ones show as boxes.
func TestPDFMissingGlyphs(t *testing.T) {
	const csv = `month,area,metric,value,qualifier,published,publication
2025-01,UA,killed,100,at_least,2025-02-10,First
2025-02,UA,killed,120,at_least,2025-03-10,تحديث two
`
	ds, err := data.Load(strings.NewReader(csv), "arabic.csv", data.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(ds, Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WritePDF(&b); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdfLines(t, b.Bytes())), " ")
	// تحديث is five letters, ت ح د ي ث, in the order they are met.
	for _, want := range []string{"[1] تحديث two, 10 March 2025.", "has no glyph for 5 of the characters in the data (U+062A, U+062D, U+062F, U+064A, U+062B)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, text)
		}
	}
}
