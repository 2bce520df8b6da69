package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesOnSuccess(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	if err := WriteBytes(p, []byte("old")); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); string(b) != "new" {
		t.Errorf("content = %q, want new", b)
	}
	assertOnly(t, dir, "out.txt")
}

func TestWriteKeepsOldOnFailure(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.txt")
	if err := WriteBytes(p, []byte("old")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old" {
		t.Errorf("content = %q, want old kept", b)
	}
	assertOnly(t, dir, "out.txt")
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	if len(ents) != len(names) {
		var got []string
		for _, e := range ents {
			got = append(got, e.Name())
		}
		t.Errorf("folder holds %v, want %v", got, names)
	}
}

// TestWriteNew checks WriteNew: it writes a new file whole, in many small
// writes through its buffer, refuses to overwrite one that exists, and
// reports a renderer's error.
func TestWriteNew(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "new.txt")
	if err := WriteNew(p, func(w io.Writer) error {
		for range 100000 {
			if _, err := io.WriteString(w, "ab"); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(p); len(b) != 200000 {
		t.Errorf("wrote %d bytes, want 200000", len(b))
	}
	if err := WriteNew(p, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err }); !errors.Is(err, os.ErrExist) {
		t.Errorf("over an existing file: got %v, want an error saying it exists", err)
	}
	if b, _ := os.ReadFile(p); len(b) != 200000 {
		t.Error("WriteNew changed a file that existed")
	}
	boom := errors.New("renderer failed")
	if err := WriteNew(filepath.Join(dir, "failed.txt"), func(io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("failing renderer: got %v", err)
	}
}

// TestMissingFolder: every writer refuses a path whose folder does not
// exist, naming that folder, and no message shows a temporary name
// (issue 17: one command made the folders silently, another printed
// "open nope/.x.png.tmp-292320920: no such file or directory").
func TestMissingFolder(t *testing.T) {
	root := t.TempDir()
	missing := filepath.Join(root, "nope")
	path := filepath.Join(missing, "x.png")
	err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "x"); return err })
	if want := "cannot write " + path + ": the folder " + missing + " does not exist"; err == nil || err.Error() != want {
		t.Errorf("Write: %v, want %q", err, want)
	}
	dir := filepath.Join(missing, "deeper", "report")
	_, err = WriteDir(dir, false, func(emit func(File)) ([]File, error) { return nil, nil })
	if want := "cannot write " + dir + ": the folder " + filepath.Join(missing, "deeper") + " does not exist"; err == nil || err.Error() != want {
		t.Errorf("WriteDir: %v, want %q", err, want)
	}
	if _, serr := os.Stat(missing); !os.IsNotExist(serr) {
		t.Errorf("a folder was made: %v", serr)
	}
	// A file where the folder should be.
	file := filepath.Join(root, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err = Write(filepath.Join(file, "x.csv"), func(io.Writer) error { return nil })
	if err == nil || !strings.Contains(err.Error(), file+" is not a folder") || strings.Contains(err.Error(), ".tmp-") {
		t.Errorf("Write under a file: %v", err)
	}
}
