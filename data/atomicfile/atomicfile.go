// Package atomicfile writes files so that readers see the old content or
// the new, never a half-written file: it writes a temporary file in the
// target's folder, syncs it, and renames it over the target. Every file
// casualty writes goes through it; renderers only ever see an io.Writer.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Write calls fill with a writer on a temporary file beside path and, when
// fill succeeds, renames it to path. On any failure the temporary file is
// removed and an existing file at path is left untouched.
func Write(path string, fill func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = fill(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	syncDir(dir)
	return nil
}

// WriteBytes writes b to path atomically.
func WriteBytes(path string, b []byte) error {
	return Write(path, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// syncDir makes the rename durable; failures are ignored because not every
// file system supports syncing a folder.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
