package raster

import (
	"image"
	"sync"
)

// images lends chart-sized images, on the Go heap, from one chart to the
// next: a 192-dpi chart is 5 MB of pixels, and a report draws several.
// Reusing them saved 35–38 ms of a report's time (issue 17).
var images sync.Pool

// borrowImage returns a w×h image, from the pool when it holds one with
// pixels enough (a report's charts differ in height: the monthly chart's
// 5 inches, the others' 4.5); its pixels are not cleared. An image too
// small goes back to the pool. Give the image back with returnImage once
// nothing refers to it.
func borrowImage(w, h int) *image.RGBA {
	if m, ok := images.Get().(*image.RGBA); ok {
		if n := 4 * w * h; cap(m.Pix) >= n {
			return &image.RGBA{Pix: m.Pix[:n], Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
		}
		images.Put(m)
	}
	return image.NewRGBA(image.Rect(0, 0, w, h))
}

// returnImage puts m back in the pool.
func returnImage(m *image.RGBA) { images.Put(m) }
