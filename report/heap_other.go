//go:build !linux

package report

// warmHeap does nothing here; see the Linux version.
func warmHeap() {}
