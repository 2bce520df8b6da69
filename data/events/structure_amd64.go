//go:build amd64 && !purego

package events

// structureBlocks sets masks[i] to the structure mask (commas, newlines,
// double quotes) of the 64-byte block b[64*i : 64*i+64]; len(b) must be
// at least 64*len(masks). Assembly: structure_amd64.s.
//
//go:noescape
func structureBlocks(b []byte, masks []uint64)
