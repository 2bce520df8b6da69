package chart

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"image"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	stdfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/casualty-tool/casualty/internal/golden"
	"github.com/casualty-tool/casualty/report/chart/internal/raster"
)

// TestRasterCanvasMatchesVgimg draws every chart twice, with plain vgimg
// and with raster.Canvas, and compares the pixels. The fast paths composite
// glyphs with image/draw instead of gg's bilinear transform, so a channel
// may differ by rounding: 1 of 255, in 6 pixels of a million at most when
// this was written. Any larger difference, or more than one pixel in
// 10,000 off, means a glyph or a fill landed in the wrong place.
func TestRasterCanvasMatchesVgimg(t *testing.T) {
	for _, dpi := range []int{96, DefaultDPI} {
		for _, tc := range chartCases() {
			t.Run(fmt.Sprintf("%s/%d", tc.kind, dpi), func(t *testing.T) {
				c := mustChart(t, tc.kind, tc.in)
				want := plainImageCanvas(c.Width, c.Height, dpi)
				if err := drawChart(c, vgimg.PngCanvas{Canvas: want}); err != nil {
					t.Fatal(err)
				}
				got := raster.New(c.Width, c.Height, dpi)
				defer got.Release()
				if err := drawChart(c, got); err != nil {
					t.Fatal(err)
				}
				comparePixels(t, want.Image(), got.RGBA(), 1, 0.0001)
			})
		}
	}
}

// plainImageCanvas is vgimg's canvas on the same pixels as raster.New
// (a whole number of pixels high, so the same layout), without the fast
// paths.
func plainImageCanvas(w, h vg.Length, dpi int) *vgimg.Canvas {
	img := image.NewRGBA(image.Rect(0, 0, int(w/vg.Inch*vg.Length(dpi)+0.5), int(h/vg.Inch*vg.Length(dpi)+0.5)))
	return vgimg.NewWith(vgimg.UseImage(img), vgimg.UseDPI(dpi))
}

// comparePixels fails when a channel differs by more than tol (of 255) or
// when more than frac of the pixels differ at all (golden.Differ).
func comparePixels(t *testing.T, want, got image.Image, tol uint32, frac float64) {
	t.Helper()
	if d := golden.Differ(want, got, golden.Tolerance{Channel: uint8(tol), Fraction: frac}); d != "" {
		t.Fatal(d)
	}
}

// TestSVGCanvasMatchesVgsvg checks that svgCanvas draws every chart byte
// for byte as vgsvg does with its own font embedding, and embeds the same
// fonts under the same @font-face names, each cut down to a subset that
// parses and holds a glyph, with the full font's outline and advance, for
// every rune drawn in it (the runes taken from the SVG's own text). It
// writes each chart twice in a row, to catch state kept between writes.
func TestSVGCanvasMatchesVgsvg(t *testing.T) {
	for _, tc := range chartCases() {
		t.Run(string(tc.kind), func(t *testing.T) {
			c := mustChart(t, tc.kind, tc.in)
			ref := vgsvg.NewWith(vgsvg.UseWH(c.Width, c.Height), vgsvg.EmbedFonts(true))
			if err := drawChart(c, ref); err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if _, err := ref.WriteTo(&want); err != nil {
				t.Fatal(err)
			}
			wantRules, wantBody := splitFontFaces(t, want.Bytes())
			for range 2 {
				got := render(t, mustChart(t, tc.kind, tc.in), "svg", WriteOptions{})
				rules, body := splitFontFaces(t, got)
				if !bytes.Equal(body, wantBody) {
					t.Fatalf("svgCanvas draws something other than vgsvg")
				}
				if len(rules) != len(wantRules) {
					t.Fatalf("%d @font-face rules, vgsvg writes %d", len(rules), len(wantRules))
				}
				for i, r := range rules {
					if r.head != wantRules[i].head {
						t.Errorf("rule %d is headed\n%s\nvgsvg heads it\n%s", i, r.head, wantRules[i].head)
					}
					checkSubset(t, wantRules[i].font, r.font, textIn(body, r.head))
				}
			}
		})
	}
}

// fontRule is one @font-face rule of an SVG: its text up to the font, and
// the font file.
type fontRule struct {
	head string
	font []byte
}

// splitFontFaces cuts an SVG written with fonts embedded into its
// @font-face rules and the rest.
func splitFontFaces(t *testing.T, svg []byte) ([]fontRule, []byte) {
	t.Helper()
	i, j := bytes.Index(svg, []byte(svgStyleOpen)), bytes.Index(svg, []byte(svgStyleClose))
	if i < 0 || j < i {
		t.Fatal("no style block in the SVG")
	}
	var rules []fontRule
	for _, r := range bytes.Split(svg[i+len(svgStyleOpen):j], []byte("@font-face{"))[1:] {
		head, rest, ok := bytes.Cut(r, []byte("base64,"))
		b64, _, ok2 := bytes.Cut(rest, []byte(")"))
		if !ok || !ok2 {
			t.Fatalf("a @font-face rule without a base64 font: %.200s", r)
		}
		f, err := base64.StdEncoding.DecodeString(string(b64))
		if err != nil {
			t.Fatal(err)
		}
		rules = append(rules, fontRule{string(head), f})
	}
	body := append(append([]byte{}, svg[:i]...), svg[j+len(svgStyleClose):]...)
	return rules, body
}

// svgText is a text element as vgsvg writes it.
var svgText = regexp.MustCompile(`<text [^>]*style="([^"]*)"[^>]*>([^<]*)</text>`)

