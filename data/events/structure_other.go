//go:build !amd64 || purego

package events

// structureBlocks sets masks[i] to the structure mask (commas, newlines,
// double quotes) of the 64-byte block b[64*i : 64*i+64]; len(b) must be
// at least 64*len(masks).
func structureBlocks(b []byte, masks []uint64) {
	for i := range masks {
		masks[i] = structureExact((*[64]byte)(b[64*i : 64*i+64]))
	}
}
