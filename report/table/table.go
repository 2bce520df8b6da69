package table

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// Table is a table for people, already worded: a title, lines under it, a
// head and rows of cells, blocks of text after it and numbered notes.
// Trends and comparisons are built as one (Trend, Comparison) and written
// by the same two renderers, WriteText and WriteMarkdown; their CSV and
// JSON are for programs and carry exact values instead (WriteTrendCSV,
// WriteTrendJSON, WriteComparisonJSON).
type Table struct {
	Title string
	Intro []string // lines under the title
	Head  []string
	Rows  [][]string
	Left  []int // the columns aligned left; the others are aligned right
	After []Block
	Notes []string // numbered footnotes, referred to as [1], [2], ... in cells
}

// Block is text after a table's rows: one of a paragraph, lines (a list in
// Markdown) or label-value facts.
type Block struct {
	Para  string
	Wrap  int // in text, wrap Para at this many columns (0: one line)
	Lines []string
	Facts [][2]string
}

// WriteText writes t for a terminal: columns padded to their width, a
// rule under the head, notes as "[1] ...".
func (t *Table) WriteText(w io.Writer) error {
	var b strings.Builder
	b.WriteString(t.Title + "\n")
	for _, l := range t.Intro {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n")
	t.align(&b)
	for _, bl := range t.After {
		b.WriteString("\n")
		switch {
		case bl.Facts != nil:
			lw := 0
			for _, f := range bl.Facts {
				lw = max(lw, utf8.RuneCountInString(f[0]))
			}
			for _, f := range bl.Facts {
				b.WriteString(f[0] + strings.Repeat(" ", lw-utf8.RuneCountInString(f[0])) + "  " + f[1] + "\n")
			}
		case bl.Lines != nil:
			for _, l := range bl.Lines {
				b.WriteString(l + "\n")
			}
		default:
			p := bl.Para
			if bl.Wrap > 0 {
				p = wrap(p, bl.Wrap)
			}
			b.WriteString(p + "\n")
		}
	}
	if len(t.Notes) > 0 {
		b.WriteString("\nNotes:\n")
		for i, n := range t.Notes {
			fmt.Fprintf(&b, "[%d] %s\n", i+1, n)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes t as a Markdown section: a heading, a table, lists
// and numbered notes, with the text escaped.
func (t *Table) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("### " + mdEscape(t.Title) + "\n\n")
	for _, l := range t.Intro {
		b.WriteString(mdEscape(l) + "\n\n")
	}
	row := func(r []string) {
		b.WriteString("|")
		for _, c := range r {
			b.WriteString(" " + mdEscape(c) + " |")
		}
		b.WriteString("\n")
	}
	row(t.Head)
	b.WriteString("|")
	for i := range t.Head {
		if slices.Contains(t.Left, i) {
			b.WriteString(" :--- |")
		} else {
			b.WriteString(" ---: |")
		}
	}
	b.WriteString("\n")
	for _, r := range t.Rows {
		row(r)
	}
	for _, bl := range t.After {
		b.WriteString("\n")
		switch {
		case bl.Facts != nil:
			for _, f := range bl.Facts {
				b.WriteString("- **" + mdEscape(f[0]) + "**: " + mdEscape(f[1]) + "\n")
			}
		case bl.Lines != nil:
			for _, l := range bl.Lines {
				b.WriteString("- " + mdEscape(l) + "\n")
			}
		default:
			b.WriteString(mdEscape(bl.Para) + "\n")
		}
	}
	if len(t.Notes) > 0 {
		b.WriteString("\nNotes:\n\n")
		for i, n := range t.Notes {
			fmt.Fprintf(&b, "%d. %s\n", i+1, mdEscape(n))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// align writes the head, a rule and the rows, each cell padded to its
// column's width (in runes). Trailing spaces are trimmed; a column with
// no text at all takes no room.
func (t *Table) align(b *strings.Builder) {
	width := make([]int, len(t.Head))
	for _, r := range append([][]string{t.Head}, t.Rows...) {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	line := func(r []string) {
		var l strings.Builder
		for i, c := range r {
			if width[i] == 0 {
				continue
			}
			if i > 0 {
				l.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if slices.Contains(t.Left, i) {
				l.WriteString(c + pad)
			} else {
				l.WriteString(pad + c)
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	line(t.Head)
	rule := make([]string, len(t.Head))
	for i := range rule {
		rule[i] = strings.Repeat("-", width[i])
	}
	line(rule)
	for _, r := range t.Rows {
		line(r)
	}
}

// mdEscape keeps text from being read as Markdown syntax.
func mdEscape(s string) string { return mdEscaper.Replace(s) }

var mdEscaper = strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;")

// wrap wraps a paragraph at width columns.
func wrap(s string, width int) string {
	var b strings.Builder
	col := 0
	for i, w := range strings.Fields(s) {
		n := utf8.RuneCountInString(w)
		if i > 0 {
			if col+1+n > width {
				b.WriteString("\n")
				col = 0
			} else {
				b.WriteString(" ")
				col++
			}
		}
		b.WriteString(w)
		col += n
	}
	return b.String()
}
