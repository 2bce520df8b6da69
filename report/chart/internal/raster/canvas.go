// Package raster is the canvas charts are drawn on as PNG: gonum/plot's
// vgimg with fast paths for upright text (a glyph cache) and for opaque
// rectangles on whole pixels, and a PNG encoder for its opaque images.
// Tests hold it to vgimg pixel by pixel.
package raster

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"io"
	"math"
	"sync"

	"git.sr.ht/~sbinet/gg"
	stdfont "golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// Canvas is gonum/plot's raster canvas (vgimg) with fast paths for
// the two things a chart draws most, which vgimg does in general ways
// that cost most of a PNG's drawing time:
//
//   - Text. vgimg makes a new font face for every string, so no glyph
//     outline is reused, and gg draws each glyph through a bilinear
//     image transform even when the transform is a whole-pixel shift.
//     Here faces are kept for the canvas's life and upright glyphs are
//     composited straight onto the image, as font.Drawer does.
//   - Opaque rectangles on whole pixels (the background). vgimg scans
//     them through the anti-aliasing rasteriser, span by span; here they
//     are a plain fill.
//
// Anything else (rotated text, shapes off the pixel grid) goes to vgimg
// unchanged. TestRasterCanvasMatchesVgimg compares the two pixel by pixel.
type Canvas struct {
	*vgimg.Canvas
	img    *image.RGBA
	ctx    *gg.Context
	dpi    float64
	height float64 // canvas height in pixels, as vgimg computes it

	colors   []color.Color // the current colour, with a level per Push
	blank    bool          // nothing drawn yet: the image is all white
	direct   int           // fills done without the rasteriser (for tests)
	borrowed bool          // img is from the pool of images
	faces    map[faceKey]stdfont.Face
}

// faceKey names a font face at a size; the canvas's DPI is fixed.
type faceKey struct {
	font *opentype.Font
	size vg.Length
}

// New makes a raster canvas w×h at dpi, white, on its own
// image. It hands vgimg an RGBA image and a gg context that draws
// straight onto it (vgimg.NewWith alone allocates the image and then
// copies it into a second one for gg).
func New(w, h vg.Length, dpi int) *Canvas {
	pw, ph := pixelSize(w, dpi), pixelSize(h, dpi)
	return newRasterCanvas(image.NewRGBA(image.Rect(0, 0, pw, ph)), dpi)
}

// Borrow is New on an image lent from a pool; give it back with Release
// once the pixels are encoded.
func Borrow(w, h vg.Length, dpi int) *Canvas {
	c := newRasterCanvas(borrowImage(pixelSize(w, dpi), pixelSize(h, dpi)), dpi)
	c.borrowed = true
	return c
}

func pixelSize(l vg.Length, dpi int) int { return int(l/vg.Inch*vg.Length(dpi) + 0.5) }

func newRasterCanvas(img *image.RGBA, dpi int) *Canvas {
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt() // as vgimg.NewWith sets up its own context
	ctx.InvertY()
	// NewWith paints the whole image with the background colour, so a
	// borrowed image starts as clean as a new one.
	cv := vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(dpi))
	_, ch := cv.Size()
	return &Canvas{
		Canvas: cv,
		img:    img,
		ctx:    ctx,
		dpi:    float64(dpi),
		height: ch.Dots(float64(dpi)),
		colors: []color.Color{color.Black},
		blank:  true,
		faces:  map[faceKey]stdfont.Face{},
	}
}

// Release gives a borrowed canvas's image back to the pool; the canvas
// must not be used afterwards. On a canvas with its own image it does
// nothing.
func (c *Canvas) Release() {
	if c.borrowed {
		returnImage(c.img)
	}
	c.img, c.Canvas, c.ctx = nil, nil, nil
}

// RGBA returns the canvas's pixels.
func (c *Canvas) RGBA() *image.RGBA { return c.img }

// WriteTo writes the image as PNG (see EncodePNG).
func (c *Canvas) WriteTo(w io.Writer) (int64, error) {
	var b bytes.Buffer
	if err := EncodePNG(&b, c.img); err != nil {
		return 0, err
	}
	return b.WriteTo(w)
}

func (c *Canvas) SetColor(clr color.Color) {
	if clr == nil {
		clr = color.Black
	}
	c.colors[len(c.colors)-1] = clr
	c.Canvas.SetColor(clr)
}

