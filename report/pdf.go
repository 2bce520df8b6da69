package report

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansbolditalic"
	"codeberg.org/go-fonts/liberation/liberationsansitalic"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/vg/draw"

	"github.com/casualty-tool/casualty/report/chart"
)

// This file writes report.pdf: the report.html page as a document people
// can forward and print, A4 portrait, made in Go. It shows the same model
// fields in the same order as the page (headline, key figures with their
// qualifiers and citations, charts, areas, revisions, notes, sources,
// method), so a rewording of the model reaches both. Text is real text in
// embedded Liberation Sans (subset, UTF-8: "≥", "–", Cyrillic and names
// come out as written), so it can be selected, searched and read aloud;
// charts are drawn as vectors by pdfCanvas. The document's dates come
// from the data, never the clock: the same data gives the same bytes.

// Page geometry, in points (A4 is 595.28 × 841.89).
const (
	pdfMarginX      = 51.0 // 18 mm
	pdfMarginTop    = 48.0
	pdfMarginBottom = 64.0 // room for the footer
	pdfFooterY      = 808.0
	pdfTextSize     = 9.5
	pdfTableSize    = 8.3
	pdfLeading      = 1.32 // line height as a multiple of the type size
)

// Colours of the document's text and rules: near-black text, grey for
// what is secondary, the same as the charts use.
var (
	pdfText      = [3]int{0x1A, 0x1A, 0x1A}
	pdfSecondary = [3]int{0x59, 0x59, 0x59}
	pdfRule      = [3]int{0xBB, 0xBB, 0xBB}
	pdfShade     = [3]int{0xF1, 0xF1, 0xF1}
	pdfLinkBlue  = [3]int{0x00, 0x4F, 0x8F}
)

// pdfFonts are the faces the document embeds, by fpdf style.
var pdfFonts = map[string][]byte{
	"":   liberationsansregular.TTF,
	"B":  liberationsansbold.TTF,
	"I":  liberationsansitalic.TTF,
	"BI": liberationsansbolditalic.TTF,
}

const pdfFamily = "LiberationSans"

// pdfPagesAlias stands for the page count until the end, when fpdf puts
// the count in its place everywhere on the pages: a string no report text
// holds.
const pdfPagesAlias = "{casualty:page-count}"

// pdfDoc is the document being written and where its text has got to.
type pdfDoc struct {
	pdf    *fpdf.Fpdf
	y      float64 // top of the next block
	width  float64 // width of the text column
	fonts  map[string]bool
	images int
	// missing are the characters set that the font has no glyph for, in
	// the order met: they show as empty boxes, and the document says so.
	missing []rune
	checked map[rune]bool
}

// WritePDF writes the report as a PDF document to w. The charts are those
// of r.Charts (drawn anew, as vectors); a report whose charts were not
// rendered has none.
func (r *Report) WritePDF(w io.Writer) error {
	d := newPDFDoc()
	p := d.pdf
	p.SetTitle(r.Title, true)
	p.SetSubject(r.Headline, true)
	p.SetCreator(strings.TrimSpace("casualty "+r.Meta.Version), true)
	p.SetProducer("casualty", true)
	p.SetLang("en")
	when := r.pdfDate()
	p.SetCreationDate(when)
	p.SetModificationDate(when)
	p.AliasNbPages(pdfPagesAlias)
	footer := r.pdfFooter()
	p.SetFooterFunc(func() { d.footer(footer) })

	p.AddPage()
	d.y = pdfMarginTop
	if err := r.pdfBody(d); err != nil {
		return err
	}
	if err := p.Error(); err != nil {
		return fmt.Errorf("writing report.pdf: %w", err)
	}
	if err := p.Output(w); err != nil {
		return fmt.Errorf("writing report.pdf: %w", err)
	}
	return nil
}

