package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/data/atomicfile"
)

// Formats are the outputs a report folder can hold, in the order written.
// metadata.json is always written: it says what the folder is.
var Formats = []string{"html", "md", "xlsx", "png", "svg", "csv"}

// ParseFormats checks a list of formats ("html", "md", ...) and returns it
// as a set; an empty list means every format.
func ParseFormats(list []string) (map[string]bool, error) {
	set := map[string]bool{}
	if len(list) == 0 {
		for _, f := range Formats {
			set[f] = true
		}
		return set, nil
	}
	for _, f := range list {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		ok := false
		for _, k := range Formats {
			if f == k {
				ok = true
			}
		}
		if !ok {
			hint := ""
			if n := data.Nearest(f, Formats); n != "" {
				hint = fmt.Sprintf(" (did you mean %s?)", n)
			}
			return nil, fmt.Errorf("unknown format %q%s; want some of %s", f, hint, strings.Join(Formats, ","))
		}
		set[f] = true
	}
	if len(set) == 0 {
		return nil, errors.New("no format given; want some of " + strings.Join(Formats, ","))
	}
	return set, nil
}

// DefaultFolder is the folder a report goes to when none is named:
// casualty-report-2026-01.
func DefaultFolder(m data.Month) string { return "casualty-report-" + m.String() }

// WriteFolder builds the report for ds and writes its folder: Build, then
// Report.WriteFolder.
func WriteFolder(dir string, ds *data.Dataset, opt Options) ([]string, error) {
	r, err := Build(ds, opt)
	if err != nil {
		return nil, err
	}
	return r.WriteFolder(dir)
}

// outFile is one file of the report folder and how to fill it.
type outFile struct {
	name string // relative to the folder, slash-separated
	fill func(io.Writer) error
}

// WriteFolder writes the report's files into dir (DefaultFolder of the
// report's month when dir is empty) and returns their paths.
//
// It is all or nothing: every file is written into a temporary folder
// beside dir, which is then renamed into place. An existing dir is an
// error unless the report was built with Force; then it is renamed aside,
// the new folder renamed in, and the old one removed. Any failure before
// that leaves the old folder untouched and removes the temporary one.
func (r *Report) WriteFolder(dir string) ([]string, error) {
	formats, err := ParseFormats(r.opt.Formats)
	if err != nil {
		return nil, err
	}
	if dir == "" {
		dir = DefaultFolder(r.Month)
	}
	dir = filepath.Clean(dir)
	exists := false
	if fi, err := os.Lstat(dir); err == nil {
		if !fi.IsDir() {
			return nil, fmt.Errorf("%s exists and is not a folder; choose another --out", dir)
		}
		if !r.opt.Force {
			return nil, fmt.Errorf("%s already exists; use --force to replace it, or --out to write elsewhere", dir)
		}
		exists = true
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("cannot write %s: %v", dir, err)
	}

	return writeFolder(dir, exists, func(emit func(outFile)) ([]outFile, error) {
		return r.plan(formats, emit)
	})
}

