package report

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/report/chart"
	"github.com/casualty-tool/casualty/report/workbook"
)

// This file connects the report folder to the renderers other files own:
// the workbook (report/workbook) and the charts (report/chart). The report only
// passes its options on; it computes nothing here. Rendering runs on every
// core, since the PNG charts are most of the report's time; results land
// in fixed slots, so the output does not depend on which finishes first.

// reportCharts are the charts of a report, in the order shown; the areas
// chart only when the data has areas.
func (r *Report) reportCharts() []chart.Kind {
	return chartKinds(r.Areas != nil)
}

func chartKinds(areas bool) []chart.Kind {
	var out []chart.Kind
	for _, k := range chart.Kinds {
		if k == chart.Areas && !areas {
			continue
		}
		out = append(out, k)
	}
	return out
}

// rendered holds what the renderers made for one report folder.
type rendered struct {
	workbook []byte
}

// renderSet is the drawing a report folder needs, running: the workbook
// on a goroutine of its own and the charts on one goroutine a core, in
// order. Each piece is handed to emit as soon as it is done, once emit is
// set; pieces done before that wait for it.
type renderSet struct {
	formats map[string]bool
	kinds   []chart.Kind // the charts drawn, in order
	input   chart.Input  // without the kind

	mu       sync.Mutex
	emit     func(outFile)
	pending  []outFile
	refs     []ChartRef
	leftOut  []error // a chart that cannot be drawn for this data
	failed   []error // a chart that could not be drawn at all
	workbook workbookResult
	charts   sync.WaitGroup // the chart goroutines
	wg       sync.WaitGroup // the workbook's
}

// startRender starts drawing what formats need for a report on ds with
// the resolved options opt, charts of kinds.
func startRender(ds *data.Dataset, opt Options, kinds []chart.Kind, formats map[string]bool, charts bool) *renderSet {
	rs := &renderSet{
		formats: formats,
		// The charts share the statistics they state alike (chart.Share).
		input: chart.Share(chart.Input{Data: ds, Area: opt.Area, To: opt.Month, Month: opt.Month, Options: opt.Stats}),
	}
	pngs, svgs := formats["png"] || formats["md"], formats["svg"] || formats["html"]
	rs.kinds = drawnCharts(kinds, formats, charts)
	rs.refs = make([]ChartRef, len(rs.kinds))
	rs.leftOut = make([]error, len(rs.kinds))
	rs.failed = make([]error, len(rs.kinds))
	if formats["xlsx"] {
		// The workbook is the longest piece: it gets a goroutine of its own
		// from the start, the charts share the cores.
		rs.wg.Add(1)
		go func() {
			defer rs.wg.Done()
			b, err := workbookFor(ds, opt)
			rs.mu.Lock()
			rs.workbook = workbookResult{b, err}
			rs.mu.Unlock()
			if err == nil {
				rs.done(workbookFile(b))
			}
		}()
	}
	next := make(chan int, len(rs.kinds))
	for i := range rs.kinds {
		next <- i
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), len(rs.kinds)) {
		rs.charts.Add(1)
		go func() {
			defer rs.charts.Done()
			for i := range next {
				rs.drawChart(i, pngs, svgs)
			}
		}()
	}
	return rs
}

// drawnCharts are the charts of kinds a report draws: all of them when
// they are to be drawn (charts) and a format shows them, else none. The
// PDF draws its charts itself, as vectors, but needs to know which ones
// can be drawn for this data.
func drawnCharts(kinds []chart.Kind, formats map[string]bool, charts bool) []chart.Kind {
	if !charts || !(formats["png"] || formats["md"] || formats["svg"] || formats["html"] || formats["pdf"]) {
		return nil
	}
	return kinds
}