func newPDFDoc() *pdfDoc {
	p := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 595.28, Ht: 841.89}, OrientationStr: "P"})
	p.SetCatalogSort(true)
	p.SetCompression(true)
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(pdfMarginX, pdfMarginTop, pdfMarginX)
	w, _ := p.GetPageSize()
	return &pdfDoc{pdf: p, width: w - 2*pdfMarginX, fonts: map[string]bool{}, checked: map[rune]bool{}}
}

// pdfDate is the date the document carries as made and modified: the
// publication's date, else the end of the report month, so the same
// data always gives the same file.
func (r *Report) pdfDate() time.Time {
	if !r.Publication.Date.IsZero() {
		return r.Publication.Date.Time.UTC()
	}
	return r.Month.End()
}

// pdfFooter is the footer's left-hand text: the report, the publication
// its figures come from and how far the data goes.
func (r *Report) pdfFooter() [2]string {
	second := "Data to " + r.Meta.Covered.Last.Label()
	if !r.Publication.IsZero() {
		second = "Figures as published in " + r.Publication.String() + " · data to " + r.Meta.Covered.Last.Label()
	}
	return [2]string{r.Title, second}
}

// setFont selects the document's face in style ("", "B", "I", "BI") at
// size points, embedding it on first use.
func (d *pdfDoc) setFont(style string, size float64) {
	if !d.fonts[style] {
		d.pdf.AddUTF8FontFromBytes(pdfFamily, style, pdfFonts[style])
		d.fonts[style] = true
	}
	d.pdf.SetFont(pdfFamily, style, size)
}

// text sets s with its baseline starting at (x, y), noting the
// characters the font lacks.
func (d *pdfDoc) text(x, y float64, s string) {
	for _, r := range s {
		if r < ' ' || d.checked[r] {
			continue
		}
		d.checked[r] = true
		if !pdfHasGlyph(r) {
			d.missing = append(d.missing, r)
		}
	}
	d.pdf.Text(x, y, s)
}

// pdfFace is the regular face, parsed, to ask which characters it has.
var pdfFace = sync.OnceValues(func() (*sfnt.Font, error) { return sfnt.Parse(liberationsansregular.TTF) })

// pdfHasGlyph reports whether the document's font can draw r.
func pdfHasGlyph(r rune) bool {
	f, err := pdfFace()
	if err != nil {
		return true // cannot tell; fpdf will fail on a font it cannot read
	}
	var b sfnt.Buffer
	i, err := f.GlyphIndex(&b, r)
	return err == nil && i != 0
}

func (d *pdfDoc) color(c [3]int) { d.pdf.SetTextColor(c[0], c[1], c[2]) }

func (d *pdfDoc) pageH() float64 { _, h := d.pdf.GetPageSize(); return h }

// room makes sure h points fit above the bottom margin, starting a new
// page when they do not.
func (d *pdfDoc) room(h float64) {
	if d.y+h > d.pageH()-pdfMarginBottom && d.y > pdfMarginTop {
		d.pdf.AddPage()
		d.y = pdfMarginTop
	}
}

func (d *pdfDoc) footer(text [2]string) {
	p := d.pdf
	w, _ := p.GetPageSize()
	p.SetDrawColor(pdfRule[0], pdfRule[1], pdfRule[2])
	p.SetLineWidth(0.5)
	p.Line(pdfMarginX, pdfFooterY-11, w-pdfMarginX, pdfFooterY-11)
	d.setFont("", 7.5)
	d.color(pdfSecondary)
	// The page count is known only at the end (see pdfPagesAlias), so
	// the number is set as if it had two digits.
	pw := p.GetStringWidth(fmt.Sprintf("Page %d of 99", p.PageNo()))
	d.text(pdfMarginX, pdfFooterY, d.wrap(text[0], d.width-pw-12)[0])
	d.text(w-pdfMarginX-pw, pdfFooterY, fmt.Sprintf("Page %d of %s", p.PageNo(), pdfPagesAlias))
	for i, l := range d.wrap(text[1], d.width-pw-12) {
		if i == 2 {
			break
		}
		d.text(pdfMarginX, pdfFooterY+9*float64(i+1), l)
	}
}

