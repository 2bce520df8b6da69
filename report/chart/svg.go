package chart

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	stdfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// svgCanvas is gonum/plot's SVG canvas with fonts embedded as vgsvg
// embeds them, byte for byte, but without building them in memory:
// vgsvg reads and base64-encodes a whole font file into a buffer the
// first time each chart uses it, a megabyte and more per chart, which
// the report then copies into a file and strips out again for its HTML
// page. Here the chart is drawn with fonts linked, the fonts used are
// noted, and their @font-face rules are streamed into the output when the
// SVG is written (writeSVGWithFonts). TestSVGCanvasMatchesVgsvg holds the
// bytes to vgsvg's.
type svgCanvas struct {
	*vgsvg.Canvas
	embed bool
	fonts []font.Face // the fonts drawn with, one per @font-face rule, in order of first use
}

func newSVGCanvas(w, h vg.Length, embed bool) *svgCanvas {
	return &svgCanvas{Canvas: vgsvg.NewWith(vgsvg.UseWH(w, h)), embed: embed}
}

func (c *svgCanvas) FillString(f font.Face, pt vg.Point, str string) {
	c.Canvas.FillString(f, pt, str)
	for _, g := range c.fonts {
		if sameFontFace(f, g) {
			return
		}
	}
	c.fonts = append(c.fonts, f)
}

// sameFontFace reports whether vgsvg would embed f and g as one font:
// the same font, variant, style and weight, whatever the size.
func sameFontFace(f, g font.Face) bool {
	return f.Face == g.Face && f.Font.Variant == g.Font.Variant && f.Font.Style == g.Font.Style && f.Font.Weight == g.Font.Weight
}

// linked returns the SVG with fonts linked, and the fonts it uses.
func (c *svgCanvas) linked() ([]byte, []font.Face, error) {
	var b bytes.Buffer
	if _, err := c.Canvas.WriteTo(&b); err != nil {
		return nil, nil, err
	}
	return b.Bytes(), c.fonts, nil
}

// WriteTo writes the SVG, with the fonts it uses embedded unless they are
// linked.
func (c *svgCanvas) WriteTo(w io.Writer) (int64, error) {
	svg, fonts, err := c.linked()
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: w}
	if !c.embed {
		_, err = cw.Write(svg)
	} else {
		err = writeSVGWithFonts(cw, svg, fonts)
	}
	return cw.n, err
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// How vgsvg opens and closes the block of embedded fonts, and the end of
// its header (the <svg> tag), after which the block goes.
const (
	svgStyleOpen  = "<defs>\n\t<style>\n"
	svgStyleClose = "\t</style>\n</defs>\n"
	svgHeaderEnd  = "xmlns:xlink=\"http://www.w3.org/1999/xlink\">\n"
)

// writeSVGWithFonts writes an SVG that vgsvg drew with fonts linked as
// vgsvg would have written it with fonts embedded: a style block with a
// @font-face rule for each font, after the <svg> tag.
func writeSVGWithFonts(w io.Writer, linked []byte, fonts []font.Face) error {
	i := bytes.Index(linked, []byte(svgHeaderEnd))
	if i < 0 {
		return fmt.Errorf("vgsvg wrote an SVG header this program does not know")
	}
	i += len(svgHeaderEnd)
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(linked[:i])
	bw.WriteString(svgStyleOpen)
	for _, f := range fonts {
		rule, err := fontFaceRule(f)
		if err != nil {
			return err
		}
		bw.Write(rule)
	}
	bw.WriteString(svgStyleClose)
	bw.Write(linked[i:])
	return bw.Flush()
}

// fontFaceRules keeps each font's @font-face rule once made: a font is
// half a megabyte of base64, and a report embeds the same two fonts in
// every chart.
var fontFaceRules struct {
	sync.Mutex
	rules []cachedRule
}

type cachedRule struct {
	face font.Face
	rule []byte
}

// fontFaceRule returns f's @font-face rule (makeFontFaceRule), made on
// first use.
func fontFaceRule(f font.Face) ([]byte, error) {
	fontFaceRules.Lock()
	defer fontFaceRules.Unlock()
	for _, r := range fontFaceRules.rules {
		if sameFontFace(r.face, f) {
			return r.rule, nil
		}
	}
	rule, err := makeFontFaceRule(f)
	if err != nil {
		return nil, err
	}
	fontFaceRules.rules = append(fontFaceRules.rules, cachedRule{f, rule})
	return rule, nil
}

// makeFontFaceRule returns f's @font-face rule as vgsvg writes it, the
// font file base64-encoded.
func makeFontFaceRule(f font.Face) ([]byte, error) {
	var buf sfnt.Buffer
	family, err := f.Face.Name(&buf, sfnt.NameIDFamily)
	if err != nil {
		return nil, fmt.Errorf("embedding font %s: %v", f.Font.Typeface, err)
	}
	variant, weight, style, err := svgFontNames(f.Font)
	if err != nil {
		return nil, err
	}
	var raw bytes.Buffer
	if _, err := f.Face.WriteSourceTo(nil, &raw); err != nil {
		return nil, fmt.Errorf("embedding font %s: %v", f.Font.Typeface, err)
	}
	head := "\t\t@font-face{\n\t\t\tfont-family:" + strconv.Quote(family) + ";\n" +
		"\t\t\tfont-variant:" + variant + ";font-weight:" + weight + ";font-style:" + style + ";\n" +
		"\t\t\tsrc: url(data:font/ttf;charset=utf-8;base64,"
	const tail = ") format(\"truetype\");\n\t\t}\n"
	// One buffer of the final size, encoded in one pass: the font is
	// hundreds of kilobytes.
	out := make([]byte, len(head)+base64.StdEncoding.EncodedLen(raw.Len())+len(tail))
	n := copy(out, head)
	base64.StdEncoding.Encode(out[n:], raw.Bytes())
	copy(out[len(out)-len(tail):], tail)
	return out, nil
}

// svgFontNames gives a font's variant, weight and style in the words
// vgsvg uses for them.
func svgFontNames(f font.Font) (variant, weight, style string, err error) {
	switch v := strings.ToLower(string(f.Variant)); v {
	case "smallcaps":
		variant = "small-caps"
	case "mono", "monospace", "sans", "sansserif", "sans-serif", "serif":
		variant = "normal" // a family, not a variant, in SVG's terms
	case "":
		variant = "none"
	default:
		variant = v
	}
	weights := map[stdfont.Weight]string{
		stdfont.WeightThin: "100", stdfont.WeightExtraLight: "200", stdfont.WeightLight: "300",
		stdfont.WeightNormal: "normal", stdfont.WeightMedium: "500", stdfont.WeightSemiBold: "600",
		stdfont.WeightBold: "bold", stdfont.WeightExtraBold: "800", stdfont.WeightBlack: "900",
	}
	weight, ok := weights[f.Weight]
	if !ok {
		return "", "", "", fmt.Errorf("font %s has a weight SVG cannot name (%d)", f.Typeface, int(f.Weight))
	}
	switch f.Style {
	case stdfont.StyleNormal:
		style = "normal"
	case stdfont.StyleItalic:
		style = "italic"
	case stdfont.StyleOblique:
		style = "oblique"
	default:
		return "", "", "", fmt.Errorf("font %s has a style SVG cannot name (%d)", f.Typeface, int(f.Style))
	}
	return variant, weight, style, nil
}
