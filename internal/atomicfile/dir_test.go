package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func text(name, s string) File {
	return File{Name: name, Fill: func(w io.Writer) error { _, err := io.WriteString(w, s); return err }}
}

// TestWriteDir writes a folder, fails to replace it (a file that cannot
// be filled, then a producer that fails after emitting a file) and then
// replaces it: the folder is always whole, old or new, and nothing is
// left beside it.
func TestWriteDir(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	files := func(fs ...File) func(func(File)) ([]File, error) {
		return func(func(File)) ([]File, error) { return fs, nil }
	}
	paths, err := WriteDir(dir, false, files(text("a.txt", "old a"), text("sub/b.txt", "old b")))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 2 || paths[1] != filepath.Join(dir, "sub", "b.txt") {
		t.Errorf("paths %v", paths)
	}
	check := func(what, a, b string) {
		t.Helper()
		if got, _ := os.ReadFile(filepath.Join(dir, "a.txt")); string(got) != a {
			t.Errorf("%s: a.txt is %q, want %q", what, got, a)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "sub", "b.txt")); string(got) != b {
			t.Errorf("%s: sub/b.txt is %q, want %q", what, got, b)
		}
		if entries, _ := os.ReadDir(parent); len(entries) != 1 {
			t.Errorf("%s: %d entries beside the folder, want none", what, len(entries)-1)
		}
	}
	check("written", "old a", "old b")

	fail := File{Name: "sub/b.txt", Fill: func(io.Writer) error { return errors.New("disk on fire") }}
	if _, err := WriteDir(dir, true, files(text("a.txt", "new a"), fail)); err == nil {
		t.Error("a file that failed did not fail WriteDir")
	}
	check("a file failed", "old a", "old b")

	_, err = WriteDir(dir, true, func(emit func(File)) ([]File, error) {
		emit(text("a.txt", "new a"))
		return nil, errors.New("chart on fire")
	})
	if err == nil {
		t.Error("a producer that failed did not fail WriteDir")
	}
	check("the producer failed", "old a", "old b")

	if _, err := WriteDir(dir, true, files(text("a.txt", "new a"), text("sub/b.txt", "new b"))); err != nil {
		t.Fatal(err)
	}
	check("replaced", "new a", "new b")
}
