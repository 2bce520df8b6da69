package chart

import (
	"testing"

	"gonum.org/v1/plot"
)

// TestMeasuredTextIsPlain checks that the remembered boxes are those
// gonum/plot's handler measures, the first time and again, in two faces.
func TestMeasuredTextIsPlain(t *testing.T) {
	for _, sty := range []struct {
		size float64
		bold bool
	}{{sizeTick, false}, {sizeTitle, true}} {
		fnt := textStyle(sty.size, sty.bold, colText).Font
		for _, s := range []string{"", "2025", "Jan 2026", "≥1,074", "Київ: no figure", "AV Ty 7."} {
			w0, h0, d0 := plot.DefaultTextHandler.Box(s, fnt)
			for range 2 {
				w, h, d := measured.Box(s, fnt)
				if w != w0 || h != h0 || d != d0 {
					t.Errorf("Box(%q, %v) = %v %v %v, gonum/plot's handler gives %v %v %v", s, sty, w, h, d, w0, h0, d0)
				}
			}
		}
	}
}

// TestMeasuredTextForgets checks that the boxes remembered stay bounded.
func TestMeasuredTextForgets(t *testing.T) {
	fnt := textStyle(sizeTick, false, colText).Font
	for i := range maxMeasured + 10 {
		measured.Box(string(rune('a'+i%26))+chartInt(int64(i)), fnt)
	}
	measured.mu.Lock()
	n := len(measured.boxes)
	measured.mu.Unlock()
	if n > maxMeasured {
		t.Errorf("%d boxes remembered, want at most %d", n, maxMeasured)
	}
}
