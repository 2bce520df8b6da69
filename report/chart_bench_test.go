package report

import (
	"io"
	"testing"
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
