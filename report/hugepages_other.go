//go:build !linux

package report

// adviseHugePages does nothing here; see the Linux version.
func adviseHugePages(b []byte) {}
