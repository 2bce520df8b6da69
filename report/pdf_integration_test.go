package report

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

// TestIntegrationPDFText reads report.pdf as other programs will, with
// Debian's poppler-utils: pdftotext must find the headline and every
// figure of the key-figures table (with its qualifier and citation),
// pdffonts must find every font embedded, and pdfinfo an A4 page whose
// count the footers give.
func TestIntegrationPDFText(t *testing.T) {
	if os.Getenv("CASUALTY_INTEGRATION") != "1" {
		t.Skip("set CASUALTY_INTEGRATION=1 to run against poppler-utils")
	}
	for _, tool := range []string{"pdftotext", "pdffonts", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("CASUALTY_INTEGRATION=1 but %s is missing (apt-get install poppler-utils): %v", tool, err)
		}
	}
	for _, month := range []string{"", "2025-03"} {
		t.Run("month="+month, func(t *testing.T) {
			opt := Options{Version: "test", Formats: []string{"pdf"}}
			if month != "" {
				opt.Month, _ = data.ParseMonth(month)
			}
			r, err := Build(data.Default(), opt)
			if err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(t.TempDir(), "report")
			if _, err := r.WriteFolder(dir); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(dir, "report.pdf")
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").CombinedOutput()
			if err != nil {
				t.Fatalf("pdftotext: %v\n%s", err, out)
			}
			text := strings.Join(strings.Fields(string(out)), " ")
			has := func(what, s string) {
				t.Helper()
				if s = strings.Join(strings.Fields(s), " "); !strings.Contains(text, s) {
					t.Errorf("pdftotext does not find the %s %q", what, s)
				}
			}
			has("headline", r.Headline)
			has("title", r.Title)
			figures := 0
			for _, kt := range r.KeyFigures {
				has("table caption", kt.Caption)
				for _, row := range kt.Rows {
					where := kt.Caption + ", " + row.Role
					has(where+" month", row.Month)
					count := row.Count
					if row.Source != 0 {
						count += " [" + strconv.Itoa(row.Source) + "]"
					}
					has(where+" count", count)
					for _, cell := range []string{row.PerDay, row.Change, row.Interval} {
						if cell != "" {
							has(where+" cell", cell)
						}
					}
					if row.Role != "This month" {
						has(where+" verdict", row.Verdict)
					}
					figures++
				}
			}
			if figures < 9 {
				t.Errorf("the key figures have %d rows, want at least 9 (three metrics, three rows)", figures)
			}
			for _, s := range r.Sources {
				has("source", s.Name)
			}

			fonts, err := exec.Command("pdffonts", file).CombinedOutput()
			if err != nil {
				t.Fatalf("pdffonts: %v\n%s", err, fonts)
			}
			lines := strings.Split(strings.TrimSpace(string(fonts)), "\n")
			if len(lines) < 3 {
				t.Fatalf("pdffonts lists no font:\n%s", fonts)
			}
			for _, l := range lines[2:] {
				// name type encoding emb sub uni object ID: "emb" is the
				// fourth column from the right.
				f := strings.Fields(l)
				if len(f) < 7 || f[len(f)-5] != "yes" || f[len(f)-3] != "yes" {
					t.Errorf("a font is not embedded with a Unicode map: %s", l)
				}
			}

			info, err := exec.Command("pdfinfo", file).CombinedOutput()
			if err != nil {
				t.Fatalf("pdfinfo: %v\n%s", err, info)
			}
			if !regexp.MustCompile(`Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)`).Match(info) {
				t.Errorf("the pages are not A4 portrait:\n%s", info)
			}
			pages := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
			if pages == nil || !strings.Contains(text, "Page 1 of "+string(pages[1])) || !strings.Contains(text, "Page "+string(pages[1])+" of "+string(pages[1])) {
				t.Errorf("the footers do not count the pages (%s):\n%s", pages, info)
			}
			has("footer", "Figures as published in "+r.Publication.String()+" · data to "+r.Meta.Covered.Last.Label())
		})
	}
}
