// Package golden compares test output with golden files under testdata/,
// for every package's tests: on a mismatch it writes NAME.got beside the
// golden file and shows the first lines that differ; go test -update
// rewrites the golden files instead.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// Check compares got with the golden file at path, for every golden
// test. On a mismatch it writes path.got beside it and
// shows the first lines that differ; -update rewrites the golden file
// instead.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update in its package to create it)", err, t.Name())
	}
	if bytes.Equal(got, want) {
		os.Remove(path + ".got")
		return
	}
	os.WriteFile(path+".got", got, 0o644)
	t.Errorf("%s differs from the golden file (got written to %s.got; -update accepts it):\n%s", path, path, lineDiff(string(want), string(got)))
}

// lineDiff shows the first differing lines of two texts, with a line of
// context, enough to see what changed.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			continue
		}
		fmt.Fprintf(&b, "line %d:\n  want: %q\n  got:  %q\n", i+1, wl, gl)
		if shown++; shown == 5 {
			b.WriteString("  ...\n")
			break
		}
	}
	return b.String()
}
