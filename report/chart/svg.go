package chart

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	stdfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/casualty-tool/casualty/report/chart/internal/subset"
)

// svgCanvas is gonum/plot's SVG canvas with fonts embedded as vgsvg
// embeds them, but cut down to the glyphs the chart draws: vgsvg embeds
// each whole font file, base64-encoded, a megabyte and more per chart.
// Here the chart is drawn with fonts linked, the fonts used and the runes
// drawn with each are noted, and their @font-face rules, each holding a
// subset of its font (internal/subset), are written into the output when
// the SVG is written (writeSVGWithFonts). TestSVGCanvasMatchesVgsvg holds
// the drawing to vgsvg's, and the subset fonts to the full ones.
type svgCanvas struct {
	*vgsvg.Canvas
	embed bool
	fonts []usedFont // the fonts drawn with, one per @font-face rule, in order of first use
}

// usedFont is a font a chart draws with and the runes it draws.
type usedFont struct {
	face  font.Face
	runes map[rune]bool
}

func newSVGCanvas(w, h vg.Length, embed bool) *svgCanvas {
	return &svgCanvas{Canvas: vgsvg.NewWith(vgsvg.UseWH(w, h)), embed: embed}
}

func (c *svgCanvas) FillString(f font.Face, pt vg.Point, str string) {
	c.Canvas.FillString(f, pt, str)
	c.fonts = addRunes(c.fonts, f, str)
}

// addRunes notes that str is drawn in f.
func addRunes(fonts []usedFont, f font.Face, str string) []usedFont {
	i := slices.IndexFunc(fonts, func(u usedFont) bool { return sameFontFace(u.face, f) })
	if i < 0 {
		fonts = append(fonts, usedFont{face: f, runes: map[rune]bool{}})
		i = len(fonts) - 1
	}
	for _, r := range str {
		fonts[i].runes[r] = true
	}
	return fonts
}

// sameFontFace reports whether vgsvg would embed f and g as one font:
// the same font, variant, style and weight, whatever the size.
func sameFontFace(f, g font.Face) bool {
	return f.Face == g.Face && f.Font.Variant == g.Font.Variant && f.Font.Style == g.Font.Style && f.Font.Weight == g.Font.Weight
}

// linked returns the SVG with fonts linked, and the fonts it uses.
func (c *svgCanvas) linked() ([]byte, []usedFont, error) {
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
func writeSVGWithFonts(w io.Writer, linked []byte, fonts []usedFont) error {
	i := bytes.Index(linked, []byte(svgHeaderEnd))
	if i < 0 {
		return fmt.Errorf("vgsvg wrote an SVG header this program does not know")
	}
	i += len(svgHeaderEnd)
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(linked[:i])
	bw.WriteString(svgStyleOpen)
	for _, f := range fonts {
		rule, err := fontFaceRule(f.face, f.runes)
		if err != nil {
			return err
		}
		bw.Write(rule)
	}
	bw.WriteString(svgStyleClose)
	bw.Write(linked[i:])
	return bw.Flush()
}

// fontSources keeps each font's file once read: a report draws its
// charts with the same two fonts.
var fontSources struct {
	sync.Mutex
	fonts []fontSource
}

type fontSource struct {
	face font.Face
	src  []byte
}

// fontSource returns f's font file, read on first use.
func fontFile(f font.Face) ([]byte, error) {
	fontSources.Lock()
	defer fontSources.Unlock()
	for _, s := range fontSources.fonts {
		if sameFontFace(s.face, f) {
			return s.src, nil
		}
	}
	var raw bytes.Buffer
	if _, err := f.Face.WriteSourceTo(nil, &raw); err != nil {
		return nil, fmt.Errorf("embedding font %s: %v", f.Font.Typeface, err)
	}
	fontSources.fonts = append(fontSources.fonts, fontSource{f, raw.Bytes()})
	return raw.Bytes(), nil
}

// fontFaceRule returns f's @font-face rule as vgsvg writes it, with the
// font cut down to the glyphs of runes (subset.Font) and base64-encoded.
func fontFaceRule(f font.Face, runes map[rune]bool) ([]byte, error) {
	var buf sfnt.Buffer
	family, err := f.Face.Name(&buf, sfnt.NameIDFamily)
	if err != nil {
		return nil, fmt.Errorf("embedding font %s: %v", f.Font.Typeface, err)
	}
	variant, weight, style, err := svgFontNames(f.Font)
	if err != nil {
		return nil, err
	}
	src, err := fontFile(f)
	if err != nil {
		return nil, err
	}
	rs := make([]rune, 0, len(runes))
	for r := range runes {
		rs = append(rs, r)
	}
	sub, err := subset.Font(src, rs)
	if err != nil {
		return nil, fmt.Errorf("embedding font %s: %v", f.Font.Typeface, err)
	}
	head := "\t\t@font-face{\n\t\t\tfont-family:" + strconv.Quote(family) + ";\n" +
		"\t\t\tfont-variant:" + variant + ";font-weight:" + weight + ";font-style:" + style + ";\n" +
		"\t\t\tsrc: url(data:font/ttf;charset=utf-8;base64,"
	const tail = ") format(\"truetype\");\n\t\t}\n"
	return []byte(head + base64.StdEncoding.EncodeToString(sub) + tail), nil
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
