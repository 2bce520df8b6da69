package events

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/casualty-tool/casualty/data"
)

// AggregateFile aggregates the event file at path; see Aggregate.
func AggregateFile(ctx context.Context, path string, opt Options) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot open: %v", path, errors.Unwrap(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s: is a folder; want an event file", path)
	}
	return Aggregate(ctx, f, path, opt)
}

func aggregate(ctx context.Context, r io.Reader, name string, opt Options) (*Result, error) {
	// A file that can be read at any offset may be read in parallel
	// ranges (parallel.go); note where it starts.
	ra, _ := r.(io.ReaderAt)
	sk, _ := r.(io.Seeker)
	pos0 := int64(-1)
	if ra != nil && sk != nil && opt.Workers > 1 {
		if p, err := sk.Seek(0, io.SeekCurrent); err == nil {
			pos0 = p
		}
	}
	hdr, rest, hdrLines, read, err := readHeader(r, name, opt.MaxRecordBytes)
	if err != nil {
		return nil, err
	}
	lay, err := newLayout(name, hdr, opt)
	if err != nil {
		return nil, err
	}
	firstLine := 1 + hdrLines // line of the first data record

	var in io.Reader = io.MultiReader(bytes.NewReader(rest), r)
	if pos0 >= 0 {
		if end, err := sk.Seek(0, io.SeekEnd); err == nil {
			from := pos0 + int64(read-len(rest))
			sec := io.NewSectionReader(ra, from, end-from)
			in = sec
			if sec.Size() >= 2*int64(opt.ChunkSize) {
				workers, lines, ok, err := ranged(ctx, sec, sec.Size(), lay, opt)
				if err != nil {
					return nil, err
				}
				if ok {
					return finish(lay, workers, lineStarts(firstLine, lines), opt)
				}
			}
		}
	}

	src := &source{ctx: ctx, r: in, name: name, maxRecord: opt.MaxRecordBytes, progress: opt.Progress}
	workers := make([]*worker, opt.Workers)
	var wg sync.WaitGroup
	for i := range workers {
		w := newWorker(lay)
		workers[i] = w
		wg.Go(func() {
			buf := make([]byte, 0, opt.ChunkSize)
			parsed, rows := 0, int64(0)
			for {
				c, b, ok := src.next(buf, parsed, rows)
				buf = b
				if !ok {
					return
				}
				lines, n := w.chunk(c)
				w.chunkLines = append(w.chunkLines, seqLines{c.seq, lines})
				parsed, rows = len(c.b), n
			}
		})
	}
	wg.Wait()

	lines := make([]int, src.seq)
	for _, w := range workers {
		for _, sl := range w.chunkLines {
			lines[sl.seq] = sl.lines
		}
	}
	start := lineStarts(firstLine, lines)
	if src.err != nil {
		var tl *tooLongError
		if errors.As(src.err, &tl) {
			return nil, &data.InputError{Pos: data.Pos{File: name, Line: start[tl.afterSeq+1]}, Err: tl}
		}
		return nil, src.err
	}
	return finish(lay, workers, start, opt)
}

// lineStarts returns, for each chunk, the line its first record starts
// on, given the line of the first data record and the lines each chunk
// spans (and one more entry: the line after the last chunk).
func lineStarts(first int, lines []int) []int {
	start := make([]int, len(lines)+1)
	start[0] = first
	for i, n := range lines {
		start[i+1] = start[i] + n
	}
	return start
}

