package chart

import (
	"image/png"
	"io"
	"testing"

	"github.com/casualty-tool/casualty/data"

	"github.com/casualty-tool/casualty/report/chart/internal/raster"
)

// BenchmarkChart measures each chart built from the data and written as
// SVG (fonts embedded, as published) and as PNG at the default 192 dpi:
//
//	go test ./report -run '^$' -bench Chart -benchmem
func BenchmarkChart(b *testing.B) {
	for _, tc := range chartCases() {
		b.Run(string(tc.kind)+"/build", func(b *testing.B) {
			for b.Loop() {
				mustChart(b, tc.kind, tc.in)
			}
		})
		for _, format := range []string{"svg", "png", "pdf"} {
			b.Run(string(tc.kind)+"/"+format, func(b *testing.B) {
				for b.Loop() {
					c := mustChart(b, tc.kind, tc.in)
					if err := Write(io.Discard, c, format, WriteOptions{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkEncodePNG measures raster.EncodePNG alone on the monthly chart drawn
// at the default 192 dpi, beside image/png at its fastest setting.
func BenchmarkEncodePNG(b *testing.B) {
	c := mustChart(b, Monthly, Input{Data: data.Default()})
	cv := raster.New(c.Width, c.Height, DefaultDPI)
	defer cv.Release()
	if err := drawChart(c, cv); err != nil {
		b.Fatal(err)
	}
	b.Run("ours", func(b *testing.B) {
		b.SetBytes(int64(len(cv.RGBA().Pix)))
		for b.Loop() {
			if err := raster.EncodePNG(io.Discard, cv.RGBA()); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("image-png", func(b *testing.B) {
		b.SetBytes(int64(len(cv.RGBA().Pix)))
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		for b.Loop() {
			if err := enc.Encode(io.Discard, cv.RGBA()); err != nil {
				b.Fatal(err)
			}
		}
	})
}
