package report

import (
	"bytes"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

// maxHTMLBytes holds report.html on the embedded data (issue 19): the
// page was 1.26 MB while every chart embedded two whole fonts; with the
// fonts cut to the glyphs the charts draw and carried once by the page it
// is about 160 KB (measured when this was written).
const maxHTMLBytes = 300 << 10

// TestHTMLSize writes report.html on the embedded data and holds it to
// maxHTMLBytes.
func TestHTMLSize(t *testing.T) {
	r, err := Build(data.Default(), Options{Version: "test", Command: "casualty report"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.render(map[string]bool{"html": true, "svg": true}, nil); err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	t.Logf("report.html: %d bytes", page.Len())
	if page.Len() > maxHTMLBytes {
		t.Errorf("report.html is %d bytes, want at most %d", page.Len(), maxHTMLBytes)
	}
	if !bytes.Contains(page.Bytes(), []byte("@font-face")) {
		t.Error("report.html carries no fonts for its charts")
	}
}
