package chart

import (
	"bytes"
	"io"

	"gonum.org/v1/plot/vg"

	"github.com/casualty-tool/casualty/report/chart/internal/raster"
)

// Drawn is a chart drawn as PNG, SVG or both, for a report.
type Drawn struct {
	PNG []byte // at DefaultDPI; nil when not asked for
	SVG *SVG   // nil when not asked for
}

// SVG is a chart drawn as SVG with its fonts linked, as a page that
// carries the fonts once inlines it; WriteTo embeds them.
type SVG struct {
	linked []byte
	fonts  []usedFont // in order of first use
}

// Linked returns the SVG with its fonts linked, not embedded.
func (s *SVG) Linked() []byte { return s.linked }

// WriteTo writes the SVG with its fonts embedded, as Write does.
func (s *SVG) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	err := writeSVGWithFonts(cw, s.linked, s.fonts)
	return cw.n, err
}

// FontFaces returns the @font-face rules for the fonts of svgs, each font
// once, holding the glyphs all of them draw: what a page that inlines
// their Linked forms needs.
func FontFaces(svgs ...*SVG) ([]byte, error) {
	var fonts []usedFont
	for _, s := range svgs {
		for _, f := range s.fonts {
			for r := range f.runes {
				fonts = addRunes(fonts, f.face, string(r))
			}
		}
	}
	var b bytes.Buffer
	for _, f := range fonts {
		rule, err := fontFaceRule(f.face, f.runes)
		if err != nil {
			return nil, err
		}
		b.Write(rule)
	}
	return b.Bytes(), nil
}

// DrawAll lays c out once and draws it, at the same time, as PNG (at
// DefaultDPI) and as SVG, as asked: laying a chart out (ticks, labels
// measured glyph by glyph, text wrapped) is most of the work of drawing it
// and does not depend on the canvas. The bytes are those Write gives.
func DrawAll(c *Chart, png, svg bool) (Drawn, error) {
	var out Drawn
	var canvases []vg.Canvas
	var pc *raster.Canvas
	var sc *svgCanvas
	if png {
		pc = raster.Borrow(c.Width, c.Height, DefaultDPI)
		defer pc.Release()
		canvases = append(canvases, pc)
	}
	if svg {
		sc = newSVGCanvas(c.Width, c.Height, true)
		canvases = append(canvases, sc)
	}
	if err := drawChart(c, sized{vg.MultiCanvas(canvases...), c.Width, c.Height}); err != nil {
		return Drawn{}, err
	}
	if pc != nil {
		var b bytes.Buffer
		b.Grow(len(pc.RGBA().Pix) / 16) // a chart's PNG is about a twentieth of its pixels' bytes
		if err := raster.EncodeOpaquePNG(&b, pc.RGBA()); err != nil {
			return Drawn{}, err
		}
		out.PNG = b.Bytes()
	}
	if sc != nil {
		linked, fonts, err := sc.linked()
		if err != nil {
			return Drawn{}, err
		}
		out.SVG = &SVG{linked: linked, fonts: fonts}
	}
	return out, nil
}

// sized gives a canvas a size, for draw.New: vg.MultiCanvas has none.
type sized struct {
	vg.Canvas
	w, h vg.Length
}

func (c sized) Size() (w, h vg.Length) { return c.w, c.h }