func (c *Canvas) Push() {
	c.colors = append(c.colors, c.colors[len(c.colors)-1])
	c.Canvas.Push()
}

func (c *Canvas) Pop() {
	c.colors = c.colors[:len(c.colors)-1]
	c.Canvas.Pop()
}

// shift returns the whole-pixel offset of the current transform when it
// is vgimg's own (y up, no rotation or scaling) moved by whole pixels:
// device = (x + dx, dy − y) for a point (x, y) in canvas dots.
func (c *Canvas) shift() (dx, dy int, ok bool) {
	ox, oy := c.ctx.TransformPoint(0, 0)
	ax, ay := c.ctx.TransformPoint(1, 0)
	bx, by := c.ctx.TransformPoint(0, 1)
	if ax-ox != 1 || ay-oy != 0 || bx-ox != 0 || by-oy != -1 {
		return 0, 0, false
	}
	x, y := math.Round(ox), math.Round(oy)
	if math.Abs(ox-x) > 1e-9 || math.Abs(oy-y) > 1e-9 {
		return 0, 0, false
	}
	return int(x), int(y), true
}

// Fill fills p; an opaque axis-aligned rectangle whose edges fall on
// pixel boundaries is filled directly, which is what the rasteriser would
// paint, pixel for pixel.
func (c *Canvas) Fill(p vg.Path) {
	blank := c.blank
	c.blank = false
	if r, ok := c.pixelRect(p); ok {
		clr := c.colors[len(c.colors)-1]
		if _, _, _, a := clr.RGBA(); a == 0xffff {
			c.direct++
			if blank && r.Intersect(c.img.Rect) == c.img.Rect && color.RGBAModel.Convert(clr) == color.RGBAModel.Convert(color.White) {
				c.blank = true // a white page painted white: nothing to do
				return
			}
			draw.Draw(c.img, r.Intersect(c.img.Rect), image.NewUniform(clr), image.Point{}, draw.Src)
			return
		}
	}
	c.Canvas.Fill(p)
}

func (c *Canvas) Stroke(p vg.Path) {
	c.blank = false
	c.Canvas.Stroke(p)
}

func (c *Canvas) DrawImage(r vg.Rectangle, img image.Image) {
	c.blank = false
	c.Canvas.DrawImage(r, img)
}

// pixelRect returns the device rectangle p outlines when p is a closed,
// axis-aligned rectangle on whole pixels under a whole-pixel transform.
func (c *Canvas) pixelRect(p vg.Path) (image.Rectangle, bool) {
	n := len(p)
	if n == 6 && p[5].Type == vg.CloseComp && p[4].Type == vg.LineComp && p[4].Pos == p[0].Pos {
		n = 5 // closed by a line back to the start, then Close
	}
	if n != 5 || p[0].Type != vg.MoveComp || p[4].Type != vg.CloseComp {
		return image.Rectangle{}, false
	}
	var xs, ys [4]float64
	for i := range 4 {
		if i > 0 && p[i].Type != vg.LineComp {
			return image.Rectangle{}, false
		}
		xs[i], ys[i] = p[i].Pos.X.Dots(c.dpi), p[i].Pos.Y.Dots(c.dpi)
	}
	// Either edge order: x changes first or y changes first.
	horizontalFirst := ys[0] == ys[1] && xs[1] == xs[2] && ys[2] == ys[3] && xs[3] == xs[0]
	verticalFirst := xs[0] == xs[1] && ys[1] == ys[2] && xs[2] == xs[3] && ys[3] == ys[0]
	if !horizontalFirst && !verticalFirst {
		return image.Rectangle{}, false
	}
	dx, dy, ok := c.shift()
	if !ok {
		return image.Rectangle{}, false
	}
	var px, py [2]int
	for i, v := range [2]float64{xs[0], xs[2]} {
		r := math.Round(v)
		if math.Abs(v-r) > 1e-6 {
			return image.Rectangle{}, false
		}
		px[i] = int(r) + dx
	}
	for i, v := range [2]float64{ys[0], ys[2]} {
		r := math.Round(v)
		if math.Abs(v-r) > 1e-6 {
			return image.Rectangle{}, false
		}
		py[i] = dy - int(r)
	}
	return image.Rect(px[0], py[0], px[1], py[1]), true // Rect orders the corners
}

