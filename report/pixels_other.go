//go:build !linux

package report

// allocPixels returns n zeroed bytes for a chart's pixels; see the Linux
// version, which maps them on huge pages.
func allocPixels(n int) []byte { return make([]byte, n) }

// freePixels leaves b to the garbage collector.
func freePixels(b []byte) {}