// readHeader reads the first record of the file and returns its fields,
// the bytes read past it and the lines it spans.
func readHeader(r io.Reader, name string, max int) (_ []string, rest []byte, lines, read int, _ error) {
	buf := make([]byte, 0, 64<<10)
	eof := false
	for {
		b := bytes.TrimPrefix(buf, []byte("\xEF\xBB\xBF"))
		if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
			return nil, nil, 0, 0, &data.InputError{Pos: data.Pos{File: name, Line: 1}, Err: errors.New("the file is UTF-16 text; save it as CSV (UTF-8)")}
		}
		if len(b) > 0 || eof {
			rec, rest, lines, closed := nextRecord(b)
			if (rest != nil && closed) || eof {
				if len(bytes.TrimSpace(rec)) == 0 {
					return nil, nil, 0, 0, &data.InputError{Pos: data.Pos{File: name}, Err: errors.New("the file is empty or starts with a blank line; want a header row (event_date,admin1,fatalities,...)")}
				}
				if !closed {
					return nil, nil, 0, 0, &data.InputError{Pos: data.Pos{File: name, Line: 1}, Err: errOpenQuote}
				}
				// There are at most as many fields as commas plus one.
				want := make([]bool, bytes.Count(rec, []byte{','})+1)
				for i := range want {
					want[i] = true
				}
				f := make([][]byte, len(want))
				offs := make([]int, len(want))
				n, _, ferr := splitFields(rec, want, f, offs, nil)
				if ferr != nil {
					line, col := position(rec, 1, ferr.off)
					return nil, nil, 0, 0, &data.InputError{Pos: data.Pos{File: name, Line: line, Col: col}, Err: fmt.Errorf("header: %v", ferr.err)}
				}
				h := make([]string, n)
				for i := range h {
					h[i] = strings.TrimSpace(string(f[i]))
				}
				return h, append([]byte(nil), rest...), lines, len(buf), nil
			}
		}
		if len(buf) >= max {
			return nil, nil, 0, 0, &data.InputError{Pos: data.Pos{File: name, Line: 1}, Err: fmt.Errorf("no header line within the first %d bytes; not an event file?", max)}
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			eof = true
		} else if err != nil {
			return nil, nil, 0, 0, fmt.Errorf("%s: cannot read: %v", name, err)
		}
	}
}

