package report

import (
	"bytes"
	"fmt"
	"github.com/casualty-tool/casualty/data"
	"runtime"
	"sync"
)

// This file connects the report folder to the renderers other files own:
// the workbook (workbook*.go) and the charts (chart*.go). The report only
// passes its options on; it computes nothing here. Rendering runs on every
// core, since the PNG charts are most of the report's time; results land
// in fixed slots, so the output does not depend on which finishes first.

// reportCharts are the charts of a report, in the order shown; the areas
// chart only when the data has areas.
func (r *Report) reportCharts() []ChartKind {
	var out []ChartKind
	for _, k := range ChartKinds {
		if k == ChartAreas && r.Areas == nil {
			continue
		}
		out = append(out, k)
	}
	return out
}

// renderJob is one piece of rendering; run fills its own result slot.
type renderJob func() error

// runJobs runs the jobs on up to GOMAXPROCS goroutines and returns the
// first error in job order (not in finishing order, for determinism).
func runJobs(jobs []renderJob) error {
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(jobs))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = jobs[i]()
			}
		}()
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// rendered holds what the renderers made for one report folder.
type rendered struct {
	workbook []byte
}

// render draws the charts the formats need (PNG for png and md, SVG for
// svg and html) into r.Charts and builds the workbook when asked, all in
// parallel. A chart that cannot be drawn for this data (too few months,
// say) is left out with a note rather than failing the whole report.
// When emit is not nil, it is given the workbook file and each chart's
// files, as the formats ask, as soon as each is ready.
func (r *Report) render(formats map[string]bool, emit func(outFile)) (*rendered, error) {
	if emit == nil {
		emit = func(outFile) {}
	}
	out := &rendered{}
	pngs, svgs := formats["png"] || formats["md"], formats["svg"] || formats["html"]
	kinds := r.reportCharts()
	refs := make([]ChartRef, len(kinds))
	chartErrs := make([]error, len(kinds))
	var jobs []renderJob
	if r.Charts == nil && (pngs || svgs) {
		// One job a chart: built once, drawn as PNG and SVG. Six jobs or so
		// keep two cores busy, and a chart is not built twice.
		for i, kind := range kinds {
			refs[i].Name = string(kind)
			input := ChartInput{Data: r.ds, Area: r.Area, To: r.Month, Month: r.Month, Options: r.opt.Stats}
			jobs = append(jobs, func() error {
				c, err := NewChart(kind, input)
				if err != nil {
					chartErrs[i] = err
					return nil
				}
				refs[i].Title, refs[i].Caption = c.Title, c.Subtitle
				// Lay the chart out once and draw that on both canvases.
				rec := newRecording(c.Width, c.Height)
				if err := drawChart(c, rec); err != nil {
					return fmt.Errorf("%s chart: %w", kind, err)
				}
				if pngs {
					b, err := chartPNG(rec)
					if err != nil {
						return fmt.Errorf("%s chart: %w", kind, err)
					}
					refs[i].PNG = b
				}
				if svgs {
					cv := newSVGCanvas(c.Width, c.Height, true)
					err := rec.replay(cv)
					if err == nil {
						refs[i].SVG, refs[i].svgFonts, err = cv.linked()
					}
					if err != nil {
						return fmt.Errorf("%s chart: %w", kind, err)
					}
				}
				if formats["png"] && refs[i].PNG != nil {
					emit(pngFile(refs[i]))
				}
				if formats["svg"] && refs[i].SVG != nil {
					emit(svgFile(refs[i]))
				}
				return nil
			})
		}
	}
	early := r.early
	r.early = nil // taken: a second WriteFolder builds its own workbook
	if formats["xlsx"] && early == nil {
		// The workbook is the longest job: start it first.
		jobs = append([]renderJob{func() error {
			var err error
			if out.workbook, err = r.workbook(); err == nil {
				emit(workbookFile(out.workbook))
			}
			return err
		}}, jobs...)
	}
	err := runJobs(jobs)
	if formats["xlsx"] && early != nil {
		// Made alongside, outside the jobs, so the charts had every core.
		wb := <-early
		if err == nil {
			if err = wb.err; err == nil {
				out.workbook = wb.b
				emit(workbookFile(out.workbook))
			}
		}
	}
	if err != nil {
		return nil, err
	}
	if r.Charts == nil && (pngs || svgs) {
		r.Charts = []ChartRef{}
		for i, ref := range refs {
			if chartErrs[i] != nil {
				r.addNotes(sentenceCase(fmt.Sprintf("the %s chart is left out: %v", kinds[i], chartErrs[i])))
				continue
			}
			r.Charts = append(r.Charts, ref)
		}
	}
	return out, nil
}

// chartPNG draws a laid-out chart as PNG like WriteChart does, at the
// chart renderer's resolution, and encodes it with encodePNG, which is
// about twice as fast as image/png on these images.
func chartPNG(rec *recording) ([]byte, error) {
	cv := borrowImageCanvas(rec.w, rec.h, DefaultDPI)
	defer cv.release()
	if err := rec.replay(cv); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := encodePNG(&b, cv.img); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// workbook makes the report's workbook.
func (r *Report) workbook() ([]byte, error) {
	return workbookFor(r.ds, r.opt)
}

// workbookFor makes the workbook for a report on ds with the resolved
// options opt (see resolveSubject).
func workbookFor(ds *data.Dataset, opt Options) ([]byte, error) {
	var b bytes.Buffer
	err := WriteWorkbook(&b, ds, WorkbookOptions{
		Month: opt.Month, Area: opt.Area, Command: opt.Command, Version: opt.Version, Stats: opt.Stats,
	})
	return b.Bytes(), err
}

// earlyWorkbook is a workbook made while the report was being built.
type earlyWorkbook struct {
	b   []byte
	err error
}

// Write builds the report for ds and writes its folder, dir or, when dir
// is empty, DefaultFolder of the report's month; it returns the report
// and the paths written. It does what Build and Report.WriteFolder do,
// but starts the workbook, the longest piece of the folder, as soon as
// the month is known, so that it is made on a second core while the rest
// of the report is built.
func Write(dir string, ds *data.Dataset, opt Options) (*Report, []string, error) {
	warmHeap()
	resolved, err := resolveSubject(ds, opt)
	if err != nil {
		return nil, nil, err
	}
	var early chan earlyWorkbook
	if formats, err := ParseFormats(opt.Formats); err == nil && formats["xlsx"] {
		early = make(chan earlyWorkbook, 1)
		go func() {
			b, err := workbookFor(ds, resolved)
			early <- earlyWorkbook{b, err}
		}()
	}
	r, err := Build(ds, resolved)
	if err != nil {
		return nil, nil, err
	}
	r.early = early
	if dir == "" {
		dir = DefaultFolder(r.Month)
	}
	files, err := r.WriteFolder(dir)
	return r, files, err
}
