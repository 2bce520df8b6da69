package chart

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	stdfont "golang.org/x/image/font"
	"golang.org/x/text/encoding/charmap"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgpdf"

	"github.com/casualty-tool/casualty/report/chart/internal/raster"
)

// Formats are the formats Write writes.
var Formats = []string{"png", "svg", "pdf"}

// FormatOf returns the chart format a file name asks for, from its
// extension ("charts/monthly.PNG" → "png"), and false for any other.
func FormatOf(name string) (string, bool) {
	ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(name), "."))
	for _, f := range Formats {
		if f == ext {
			return f, true
		}
	}
	return "", false
}

// DefaultDPI is the PNG resolution: twice the 96 dots per inch of a
// screen, so a chart stays sharp on high-density screens and in print.
const DefaultDPI = 192

// WriteOptions tune Write.
type WriteOptions struct {
	// DPI is the PNG resolution (0: DefaultDPI). The PNG is the chart's
	// size in inches times DPI pixels.
	DPI int
	// LinkFonts leaves the fonts out of an SVG, which then names Liberation
	// Sans and relies on the reader having it. By default the fonts are
	// embedded, so the SVG looks the same everywhere.
	LinkFonts bool
}

// Write renders c as format ("png", "svg" or "pdf") to w. The same
// chart always gives the same SVG and PDF bytes.
//
// PDF has limits of gonum/plot's writer: text is Windows-1252, so other
// characters are replaced by their nearest Latin form; all text is drawn
// in the regular face; and it needs a writable temporary folder to
// prepare the font.
func Write(w io.Writer, c *Chart, format string, opt WriteOptions) error {
	cv, err := c.WriterTo(format, opt)
	if err != nil {
		return err
	}
	if _, err = cv.WriteTo(w); err != nil {
		return fmt.Errorf("writing %s chart: %w", format, err)
	}
	return nil
}

func newChartCanvas(c *Chart, format string, opt WriteOptions) (vg.CanvasWriterTo, error) {
	if c.Width <= 0 || c.Height <= 0 {
		return nil, fmt.Errorf("chart has no size")
	}
	switch format {
	case "png":
		dpi := opt.DPI
		if dpi == 0 {
			dpi = DefaultDPI
		}
		if dpi < 0 || dpi > 1200 {
			return nil, fmt.Errorf("DPI must be between 1 and 1200, got %d", opt.DPI)
		}
		return raster.New(c.Width, c.Height, dpi), nil
	case "svg":
		return newSVGCanvas(c.Width, c.Height, !opt.LinkFonts), nil
	case "pdf":
		if err := checkTempDir(); err != nil {
			return nil, err
		}
		return &pdfCanvas{Canvas: vgpdf.New(c.Width, c.Height)}, nil
	}
	return nil, fmt.Errorf("unknown chart format %q: want %s", format, strings.Join(Formats, ", "))
}

// drawChart draws c, turning a panic inside gonum/plot (which panics on
// font and PDF errors) into an error.
func drawChart(c *Chart, cv vg.CanvasSizer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing the %s chart: %v", c.Kind, r)
		}
	}()
	c.Draw(draw.New(cv))
	return nil
}

// checkTempDir fails early, with a message that says what to do, when
// the PDF writer would panic for want of a writable temporary folder.
func checkTempDir() error {
	d, err := os.MkdirTemp("", "casualty-pdf-")
	if err != nil {
		return fmt.Errorf("PDF charts need a writable temporary folder (set TMPDIR): %v", err)
	}
	return os.Remove(d)
}

// pdfCanvas adapts text to gonum/plot's PDF writer, which only knows
// Windows-1252 and one face per font: every string is encoded to
// Windows-1252 (characters outside it replaced by a Latin equivalent),
// and bold or italic text is drawn in the regular face.
type pdfCanvas struct{ *vgpdf.Canvas }

var regularFace = func() font.Face {
	f := chartFace
	return font.DefaultCache.Lookup(f, 10)
}()

func (c *pdfCanvas) FillString(f font.Face, pt vg.Point, s string) {
	if f.Font.Weight != stdfont.WeightNormal || f.Font.Style != stdfont.StyleNormal {
		r := regularFace
		r.Font.Size = f.Font.Size
		f = r
	}
	c.Canvas.FillString(f, pt, toWindows1252(s))
}

// pdfReplacements are Latin stand-ins for characters Windows-1252 lacks.
var pdfReplacements = strings.NewReplacer(
	"−", "-", "≥", ">=", "≤", "<=", "→", "->", "←", "<-", "↑", "up", "↓", "down",
	"≈", "~", "\u2009", " ", "\u202f", " ", "\u00a0", " ",
)

// toWindows1252 encodes s for the PDF writer.
func toWindows1252(s string) string {
	s = pdfReplacements.Replace(s)
	enc := charmap.Windows1252.NewEncoder()
	var b strings.Builder
	for _, r := range s {
		e, err := enc.String(string(r))
		if err != nil {
			b.WriteByte('?')
			continue
		}
		b.WriteString(e)
	}
	return b.String()
}

// WriterTo draws the chart and returns its writer, like gonum/plot's
// plot.WriterTo.
func (ch *Chart) WriterTo(format string, opt WriteOptions) (io.WriterTo, error) {
	cv, err := newChartCanvas(ch, format, opt)
	if err != nil {
		return nil, err
	}
	if err := drawChart(ch, cv); err != nil {
		return nil, err
	}
	return cv, nil
}
