package report

import (
	"image"
	"runtime"
	"sync"
)

// pixelPool lends chart-sized images from allocPixels and keeps up to one
// per core between charts, so a report draws its charts on as many
// images as it draws at once. It is not a sync.Pool: its buffers live
// outside the Go heap and must be freed explicitly.
var pixelPool struct {
	sync.Mutex
	free []*image.RGBA
}

// borrowImage returns a w×h image from the pool or newly allocated; its
// pixels are not cleared. Give it back with returnImage and do not use it
// afterwards.
func borrowImage(w, h int) *image.RGBA {
	pixelPool.Lock()
	for i, m := range pixelPool.free {
		if m.Rect.Dx() == w && m.Rect.Dy() == h {
			pixelPool.free = append(pixelPool.free[:i], pixelPool.free[i+1:]...)
			pixelPool.Unlock()
			return m
		}
	}
	pixelPool.Unlock()
	return &image.RGBA{Pix: allocPixels(4 * w * h), Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
}

// returnImage puts m back in the pool, freeing the oldest image when the
// pool holds one per core already.
func returnImage(m *image.RGBA) {
	pixelPool.Lock()
	pixelPool.free = append(pixelPool.free, m)
	var drop *image.RGBA
	if len(pixelPool.free) > runtime.GOMAXPROCS(0) {
		drop = pixelPool.free[0]
		pixelPool.free = pixelPool.free[1:]
	}
	pixelPool.Unlock()
	if drop != nil {
		freePixels(drop.Pix)
	}
}
