package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/casualty-tool/casualty/data"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/casualty-tool/casualty/report/chart/internal/raster"
)

// samePixels reports the first pixel where two images differ.
func samePixels(t *testing.T, want, got image.Image) {
	t.Helper()
	if want.Bounds().Size() != got.Bounds().Size() {
		t.Fatalf("size %v, want %v", got.Bounds().Size(), want.Bounds().Size())
	}
	wb, gb := want.Bounds(), got.Bounds()
	for y := 0; y < wb.Dy(); y++ {
		for x := 0; x < wb.Dx(); x++ {
			r1, g1, b1, a1 := want.At(wb.Min.X+x, wb.Min.Y+y).RGBA()
			r2, g2, b2, a2 := got.At(gb.Min.X+x, gb.Min.Y+y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				t.Fatalf("pixel (%d,%d) is %v, want %v", x, y, got.At(gb.Min.X+x, gb.Min.Y+y), want.At(wb.Min.X+x, wb.Min.Y+y))
			}
		}
	}
}

// TestEncodePNG checks that raster.EncodePNG's files decode, with image/png, to
// exactly the pixels encoded: a drawn chart, an image with a sub-rectangle
// origin and one larger than a chunk; a transparent one goes through
// image/png.
func TestEncodePNG(t *testing.T) {
	c, err := New(Monthly, Input{Data: data.Default()})
	if err != nil {
		t.Fatal(err)
	}
	cv := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(c.Width, c.Height), vgimg.UseDPI(72))}
	if err := drawChart(c, cv); err != nil {
		t.Fatal(err)
	}
	big := image.NewRGBA(image.Rect(0, 0, 700, 500)) // 700*3*500 bytes: several IDAT chunks
	for y := 0; y < 500; y++ {
		for x := 0; x < 700; x++ {
			big.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 13), uint8(x ^ y), 255})
		}
	}
	for name, img := range map[string]image.Image{
		"chart":     cv.Image(),
		"sub-image": big.SubImage(image.Rect(13, 17, 400, 333)),
		"big":       big,
	} {
		var b bytes.Buffer
		if err := raster.EncodePNG(&b, img); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := png.Decode(&b)
		if err != nil {
			t.Fatalf("%s: image/png cannot decode it: %v", name, err)
		}
		t.Run(name, func(t *testing.T) { samePixels(t, img, got) })
	}

	// A transparent image is left to image/png: the same bytes.
	clear := image.NewRGBA(image.Rect(0, 0, 4, 3))
	clear.Set(1, 1, color.RGBA{10, 20, 30, 40})
	var ours, std bytes.Buffer
	if err := raster.EncodePNG(&ours, clear); err != nil {
		t.Fatal(err)
	}
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&std, clear); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ours.Bytes(), std.Bytes()) {
		t.Error("a transparent image was not written by image/png")
	}
}
