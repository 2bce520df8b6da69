package report

import (
	"fmt"
	"image"
	"image/color"
	"slices"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// recording is a vg.Canvas that keeps what is drawn on it, to draw it
// again on other canvases. The report draws every chart as PNG and as
// SVG: laying a chart out (ticks, labels measured glyph by glyph, text
// wrapped) is most of the work of drawing it and does not depend on the
// canvas, so the chart is laid out once, onto a recording, and the
// recording replayed onto both. TestRecordingReplaysExactly holds the
// replayed files to directly drawn ones, byte for byte.
type recording struct {
	w, h vg.Length
	ops  []canvasOp
}

// canvasOp is one call on a vg.Canvas, with its arguments.
type canvasOp struct {
	kind  opKind
	len   vg.Length    // SetLineWidth; SetLineDash's offset
	dash  []vg.Length  // SetLineDash
	color color.Color  // SetColor
	x, y  float64      // Rotate (x), Scale
	pt    vg.Point     // Translate, FillString
	path  vg.Path      // Stroke, Fill
	face  font.Face    // FillString
	text  string       // FillString
	rect  vg.Rectangle // DrawImage
	img   image.Image  // DrawImage
}

type opKind uint8

const (
	opLineWidth opKind = iota
	opLineDash
	opColor
	opRotate
	opTranslate
	opScale
	opPush
	opPop
	opStroke
	opFill
	opFillString
	opDrawImage
)

func newRecording(w, h vg.Length) *recording { return &recording{w: w, h: h} }

func (r *recording) Size() (w, h vg.Length) { return r.w, r.h }

func (r *recording) SetLineWidth(w vg.Length) {
	r.ops = append(r.ops, canvasOp{kind: opLineWidth, len: w})
}
func (r *recording) SetLineDash(pattern []vg.Length, offset vg.Length) {
	r.ops = append(r.ops, canvasOp{kind: opLineDash, dash: slices.Clone(pattern), len: offset})
}
func (r *recording) SetColor(c color.Color) { r.ops = append(r.ops, canvasOp{kind: opColor, color: c}) }
func (r *recording) Rotate(rad float64)     { r.ops = append(r.ops, canvasOp{kind: opRotate, x: rad}) }
func (r *recording) Translate(pt vg.Point) {
	r.ops = append(r.ops, canvasOp{kind: opTranslate, pt: pt})
}
func (r *recording) Scale(x, y float64) { r.ops = append(r.ops, canvasOp{kind: opScale, x: x, y: y}) }
func (r *recording) Push()              { r.ops = append(r.ops, canvasOp{kind: opPush}) }
func (r *recording) Pop()               { r.ops = append(r.ops, canvasOp{kind: opPop}) }
func (r *recording) Stroke(p vg.Path) {
	r.ops = append(r.ops, canvasOp{kind: opStroke, path: clonePath(p)})
}
func (r *recording) Fill(p vg.Path) {
	r.ops = append(r.ops, canvasOp{kind: opFill, path: clonePath(p)})
}
func (r *recording) DrawImage(rect vg.Rectangle, img image.Image) {
	r.ops = append(r.ops, canvasOp{kind: opDrawImage, rect: rect, img: img})
}
func (r *recording) FillString(f font.Face, pt vg.Point, text string) {
	r.ops = append(r.ops, canvasOp{kind: opFillString, face: f, pt: pt, text: text})
}

// clonePath copies a path, whose slice (and curves' control points) the
// caller may reuse once the call returns.
func clonePath(p vg.Path) vg.Path {
	out := slices.Clone(p)
	for i := range out {
		out[i].Control = slices.Clone(out[i].Control)
	}
	return out
}

// replay draws the recording on c, which must be of the recording's size.
// Like drawChart, it turns a panic in a gonum/plot canvas into an error.
func (r *recording) replay(c vg.CanvasSizer) (err error) {
	if w, h := c.Size(); w != r.w || h != r.h {
		return fmt.Errorf("replaying a %v×%v drawing on a %v×%v canvas", r.w, r.h, w, h)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("drawing the chart: %v", p)
		}
	}()
	for _, op := range r.ops {
		switch op.kind {
		case opLineWidth:
			c.SetLineWidth(op.len)
		case opLineDash:
			c.SetLineDash(op.dash, op.len)
		case opColor:
			c.SetColor(op.color)
		case opRotate:
			c.Rotate(op.x)
		case opTranslate:
			c.Translate(op.pt)
		case opScale:
			c.Scale(op.x, op.y)
		case opPush:
			c.Push()
		case opPop:
			c.Pop()
		case opStroke:
			c.Stroke(op.path)
		case opFill:
			c.Fill(op.path)
		case opFillString:
			c.FillString(op.face, op.pt, op.text)
		case opDrawImage:
			c.DrawImage(op.rect, op.img)
		}
	}
	return nil
}
