package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// File is one file of a folder WriteDir writes, and how to fill it.
type File struct {
	Name string // relative to the folder, slash-separated
	Fill func(io.Writer) error
}

// WriteDir writes a folder of files all or nothing: it makes a temporary
// folder beside dir, has produce render the files, writes them into it, and renames it into place (see swapIn).
// produce hands each file to emit as soon as its content is ready, to be
// written while the rest is drawn, and returns every file of the folder
// in order; those it did not emit are written then. Each file is written
// and synced in its own goroutine: concurrent syncs share the file
// system's journal commits instead of waiting for one each.
//
// replace says that dir exists and is to be replaced: it is renamed aside,
// the new folder renamed in, and the old one removed. Any failure before
// that leaves the old folder untouched and removes the temporary one.
func WriteDir(dir string, replace bool, produce func(emit func(File)) ([]File, error)) ([]string, error) {
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := checkFolder(dir, parent); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", dir, reason(err))
	}
	fw := &folderWriter{tmp: tmp, errs: map[string]error{}}
	done := false
	defer func() {
		if !done {
			fw.wg.Wait()
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", dir, reason(err))
	}
	files, err := produce(fw.write)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if !fw.started(f.Name) {
			fw.write(f)
		}
	}
	fw.wg.Wait()
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := fw.errs[f.Name]; err != nil {
			return nil, fmt.Errorf("%s: %w", paths[i], reason(err))
		}
	}
	// The files are synced; sync the folders that name them, so that the
	// folder renamed into place is whole after a crash.
	for _, d := range fw.dirs {
		SyncDir(d)
	}
	if err := swapIn(tmp, dir, replace); err != nil {
		return nil, err
	}
	done = true
	return paths, nil
}

// folderWriter writes files into a temporary folder, each in its own
// goroutine.
type folderWriter struct {
	tmp  string
	wg   sync.WaitGroup
	mu   sync.Mutex
	errs map[string]error // by file name; nil once written
	dirs []string         // the folders made, tmp first
}

// write starts writing f.
func (fw *folderWriter) write(f File) {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	if _, dup := fw.errs[f.Name]; dup {
		panic("atomicfile: " + f.Name + " written twice")
	}
	fw.errs[f.Name] = nil
	path := filepath.Join(fw.tmp, filepath.FromSlash(f.Name))
	if len(fw.dirs) == 0 {
		fw.dirs = append(fw.dirs, fw.tmp)
	}
	if d := filepath.Dir(path); !slices.Contains(fw.dirs, d) {
		if err := os.MkdirAll(d, 0o755); err != nil {
			fw.errs[f.Name] = err
			return
		}
		fw.dirs = append(fw.dirs, d)
	}
	fw.wg.Add(1)
	go func() {
		defer fw.wg.Done()
		err := WriteNew(path, f.Fill)
		fw.mu.Lock()
		fw.errs[f.Name] = err
		fw.mu.Unlock()
	}()
}

// started reports whether the file called name has been handed to write.
func (fw *folderWriter) started(name string) bool {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	_, ok := fw.errs[name]
	return ok
}

// swapIn renames the finished temporary folder to dir. An existing dir is
// first renamed aside and removed only once the new one is in place; if
// the new one cannot be put in place, the old one is put back.
func swapIn(tmp, dir string, exists bool) error {
	if !exists {
		if err := os.Rename(tmp, dir); err != nil {
			return fmt.Errorf("cannot write %s: %v", dir, reason(err))
		}
		return nil
	}
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	old, err := os.MkdirTemp(parent, "."+base+".old-")
	if err != nil {
		return fmt.Errorf("cannot replace %s: %v", dir, reason(err))
	}
	// MkdirTemp reserved a unique name; rename needs it free.
	if err := os.Remove(old); err != nil {
		return fmt.Errorf("cannot replace %s: %v", dir, reason(err))
	}
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("cannot replace %s: %v", dir, reason(err))
	}
	if err := os.Rename(tmp, dir); err != nil {
		if back := os.Rename(old, dir); back != nil {
			return fmt.Errorf("cannot replace %s: %v; the previous folder is in %s", dir, err, old)
		}
		return fmt.Errorf("cannot replace %s: %v", dir, reason(err))
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("wrote %s but could not remove the previous folder in %s: %v", dir, old, err)
	}
	return nil
}
