package events

import (
	"math/rand/v2"
	"testing"
)

// TestStructureBlocks holds the structure masks (assembly on amd64) to a
// byte-by-byte reading, on random text rich in commas, newlines, quotes
// and bytes next to them in value, and checks the plain Go version too.
func TestStructureBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte(",\n\"\r+-!#\x00\x80\xff\xacaZ09 ")
	for range 200 {
		nb := 1 + r.IntN(20)
		b := make([]byte, 64*nb+r.IntN(64))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		masks := make([]uint64, nb)
		structureBlocks(b, masks)
		for k, got := range masks {
			var want uint64
			for j := range 64 {
				if c := b[64*k+j]; c == ',' || c == '\n' || c == '"' {
					want |= 1 << j
				}
			}
			if got != want {
				t.Fatalf("block %d: mask %064b, want %064b", k, got, want)
			}
			if g := structureExact((*[64]byte)(b[64*k:])); g != want {
				t.Fatalf("block %d: plain Go mask %064b, want %064b", k, g, want)
			}
		}
	}
}