// face returns the canvas's face for f, made on first use.
func (c *Canvas) face(f font.Face) stdfont.Face {
	k := faceKey{f.Face, f.Font.Size}
	if ff, ok := c.faces[k]; ok {
		return ff
	}
	ff := f.FontFace(c.dpi)
	c.faces[k] = ff
	return ff
}

// FillString draws str with its baseline starting at pt, as vgimg does.
// Upright text under a whole-pixel transform is composited glyph by glyph
// at the positions gg would use; other text goes to vgimg.
func (c *Canvas) FillString(f font.Face, pt vg.Point, str string) {
	if f.Font.Size == 0 {
		return
	}
	c.blank = false
	dx, dy, ok := c.shift()
	if !ok {
		c.Canvas.FillString(f, pt, str)
		return
	}
	face := c.face(f)
	src := image.NewUniform(c.colors[len(c.colors)-1])
	// vgimg draws at (x, h−y) in gg's space flipped once more, which the
	// canvas's transform maps to device pixels (x + dx, y' + dy − H), with
	// y' the flipped coordinate and H the image's height in pixels.
	dot := fixed.Point26_6{
		X: fixed.Int26_6(math.Round(pt.X.Dots(c.dpi) * 64)),
		Y: fixed.Int26_6(math.Round((c.height - pt.Y.Dots(c.dpi)) * 64)),
	}
	off := image.Pt(dx, dy-c.img.Rect.Dy())
	prev := rune(-1)
	for _, r := range str {
		if prev >= 0 {
			dot.X += face.Kern(prev, r)
		}
		g, ok := c.glyph(face, faceKey{f.Face, f.Font.Size}, dot, r)
		if !ok {
			continue
		}
		at := image.Pt(dot.X.Floor(), dot.Y.Floor()).Add(off)
		draw.DrawMask(c.img, g.rect.Add(at), src, image.Point{}, g.mask, image.Point{}, draw.Over)
		dot.X += g.advance
		prev = r
	}
}

// glyphKey names a glyph as rasterised: the font and size, the
// character, and where the pen stands within its pixel (in 64ths), which
// changes the anti-aliasing.
type glyphKey struct {
	face   faceKey
	dpi    float64
	r      rune
	fx, fy fixed.Int26_6
}

// cachedGlyph is a glyph's mask, placed relative to the pen's pixel.
type cachedGlyph struct {
	rect    image.Rectangle
	mask    *image.Alpha
	advance fixed.Int26_6
}

// maxGlyphs bounds glyphs: a report keeps a few thousand; a process that
// draws reports for hours (casualty watch) must not keep them all.
const maxGlyphs = 50000

// glyphs keeps every glyph rasterised, for all canvases: a report draws
// the same digits and letters thousands of times across its charts, and
// the font rasteriser was a tenth of a PNG's drawing time.
var glyphs struct {
	sync.Mutex
	m map[glyphKey]*cachedGlyph
}

// glyph returns r drawn with face at the pen position dot, from glyphs or
// rasterised and kept. ok is false when the font has no such glyph.
func (c *Canvas) glyph(face stdfont.Face, fk faceKey, dot fixed.Point26_6, r rune) (*cachedGlyph, bool) {
	k := glyphKey{fk, c.dpi, r, dot.X & 63, dot.Y & 63}
	glyphs.Lock()
	g, ok := glyphs.m[k]
	glyphs.Unlock()
	if ok {
		return g, g != nil
	}
	dr, mask, maskp, advance, ok := face.Glyph(dot, r)
	if ok {
		// The face reuses its mask for the next glyph: keep a copy.
		a := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
		draw.Draw(a, a.Rect, mask, maskp, draw.Src)
		pen := image.Pt(dot.X.Floor(), dot.Y.Floor())
		g = &cachedGlyph{rect: dr.Sub(pen), mask: a, advance: advance}
	}
	glyphs.Lock()
	if glyphs.m == nil || len(glyphs.m) >= maxGlyphs {
		glyphs.m = map[glyphKey]*cachedGlyph{} // start afresh rather than grow without end
	}
	glyphs.m[k] = g
	glyphs.Unlock()
	return g, g != nil
}
