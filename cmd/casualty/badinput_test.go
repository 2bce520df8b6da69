package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

// badCase is one entry of the catalogue of bad input (testdata/bad): the
// files given with --data, extra flags, and the golden file holding the
// exact message (testdata/bad/NAME.want).
type badCase struct {
	name  string   // golden file stem; default: the first file's name
	files []string // catalogue files, each passed with --data
	args  []string // extra flags
}

func (c badCase) golden() string {
	if c.name != "" {
		return c.name
	}
	return c.files[0]
}

func one(file string, args ...string) badCase { return badCase{files: []string{file}, args: args} }

// textCases are the text files casualty must refuse, each with a message
// that names the file and the place, what was wanted and what was found.
var textCases = []badCase{
	// Structure.
	one("empty.csv"),
	one("blank-lines.csv"),
	one("header-only.csv"),
	one("no-columns.csv"),
	one("wide-no-month.csv"),
	one("wide-misspelt-column.csv"),
	one("duplicate-column.csv"),
	one("event-level.csv"),
	one("title-row.csv"),
	one("figures-below-blank.csv"),
	one("ragged-short.csv"),
	one("ragged-long.csv"),
	one("unclosed-quote.csv"),
	one("bare-quote.csv"),
	one("nul-bytes.csv"),
	one("zip-named.csv"),
	one("xls-named.csv"),
	one("old.xls"),
	one("sheet.ods"),
	{name: "hxl-forced.csv", files: []string{"hxl-forced.csv"}, args: []string{"--format-in", "hxl"}},

	// Encodings: refused with the likely encoding named, or a wrong
	// --encoding refused.
	one("windows-1251.csv"),
	one("windows-1252.csv"),
	one("utf16-no-bom.txt"),
	one("utf32.txt"),
	{name: "utf8-cyrillic.csv.as-1251", files: []string{"utf8-cyrillic.csv"}, args: []string{"--encoding", "windows-1251"}},
	{name: "utf16.as-1252", files: []string{"ok-utf16-unicode-text.txt"}, args: []string{"--encoding", "windows-1252"}},
	{name: "utf8.as-utf16", files: []string{"header-only.csv"}, args: []string{"--encoding", "utf-16"}},
	{name: "unknown-encoding", files: []string{"windows-1252.csv"}, args: []string{"--encoding", "latin-9"}},

	// Counts.
	one("negative.csv"),
	one("fractional.csv"),
	one("decimal-comma.csv"),
	one("exponent.csv"),
	one("huge.csv"),
	one("at-most.csv"),
	one("placeholder.csv"),
	one("range-reversed.csv"),
	one("misplaced-separator.csv"),
	one("outside-range.csv"),
	one("bad-qualifier.csv"),
	one("long-cell.csv"),
	one("footnote.csv"),
	one("dots-thousands.csv"),
	one("pandas-fraction.csv"),

	// Months.
	one("month-13.csv"),
	one("february-30.csv"),
	one("ambiguous-date.csv"),
	one("excel-serial.csv"),
	one("year-1899.csv"),
	one("empty-month.csv"),
	one("month-typo.csv"),
	one("mixed-date-order.csv"),
	one("year-disagrees.csv"),

	// Figures checked against each other and the area table.
	one("duplicate-month.csv"),
	one("duplicate-month-wide.csv"),
	one("children-above-total.csv"),
	one("iso-code.csv"),
	one("unknown-area.csv"),
	// Kyiv is the city in OCHA's COD-AB and the oblast in ACLED's names:
	// a file that does not show which it follows is refused, and so is
	// one where Київ and Kyiv land in different units.
	one("kyiv-ambiguous.csv"),
	one("kyiv-two-scripts.csv"),
	// Iraq's p-codes with --country UA.
	one("iraq-codes-country-ua.csv", "--country", "UA"),
	one("unknown-metric.csv"),
	one("derived-metric.csv"),
	one("casualties-disagree.csv"),
	one("months-across-no-metric.csv"),
	one("months-across-total.csv"),
	one("month-after-publication.csv"),
	one("bad-published.csv"),
	one("bad-covers.csv"),
	one("area-column-unread.csv"),
	one("area-no-header.csv"),
	one("area-code-name-disagree.csv"),
	one("area-given-twice.csv"),
	one("area-admin2-only.csv"),
	one("hxl-untagged-area.csv"),
	one("admin-levels-mixed.csv"),
	one("hapi-part-month.csv"),
	one("hapi-event-types.csv"),
	{name: "merge-conflict", files: []string{"merge-a.csv", "merge-b.csv"}},

	// Limits, each lowered by its flag so the file stays small.
	{name: "long-line.csv", files: []string{"long-line.csv"}, args: []string{"--max-line-bytes", "100"}},
	{name: "too-many-rows.csv", files: []string{"too-many-rows.csv"}, args: []string{"--max-rows", "3"}},
	{name: "too-big.csv", files: []string{"too-big.csv"}, args: []string{"--max-bytes", "50"}},
	one("many-errors.csv"),
	{name: "many-errors.csv.max-errors-5", files: []string{"many-errors.csv"}, args: []string{"--max-errors", "5"}},
}

