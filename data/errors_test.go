package data

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestInputErrorsThroughHelpers keeps Errorf's promise: an InputError is
// built only by Errorf and inputErr in errors.go, so no loader can make one
// in another shape. It reads the package's own non-test sources; a literal
// anywhere else (with & or without) fails it with its place.
func TestInputErrorsThroughHelpers(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`\bInputError\{`) // as gofmt writes a composite literal
	inHelpers, files := 0, 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		files++
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if !literal.MatchString(line) {
				continue
			}
			if name == "errors.go" {
				inHelpers++
				continue
			}
			t.Errorf("%s:%d: InputError built by hand; use Errorf, or inputErr to keep a typed error: %s", name, i+1, strings.TrimSpace(line))
		}
	}
	// The two helpers themselves; fewer means the test no longer sees them
	// (and so would not see a hand-built one either).
	if files < 10 || inHelpers != 2 {
		t.Errorf("read %d source files and found %d literals in errors.go, want the package's files and 2 (Errorf, inputErr)", files, inHelpers)
	}
}