// newLayout finds the columns in the header.
func newLayout(name string, header []string, opt Options) (*layout, error) {
	lay := &layout{name: name, header: header, ncols: len(header), areas: opt.Areas, codeIdx: map[string]int{}, max: opt.MaxErrors, injured: -1, country: -1}
	for _, u := range opt.Areas.Units {
		lay.codeIdx[u.Code] = len(lay.codes)
		lay.codes = append(lay.codes, u.Code)
	}
	hdrPos := data.Pos{File: name, Line: 1}
	find := func(col, flag string, required bool) (int, error) {
		for i, h := range header {
			if strings.EqualFold(h, strings.TrimSpace(col)) {
				return i, nil
			}
		}
		if !required {
			return -1, nil
		}
		hint := ""
		if n := data.Nearest(col, header); n != "" {
			hint = fmt.Sprintf("; did you mean %q?", n)
		}
		return -1, &data.InputError{Pos: hdrPos, Err: fmt.Errorf("no column %q (name another with %s)%s; the header is %q", col, flag, hint, strings.Join(header, ","))}
	}
	var err error
	var errs data.ErrorList
	if lay.date, err = find(opt.Columns.Date, "--date-col", true); err != nil {
		errs.Add(err)
	}
	if lay.area, err = find(opt.Columns.Area, "--area-col", true); err != nil {
		errs.Add(err)
	}
	if lay.killed, err = find(opt.Columns.Killed, "--killed-col", true); err != nil {
		errs.Add(err)
	}
	if lay.injured, err = find(opt.Columns.Injured, "--injured-col", !opt.injuredOptional); err != nil {
		errs.Add(err)
	}
	byCol := map[int]int{} // column -> index in lay.filters
	for _, f := range opt.Where {
		c, err := find(f.Column, "--where", true)
		if err != nil {
			errs.Add(err)
			continue
		}
		if j, ok := byCol[c]; ok {
			lay.filters[j].values = append(lay.filters[j].values, f.Values...)
			continue
		}
		byCol[c] = len(lay.filters)
		lay.filters = append(lay.filters, colFilter{col: c, values: append([]string(nil), f.Values...)})
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	// A country column is tallied, so that a file of several countries
	// is told as such (countryError) rather than as unknown areas.
	lay.country, _ = find("country", "", false)
	maxCol := max(lay.date, lay.area, lay.killed, lay.injured, lay.country)
	for _, f := range lay.filters {
		maxCol = max(maxCol, f.col)
	}
	lay.want = make([]bool, maxCol+1)
	lay.want[lay.date], lay.want[lay.area], lay.want[lay.killed] = true, true, true
	if lay.injured >= 0 {
		lay.want[lay.injured] = true
	}
	for _, f := range lay.filters {
		lay.want[f.col] = true
	}
	if lay.country >= 0 {
		lay.want[lay.country] = true
	}
	return lay, nil
}

// finish merges the workers' tables and turns their errors into located
// errors, or into warnings with SkipBad.
func finish(lay *layout, workers []*worker, start []int, opt Options) (*Result, error) {
	res := &Result{File: lay.name, HasInjured: lay.injured >= 0, Where: whereOf(lay)}
	res.Header = Columns{Date: lay.header[lay.date], Area: lay.header[lay.area], Killed: lay.header[lay.killed]}
	if lay.injured >= 0 {
		res.Header.Injured = lay.header[lay.injured]
	}
	months := map[int][]acc{}
	var rowErrs []rowErr
	var nerrs int64
	unknown := map[string]*unknownName{}
	var unkOther int64
	countries := map[string]int64{}
	for _, w := range workers {
		if w.overflow {
			return nil, &data.InputError{Pos: data.Pos{File: lay.name}, Err: errOverflow}
		}
	}
	for _, w := range workers {
		res.Rows += w.rows
		res.Filtered += w.filtered
		res.Events += w.events
		res.Skipped += w.skipped
		rowErrs = append(rowErrs, w.errs...)
		w.countries.flush()
		for c, n := range w.countries.counts {
			countries[strings.TrimSpace(c)] += n
		}
		nerrs += w.nerrs
		unkOther += w.unkOther
		for m, row := range w.months {
			dst, ok := months[m]
			if !ok {
				dst = make([]acc, len(lay.codes))
				months[m] = dst
			}
			for i, a := range row {
				d := &dst[i]
				if a.killed > math.MaxInt64-d.killed || a.injured > math.MaxInt64-d.injured {
					return nil, &data.InputError{Pos: data.Pos{File: lay.name}, Err: errOverflow}
				}
				d.events += a.events
				d.killed += a.killed
				d.injured += a.injured
			}
		}
		for s, u := range w.unknown {
			v, ok := unknown[s]
			if !ok {
				if len(unknown) >= maxUnknown {
					unkOther += u.count
					continue
				}
				c := *u
				unknown[s] = &c
				continue
			}
			v.count += u.count
			if u.seq < v.seq || (u.seq == v.seq && u.line < v.line) {
				v.seq, v.line = u.seq, u.line
			}
		}
	}
	sort.Slice(rowErrs, func(i, j int) bool {
		a, b := rowErrs[i], rowErrs[j]
		if a.seq != b.seq {
			return a.seq < b.seq
		}
		return a.line < b.line
	})
	errs := &data.ErrorList{Max: opt.MaxErrors}
	if uerr := unknownError(lay, unknown, unkOther, start); uerr != nil {
		if cerr := countryError(lay, countries); cerr != nil {
			uerr = cerr
		}
		errs.Add(uerr)
	}
	for _, e := range rowErrs {
		errs.Add(&data.InputError{Pos: data.Pos{File: lay.name, Line: start[e.seq] + e.line, Col: e.col}, Column: e.column, Err: e.err})
	}
	for range nerrs - int64(len(rowErrs)) {
		errs.Add(errMore) // counted, not listed: the list is full
	}
	if errs.Len() > 0 && !opt.SkipBad {
		return nil, errs
	}
	if errs.Len() > 0 {
		res.Warnings = append(res.Warnings, fmt.Errorf("%s: %d bad rows skipped (--skip-bad); their events are not in the figures", lay.name, res.Skipped))
		res.Warnings = append(res.Warnings, errs.Errs...)
		if more := errs.Len() - len(errs.Errs); more > 0 {
			res.Warnings = append(res.Warnings, fmt.Errorf("%s: %w", lay.name, &data.LimitError{Limit: "MaxErrors", What: fmt.Sprintf("... and %d more bad rows", more)}))
		}
	}
	if res.Events == 0 {
		why := ""
		if res.Filtered > 0 {
			why = fmt.Sprintf("; %d rows left out by --where", res.Filtered)
		}
		if res.Skipped > 0 {
			why += fmt.Sprintf("; %d bad rows skipped", res.Skipped)
		}
		return nil, &data.InputError{Pos: data.Pos{File: lay.name}, Err: fmt.Errorf("no events counted: %d data rows%s", res.Rows, why)}
	}
	res.Cells = cells(lay, months)
	return res, nil
}

var errMore = errors.New("more")

// errOverflow ends an aggregation whose sums pass the largest int64. It
// names no month or line: which sum overflows first depends on how the
// file was cut into chunks, and a result must not.
var errOverflow = errors.New("a monthly sum passes 9,223,372,036,854,775,807; these are not counts of people")

func whereOf(lay *layout) []Filter {
	var out []Filter
	for _, f := range lay.filters {
		out = append(out, Filter{Column: lay.header[f.col], Values: f.values})
	}
	return out
}

// unknownError lists the most frequent names that are not areas.
func unknownError(lay *layout, unknown map[string]*unknownName, other int64, start []int) error {
	if len(unknown) == 0 && other == 0 {
		return nil
	}
	names := make([]string, 0, len(unknown))
	var rows int64 = other
	for s, u := range unknown {
		names = append(names, s)
		rows += u.count
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := unknown[names[i]], unknown[names[j]]
		if a.count != b.count {
			return a.count > b.count
		}
		return names[i] < names[j]
	})
	const top = 10
	var b strings.Builder
	fmt.Fprintf(&b, "%d rows name no admin-1 area of %s (%d different names); the most frequent:", rows, lay.areas.Country.Name, len(names)+int(min(other, 1)))
	for i, s := range names {
		if i == top {
			fmt.Fprintf(&b, "\n  ... and %d more names", len(names)-top)
			break
		}
		u := unknown[s]
		fmt.Fprintf(&b, "\n  %q: %d rows, first at line %d: %v", s, u.count, start[u.seq]+u.line, u.err)
	}
	if other > 0 {
		fmt.Fprintf(&b, "\n  and %d rows with yet other names", other)
	}
	return &data.InputError{Pos: data.Pos{File: lay.name}, Column: lay.header[lay.area], Err: errors.New(b.String())}
}