// okCases are odd files that must load: their golden file holds what
// `casualty data` writes (stdout, then stderr).
var okCases = []badCase{
	one("ok-bom-semicolon.csv"),
	one("ok-utf16-unicode-text.txt"),
	one("ok-mac-cr.csv"),
	one("ok-windows-1251.csv", "--encoding", "windows-1251"),
	// Decoded, its Ukrainian oblast name (Харківська) is a known spelling of UA63.
	{name: "windows-1251.csv.decoded", files: []string{"windows-1251.csv"}, args: []string{"--encoding", "windows-1251"}},
	one("ok-windows-1252.csv", "--encoding", "windows-1252"),
	one("ok-approx.csv"),
	one("ok-range.csv", "--format", "json"),
	one("ok-month-spellings.csv"),
	// All 27 units named as OCHA's COD-AB names them: Kyiv is UA80, Kyivska UA32.
	one("ok-cod-names.csv"),
	// ACLED's names: Kyiv is UA32, Kyiv City UA80.
	one("ok-acled-names.csv"),
	// Iraq's p-codes and spellings, with no --country.
	one("ok-iraq-codes.csv"),
	// Area columns under OCHA COD-AB's and HDX's headers (issue 13 item 2).
	one("ok-cod-ab-adm1.csv"),
	one("ok-admin1-headers.csv"),
	// pandas' to_csv: an index column and counts written 129.0.
	one("ok-pandas.csv"),
	// Dates settled by their column; Excel's mmm-yy.
	one("ok-day-first.csv"),
	one("ok-excel-mmm-yy.csv"),
	// An analyst's table with a Total row and a source line under it.
	one("ok-analyst-total.csv"),
	// A Total row the rows do not add up to: read, with a warning.
	one("ok-total-mismatch.csv"),
	// A casualties column, checked against killed + injured.
	one("ok-casualties-column.csv"),
	// Months across the columns, with a metric column and a checked Total.
	one("ok-months-across.csv"),
	// Event data by month from HDX: ACLED's aggregates and HAPI's
	// conflict events (admin-2 rows summed; one event type read).
	one("ok-acled-monthly.csv"),
	one("ok-hapi-conflict.csv"),
	one("ok-hapi-hxl.csv"),
	// casualty aggregate's own output: its events column read back as
	// figures of the events metric, no column left unread (issue 19).
	one("ok-aggregate-output.csv"),
}

