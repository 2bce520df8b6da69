package golden

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Tolerance is how far an image may stray from its golden file: a channel
// by at most Channel (of 255), in at most Fraction of the pixels. Raster
// output moves by rounding between library versions and machines; a
// changed chart moves far more.
type Tolerance struct {
	Channel  uint8
	Fraction float64
}

// CheckImage compares got with the PNG golden file at path, within tol.
// On a mismatch it writes the image to path's name with .got.png in place
// of .png, beside it, for a reviewer to look at both; -update rewrites
// the golden file instead.
func CheckImage(t testing.TB, path string, got image.Image, tol Tolerance) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, got); err != nil {
		t.Fatal(err)
	}
	gotPath := strings.TrimSuffix(path, ".png") + ".got.png"
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update in its package to create it)", err, t.Name())
	}
	want, err := png.Decode(bytes.NewReader(f))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if msg := Differ(want, got, tol); msg != "" {
		os.WriteFile(gotPath, b.Bytes(), 0o644)
		t.Errorf("%s: %s (got written to %s; -update accepts it)", path, msg, gotPath)
		return
	}
	os.Remove(gotPath)
}

// Differ says how want and got differ beyond tol, or "" when they do
// not: the comparison of every image test, golden file or not.
func Differ(want, got image.Image, tol Tolerance) string {
	wb, gb := want.Bounds(), got.Bounds()
	if wb.Size() != gb.Size() {
		return "size " + gb.Size().String() + ", want " + wb.Size().String()
	}
	n, worst := 0, uint32(0)
	for y := 0; y < wb.Dy(); y++ {
		for x := 0; x < wb.Dx(); x++ {
			r1, g1, b1, a1 := want.At(wb.Min.X+x, wb.Min.Y+y).RGBA()
			r2, g2, b2, a2 := got.At(gb.Min.X+x, gb.Min.Y+y).RGBA()
			d := max(dist(r1, r2), dist(g1, g2), dist(b1, b2), dist(a1, a2)) >> 8
			if d > 0 {
				n++
				worst = max(worst, d)
			}
		}
	}
	total := wb.Dx() * wb.Dy()
	if worst > uint32(tol.Channel) || float64(n) > tol.Fraction*float64(total) {
		return fmt.Sprintf("%d of %d pixels differ, by up to %d of 255", n, total, worst)
	}
	return ""
}

func dist(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
