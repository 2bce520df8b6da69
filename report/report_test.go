package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
	"github.com/xuri/excelize/v2"

	"github.com/casualty-tool/casualty/internal/golden"
	"github.com/casualty-tool/casualty/internal/synth"
	"github.com/casualty-tool/casualty/report/chart"
	"github.com/casualty-tool/casualty/stats"
)

// goldenPage compares got with testdata/report/name.
func goldenPage(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", "report", name), got)
}

var (
	htmlDrop  = regexp.MustCompile(`(?s)<(style|svg)\b.*?</(style|svg)>`)
	htmlBlock = regexp.MustCompile(`(?i)</?(p|h1|h2|h3|li|tr|caption|figcaption|ul|ol|table|section|header|footer|div|figure|title)\b[^>]*>`)
	htmlCell  = regexp.MustCompile(`(?i)</t[hd]>`)
	htmlTag   = regexp.MustCompile(`<[^>]*>`)
	spaces    = regexp.MustCompile(`[ \t]+`)
)

// htmlText is the text a reader sees in report.html, a block a line: the
// golden file for the page's words, independent of its markup.
func htmlText(page string) string {
	s := htmlDrop.ReplaceAllString(page, "")
	s = htmlCell.ReplaceAllString(s, " | ")
	s = htmlBlock.ReplaceAllString(s, "\n")
	s = htmlTag.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(spaces.ReplaceAllString(l, " "))
		if l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n") + "\n"
}

