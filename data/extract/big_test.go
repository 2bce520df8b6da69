package extract

import (
	"strings"
	"testing"
)

// TestBigInputs feeds texts that are one endless sentence (a table pasted
// as prose, a run of digits): each must be read in about linear time.
// Before the extractor bounded its look-around, the first took minutes.
func TestBigInputs(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("In May 2025 at least 164 killed and 910 injured, ", 3000),
		strings.Repeat("May 12 ", 5000),
		strings.Repeat("1 000 ", 20000),
		strings.Repeat("killed 5 ", 20000),
		strings.Repeat("9", 100000),
		strings.Repeat("(", 20000) + "164 killed",
		strings.Repeat("1,", 20000),
	} {
		checkResult(t, []byte(in), FormatText)
	}
}
