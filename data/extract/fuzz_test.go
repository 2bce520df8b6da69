package extract

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/casualty-tool/casualty/data"
)

// fuzzPublished is the publication date the fuzz targets pass, so a text
// without a dateline still reaches the extractor.
var fuzzPublished = data.Date{Time: time.Date(2025, 4, 9, 0, 0, 0, 0, time.UTC)}

// checkResult is what every extraction must satisfy, whatever the input:
// a result or an error, never a panic; each figure points inside the
// input at a positive count, with a month not after the publication.
func checkResult(t *testing.T, in []byte, f Format) {
	doc, err := Read(bytes.NewReader(in), "fuzz", ReadOptions{Format: f})
	if err != nil {
		return
	}
	r, err := Extract(doc, Options{Published: fuzzPublished})
	if err != nil {
		return
	}
	if len(r.Figures) == 0 {
		t.Fatalf("a result without figures")
	}
	for _, fig := range r.Figures {
		if fig.Value <= 0 {
			t.Errorf("figure %d is not a positive count", fig.Value)
		}
		if f != FormatPDF && (fig.Offset < 0 || fig.Offset > len(in)) {
			t.Errorf("offset %d outside the input of %d bytes", fig.Offset, len(in))
		}
		if fig.Role != Cumulative && monthAfter(fig.Month, fuzzPublished.Time) {
			t.Errorf("figure for %s after the publication", fig.Month)
		}
		if !utf8.ValidString(fig.Sentence) {
			t.Errorf("sentence is not UTF-8")
		}
		// A national figure for some days has the part_month role; a
		// breakdown may cover some days ("up to and including 1 February").
		if fig.Role == PartMonth && !fig.PartMonth() || fig.PartMonth() && (fig.FromDay < 1 || fig.ToDay < fig.FromDay || fig.ToDay > fig.Month.Days()) {
			t.Errorf("figure %d (%s) covers days %d-%d of %s", fig.Value, fig.Role, fig.FromDay, fig.ToDay, fig.Month)
		}
	}
	// Another group's count is never a civilian figure of a store.
	for _, o := range r.Observations() {
		for _, fig := range r.Figures {
			if fig.Group != Civilians && fig.Pos == o.Pos && fig.Value == o.Value && fig.Metric == o.Metric {
				t.Errorf("figure %d of %s is an observation", fig.Value, fig.Group)
			}
		}
	}
}

func seeds(f *testing.F, ext string) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"+ext))
	held, _ := filepath.Glob(filepath.Join("testdata", "heldout", "*"+ext))
	files = append(files, held...)
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

func FuzzText(f *testing.F) {
	seeds(f, ".txt")
	f.Add([]byte("In June 2013685 civilians were killed, with 1610 injured."))
	f.Add([]byte("у травні 2025 року щонайменше 12 500 загинули і пів тисячі дістали поранення"))
	f.Fuzz(func(t *testing.T, b []byte) { checkResult(t, b, FormatText) })
}

func FuzzHTML(f *testing.F) {
	seeds(f, ".html")
	f.Add([]byte("<p>In March at least <b>164</b> killed<script>9</script> and 910 injured.</p>"))
	f.Fuzz(func(t *testing.T, b []byte) { checkResult(t, b, FormatHTML) })
}

func FuzzPDF(f *testing.F) {
	seeds(f, ".pdf")
	f.Add(makePDF([]string{"In March 2025 at least 164 civilians were killed and 910 injured."}))
	f.Add(makePDF(nil))
	f.Fuzz(func(t *testing.T, b []byte) { checkResult(t, b, FormatPDF) })
}