// wrap breaks s into lines no wider than width in the current font,
// between words, or inside a word (a long web address) that is wider than
// a line on its own.
func (d *pdfDoc) wrap(s string, width float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if d.pdf.GetStringWidth(try) <= width {
				line = try
				continue
			}
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			for d.pdf.GetStringWidth(word) > width {
				cut := 1
				for rs := []rune(word); cut < len(rs) && d.pdf.GetStringWidth(string(rs[:cut+1])) <= width; cut++ {
				}
				rs := []rune(word)
				lines = append(lines, string(rs[:cut]))
				word = string(rs[cut:])
			}
			line = word
		}
		lines = append(lines, line)
	}
	return lines
}

// pdfStyle is how a block of text is set.
type pdfStyle struct {
	size   float64
	font   string // fpdf style: "", "B", "I"
	color  [3]int
	indent float64
	before float64 // space above
	after  float64 // space below
}

var (
	pdfBodyStyle = pdfStyle{size: pdfTextSize, color: pdfText, after: 5}
	pdfHintStyle = pdfStyle{size: 8.3, color: pdfSecondary, after: 6}
)

// para sets a paragraph, wrapped to the column, breaking pages between
// lines.
func (d *pdfDoc) para(s string, st pdfStyle) {
	if strings.TrimSpace(s) == "" {
		return
	}
	d.y += st.before
	d.setFont(st.font, st.size)
	d.color(st.color)
	lh := st.size * pdfLeading
	for _, l := range d.wrap(s, d.width-st.indent) {
		d.room(lh)
		d.text(pdfMarginX+st.indent, d.y+st.size*0.93, l)
		d.y += lh
	}
	d.y += st.after
}

// bullets sets a list, a paragraph an item.
func (d *pdfDoc) bullets(items []string, st pdfStyle) {
	for _, it := range items {
		d.setFont(st.font, st.size)
		d.room(st.size * pdfLeading)
		d.color(st.color)
		d.text(pdfMarginX+st.indent+2, d.y+st.size*0.93, "•")
		s := st
		s.indent += 12
		s.after = 2.5
		d.para(it, s)
	}
	d.y += st.after
}

// heading starts a section, kept with the three lines that follow it.
func (d *pdfDoc) heading(s string) { d.headingKept(s, 3*pdfTextSize*pdfLeading) }

// headingKept starts a section, kept with the keep points that follow it.
func (d *pdfDoc) headingKept(s string, keep float64) {
	const size = 12.5
	d.y += 10
	d.room(size*pdfLeading + 4 + keep)
	d.pdf.Bookmark(s, 0, d.y) // the reader's outline of the document
	d.setFont("B", size)
	d.color(pdfText)
	d.text(pdfMarginX, d.y+size*0.93, s)
	d.y += size*pdfLeading + 4
}

// pdfCol is a column of a table.
type pdfCol struct {
	head  string
	width float64 // share of the column width
	right bool
}

// pdfRow is a row of a table: its cells (a "\n" starts a new line in a
// cell), set bold and shaded when strong.
type pdfRow struct {
	cells  []string
	strong bool
	first  []bool // cells whose first line is set grey (a row's role)
}

