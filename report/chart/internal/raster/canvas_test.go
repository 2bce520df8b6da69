package raster

import (
	"image"
	"image/color"
	"testing"

	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/casualty-tool/casualty/internal/golden"
)

// TestRasterCanvasFastPaths checks the fast paths on shapes they must and
// must not take: a rectangle on whole pixels is filled exactly, one off
// the grid or under a rotation goes to the rasteriser (anti-aliased
// edges), and rotated text is drawn by vgimg.
func TestRasterCanvasFastPaths(t *testing.T) {
	const dpi = 72 // one point is one pixel
	rect := func(x0, y0, x1, y1 vg.Length) vg.Path {
		var p vg.Path
		p.Move(vg.Point{X: x0, Y: y0})
		p.Line(vg.Point{X: x1, Y: y0})
		p.Line(vg.Point{X: x1, Y: y1})
		p.Line(vg.Point{X: x0, Y: y1})
		p.Close()
		return p
	}
	red := color.RGBA{200, 0, 0, 255}
	cases := []struct {
		name string
		draw func(c draw.Canvas)
		fast bool
	}{
		{"whole pixels", func(c draw.Canvas) { c.SetColor(red); c.Fill(rect(10, 10, 30, 20)) }, true},
		{"half pixels", func(c draw.Canvas) { c.SetColor(red); c.Fill(rect(10.5, 10, 30, 20)) }, false},
		{"translucent", func(c draw.Canvas) { c.SetColor(color.NRGBA{200, 0, 0, 128}); c.Fill(rect(10, 10, 30, 20)) }, false},
		{"rotated", func(c draw.Canvas) {
			c.SetColor(red)
			c.Push()
			c.Rotate(0.3)
			c.Fill(rect(10, 10, 30, 20))
			c.Pop()
		}, false},
		// The first white page over the white image is skipped; a later
		// one must still paint over what was drawn.
		{"white page, then red", func(c draw.Canvas) {
			c.SetColor(color.White)
			c.Fill(c.Rectangle.Path())
			c.SetColor(red)
			c.Fill(rect(10, 10, 30, 20))
		}, true},
		{"red, then white page", func(c draw.Canvas) {
			c.SetColor(red)
			c.Fill(rect(10, 10, 30, 20))
			c.SetColor(color.White)
			c.Fill(c.Rectangle.Path())
		}, true},
		{"shifted whole pixels", func(c draw.Canvas) {
			c.SetColor(red)
			c.Push()
			c.Translate(vg.Point{X: 3, Y: 4})
			c.Fill(rect(10, 10, 30, 20))
			c.Pop()
		}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := plainImageCanvas(50, 40, dpi)
			tc.draw(draw.New(want))
			got := New(50, 40, dpi)
			defer got.Release()
			tc.draw(draw.New(got))
			comparePixels(t, want.Image(), got.img, 0, 0)
			if fast := got.direct > 0; fast != tc.fast {
				t.Errorf("filled without the rasteriser: %v, want %v", fast, tc.fast)
			}
		})
	}
	// Which path was taken: a whole-pixel rectangle is recognised, the
	// others are not.
	cv := New(50, 40, dpi)
	defer cv.Release()
	if _, ok := cv.pixelRect(rect(10, 10, 30, 20)); !ok {
		t.Error("a whole-pixel rectangle was not recognised")
	}
	if _, ok := cv.pixelRect(rect(10.5, 10, 30, 20)); ok {
		t.Error("a rectangle off the pixel grid was taken for a whole-pixel one")
	}
	cv.Push()
	cv.Rotate(0.3)
	if _, ok := cv.pixelRect(rect(10, 10, 30, 20)); ok {
		t.Error("a rotated rectangle was taken for a whole-pixel one")
	}
	cv.Pop()
	if r, ok := cv.pixelRect(rect(10, 10, 30, 20)); !ok || r != image.Rect(10, 20, 30, 30) {
		t.Errorf("rectangle (10,10)-(30,20) on a 40-pixel-high canvas is %v (%v), want (10,20)-(30,30)", r, ok)
	}
}

// TestGlyphCacheIsBounded fills the glyph cache to its bound and checks
// that the next glyph starts it afresh instead of growing it, and that
// text drawn from kept glyphs matches text drawn from new ones.
func TestGlyphCacheIsBounded(t *testing.T) {
	draw1 := func() *image.RGBA {
		cv := New(200, 40, 192)
		dc := draw.New(cv)
		dc.FillText(titleStyle, vg.Point{X: 10, Y: 15}, "Kyiv 1,234 ≥ 5%")
		return cv.img
	}
	glyphs.Lock()
	glyphs.m = nil
	glyphs.Unlock()
	fresh := draw1()
	kept := draw1() // every glyph from the cache now
	comparePixels(t, fresh, kept, 0, 0)

	glyphs.Lock()
	glyphs.m = map[glyphKey]*cachedGlyph{}
	for i := range maxGlyphs {
		glyphs.m[glyphKey{r: rune(0x10000 + i)}] = nil
	}
	glyphs.Unlock()
	draw1()
	glyphs.Lock()
	n := len(glyphs.m)
	glyphs.Unlock()
	if n >= maxGlyphs {
		t.Errorf("the glyph cache holds %d glyphs, past its bound of %d", n, maxGlyphs)
	}
}

// plainImageCanvas is vgimg's canvas on the same pixels as New
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

// titleStyle is bold 13-point Liberation Sans, as a chart's title.
var titleStyle = text.Style{
	Color:   color.Black,
	Font:    font.Font{Typeface: "Liberation", Variant: "Sans", Size: 13, Weight: stdfont.WeightBold},
	Handler: plot.DefaultTextHandler,
}

// TestDirtyImageStartsClean draws on an image full of leftover pixels, as
// one lent again by the pool is, and on a new one: the same pixels.
func TestDirtyImageStartsClean(t *testing.T) {
	draw1 := func(c *Canvas) *image.RGBA {
		dc := draw.New(c)
		dc.SetColor(color.RGBA{200, 0, 0, 255})
		var p vg.Path
		p.Move(vg.Point{X: 10.5, Y: 10})
		p.Line(vg.Point{X: 30, Y: 25})
		p.Line(vg.Point{X: 12, Y: 30})
		p.Close()
		dc.Fill(p)
		dc.FillText(titleStyle, vg.Point{X: 5, Y: 5}, "Kyiv 1,234")
		return c.RGBA()
	}
	dirty := image.NewRGBA(image.Rect(0, 0, 100, 80))
	for i := range dirty.Pix {
		dirty.Pix[i] = byte(i * 7)
	}
	fresh := draw1(New(100/72.0*vg.Inch, 80/72.0*vg.Inch, 72))
	reused := draw1(newRasterCanvas(dirty, 72))
	comparePixels(t, fresh, reused, 0, 0)
}