// drawChart builds chart i, lays it out once and draws that as PNG and
// SVG as asked.
func (rs *renderSet) drawChart(i int, pngs, svgs bool) {
	kind := rs.kinds[i]
	ref := ChartRef{Name: string(kind)}
	c, err := chart.New(kind, rs.input)
	if err != nil {
		rs.leftOut[i] = err
		return
	}
	ref.chart = c
	ref.Title, ref.Caption = c.Title, c.Subtitle
	if kind == chart.Areas {
		ref.missing = c.MissingNotes()
	}
	if !pngs && !svgs {
		// Only the PDF shows charts, and draws them itself.
		rs.mu.Lock()
		rs.refs[i] = ref
		rs.mu.Unlock()
		return
	}
	d, err := chart.DrawAll(c, pngs, svgs)
	if err != nil {
		rs.failed[i] = fmt.Errorf("%s chart: %w", kind, err)
		return
	}
	ref.PNG, ref.svg = d.PNG, d.SVG
	if d.SVG != nil {
		ref.SVG = d.SVG.Linked()
	}
	rs.mu.Lock()
	rs.refs[i] = ref
	rs.mu.Unlock()
	if rs.formats["png"] && ref.PNG != nil {
		rs.done(pngFile(ref))
	}
	if rs.formats["svg"] && ref.SVG != nil {
		rs.done(svgFile(ref))
	}
}

// done hands a finished file to emit, or keeps it until emit is set.
func (rs *renderSet) done(f outFile) {
	rs.mu.Lock()
	emit := rs.emit
	if emit == nil {
		rs.pending = append(rs.pending, f)
	}
	rs.mu.Unlock()
	if emit != nil {
		emit(f)
	}
}

// waitCharts sets emit, hands it what is already done, waits for the
// charts and returns them in order, with the charts left out and the
// first chart's error. The workbook may still be running (see
// waitWorkbook).
func (rs *renderSet) waitCharts(emit func(outFile)) ([]ChartRef, []error, error) {
	rs.mu.Lock()
	rs.emit = emit
	pending := rs.pending
	rs.pending = nil
	rs.mu.Unlock()
	for _, f := range pending {
		emit(f)
	}
	rs.charts.Wait()
	for _, err := range rs.failed {
		if err != nil {
			return nil, nil, err
		}
	}
	return rs.refs, rs.leftOut, nil
}

// waitWorkbook waits for the workbook, after waitCharts.
func (rs *renderSet) waitWorkbook() (*rendered, error) {
	rs.wg.Wait()
	if err := rs.workbook.err; err != nil {
		return nil, err
	}
	return &rendered{workbook: rs.workbook.b}, nil
}

// render draws the charts the formats need (PNG for png and md, SVG for
// svg and html) into r.Charts and builds the workbook when asked, all in
// parallel. A chart that cannot be drawn for this data (too few months,
// say) is left out with a note rather than failing the whole report.
// When emit is not nil, it is given the workbook file and each chart's
// files, as the formats ask, as soon as each is ready.
func (r *Report) render(formats map[string]bool, emit func(outFile)) (*rendered, error) {
	return r.renderThen(formats, emit, nil)
}

// renderThen is render, calling chartsDone once the charts are in
// r.Charts (with their notes) and before waiting for the workbook: the
// pages that show the charts can then be written while the workbook is
// still being made. The first error is the workbook's, then the
// charts' in order, as before.
func (r *Report) renderThen(formats map[string]bool, emit func(outFile), chartsDone func()) (*rendered, error) {
	if emit == nil {
		emit = func(outFile) {}
	}
	kinds := r.reportCharts()
	charts := r.Charts == nil
	rs := startRender(r.ds, r.opt, kinds, formats, charts)
	refs, leftOut, err := rs.waitCharts(emit)
	if err != nil {
		if _, werr := rs.waitWorkbook(); werr != nil {
			return nil, werr
		}
		return nil, err
	}
	if charts && len(rs.kinds) > 0 {
		r.Charts = []ChartRef{}
		for i, ref := range refs {
			if leftOut[i] != nil {
				r.addNotes(sentenceCase(fmt.Sprintf("the %s chart is left out: %v", rs.kinds[i], leftOut[i])))
				continue
			}
			// The areas chart summarises the areas' gaps in a few lines;
			// the notes list them whole.
			r.addNotes(ref.missing...)
			r.Charts = append(r.Charts, ref)
		}
	}
	if chartsDone != nil {
		chartsDone()
	}
	return rs.waitWorkbook()
}

// workbookFor makes the workbook for a report on ds with the resolved
// options opt (see resolveSubject).
func workbookFor(ds *data.Dataset, opt Options) ([]byte, error) {
	var b bytes.Buffer
	err := workbook.Write(&b, ds, workbook.Options{
		Month: opt.Month, Area: opt.Area, Command: opt.Command, Version: opt.Version, Stats: opt.Stats,
	})
	return b.Bytes(), err
}

// workbookResult is a workbook made, or the error making it.
type workbookResult struct {
	b   []byte
	err error
}