// textIn returns the runes of the SVG's text drawn in the font a rule
// describes (its weight, as the charts' fonts differ by weight only).
func textIn(svg []byte, head string) []rune {
	bold := strings.Contains(head, "font-weight:bold")
	var out []rune
	for _, m := range svgText.FindAllSubmatch(svg, -1) {
		if strings.Contains(string(m[1]), "font-weight:bold") == bold {
			out = append(out, []rune(html.UnescapeString(string(m[2])))...)
		}
	}
	return out
}

// checkSubset checks that sub parses and draws each rune as full does.
func checkSubset(t *testing.T, full, sub []byte, runes []rune) {
	t.Helper()
	if len(runes) == 0 {
		t.Fatal("no text found for a font the SVG embeds")
	}
	ff, err := sfnt.Parse(full)
	if err != nil {
		t.Fatal(err)
	}
	sf, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatalf("the embedded subset does not parse: %v", err)
	}
	var fb, sb sfnt.Buffer
	ppem := fixed.Int26_6(ff.UnitsPerEm())
	for _, r := range runes {
		fg, _ := ff.GlyphIndex(&fb, r)
		sg, err := sf.GlyphIndex(&sb, r)
		if err != nil || (fg == 0) != (sg == 0) {
			t.Fatalf("%q: glyph %d in the font, %d in the subset (%v)", r, fg, sg, err)
		}
		if fg == 0 {
			continue
		}
		fs, _ := ff.LoadGlyph(&fb, fg, ppem, nil)
		ss, err := sf.LoadGlyph(&sb, sg, ppem, nil)
		if err != nil || !slices.Equal(fs, ss) {
			t.Fatalf("%q: the subset's outline differs from the font's (%v)", r, err)
		}
		fa, _ := ff.GlyphAdvance(&fb, fg, ppem, stdfont.HintingNone)
		sa, _ := sf.GlyphAdvance(&sb, sg, ppem, stdfont.HintingNone)
		if fa != sa {
			t.Fatalf("%q: advance %v in the font, %v in the subset", r, fa, sa)
		}
	}
}

// TestBorrowedCanvasIsClean draws one chart on a borrowed image, gives it
// back, borrows it again for another chart and checks that the second
// chart comes out exactly as on a fresh image: nothing of the first shows
// through.
func TestBorrowedCanvasIsClean(t *testing.T) {
	cases := chartCases()
	first := mustChart(t, cases[1].kind, cases[1].in) // per-day and change: one size
	second := mustChart(t, cases[2].kind, cases[2].in)
	if first.Width != second.Width || first.Height != second.Height {
		t.Fatalf("the two charts differ in size (%v×%v, %v×%v); pick two of one size", first.Width, first.Height, second.Width, second.Height)
	}
	a := raster.Borrow(first.Width, first.Height, DefaultDPI)
	if err := drawChart(first, a); err != nil {
		t.Fatal(err)
	}
	a.Release()
	// The pool usually lends img back, but sync.Pool promises nothing
	// (TestDirtyImageStartsClean in internal/raster covers reuse itself).
	b := raster.Borrow(second.Width, second.Height, DefaultDPI)
	defer b.Release()
	if err := drawChart(second, b); err != nil {
		t.Fatal(err)
	}
	fresh := raster.New(second.Width, second.Height, DefaultDPI)
	if err := drawChart(second, fresh); err != nil {
		t.Fatal(err)
	}
	comparePixels(t, fresh.RGBA(), b.RGBA(), 0, 0)
}

// TestMultiCanvasDrawsAsDirectly lays every chart out once and draws it
// on a PNG and an SVG canvas together through vg.MultiCanvas, as the
// report does: the same pixels and the same bytes as drawing the chart on
// each alone.
func TestMultiCanvasDrawsAsDirectly(t *testing.T) {
	for _, tc := range chartCases() {
		t.Run(string(tc.kind), func(t *testing.T) {
			c := mustChart(t, tc.kind, tc.in)
			png := raster.Borrow(c.Width, c.Height, DefaultDPI)
			defer png.Release()
			sv := newSVGCanvas(c.Width, c.Height, true)
			if err := drawChart(c, sized{vg.MultiCanvas(png, sv), c.Width, c.Height}); err != nil {
				t.Fatal(err)
			}

			direct := raster.New(c.Width, c.Height, DefaultDPI)
			if err := drawChart(mustChart(t, tc.kind, tc.in), direct); err != nil {
				t.Fatal(err)
			}
			comparePixels(t, direct.RGBA(), png.RGBA(), 0, 0)

			want := render(t, mustChart(t, tc.kind, tc.in), "svg", WriteOptions{})
			var got bytes.Buffer
			if _, err := sv.WriteTo(&got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Error("the SVG drawn through MultiCanvas differs from the SVG drawn directly")
			}
		})
	}
}

// TestChartSizesAreWholePixels checks that every chart is a whole number
// of pixels at the default resolution, so that its PNG canvas has exactly
// its size and the one layout the report makes serves PNG and SVG.
func TestChartSizesAreWholePixels(t *testing.T) {
	for _, tc := range chartCases() {
		c := mustChart(t, tc.kind, tc.in)
		for _, l := range []vg.Length{c.Width, c.Height} {
			px := float64(l / vg.Inch * DefaultDPI)
			if math.Abs(px-math.Round(px)) > 1e-9 {
				t.Errorf("%s chart: %v pt is %.3f pixels at %d dpi, not a whole number", tc.kind, l, px, DefaultDPI)
			}
		}
	}
}
