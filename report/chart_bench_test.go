package report

import (
	"image/png"
	"io"
	"testing"

	"github.com/casualty-tool/casualty/data"
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
					if err := WriteChart(io.Discard, c, format, WriteOptions{}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkEncodePNG measures encodePNG alone on the monthly chart drawn
// at the default 192 dpi, beside image/png at its fastest setting.
func BenchmarkEncodePNG(b *testing.B) {
	c := mustChart(b, ChartMonthly, ChartInput{Data: data.Default()})
	cv := newImageCanvas(c.Width, c.Height, DefaultDPI)
	defer cv.release()
	if err := drawChart(c, cv); err != nil {
		b.Fatal(err)
	}
	b.Run("ours", func(b *testing.B) {
		b.SetBytes(int64(len(cv.img.Pix)))
		for b.Loop() {
			if err := encodePNG(io.Discard, cv.img); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("image-png", func(b *testing.B) {
		b.SetBytes(int64(len(cv.img.Pix)))
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		for b.Loop() {
			if err := enc.Encode(io.Discard, cv.img); err != nil {
				b.Fatal(err)
			}
		}
	})
}
