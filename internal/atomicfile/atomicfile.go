// Package atomicfile writes files so that readers see the old content or
// the new, never a half-written file: it writes a temporary file in the
// target's folder, syncs it, and renames it over the target. Every file
// casualty writes goes through it (a folder of files, such as a report,
// is written by WriteDir into a private temporary folder that is then
// renamed into place); renderers only ever see an io.Writer.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// bufSize is the write buffer between a renderer and its file: renderers
// write in small pieces (a template, a CSV row), each a system call
// without one.
const bufSize = 64 << 10

// Write calls fill with a writer on a temporary file beside path and, when
// fill succeeds, renames it to path. On any failure the temporary file is
// removed and an existing file at path is left untouched.
func Write(path string, fill func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if err := checkFolder(path, dir); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, reason(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, bufSize)
	if err = fill(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, reason(err))
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, reason(err))
	}
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, reason(err))
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, reason(err))
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, reason(err))
	}
	SyncDir(dir)
	return nil
}

// WriteNew creates path, which must not exist, fills it through a buffer
// and syncs it to disk, without a temporary name: it is for a folder that
// is itself new and private to the writer, and is renamed into place, or
// removed, as a whole once its files are written (with SyncDir first, so
// that the names are durable too). On failure the file may be left
// half-written, for the folder's removal to take.
func WriteNew(path string, fill func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, bufSize)
	if err := fill(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// WriteBytes writes b to path atomically.
func WriteBytes(path string, b []byte) error {
	return Write(path, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// SyncDir makes the names in a folder (a rename, new files) durable;
// failures are ignored because not every file system supports syncing a
// folder.
func SyncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// checkFolder refuses to write path when its folder dir is missing or is
// not a folder, naming the folder: every command treats an output path
// alike, and none creates folders the user did not ask for.
func checkFolder(path, dir string) error {
	dir = filepath.Clean(dir)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: the folder %s does not exist", path, dir)
	case err != nil:
		return fmt.Errorf("cannot write %s: %v", path, reason(err))
	case !fi.IsDir():
		return fmt.Errorf("cannot write %s: %s is not a folder", path, dir)
	}
	return nil
}

// reason is the system's reason for a failed file operation without the
// path it names: a message says which file the user asked for, never the
// temporary name casualty was writing it under.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
