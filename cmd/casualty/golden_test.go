package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// update rewrites the golden files of every test in the package.
var update = flag.Bool("update", false, "rewrite the golden files")

// goldenFile compares got with the golden file at path. On a mismatch it
// writes path.got beside it and shows a diff; -update rewrites the golden
// file instead.
func goldenFile(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if string(want) == got {
		os.Remove(path + ".got")
		return
	}
	os.WriteFile(path+".got", []byte(got), 0o644)
	diff, _ := exec.Command("diff", "-u", path, path+".got").CombinedOutput()
	if len(diff) == 0 { // no diff program: show both
		diff = fmt.Appendf(nil, " got:\n%s\nwant:\n%s", got, want)
	}
	t.Errorf("%s differs from the golden file (got in %s.got; -update accepts it):\n%s", path, path, diff)
}