// testReport builds the report on the embedded data for month ("" for the
// default), with the charts.
func testReport(t testing.TB, month string) *Report {
	t.Helper()
	opt := Options{Version: "test", Command: "casualty report"}
	if month != "" {
		m, err := data.ParseMonth(month)
		if err != nil {
			t.Fatal(err)
		}
		opt.Month = m
	}
	r, err := Build(data.Default(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.render(map[string]bool{"png": true, "svg": true}, nil); err != nil {
		t.Fatal(err)
	}
	// The charts' own words belong to the chart renderer and its golden
	// files; here a chart is known by its name, so that rewording a chart
	// title does not change the report's golden files.
	for i := range r.Charts {
		r.Charts[i].Title, r.Charts[i].Caption = "Chart "+r.Charts[i].Name, ""
	}
	return r
}

// TestGolden checks report.md and the text of report.html for the latest
// month of the embedded data and for March 2025, whose comparison the
// stats package works by hand.
func TestGolden(t *testing.T) {
	for _, month := range []string{"", "2025-03"} {
		name := month
		if name == "" {
			name = "latest"
		}
		t.Run(name, func(t *testing.T) {
			r := testReport(t, month)
			var md, page bytes.Buffer
			if err := r.WriteMarkdown(&md, true); err != nil {
				t.Fatal(err)
			}
			if err := r.WriteHTML(&page); err != nil {
				t.Fatal(err)
			}
			goldenPage(t, name+".md", md.Bytes())
			goldenPage(t, name+".html.txt", []byte(htmlText(page.String())))
		})
	}
}

// TestHeadlineNumbers checks the report's figures against hand-worked
// values from the embedded data, so a golden file accepted in a hurry
// cannot hide a wrong number.
func TestHeadlineNumbers(t *testing.T) {
	tests := []struct {
		month string
		want  []string
	}{
		// January 2026: at least 161 killed + 757 injured = 918 (HRMMU
		// update 2026-02-13); December 2025: 157 + 888 = 1,045.
		// 918 / 1045 = 0.878 → "12% fewer".
		{"", []string{"January 2026", "at least 161 civilians were killed and 757 injured (918 casualties)", "12% fewer than in December 2025 (at least 1,045)"}},
		// March 2025: 164 killed + 910 injured = 1,074; February 2025 as
		// revised in the April 2025 update: 717. 1074/717 = 1.498 → 50%.
		{"2025-03", []string{"March 2025", "(1,074 casualties)", "50% more than in February 2025 (at least 717, as revised)"}},
	}
	for _, tc := range tests {
		r := testReport(t, tc.month)
		text := r.Headline
		for _, w := range tc.want {
			if !strings.Contains(text, w) {
				t.Errorf("month %q: headline %q lacks %q", tc.month, text, w)
			}
		}
	}
	r := testReport(t, "")
	// Key figures of January 2026, casualties: 918 / 31 days = 29.6 a day;
	// December 2025: 1,045 / 31 = 33.7; 29.61/33.71 - 1 = -12%; 918 - 1045 = -127.
	kt := r.KeyFigures[0]
	if kt.Metric != data.Casualties {
		t.Fatalf("first key table is %s, want casualties", kt.Metric)
	}
	want := [][]string{
		{"at least 918", "29.6"},
		{"at least 1,045", "33.7", "-12% (-127)"},
	}
	for i, w := range want {
		row := kt.Rows[i]
		got := []string{row.Count, row.PerDay, row.Change}[:len(w)]
		if strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("row %d (%s): got %q, want %q", i, row.Role, got, w)
		}
	}
}

// TestEveryCountQualified checks that no count from an "at least" figure
// loses its qualifier in the key figures.
func TestEveryCountQualified(t *testing.T) {
	r := testReport(t, "")
	for _, kt := range r.KeyFigures {
		for _, row := range kt.Rows[:2] { // January and December 2025 are lower bounds
			if !strings.HasPrefix(row.Count, "at least ") {
				t.Errorf("%s, %s: count %q lacks \"at least\"", kt.Caption, row.Month, row.Count)
			}
			if row.Source == 0 {
				t.Errorf("%s, %s: count %q cites no source", kt.Caption, row.Month, row.Count)
			}
		}
	}
}

// tinyCSV is a dataset made to try the renderers' escaping: its notes and
// sources hold markup, formula starts and Markdown.
const tinyCSV = `month,area,metric,value,qualifier,published,publication,source,note
2025-01,UA,killed,100,at_least,2025-02-10,Update <b>one</b>,https://example.org/a?x=1&y=2,"=cmd|' /C calc'!A0"
2025-01,UA,injured,400,at_least,2025-02-10,Update <b>one</b>,https://example.org/a?x=1&y=2,
2025-02,UA,killed,120,at_least,2025-03-10,Update *two* | [x](javascript:alert(1)),"<script>alert(1)</script>",
2025-02,UA,injured,380,at_least,2025-03-10,Update *two* | [x](javascript:alert(1)),"<script>alert(1)</script>",
2025-01,UA,killed,104,at_least,2025-03-10,Update *two* | [x](javascript:alert(1)),"<script>alert(1)</script>",
`

func tinyData(t *testing.T) *data.Dataset {
	t.Helper()
	ds, err := data.Load(strings.NewReader(tinyCSV), "tiny.csv", data.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// TestEscaping checks that text from the data cannot inject markup into
// the HTML page or Markdown file.
func TestEscaping(t *testing.T) {
	r, err := Build(tinyData(t), Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	var page, md bytes.Buffer
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteMarkdown(&md, false); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script>", "<b>one</b>", `href="javascript:`} {
		if strings.Contains(page.String(), bad) {
			t.Errorf("report.html contains %q unescaped", bad)
		}
	}
	for _, bad := range []string{"<b>one</b>", "<script>", "*two*", "| [x]"} {
		if strings.Contains(md.String(), bad) {
			t.Errorf("report.md contains %q unescaped", bad)
		}
	}
	if regexp.MustCompile(`[^\\]\]\(javascript:`).MatchString(md.String()) {
		t.Error("report.md contains a javascript: link")
	}
	// The revision of January (100 → 104, +4%) shows, with both qualifiers.
	if len(r.Revisions.Rows) != 1 || r.Revisions.Rows[0].Old != "at least 100" || r.Revisions.Rows[0].New != "at least 104" || r.Revisions.Rows[0].Change != "+4 (+4%)" {
		t.Errorf("revisions: got %+v, want January killed at least 100 → at least 104, +4 (+4%%)", r.Revisions.Rows)
	}
}

// TestBuildErrors checks that a report that cannot be made says why.
func TestBuildErrors(t *testing.T) {
	ds := data.Default()
	tests := []struct {
		opt  Options
		want string
	}{
		// A month with no figure is refused with the gap's reason, the
		// same as every other command gives (stats.GapError).
		{Options{Month: data.NewMonth(2030, 1)}, "no figure for January 2030: the data end with January 2026 (killed in Ukraine)"},
		{Options{Month: data.NewMonth(2023, 9)}, "no figure published for September 2023 (killed in Ukraine): a gap, which is never counted as zero"},
		{Options{Month: data.NewMonth(2021, 12)}, "no figure for December 2021: the data begin with February 2022 (killed in Ukraine)"},
		{Options{Area: "UA14"}, `no figures for area "UA14"`},
	}
	for _, tc := range tests {
		_, err := Build(ds, tc.opt)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Build(%+v): got %v, want an error containing %q", tc.opt, err, tc.want)
		}
	}
	if _, err := Build(&data.Dataset{}, Options{}); err == nil {
		t.Error("Build on an empty dataset: no error")
	}
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		in   []string
		want string // sorted set, or the error's start
	}{
		{nil, "csv html md pdf png svg xlsx"},
		{[]string{"md", " HTML "}, "html md"},
		{[]string{"hmtl"}, `unknown format "hmtl" (did you mean html?)`},
		{[]string{"pdf"}, "pdf"},
		{[]string{"pdff"}, `unknown format "pdff" (did you mean pdf?)`},
		{[]string{""}, "no format given"},
	}
	for _, tc := range tests {
		set, err := ParseFormats(tc.in)
		var got string
		if err != nil {
			got = err.Error()
		} else {
			var keys []string
			for k := range set {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			got = strings.Join(keys, " ")
		}
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("ParseFormats(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// readTree returns every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestWriteFolder writes the whole folder twice, with Write and with
// Build then Report.WriteFolder, and checks that the files are
// byte-identical, that every file is what it claims (images decode,
// the workbook opens, the CSV loads back, the JSON parses) and that the
// list returned is the list written.
func TestWriteFolder(t *testing.T) {
	base := t.TempDir()
	var trees []map[string][]byte
	for i, name := range []string{"a", "b"} {
		// The parent folder must exist: nothing makes folders the user
		// did not ask for (internal/atomicfile.TestMissingFolder).
		if err := os.Mkdir(filepath.Join(base, name), 0o755); err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(base, name, "casualty-report-2026-01")
		opt := Options{Version: "test", Command: "casualty report"}
		var paths []string
		var err error
		if i == 0 {
			// Write, which makes the workbook while building the rest...
			paths, err = WriteFolder(dir, data.Default(), opt)
		} else {
			// ...and the same in two steps, which makes it in turn.
			var r *Report
			if r, err = Build(data.Default(), opt); err == nil {
				paths, err = r.WriteFolder(dir)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		tree := readTree(t, dir)
		if len(paths) != len(tree) {
			t.Errorf("run %d: WriteFolder returned %d paths, the folder holds %d files", i, len(paths), len(tree))
		}
		for _, p := range paths {
			rel, _ := filepath.Rel(dir, p)
			if _, ok := tree[filepath.ToSlash(rel)]; !ok {
				t.Errorf("run %d: returned %s, which is not in the folder", i, p)
			}
		}
		entries, _ := os.ReadDir(filepath.Join(base, name))
		if len(entries) != 1 {
			t.Errorf("run %d: %d entries beside the report, want only the report (no temporary folder left)", i, len(entries))
		}
		trees = append(trees, tree)
	}
	a, b := trees[0], trees[1]
	for name, content := range a {
		if !bytes.Equal(content, b[name]) {
			t.Errorf("%s differs between two runs on the same data", name)
		}
	}
	for _, want := range []string{"report.html", "report.md", "report.pdf", "report.xlsx", "data.csv", "metadata.json"} {
		if _, ok := a[want]; !ok {
			t.Errorf("the folder lacks %s", want)
		}
	}
	checkFiles(t, a)
}

// checkFiles decodes every file of a report folder.
func checkFiles(t *testing.T, tree map[string][]byte) {
	t.Helper()
	charts := 0
	for name, b := range tree {
		switch {
		case strings.HasSuffix(name, ".png"):
			charts++
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Errorf("%s: %v", name, err)
			} else if img.Bounds().Dx() < 300 || img.Bounds().Dy() < 200 {
				t.Errorf("%s: %v is too small to read", name, img.Bounds())
			}
		case strings.HasSuffix(name, ".svg"):
			if err := xmlWellFormed(b); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		case name == "report.xlsx":
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if n := len(f.GetSheetList()); n < 2 {
				t.Errorf("%s: %d sheets", name, n)
			}
			f.Close()
		case name == "data.csv":
			ds, err := data.Load(bytes.NewReader(b), name, data.LoadOptions{})
			if err != nil {
				t.Errorf("%s does not load back: %v", name, err)
			} else if len(ds.Obs) != len(data.Default().Obs) {
				t.Errorf("%s loads %d figures, the data has %d", name, len(ds.Obs), len(data.Default().Obs))
			}
			if !bytes.Contains(b, []byte("\n#date+month,")) {
				t.Errorf("%s has no HXL row", name)
			}
		case name == "metadata.json":
			var md Metadata
			if err := json.Unmarshal(b, &md); err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if md.Month.String() != "2026-01" || md.Version != "test" || len(md.Publications) != 44 || md.Headline == "" {
				t.Errorf("%s: month %s, version %q, %d publications, headline %q", name, md.Month, md.Version, len(md.Publications), md.Headline)
			}
			if len(md.Files) != len(tree) {
				t.Errorf("%s lists %d files, the folder holds %d", name, len(md.Files), len(tree))
			}
		}
	}
	if charts > 0 {
		page := string(tree["report.html"])
		if got := strings.Count(page, "<svg"); got < charts {
			t.Errorf("report.html inlines %d SVG charts, the folder has %d PNG charts", got, charts)
		}
	}
	page := string(tree["report.html"])
	for _, bad := range []string{"http-equiv", "<link", "<script", "src=\"http", "@import", "url(http", "url(//"} {
		if strings.Contains(page, bad) {
			t.Errorf("report.html contains %q: it must load nothing from anywhere", bad)
		}
	}
}

func xmlWellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// TestWriteFolderFormats writes only the Markdown and checks that nothing
// else but metadata.json is written.
func TestWriteFolderFormats(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "r")
	if _, err := WriteFolder(dir, data.Default(), Options{Formats: []string{"md"}}); err != nil {
		t.Fatal(err)
	}
	tree := readTree(t, dir)
	var names []string
	for n := range tree {
		names = append(names, n)
	}
	sort.Strings(names)
	if got := strings.Join(names, " "); got != "metadata.json report.md" {
		t.Errorf("--formats md wrote %s", got)
	}
	if bytes.Contains(tree["report.md"], []byte("](charts/")) {
		t.Error("report.md links chart images that were not written")
	}
}

// TestWriteFolderReplace checks the folder's atomicity: an existing folder
// is kept without Force, replaced with it, and a failure part-way leaves
// the old one as it was and no temporary folder behind.
func TestWriteFolderReplace(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "old.txt")
	os.WriteFile(old, []byte("old report"), 0o644)

	_, err := WriteFolder(dir, data.Default(), Options{Formats: []string{"md"}})
	if err == nil || !strings.Contains(err.Error(), "already exists; use --force") {
		t.Fatalf("without Force: got %v, want an error saying to use --force", err)
	}
	if b, _ := os.ReadFile(old); string(b) != "old report" {
		t.Fatal("without Force the old folder was changed")
	}

	// A renderer failing half-way leaves everything as it was: see
	// internal/atomicfile's TestWriteDir.
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("a failed write left %d entries beside the folder, want 1", len(entries))
	}

	if _, err := WriteFolder(dir, data.Default(), Options{Formats: []string{"md"}, Force: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("with Force the old folder's files are still there")
	}
	if _, err := os.Stat(filepath.Join(dir, "report.md")); err != nil {
		t.Error(err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("replacing left %d entries beside the folder, want 1", len(entries))
	}

	// A file where the folder should be is refused, Force or not.
	file := filepath.Join(parent, "file")
	os.WriteFile(file, nil, 0o644)
	if _, err := WriteFolder(file, data.Default(), Options{Force: true}); err == nil || !strings.Contains(err.Error(), "is not a folder") {
		t.Errorf("over a file: got %v", err)
	}
}

func TestInlineSVG(t *testing.T) {
	tests := []struct{ in, want, fonts string }{
		{`<?xml version="1.0"?>
<!-- Generated by SVGo -->
<svg width="504pt" height="288pt" xmlns="http://www.w3.org/2000/svg"><defs>
	<style>
		@font-face{
			font-family:"Liberation Sans";
			src: url(data:font/ttf;base64,AAAA) format("truetype");
		}
		@font-face{font-family:"Liberation Sans";font-weight:bold;src: url(data:font/ttf;base64,BBBB);}
	</style>
</defs><g/></svg>`,
			`<svg width="504pt" height="288pt" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 504 288"><defs>
	
</defs><g/></svg>`,
			`@font-face{
			font-family:"Liberation Sans";
			src: url(data:font/ttf;base64,AAAA) format("truetype");
		}|@font-face{font-family:"Liberation Sans";font-weight:bold;src: url(data:font/ttf;base64,BBBB);}`},
		{`<svg viewBox="0 0 1 1" width="1" height="1"></svg>`, `<svg viewBox="0 0 1 1" width="1" height="1"></svg>`, ""},
		{`<!DOCTYPE svg PUBLIC "x" "y"><svg width="10" height="20"/>`, `<svg width="10" height="20" viewBox="0 0 10 20"/>`, ""},
	}
	for _, tc := range tests {
		got, fonts := inlineSVG([]byte(tc.in))
		if string(got) != tc.want {
			t.Errorf("inlineSVG:\n got %s\nwant %s", got, tc.want)
		}
		if f := strings.Join(fonts, "|"); f != tc.fonts {
			t.Errorf("inlineSVG fonts:\n got %s\nwant %s", f, tc.fonts)
		}
	}
}

func TestText(t *testing.T) {
	tests := []struct{ got, want string }{
		{txtCount(1074, data.AtLeast), "at least 1,074"},      // HRMMU March 2025
		{txtCount(1234567, data.Exact), "1,234,567"},          // separators every 3 digits
		{txtRoundPct(4.44), "4.4"},                            // small shares keep a decimal
		{txtRoundPct(12.5), "12"},                             // round half to even at display: 12.5 → "12" (strconv)
		{txtPerDay(918.0 / 31), "29.6"},                       // 29.613
		{sentenceCase("no figure for x"), "No figure for x."}, // warnings read as sentences
		{txtBound(1.003), "+0.3%"},                            // above no change, however little
		{txtBound(0.9996), "-0.04%"},                          // below it
		{txtBound(1.61), "+61%"},                              // whole percent otherwise
		{txtBound(1), "0%"},                                   // exactly no change
	}
	for i, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%d: got %q, want %q", i, tc.got, tc.want)
		}
	}
	first, rest := splitSentence("In March 2025, 5.2 a day (1,074). Per day, x. More.")
	if first != "In March 2025, 5.2 a day (1,074)." || rest != "Per day, x. More." {
		t.Errorf("splitSentence: %q | %q", first, rest)
	}
}

// areasCSV has a national total and two oblasts, so the report ranks
// areas.
const areasCSV = `month,area,metric,value,qualifier,published,publication
2025-01,UA,killed,100,at_least,2025-02-10,Update one
2025-01,UA14,killed,60,at_least,2025-02-10,Update one
2025-01,UA63,killed,40,at_least,2025-02-10,Update one
2025-02,UA,killed,120,at_least,2025-03-10,Update two
2025-02,UA14,killed,90,at_least,2025-03-10,Update two
2025-02,UA63,killed,30,at_least,2025-03-10,Update two
`

// TestAreas checks the ranking of areas against hand-worked shares and
// changes.
func TestAreas(t *testing.T) {
	ds, err := data.Load(strings.NewReader(areasCSV), "areas.csv", data.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(ds, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Areas == nil {
		t.Fatal("no areas section for data with two oblasts")
	}
	want := []AreaRow{
		// Donetska: 90 of 120 = 75%; 60 → 90 = +50%.
		{Rank: "1", Area: "Donetska (UA14)", Count: "at least 90", Share: "75%", Change: "+50%"},
		// Kharkivska: 30 of 120 = 25%; 40 → 30 = -25%.
		{Rank: "2", Area: "Kharkivska (UA63)", Count: "at least 30", Share: "25%", Change: "-25%"},
	}
	if fmt.Sprint(r.Areas.Rows) != fmt.Sprint(want) {
		t.Errorf("areas:\n got %+v\nwant %+v", r.Areas.Rows, want)
	}
	var md, page bytes.Buffer
	if err := r.WriteMarkdown(&md, false); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| 1 | Donetska (UA14) | at least 90 | 75% | +50% |") {
		t.Errorf("report.md lacks the ranking:\n%s", md.String())
	}
	if !strings.Contains(htmlText(page.String()), "1 | Donetska (UA14) | at least 90 | 75% | +50% |") {
		t.Errorf("report.html lacks the ranking")
	}
	// A national report on data without national figures says what to do.
	oblasts := ds.Filter(func(o data.Observation) bool { return o.Area != "UA" })
	var nn *stats.NoNationalError
	if _, err := Build(oblasts, Options{}); !errors.As(err, &nn) || !strings.Contains(err.Error(), "pick an area with --area (e.g. --area UA14)") {
		t.Errorf("no national figures: got %v", err)
	}
	if r, err := Build(oblasts, Options{Area: "UA63"}); err != nil || r.AreaName != "Kharkivska" || r.Areas != nil {
		t.Errorf("--area UA63: %v", err)
	}
}

// TestWriteFolderIsDeterministic writes reports twice, with WriteFolder
// and with Build then Report.WriteFolder, for data with areas (an areas
// chart) and without, and for a sub-area (no areas chart): the folders
// must be byte-identical, though the charts are drawn in parallel.
func TestWriteFolderIsDeterministic(t *testing.T) {
	cases := []struct {
		name string
		ds   *data.Dataset
		opt  Options
	}{
		{"areas", synth.Areas(), Options{Formats: []string{"md", "png", "svg", "xlsx"}}},
		{"one area", synth.Areas(), Options{Area: "UA63", Formats: []string{"png", "svg"}}},
		{"national only", data.Default(), Options{Formats: []string{"html", "png"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			a, b := filepath.Join(base, "a"), filepath.Join(base, "b")
			r1, err := Build(tc.ds, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := r1.WriteFolder(a); err != nil {
				t.Fatal(err)
			}
			r2, err := Build(tc.ds, tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := r2.WriteFolder(b); err != nil {
				t.Fatal(err)
			}
			if len(r1.Charts) != len(r2.Charts) {
				t.Fatalf("the first report drew %d charts, the second %d", len(r1.Charts), len(r2.Charts))
			}
			ta, tb := readTree(t, a), readTree(t, b)
			if len(ta) != len(tb) {
				t.Errorf("the first report wrote %d files, the second %d", len(ta), len(tb))
			}
			for name, content := range tb {
				if !bytes.Equal(ta[name], content) {
					t.Errorf("%s differs", name)
				}
			}
			if tc.name == "areas" && !slices.ContainsFunc(r1.Charts, func(c ChartRef) bool { return c.Name == string(chart.Areas) }) {
				t.Error("the report on data with areas has no areas chart")
			}
		})
	}
}
