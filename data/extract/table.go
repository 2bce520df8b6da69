package extract

import (
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// Tables written as text: a briefing's "Month | Killed | Injured" header
// and a line a month under it ("May | 174 | 684"). Each cell under a
// metric's column, on a line whose first cell is a month, is that month's
// figure; its month is the line's, its metric the column's. Numbers on a
// table line that is no month ("Total | 863 | 2,769") are warned about.

// tableCell is a run of tokens between separators.
type tableCell struct{ i, j int } // tokens [i, j)

// readTables reads the figures of every pipe table in the text, marking
// its numbers read so that no sentence reads them again.
func (x *extractor) readTables() {
	lines := x.tokenLines()
	for li := 0; li < len(lines); li++ {
		cols := x.tableHeader(lines[li])
		if cols == nil {
			continue
		}
		n := len(x.cells(lines[li]))
		for lj := li + 1; lj < len(lines); lj++ {
			cells := x.cells(lines[lj])
			if len(cells) != n {
				break
			}
			x.tableRow(cells, cols, lines[li])
			li = lj
		}
	}
}

// tokenLines splits the body's tokens into lines, [i, j) each.
func (x *extractor) tokenLines() [][2]int {
	var lines [][2]int
	start := -1
	for i, t := range x.toks {
		if t.start < x.body {
			continue
		}
		if t.nl && start >= 0 {
			lines = append(lines, [2]int{start, i})
			start = -1
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		lines = append(lines, [2]int{start, len(x.toks)})
	}
	return lines
}

// cells splits a line at its "|" separators; a line with none is no row.
func (x *extractor) cells(line [2]int) []tableCell {
	var cs []tableCell
	from := line[0]
	seps := 0
	for i := line[0]; i < line[1]; i++ {
		if x.toks[i].isPunct("|") {
			cs = append(cs, tableCell{from, i})
			from = i + 1
			seps++
		}
	}
	if seps == 0 {
		return nil
	}
	cs = append(cs, tableCell{from, line[1]})
	// "| May | 174 | 684 |": the outer bars open and close the line.
	if cs[0].i == cs[0].j {
		cs = cs[1:]
	}
	if n := len(cs); n > 0 && cs[n-1].i == cs[n-1].j {
		cs = cs[:n-1]
	}
	return cs
}

// tableHeader returns, for a header line, the metric of each column (mNone
// for the month's and others), or nil when the line is no such header: a
// first cell naming the month (or empty) and at least one metric column.
func (x *extractor) tableHeader(line [2]int) []int {
	cs := x.cells(line)
	if len(cs) < 2 {
		return nil
	}
	first := x.cellWords(cs[0])
	if first != "" && !strings.Contains(first, "month") && !strings.Contains(first, "місяць") && !strings.Contains(first, "period") {
		return nil
	}
	cols := make([]int, len(cs))
	found := false
	for ci, c := range cs[1:] {
		words := strings.Fields(x.cellWords(c))
		m := mNone
		for _, w := range words {
			if mw := metricWord(w); mw != mNone {
				if m != mNone && m != mw {
					m = mNone // "killed or injured" in one column: not read as either
					break
				}
				m = mw
			}
			if childWord(w) {
				m = mNone // a children's column is a breakdown this reader leaves out
				break
			}
		}
		cols[ci+1] = m
		found = found || m != mNone
	}
	if !found {
		return nil
	}
	return cols
}

func (x *extractor) cellWords(c tableCell) string {
	var ws []string
	for i := c.i; i < c.j; i++ {
		if x.toks[i].kind == kWord {
			ws = append(ws, x.toks[i].low)
		}
	}
	return strings.Join(ws, " ")
}

// tableRow reads one row under a header.
func (x *extractor) tableRow(cells []tableCell, cols []int, header [2]int) {
	var nums []int
	for ci, c := range cells {
		if ci == 0 || cols[ci] == mNone {
			continue
		}
		for i := c.i; i < c.j; i++ {
			if x.toks[i].isNum() && !x.consumed[i] {
				nums = append(nums, i)
			}
		}
	}
	if len(nums) == 0 {
		return
	}
	s := x.sentenceOf(cells[0].i)
	var month data.Month
	// The first cell is a month and nothing else: "May", "May 2023",
	// "травень"; "Total, January to March" is no month.
	only := true
	for i := cells[0].i; i < cells[0].j; i++ {
		t := x.toks[i]
		only = only && (monthAt(t) != 0 || isYearTok(t) || t.isPunct(".") || strings.HasPrefix(t.low, "рок") || t.low == "р")
	}
	if s != nil && only {
		for _, mn := range s.mentions {
			if mn.i >= cells[0].i && mn.j < cells[0].j && mn.m != 0 && mn.day == 0 && !mn.since {
				month = x.year(s, mn)
				if mn.y == 0 {
					if y, ok := x.tableYear(header); ok {
						month = data.NewMonth(y, mn.m)
					}
				}
			}
		}
	}
	for ci, c := range cells {
		if ci == 0 || cols[ci] == mNone {
			continue
		}
		for i := c.i; i < c.j; i++ {
			t := x.toks[i]
			if !t.isNum() || x.consumed[i] {
				continue
			}
			x.consumed[i] = true
			if month.IsZero() || s == nil || c.j-c.i != 1 {
				x.warn(i, "%s: a table cell on a line that is no month's (%s), or not a number alone; not reported", t.text, x.cellWords(cells[0]))
				continue
			}
			x.cands = append(x.cands, &cand{k: i, sent: s, val: t.val, last: i, metric: cols[ci], month: month, bound: true,
				adjacent: true, takes: -1, how: "table", qual: data.Exact,
				note: "a table line: " + strings.Join(strings.Fields(x.doc.Text[x.toks[cells[0].i].start:x.toks[cells[len(cells)-1].j-1].end]), " ")})
		}
	}
}

// tableYear is a year named in the table's caption, on the two lines
// above its header ("Table 1: Civilian casualties by month, 2023").
func (x *extractor) tableYear(header [2]int) (int, bool) {
	lines := 0
	for i := header[0] - 1; i >= 0 && lines < 2; i-- {
		t := x.toks[i]
		if isYearTok(t) {
			return int(t.val), true
		}
		if t.nl {
			lines++
		}
	}
	return 0, false
}

// sentenceOf returns the sentence that holds token i.
func (x *extractor) sentenceOf(i int) *sentence {
	for _, s := range x.sents {
		if i >= s.s && i < s.e {
			return s
		}
	}
	return nil
}