// writeFolder makes a temporary folder beside dir, has produce render the
// files, writes them into it, and renames it into place (see swapIn).
// produce hands each file to emit as soon as its content is ready, to be
// written while the rest is drawn, and returns every file of the folder
// in order; those it did not emit are written then. Each file is written
// and synced in its own goroutine: concurrent syncs share the file
// system's journal commits instead of waiting for one each.
func writeFolder(dir string, exists bool, produce func(emit func(outFile)) ([]outFile, error)) ([]string, error) {
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %v", dir, err)
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
		return nil, fmt.Errorf("cannot write %s: %v", dir, err)
	}
	files, err := produce(fw.write)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if !fw.started(f.name) {
			fw.write(f)
		}
	}
	fw.wg.Wait()
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = filepath.Join(dir, filepath.FromSlash(f.name))
		if err := fw.errs[f.name]; err != nil {
			return nil, fmt.Errorf("%s: %w", paths[i], err)
		}
	}
	// The files are synced; sync the folders that name them, so that the
	// folder renamed into place is whole after a crash.
	for _, d := range fw.dirs {
		atomicfile.SyncDir(d)
	}
	if err := swapIn(tmp, dir, exists); err != nil {
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
func (fw *folderWriter) write(f outFile) {
	fw.mu.Lock()
	defer fw.mu.Unlock()
	if _, dup := fw.errs[f.name]; dup {
		panic("report: " + f.name + " written twice")
	}
	fw.errs[f.name] = nil
	path := filepath.Join(fw.tmp, filepath.FromSlash(f.name))
	if len(fw.dirs) == 0 {
		fw.dirs = append(fw.dirs, fw.tmp)
	}
	if d := filepath.Dir(path); !slices.Contains(fw.dirs, d) {
		if err := os.MkdirAll(d, 0o755); err != nil {
			fw.errs[f.name] = err
			return
		}
		fw.dirs = append(fw.dirs, d)
	}
	fw.wg.Add(1)
	go func() {
		defer fw.wg.Done()
		err := atomicfile.WriteNew(path, f.fill)
		fw.mu.Lock()
		fw.errs[f.name] = err
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
			return fmt.Errorf("cannot write %s: %v", dir, err)
		}
		return nil
	}
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	old, err := os.MkdirTemp(parent, "."+base+".old-")
	if err != nil {
		return fmt.Errorf("cannot replace %s: %v", dir, err)
	}
	// MkdirTemp reserved a unique name; rename needs it free.
	if err := os.Remove(old); err != nil {
		return fmt.Errorf("cannot replace %s: %v", dir, err)
	}
	if err := os.Rename(dir, old); err != nil {
		return fmt.Errorf("cannot replace %s: %v", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if back := os.Rename(old, dir); back != nil {
			return fmt.Errorf("cannot replace %s: %v; the previous report is in %s", dir, err, old)
		}
		return fmt.Errorf("cannot replace %s: %v", dir, err)
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("wrote %s but could not remove the previous report in %s: %v", dir, old, err)
	}
	return nil
}

// plan renders what the formats need and lists the files of the folder,
// in order; metadata.json comes last and lists the others. It hands
// data.csv, the workbook and the charts to emit as soon as each is ready,
// so they are written while the rest is still being drawn.
func (r *Report) plan(formats map[string]bool, emit func(outFile)) ([]outFile, error) {
	csvFile := outFile{"data.csv", func(w io.Writer) error { return data.WriteTidyCSV(w, r.ds.Obs, true) }}
	if formats["csv"] {
		emit(csvFile)
	}
	done, err := r.render(formats, emit)
	if err != nil {
		return nil, err
	}
	var files []outFile
	if formats["html"] {
		files = append(files, outFile{"report.html", r.WriteHTML})
	}
	if formats["md"] {
		images := formats["png"] && len(r.Charts) > 0
		files = append(files, outFile{"report.md", func(w io.Writer) error { return r.WriteMarkdown(w, images) }})
	}
	if formats["xlsx"] {
		files = append(files, workbookFile(done.workbook))
	}
	for _, c := range r.Charts {
		if formats["png"] && c.PNG != nil {
			files = append(files, pngFile(c))
		}
		if formats["svg"] && c.SVG != nil {
			files = append(files, svgFile(c))
		}
	}
	if formats["csv"] {
		files = append(files, csvFile)
	}
	r.Meta.Files = nil
	for _, f := range files {
		r.Meta.Files = append(r.Meta.Files, f.name)
	}
	r.Meta.Files = append(r.Meta.Files, "metadata.json")
	files = append(files, outFile{"metadata.json", r.WriteMetadata})
	return files, nil
}

func workbookFile(b []byte) outFile { return outFile{"report.xlsx", writeBytes(b)} }

func pngFile(c ChartRef) outFile { return outFile{"charts/" + c.Name + ".png", writeBytes(c.PNG)} }

func svgFile(c ChartRef) outFile {
	svg := c.svg
	return outFile{"charts/" + c.Name + ".svg", func(w io.Writer) error { _, err := svg.WriteTo(w); return err }}
}

func writeBytes(b []byte) func(io.Writer) error {
	return func(w io.Writer) error { _, err := w.Write(b); return err }
}

// WriteMetadata writes metadata.json: the source, publications, months
// covered, command, version and warnings, indented, keys in a fixed order.
func (r *Report) WriteMetadata(w io.Writer) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r.Meta); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}
