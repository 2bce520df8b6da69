package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"math"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

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
// when more than frac of the pixels differ at all.
func comparePixels(t *testing.T, want, got image.Image, tol uint32, frac float64) {
	t.Helper()
	if want.Bounds() != got.Bounds() {
		t.Fatalf("bounds %v, want %v", got.Bounds(), want.Bounds())
	}
	b := want.Bounds()
	differ := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			w := color.RGBAModel.Convert(want.At(x, y)).(color.RGBA)
			g := color.RGBAModel.Convert(got.At(x, y)).(color.RGBA)
			if w == g {
				continue
			}
			differ++
			for _, d := range [4][2]uint8{{w.R, g.R}, {w.G, g.G}, {w.B, g.B}, {w.A, g.A}} {
				if diff(d[0], d[1]) > tol {
					t.Fatalf("pixel (%d,%d) is %v, want %v", x, y, g, w)
				}
			}
		}
	}
	if n := b.Dx() * b.Dy(); float64(differ) > frac*float64(n) {
		t.Errorf("%d of %d pixels differ (more than %.2f%%)", differ, n, 100*frac)
	}
}

func diff(a, b uint8) uint32 {
	if a > b {
		return uint32(a - b)
	}
	return uint32(b - a)
}

// TestSVGCanvasMatchesVgsvg checks that svgCanvas writes every chart
// byte for byte as vgsvg does with its own font embedding, twice in a row
// (the second time from the cached rules).
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
			for range 2 {
				got := render(t, mustChart(t, tc.kind, tc.in), "svg", WriteOptions{})
				if !bytes.Equal(got, want.Bytes()) {
					t.Fatalf("svgCanvas wrote %d bytes, vgsvg %d; they differ", len(got), want.Len())
				}
			}
		})
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