// table sets a table with a caption, repeating its header on every page
// it runs onto.
func (d *pdfDoc) table(caption string, cols []pdfCol, rows []pdfRow) {
	const pad, padY = 3.5, 2.6
	size := pdfTableSize
	lh := size * pdfLeading
	total := 0.0
	for _, c := range cols {
		total += c.width
	}
	widths := make([]float64, len(cols))
	inset := make([]float64, len(cols)) // from the cell's left edge to its text
	for i, c := range cols {
		widths[i] = c.width / total * d.width
		inset[i] = pad
		if i > 0 && cols[i-1].right && !c.right {
			// Keep a left-aligned column clear of the numbers
			// right-aligned before it.
			inset[i] += 2 * pad
		}
	}
	lay := func(cells []string, style string) ([][]string, float64) {
		d.setFont(style, size)
		out := make([][]string, len(cells))
		n := 1
		for i, c := range cells {
			out[i] = d.wrap(c, widths[i]-inset[i]-pad)
			n = max(n, len(out[i]))
		}
		return out, float64(n)*lh + 2*padY
	}
	heads := make([]string, len(cols))
	for i, c := range cols {
		heads[i] = c.head
	}
	headLines, headH := lay(heads, "B")
	drawRow := func(lines [][]string, h float64, style string, shade bool, grey []bool) {
		p := d.pdf
		if shade {
			p.SetFillColor(pdfShade[0], pdfShade[1], pdfShade[2])
			p.Rect(pdfMarginX, d.y, d.width, h, "F")
		}
		// Line by line across the row, so that the text runs in reading
		// order: the first lines of every cell, then the second...
		n := 0
		for _, cell := range lines {
			n = max(n, len(cell))
		}
		for j := range n {
			x := pdfMarginX
			for i, cell := range lines {
				if j >= len(cell) || cell[j] == "" {
					x += widths[i]
					continue
				}
				l := cell[j]
				st := style
				d.color(pdfText)
				if j == 0 && len(grey) > i && grey[i] {
					st = ""
					d.color(pdfSecondary)
				}
				d.setFont(st, size)
				tx := x + inset[i]
				if cols[i].right {
					tx = x + widths[i] - pad - d.pdf.GetStringWidth(l)
				}
				d.text(tx, d.y+padY+float64(j)*lh+size*0.93, l)
				x += widths[i]
			}
		}
		d.y += h
		p.SetDrawColor(pdfRule[0], pdfRule[1], pdfRule[2])
		p.SetLineWidth(0.4)
		p.Line(pdfMarginX, d.y, pdfMarginX+d.width, d.y)
	}
	header := func() {
		if caption != "" {
			d.setFont("B", 9.5)
			d.color(pdfText)
			for _, l := range d.wrap(caption, d.width) {
				d.text(pdfMarginX, d.y+9.5*0.93, l)
				d.y += 9.5 * pdfLeading
			}
			d.y += 2
		}
		drawRow(headLines, headH, "B", false, nil)
	}
	first := true
	for _, row := range rows {
		style := ""
		if row.strong {
			style = "B"
		}
		lines, h := lay(row.cells, style)
		if first {
			d.room(11 + headH + h)
			header()
			first = false
		} else if d.y+h > d.pageH()-pdfMarginBottom {
			d.pdf.AddPage()
			d.y = pdfMarginTop
			header()
		}
		drawRow(lines, h, style, row.strong, row.first)
	}
	d.y += 10
}

// chart draws c scaled to the column's width, on a new page when it does
// not fit on this one. The drawing is marked as a figure named after the
// chart, so tools can tell it from the text around it.
func (d *pdfDoc) chart(c *chart.Chart) (err error) {
	scale := min(1, d.width/c.Width.Points())
	h := d.chartHeight(c)
	d.room(h + 6)
	x := pdfMarginX + (d.width-c.Width.Points()*scale)/2
	d.pdf.RawWriteStr(fmt.Sprintf("/Figure <</Name (%s)>> BDC", c.Kind))
	cv := d.place(c.Width, c.Height, x, d.y, scale)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing the %s chart in report.pdf: %v", c.Kind, r)
		}
		cv.end()
		d.pdf.RawWriteStr("EMC")
		d.y += h + 12
	}()
	c.Draw(draw.New(cv))
	return nil
}

// chartHeight is the height c takes on the page, scaled to the column.
func (d *pdfDoc) chartHeight(c *chart.Chart) float64 {
	return c.Height.Points() * min(1, d.width/c.Width.Points())
}