// inFreshDir copies catalogue files into a fresh folder, makes it the
// working directory for the rest of the test, and returns it.
func inFreshDir(t *testing.T, files []string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(badDir, f))
		if err != nil {
			t.Fatalf("catalogue file: %v", err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

// runIn copies the case's files into a fresh folder, runs the command
// there on them (--data for each), and returns what it printed and its
// exit status. It fails the test unless the folder then holds exactly the
// files copied in: data and validate write only to stdout, and a refused
// run of any command must write nothing, not even a temporary file.
func runIn(t *testing.T, c badCase, command string) (stdout, stderr string, code int) {
	t.Helper()
	dir := inFreshDir(t, c.files)
	args := []string{command}
	for _, f := range c.files {
		args = append(args, "--data", f)
	}
	args = append(args, c.args...)
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	code = exitCode(err, &errOut)
	if got := listDir(t, dir); strings.Join(got, " ") != strings.Join(sortedCopy(c.files), " ") {
		t.Errorf("casualty %s left the folder holding %q, want only %q", strings.Join(args, " "), got, sortedCopy(c.files))
	}
	return out.String(), errOut.String(), code
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	return names
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

// badGolden compares got with testdata/bad/NAME.want (see goldenFile).
func badGolden(t *testing.T, name, got string) {
	t.Helper()
	goldenFile(t, filepath.Join(badDir, name+".want"), got)
}

// checkRefusal runs a bad case through `casualty data` and `casualty
// validate`: exit status 1, nothing on stdout from data, nothing written,
// a message that names the file on every line, and the exact message.
func checkRefusal(t *testing.T, c badCase) {
	t.Helper()
	out, msg, code := runIn(t, c, "data")
	if code != 1 {
		t.Errorf("exit status %d, want 1; stderr:\n%s", code, msg)
	}
	if out != "" {
		t.Errorf("wrote to stdout although the input is bad:\n%s", out)
	}
	for _, line := range strings.Split(strings.TrimSuffix(msg, "\n"), "\n") {
		named := false
		for _, f := range c.files {
			named = named || strings.Contains(line, f)
		}
		if !named && !strings.HasPrefix(line, "... and ") {
			t.Errorf("message line does not name the file: %q", line)
		}
	}
	badGolden(t, c.golden(), msg)

	// report, which writes a folder, refuses with the same message and
	// leaves no folder (runIn checks the folder holds only the input).
	rc := c
	rc.args = append(append([]string(nil), c.args...), "--out", "out")
	if _, rmsg, rcode := runIn(t, rc, "report"); rcode != 1 || rmsg != msg {
		t.Errorf("report --out out: exit status %d, message:\n%s\nwant 1 and the message of data", rcode, rmsg)
	}

	// validate says FAIL for the file and prints the same message (it
	// checks files one by one, so a conflict between files is not its to
	// find).
	if len(c.files) > 1 {
		return
	}
	vout, vmsg, vcode := runIn(t, c, "validate")
	if vcode != 1 {
		t.Errorf("validate: exit status %d, want 1", vcode)
	}
	if want := c.files[0] + ": FAIL\n"; vout != want {
		t.Errorf("validate printed %q, want %q", vout, want)
	}
	if want := strings.TrimPrefix(msg, "casualty: "); !strings.HasPrefix(vmsg, want) {
		t.Errorf("validate printed:\n%s\nwant it to start with the message of data:\n%s", vmsg, want)
	}
}

func TestCatalogueText(t *testing.T) {
	for _, c := range textCases {
		t.Run(c.golden(), func(t *testing.T) { checkRefusal(t, c) })
	}
}

func TestCatalogueLoads(t *testing.T) {
	for _, c := range okCases {
		t.Run(c.golden(), func(t *testing.T) { checkLoads(t, c) })
	}
}

// checkLoads runs an odd but good case: exit status 0, and exactly the
// figures (and warnings) of its golden file.
func checkLoads(t *testing.T, c badCase) {
	t.Helper()
	out, msg, code := runIn(t, c, "data")
	if code != 0 {
		t.Fatalf("exit status %d, want 0; stderr:\n%s", code, msg)
	}
	badGolden(t, c.golden(), "stdout:\n"+out+"stderr:\n"+msg)
}

// TestCatalogueComplete keeps the catalogue and its tests in step: every
// file in testdata/bad is exercised, every golden file belongs to a case,
// and there are at least 50 bad files.
func TestCatalogueComplete(t *testing.T) {
	used := map[string]bool{}
	goldens := map[string]bool{}
	var all []badCase
	for _, cs := range [][]badCase{textCases, okCases, workbookCases, okWorkbooks, extractCases, eventCases} {
		all = append(all, cs...)
	}
	for _, c := range all {
		for _, f := range c.files {
			used[f] = true
		}
		goldens[c.golden()+".want"] = true
	}
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for _, e := range entries {
		n := e.Name()
		switch {
		case strings.HasSuffix(n, ".got"):
		case strings.HasSuffix(n, ".want"):
			if !goldens[n] {
				t.Errorf("%s belongs to no case; remove it", n)
			}
		case !used[n]:
			t.Errorf("catalogue file %s is exercised by no case", n)
		case !strings.HasPrefix(n, "ok-"):
			bad++
		}
	}
	if bad < 50 {
		t.Errorf("the catalogue holds %d bad files, want at least 50", bad)
	}
	t.Logf("%d bad files, %d cases", bad, len(all))
}

// TestLimitFlagsRaise checks that each limit is what refused the file: the
// refusal names its flag, and raising the flag lets the same file load.
func TestLimitFlagsRaise(t *testing.T) {
	cases := []struct {
		file, flag, low, high string
	}{
		{"long-line.csv", "--max-line-bytes", "100", "1000"},
		{"too-many-rows.csv", "--max-rows", "3", "6"},
		{"too-big.csv", "--max-bytes", "50", "1000"},
		{"ok-workbook.xlsx", "--max-xlsx-bytes", "1000", "100000"},
		{"ok-workbook.xlsx", "--max-xlsx-entries", "3", "10"},
	}
	for _, c := range cases {
		t.Run(c.flag, func(t *testing.T) {
			_, msg, code := runIn(t, one(c.file, c.flag, c.low), "data")
			if code != 1 || !strings.Contains(msg, "raise the limit with "+c.flag) {
				t.Errorf("%s %s: exit %d, message %q; want a refusal naming %s", c.flag, c.low, code, msg, c.flag)
			}
			out, msg, code := runIn(t, one(c.file, c.flag, c.high), "data")
			if code != 0 || out == "" {
				t.Errorf("%s %s: exit %d, message %q; want the file to load", c.flag, c.high, code, msg)
			}
		})
	}
	// --max-errors lists that many and counts the rest: 30 bad rows.
	_, msg, _ := runIn(t, one("many-errors.csv", "--max-errors", "5"), "data")
	if n := strings.Count(msg, "many-errors.csv:"); n != 5 || !strings.Contains(msg, "... and 25 more errors (raise the limit with --max-errors)") {
		t.Errorf("--max-errors 5 listed %d errors:\n%s", n, msg)
	}
}

// endlessLine is a reader of a header, then one line of n bytes with no
// newline: a 2 GB line, generated on the fly, never held in memory.
type endlessLine struct {
	head []byte
	fill []byte // repeated after head (one or two bytes: UTF-8 or UTF-16)
	n    int64  // bytes after head
	read int64  // bytes handed out in all
}

func (e *endlessLine) Read(p []byte) (int, error) {
	if e.read >= int64(len(e.head))+e.n {
		return 0, io.EOF
	}
	i := 0
	for ; i < len(p) && e.read < int64(len(e.head)); i++ {
		p[i] = e.head[e.read]
		e.read++
	}
	for ; i < len(p) && e.read < int64(len(e.head))+e.n; i++ {
		p[i] = e.fill[(e.read-int64(len(e.head)))%int64(len(e.fill))]
		e.read++
	}
	return i, nil
}

// TestHugeLineBoundedMemory feeds a 2 GB line: the loader must stop at
// --max-line-bytes after reading about that much, in bounded memory, with
// a message naming the line and the flag. The same through the UTF-16
// decoder.
func TestHugeLineBoundedMemory(t *testing.T) {
	const size = 2 << 30
	const long = "huge.csv:2: the line is longer than 1048576 bytes; not a table of monthly figures? (raise the limit with --max-line-bytes)"
	cases := []struct {
		name string
		r    *endlessLine
		want string
	}{
		{"utf-8", &endlessLine{head: []byte("month,killed\n2025-03,"), fill: []byte("9"), n: size}, long},
		{"utf-16", &endlessLine{head: append([]byte{0xFF, 0xFE}, utf16Bytes("month,killed\n2025-03,", false)...), fill: []byte{'9', 0}, n: size}, long},
		// A quote left open swallows every following line into one record:
		// 2 GB of short lines inside one quoted field.
		{"open quote", &endlessLine{head: []byte("month,killed\n2025-03,\""), fill: []byte("9\n"), n: size},
			"huge.csv:2: the record that starts on this line runs past 1048576 bytes inside a quoted field; an unclosed quote (\")? (raise the limit with --max-line-bytes)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := data.Load(c.r, "huge.csv", data.LoadOptions{})
			runtime.ReadMemStats(&after)
			wordLimits(err) // as the command prints it
			if err == nil || err.Error() != c.want {
				t.Fatalf("got %v, want %q", err, c.want)
			}
			var ie *data.InputError
			if !errors.As(err, &ie) {
				t.Errorf("error %T is not a located *data.InputError", err)
			}
			// It stops soon after the limit: a few buffers past 1 MiB of
			// text (2 MiB of UTF-16), not 2 GB.
			if c.r.read > 8<<20 {
				t.Errorf("read %d bytes of the 2 GB line before refusing it, want at most 8 MiB", c.r.read)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			if alloc > 64<<20 {
				t.Errorf("allocated %d MiB refusing the line, want at most 64 MiB", alloc>>20)
			}
			t.Logf("refused after reading %d KiB of %d GiB, allocating %d KiB", c.r.read>>10, size>>30, alloc>>10)
		})
	}
}

// workbookCases are the workbook files of the catalogue (the xlsx loader's
// cases).
var workbookCases = []badCase{
	one("csv-named.xlsx"),
	one("xls-named.xlsx"),
	one("ods-named.xlsx"),
	{name: "xlsx-forced", files: []string{"merge-a.csv"}, args: []string{"--format-in", "xlsx"}},
	one("truncated.xlsx"),
	one("zipbomb.xlsx"),
	one("zipbomb-lying.xlsx"),
	one("billion-laughs.xlsx"),
	one("far-cells.xlsx"),
	one("float-remainder.xlsx"),
	{name: "zipbomb-small.xlsx", files: []string{"zipbomb-small.xlsx"}, args: []string{"--max-xlsx-bytes", "1000000"}},
	{name: "many-entries.xlsx", files: []string{"many-entries.xlsx"}, args: []string{"--max-xlsx-entries", "20"}},
	one("cut-short.xlsx"),
	one("cut-mid-xml.xlsx"),
	one("formula-no-value.xlsx"),
	one("merged-header.xlsx"),
	one("only-hidden-sheets.xlsx"),
	one("empty-sheet.xlsx"),
	one("bad-cell.xlsx"),
	one("dangling-shared-string.xlsx"),
	one("readme-two-tables.xlsx"),
	{name: "missing-sheet.xlsx", files: []string{"ok-hidden-sheet.xlsx"}, args: []string{"--sheet", "Figurse"}},
}

// okWorkbooks are workbooks that must load, with a warning where casualty
// read something a reader should know about (cached formula values, a
// hidden sheet).
var okWorkbooks = []badCase{
	one("ok-workbook.xlsx"),
	one("ok-formulas.xlsx"),
	one("ok-hidden-sheet.xlsx"),
	one("ok-readme-first.xlsx"),
	one("ok-months-across.xlsx"),
	one("ok-months-across-titled.xlsx"),
	{name: "ok-hidden-sheet.xlsx.named", files: []string{"ok-hidden-sheet.xlsx"}, args: []string{"--sheet", "Old"}},
}

func TestCatalogueWorkbooks(t *testing.T) {
	for _, c := range workbookCases {
		t.Run(c.golden(), func(t *testing.T) { checkRefusal(t, c) })
	}
	for _, c := range okWorkbooks {
		t.Run(c.golden(), func(t *testing.T) { checkLoads(t, c) })
	}
}

// TestUnreadablePaths: a missing file and a folder given as --data.
func TestUnreadablePaths(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir("folder.csv", 0o755); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ file, want string }{
		{"missing.csv", "casualty: missing.csv: cannot open: no such file or directory\n"},
		{"folder.csv", "casualty: folder.csv: is a folder; want a file of figures\n"},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		err := run(context.Background(), []string{"data", "--data", c.file}, &out, &errOut)
		if code := exitCode(err, &errOut); code != 1 || errOut.String() != c.want || out.Len() != 0 {
			t.Errorf("data --data %s: exit %d, stdout %q, stderr %q; want 1, nothing, %q", c.file, code, out.String(), errOut.String(), c.want)
		}
	}
}

// TestIngestBadWritesNothing: a store is a folder others rely on, so a bad
// file given to ingest must leave it byte for byte as it was.
func TestIngestBadWritesNothing(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"init", "--store", "store", "--from-embedded"}, &out, &errOut); err != nil {
		t.Fatalf("init: %v\n%s", err, errOut.String())
	}
	snapshot := func() map[string]string {
		m := map[string]string{}
		filepath.WalkDir("store", func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(p)
				m[p] = string(b)
			}
			return nil
		})
		return m
	}
	before := snapshot()
	for _, f := range []string{"negative.csv", "duplicate-month.csv", "windows-1251.csv", "unclosed-quote.csv", "truncated.xlsx", "zipbomb-small.xlsx"} {
		b, err := os.ReadFile(filepath.Join(badDir, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out.Reset()
		errOut.Reset()
		err = run(context.Background(), []string{"ingest", "--store", "store", "--published", "2026-02-10", "--name", "bad", f}, &out, &errOut)
		if code := exitCode(err, &errOut); code != 1 {
			t.Errorf("ingest %s: exit %d, want 1; stderr:\n%s", f, code, errOut.String())
		}
		if !strings.Contains(errOut.String(), f) {
			t.Errorf("ingest %s: message does not name the file:\n%s", f, errOut.String())
		}
		after := snapshot()
		if len(after) != len(before) {
			t.Errorf("ingest %s: the store holds %d files, was %d", f, len(after), len(before))
		}
		for p, b := range before {
			if after[p] != b {
				t.Errorf("ingest %s changed %s", f, p)
			}
		}
	}
}

// TestReadmeLimits keeps the README's table of limits true: each row's
// default is the default of the flag it names, and every limit flag has a
// row.
func TestReadmeLimits(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "## Input safety")
	if !ok {
		t.Fatal("README has no Input safety section")
	}
	fs := newFlagSet("test", io.Discard)
	var df dataFlags
	df.register(fs)
	seen := map[string]bool{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 5 || !strings.HasPrefix(strings.TrimSpace(cells[3]), "`--") {
			continue
		}
		name := strings.TrimPrefix(strings.Fields(strings.Trim(strings.TrimSpace(cells[3]), "`"))[0], "--")
		f := fs.Lookup(name)
		if f == nil {
			t.Errorf("README names the flag --%s, which commands do not have", name)
			continue
		}
		seen[name] = true
		def := strings.TrimSpace(cells[2])
		n, unit, _ := strings.Cut(def, " ")
		v, err := strconv.ParseInt(strings.ReplaceAll(n, ",", ""), 10, 64)
		if err != nil {
			t.Errorf("README default %q for --%s is not a number", def, name)
			continue
		}
		switch unit {
		case "MiB":
			v <<= 20
		case "":
		default:
			t.Errorf("README default %q for --%s: unknown unit", def, name)
		}
		if strconv.FormatInt(v, 10) != f.DefValue {
			t.Errorf("README says --%s defaults to %s (%d), the flag's default is %s", name, def, v, f.DefValue)
		}
	}
	for _, name := range []string{"max-bytes", "max-rows", "max-line-bytes", "max-xlsx-bytes", "max-xlsx-entries", "max-errors"} {
		if !seen[name] {
			t.Errorf("README's table of limits has no row for --%s", name)
		}
	}
}