// countryError is the message for a file that holds events of several
// countries (ACLED exports a region at once): their names and rows, and
// the filter that keeps the one the area table is for. nil when the file
// has no country column or only one country in it.
func countryError(lay *layout, countries map[string]int64) error {
	if lay.country < 0 || len(countries) < 2 {
		return nil
	}
	names := make([]string, 0, len(countries))
	for c := range countries {
		names = append(names, c)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := countries[names[i]], countries[names[j]]
		if a != b {
			return a > b
		}
		return names[i] < names[j]
	})
	ours := lay.areas.Country.Name
	if _, ok := countries[ours]; !ok {
		ours = names[0]
	}
	col := lay.header[lay.country]
	var b strings.Builder
	fmt.Fprintf(&b, "the file holds events of %d countries, and admin-1 areas are read for one country at a time (%s):", len(names), lay.areas.Country.Name)
	const top = 10
	for i, c := range names {
		if i == top {
			fmt.Fprintf(&b, "\n  ... and %d more countries", len(names)-top)
			break
		}
		label := c
		if label == "" {
			label = "(empty)"
		}
		fmt.Fprintf(&b, "\n  %s: %d rows", label, countries[c])
	}
	fmt.Fprintf(&b, "\nkeep one country's rows with --where %s=%s", col, ours)
	if strings.ContainsAny(ours, " ,\"") {
		fmt.Fprintf(&b, " (quoted in the shell: --where '%s=%s')", col, ours)
	}
	return &data.InputError{Pos: data.Pos{File: lay.name}, Column: col, Err: errors.New(b.String())}
}

// cells lays the merged table out as Cells: every area with an event,
// every month of the span.
func cells(lay *layout, months map[int][]acc) []Cell {
	first, last := math.MaxInt, math.MinInt
	seen := make([]bool, len(lay.codes))
	for m, row := range months {
		for i, a := range row {
			if a.events > 0 {
				seen[i] = true
				first, last = min(first, m), max(last, m)
			}
		}
	}
	var out []Cell
	for m := first; m <= last; m++ {
		row := months[m]
		for i, code := range lay.codes {
			if !seen[i] {
				continue
			}
			c := Cell{Month: data.MonthFromIndex(m), Area: code}
			if row != nil {
				c.Events, c.Killed, c.Injured = row[i].events, row[i].killed, row[i].injured
			}
			out = append(out, c)
		}
	}
	return out
}