// pdfBody sets the report, section by section, as report.html does.
func (r *Report) pdfBody(d *pdfDoc) error {
	// Header.
	d.para("Monthly report · "+r.AreaName+" · "+r.Month.Label(), pdfStyle{size: 8.5, font: "B", color: pdfSecondary, after: 4})
	d.para(r.Title, pdfStyle{size: 18, font: "B", color: pdfText, after: 8})
	d.para(r.Headline, pdfStyle{size: 12.5, font: "B", color: pdfText, after: 6})
	for _, l := range r.Lead {
		d.para(l, pdfStyle{size: 10.5, color: pdfText, after: 5})
	}
	if r.Provenance != "" {
		d.para(r.Provenance, pdfHintStyle)
	}
	if t := r.ToDate; t != nil {
		d.para(t.Headline+pdfCites(t.Sources), pdfStyle{size: 10.5, color: pdfText, after: 3})
		if t.Sum != "" {
			d.para(t.Sum, pdfHintStyle)
		}
	}

	// Key figures.
	d.heading("Key figures")
	d.para(r.KeyHint, pdfHintStyle)
	cols := []pdfCol{
		{head: "Month", width: 23}, {head: "Count", width: 18, right: true}, {head: "Per day", width: 9, right: true},
		{head: "Change to " + r.Month.Short(), width: 16, right: true}, {head: "95% interval", width: 16, right: true}, {head: "Verdict", width: 18},
	}
	for _, kt := range r.KeyFigures {
		var rows []pdfRow
		for _, row := range kt.Rows {
			count := row.Count
			if row.Source != 0 {
				count += fmt.Sprintf(" [%d]", row.Source)
			}
			verdict := row.Verdict
			this := row.Role == "This month"
			if this {
				verdict = "–"
			}
			rows = append(rows, pdfRow{
				cells:  []string{row.Role + "\n" + row.Month, count, orDash(row.PerDay), orDash(row.Change), orDash(row.Interval), verdict},
				strong: this,
				first:  []bool{true},
			})
		}
		d.table(kt.Caption, cols, rows)
	}
	if len(r.Basis) > 0 {
		d.para("Where the compared figures come from:", pdfStyle{size: 8.3, color: pdfSecondary, after: 2})
		d.bullets(r.Basis, pdfStyle{size: 8.3, color: pdfSecondary, after: 4})
	}

	// Charts.
	if len(r.Charts) > 0 {
		in := chart.Input{Data: r.ds, Area: r.opt.Area, To: r.opt.Month, Month: r.opt.Month, Options: r.opt.Stats}
		var charts []*chart.Chart
		for _, ref := range r.Charts {
			// A chart drawn for the folder's PNG and SVG is drawn again
			// here from the same layout: Draw does not change the chart.
			c := ref.chart
			if c == nil {
				var err error
				if c, err = chart.New(chart.Kind(ref.Name), in); err != nil {
					return fmt.Errorf("report.pdf: %s chart: %w", ref.Name, err)
				}
			}
			charts = append(charts, c)
		}
		// The heading goes with the first chart, not alone at a page's foot.
		d.headingKept("Charts", d.chartHeight(charts[0])+6)
		for _, c := range charts {
			if err := d.chart(c); err != nil {
				return err
			}
		}
	}

	// Areas.
	if a := r.Areas; a != nil {
		d.heading("Areas")
		var rows []pdfRow
		for _, row := range a.Rows {
			rows = append(rows, pdfRow{cells: []string{row.Rank, row.Area, row.Count, row.Share, row.Change}})
		}
		d.table(a.Caption, []pdfCol{
			{head: "Rank", width: 8, right: true}, {head: "Area", width: 38}, {head: "Count", width: 20, right: true},
			{head: "Share", width: 12, right: true}, {head: "Change on previous month", width: 22, right: true},
		}, rows)
		for _, n := range a.Notes {
			d.para(n, pdfHintStyle)
		}
	}

	// Revisions.
	d.heading("Revisions since the previous publication")
	d.para(r.Revisions.Summary, pdfBodyStyle)
	if len(r.Revisions.Rows) > 0 {
		var rows []pdfRow
		for _, row := range r.Revisions.Rows {
			rows = append(rows, pdfRow{cells: []string{row.Month, row.Metric, row.Old, row.New, row.Change, row.Note}})
		}
		d.table("", []pdfCol{
			{head: "Month", width: 14}, {head: "Figure", width: 22}, {head: "Was", width: 12, right: true},
			{head: "Now", width: 12, right: true}, {head: "Change", width: 13, right: true}, {head: "Note", width: 27},
		}, rows)
	}

	// Notes.
	d.heading("Notes and warnings")
	d.bullets(r.Notes, pdfBodyStyle)
	if len(r.DataWarnings) > 0 {
		d.para("Warnings raised while reading the data:", pdfBodyStyle)
		d.bullets(r.DataWarnings, pdfBodyStyle)
	}
	if len(r.Notes) == 0 && len(r.DataWarnings) == 0 {
		d.para("None.", pdfBodyStyle)
	}

	// Sources.
	d.heading("Sources")
	for _, s := range r.Sources {
		text := s.Name
		if s.Date != "" {
			text += ", " + s.Date
		}
		d.para(fmt.Sprintf("[%d] %s.", s.N, text), pdfStyle{size: pdfTextSize, color: pdfText, after: 1})
		for _, n := range s.Notes {
			d.para(n, pdfStyle{size: 8.3, color: pdfSecondary, indent: 14, after: 1})
		}
		for _, l := range s.Links {
			d.link(l, 14)
		}
		d.y += 4
	}
	d.para(fmt.Sprintf("Data: %s (%s, %s to %s).", strings.Join(r.Meta.Source, ", "), r.DataSummary(), r.Meta.Covered.First.Label(), r.Meta.Covered.Last.Label()), pdfBodyStyle)

	// Method.
	d.heading("Method")
	for _, m := range r.Method {
		d.para(m, pdfBodyStyle)
	}
	made := "Made by casualty " + r.Meta.Version
	if r.Meta.Command != "" {
		made += " with " + r.Meta.Command
	}
	d.para(made+".", pdfStyle{size: 8, color: pdfSecondary, before: 6})
	if len(d.missing) > 0 {
		// Said last, once every character set is known. Liberation Sans
		// covers Latin, Greek and Cyrillic; Arabic, say, would also need
		// shaping that this writer does not do.
		d.para(fmt.Sprintf("This PDF's font, Liberation Sans, has no glyph for %d of the characters in the data (%s), which show as empty boxes; the text can still be copied as written, and report.html shows it.", len(d.missing), pdfRuneList(d.missing)), pdfStyle{size: 8, color: pdfSecondary, before: 4})
	}
	return nil
}

// pdfRuneList lists characters by code point, the first few of them:
// "U+062A, U+062D".
func pdfRuneList(rs []rune) string {
	var parts []string
	for i, r := range rs {
		if i == 8 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("U+%04X", r))
	}
	return strings.Join(parts, ", ")
}

// link sets a source's web address, clickable when it is one (see
// isLink), else as plain text.
func (d *pdfDoc) link(s string, indent float64) {
	const size = 8.3
	d.setFont("", size)
	lh := size * pdfLeading
	if !isLink(s) {
		d.para(s, pdfStyle{size: size, color: pdfSecondary, indent: indent, after: 1})
		return
	}
	d.color(pdfLinkBlue)
	for _, l := range d.wrap(s, d.width-indent) {
		d.room(lh)
		x := pdfMarginX + indent
		d.text(x, d.y+size*0.93, l)
		d.pdf.LinkString(x, d.y, d.pdf.GetStringWidth(l), lh, s)
		d.y += lh
	}
	d.y++
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// pdfCites writes source numbers as the page's citation marks: " [4]".
func pdfCites(ns []int) string {
	s := ""
	for _, n := range ns {
		s += fmt.Sprintf(" [%d]", n)
	}
	return s
}
