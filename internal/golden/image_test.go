package golden

import (
	"image"
	"image/color"
	"testing"
)

// TestDiffer holds the image comparison to its tolerance: within it an
// image passes, past it in depth or in extent it fails, and a different
// size always fails.
func TestDiffer(t *testing.T) {
	base := func() *image.RGBA {
		m := image.NewRGBA(image.Rect(0, 0, 10, 10)) // 100 pixels
		for i := range m.Pix {
			m.Pix[i] = 200
		}
		return m
	}
	tol := Tolerance{Channel: 2, Fraction: 0.01} // up to 2 of 255, in 1 pixel of 100
	one := base()
	one.SetRGBA(3, 4, color.RGBA{202, 200, 200, 200}) // one pixel, by 2
	deep := base()
	deep.SetRGBA(3, 4, color.RGBA{203, 200, 200, 200}) // one pixel, by 3
	wide := base()
	wide.SetRGBA(3, 4, color.RGBA{201, 200, 200, 200})
	wide.SetRGBA(5, 6, color.RGBA{201, 200, 200, 200}) // two pixels of 100, by 1
	for _, tc := range []struct {
		name string
		got  image.Image
		fail bool
	}{
		{"same", base(), false},
		{"within", one, false},
		{"too deep", deep, true},
		{"too wide", wide, true},
		{"other size", image.NewRGBA(image.Rect(0, 0, 10, 11)), true},
	} {
		if msg := Differ(base(), tc.got, tol); (msg != "") != tc.fail {
			t.Errorf("%s: differ says %q, want a failure: %v", tc.name, msg, tc.fail)
		}
	}
}
