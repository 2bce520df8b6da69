package chart

import (
	"bytes"
	"testing"
)

// Sizes a published chart is held to: tens of kilobytes. Each SVG used to
// embed two whole fonts, 1.1 MB of base64; with the fonts cut down to the
// glyphs drawn, a chart on the embedded data weighs 30–55 KB, of which the
// two fonts are about 21 KB, and the areas chart of the 11 areas × 24
// months of synth.Areas 86 KB (measured when this was written). The
// areas chart grows with the areas and months drawn (a cell each, a bar
// each in the small multiples); the others with the months.
const (
	maxSVGBytes   = 100 << 10
	maxFontsBytes = 32 << 10
)

// TestSVGSizes holds every published SVG (fonts embedded) and its block
// of fonts to the sizes above, and checks that a page carrying the fonts
// of all the charts once (FontFaces) stays as small as one chart's.
func TestSVGSizes(t *testing.T) {
	var all []*SVG
	for _, tc := range chartCases() {
		c := mustChart(t, tc.kind, tc.in)
		svg := render(t, c, "svg", WriteOptions{})
		i, j := bytes.Index(svg, []byte(svgStyleOpen)), bytes.Index(svg, []byte(svgStyleClose))
		if i < 0 || j < i {
			t.Fatalf("%s: no style block", tc.kind)
		}
		fonts := j - i
		t.Logf("%s: %d bytes, fonts %d", tc.kind, len(svg), fonts)
		if len(svg) > maxSVGBytes {
			t.Errorf("%s: the SVG is %d bytes, want at most %d", tc.kind, len(svg), maxSVGBytes)
		}
		if fonts > maxFontsBytes {
			t.Errorf("%s: the embedded fonts are %d bytes, want at most %d", tc.kind, fonts, maxFontsBytes)
		}
		d, err := DrawAll(c, false, true)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, d.SVG)
	}
	page, err := FontFaces(all...)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the fonts of all %d charts, once: %d bytes", len(all), len(page))
	if len(page) > maxFontsBytes*3/2 {
		t.Errorf("the fonts of all the charts are %d bytes, want at most %d", len(page), maxFontsBytes*3/2)
	}
}
