package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/internal/atomicfile"
)

// Formats are the outputs a report folder can hold, in the order written.
// metadata.json is always written: it says what the folder is.
var Formats = []string{"html", "md", "pdf", "xlsx", "png", "svg", "csv"}

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
type outFile = atomicfile.File

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

	return atomicfile.WriteDir(dir, exists, func(emit func(outFile)) ([]outFile, error) {
		return r.plan(formats, emit)
	})
}

// plan renders what the formats need and lists the files of the folder,
// in order; metadata.json comes last and lists the others. It hands
// data.csv, the workbook and the charts to emit as soon as each is ready,
// so they are written while the rest is still being drawn.
func (r *Report) plan(formats map[string]bool, emit func(outFile)) ([]outFile, error) {
	csvFile := outFile{Name: "data.csv", Fill: func(w io.Writer) error { return data.WriteTidyCSV(w, r.ds.Obs, true) }}
	if formats["csv"] {
		emit(csvFile)
	}
	// The pages are written as soon as the charts are drawn, while the
	// workbook may still be in the making: they do not show it.
	var files []outFile
	workbookAt := -1
	pages := func() {
		if formats["html"] {
			files = append(files, outFile{Name: "report.html", Fill: r.WriteHTML})
		}
		if formats["md"] {
			images := formats["png"] && len(r.Charts) > 0
			files = append(files, outFile{Name: "report.md", Fill: func(w io.Writer) error { return r.WriteMarkdown(w, images) }})
		}
		if formats["pdf"] {
			files = append(files, outFile{Name: "report.pdf", Fill: r.WritePDF})
		}
		// The list is final before any page is written, so no page reads
		// r.Meta while it changes.
		if formats["xlsx"] {
			workbookAt = len(files)
			files = append(files, outFile{Name: "report.xlsx"}) // filled below
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
			r.Meta.Files = append(r.Meta.Files, f.Name)
		}
		r.Meta.Files = append(r.Meta.Files, "metadata.json")
		for _, f := range files {
			if f.Name == "report.html" || f.Name == "report.md" || f.Name == "report.pdf" {
				emit(f)
			}
		}
	}
	done, err := r.renderThen(formats, emit, pages)
	if err != nil {
		return nil, err
	}
	if workbookAt >= 0 {
		files[workbookAt] = workbookFile(done.workbook)
	}
	files = append(files, outFile{Name: "metadata.json", Fill: r.WriteMetadata})
	return files, nil
}

func workbookFile(b []byte) outFile { return outFile{Name: "report.xlsx", Fill: writeBytes(b)} }

func pngFile(c ChartRef) outFile {
	return outFile{Name: "charts/" + c.Name + ".png", Fill: writeBytes(c.PNG)}
}

func svgFile(c ChartRef) outFile {
	svg := c.svg
	return outFile{Name: "charts/" + c.Name + ".svg", Fill: func(w io.Writer) error { _, err := svg.WriteTo(w); return err }}
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
