// Package workbook writes the analyst's workbook (Write: the figures,
// trends, areas, revisions and notes of a dataset, with native charts)
// and the large figures workbook (WriteFigures: one row per figure) with
// excelize. Arithmetic over the figures is a live formula stored with the
// value Go computed, so a reader that does not calculate sees numbers and
// one that does sees the same; formulas find figures by month, never by
// row, so sorting survives; text never becomes a formula. casualty reads
// the workbook back (data, own-workbook reader) from Monthly and Figures.
package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
	"github.com/xuri/excelize/v2"
)

// Options says what the analyst's workbook is about.
type Options struct {
	// Month is the headline month of the Summary sheet. The zero Month
	// picks the latest month with a killed figure for Area.
	Month data.Month
	// Area is the area code the workbook describes ("" for the national
	// total, "UA" on the embedded data).
	Area string
	// Command is the command line that made the workbook, and Version the
	// casualty version; both are shown on the About sheet so a reader can
	// remake it.
	Command string
	Version string
	// Stats tunes the statistics (a zero Level means stats.DefaultOptions).
	Stats stats.Options
}

// FormulaCell is a live formula the workbook holds and the value Go
// computed for it. Excel and LibreOffice recompute formulas; tests check
// that what they compute equals Want.
type FormulaCell struct {
	Sheet, Cell, Formula string
	Want                 float64
}

// xlNote is a warning or caveat about one cell; the Notes sheet lists
// them with a link to the cell.
type xlNote struct {
	Sheet, Cell, Text string
}

// Workbook is the analyst's workbook being built in memory. Make one with
// New, write it with WriteTo, and Close it.
type Workbook struct {
	f       *excelize.File
	ds      *data.Dataset // as given, every vintage
	cur     *data.Dataset // the current estimate of each figure (ds.Latest)
	opt     Options
	area    string
	month   data.Month
	st      xlStyles
	sheets  []*xlSheet
	renamed bool
	err     error

	// Formulas lists every live formula with the value it must show.
	Formulas []FormulaCell
	notes    []xlNote

	// Where the Monthly sheet put things, for formulas on other sheets.
	monthly     *xlMonthlyLayout
	trendLayout *xlTrendLayout
}

// Write writes the analyst's workbook for ds to w: About, Summary
// (the headline month, with native charts), Monthly (an Excel Table of the
// figures), Trends (live formulas over Monthly, whose results equal the
// Go-computed statistics), Areas (when ds has areas), Revisions (when it
// has several vintages) and Notes (every warning, with the cell it
// concerns). The content depends on the data only: the same data gives the
// same workbook. Call it through internal/atomicfile to write a file.
func Write(w io.Writer, ds *data.Dataset, opt Options) error {
	wb, err := New(ds, opt)
	if err != nil {
		return err
	}
	defer wb.Close()
	_, err = wb.WriteTo(w)
	return err
}

// New builds the workbook in memory (see Write). It fails
// when the area or the month has no figures, saying what the data covers.
func New(ds *data.Dataset, opt Options) (*Workbook, error) {
	if ds == nil || len(ds.Obs) == 0 {
		return nil, errors.New("workbook: the data holds no figures")
	}
	if opt.Stats.Level == 0 {
		opt.Stats = stats.DefaultOptions()
	}
	wb := &Workbook{f: excelize.NewFile(), ds: ds, cur: ds.Latest(), opt: opt}
	wb.area = opt.Area
	if wb.area == "" {
		wb.area = ds.NationalCode()
	}
	killed := wb.cur.Series(wb.area, data.Killed)
	if len(killed.Points) == 0 {
		return nil, fmt.Errorf("workbook: no killed figures for area %q (areas with figures: %s)",
			wb.area, strings.Join(ds.AreaCodes(), ", "))
	}
	wb.month = opt.Month
	first, last := killed.Points[0].Month, killed.Points[len(killed.Points)-1].Month
	if wb.month.IsZero() {
		wb.month = last
	}
	if !killed.At(wb.month).Present {
		return nil, fmt.Errorf("workbook: no killed figure for %s in area %s (figures cover %s to %s)",
			wb.month, wb.area, first, last)
	}
	var err error
	if wb.st, err = xlNewStyles(wb.f); err != nil {
		wb.f.Close()
		return nil, err
	}
	if err := wb.build(); err != nil {
		wb.f.Close()
		return nil, err
	}
	return wb, nil
}

// build writes every sheet. Sheets are created first, in reading order,
// then filled in the order their references need.
func (wb *Workbook) build() error {
	about := wb.newSheet("About")
	summary := wb.newSheet("Summary")
	monthly := wb.newSheet("Monthly")
	trends := wb.newSheet("Trends")
	var areas, revisions *xlSheet
	if wb.hasAreas() {
		areas = wb.newSheet("Areas")
	}
	if wb.hasVintages() {
		revisions = wb.newSheet("Revisions")
	}
	notes := wb.newSheet("Notes")
	figures := wb.newSheet(FiguresSheet)
	if wb.err != nil {
		return wb.err
	}
	wb.writeMonthly(monthly)
	wb.writeTrends(trends)
	wb.writeSummary(summary)
	if areas != nil {
		wb.writeAreas(areas)
	}
	if revisions != nil {
		wb.writeRevisions(revisions)
	}
	wb.writeFigures(figures)
	wb.writeAbout(about)
	wb.writeNotes(notes)
	for _, s := range wb.sheets {
		if s.err != nil {
			return fmt.Errorf("workbook: sheet %s: %w", s.name, s.err)
		}
	}
	wb.f.SetActiveSheet(1) // Summary
	if err := wb.setProperties(); err != nil {
		return err
	}
	// Formula results are stored (WriteTo); a spreadsheet still
	// recomputes them on opening, and gets the same values.
	calc := true
	return wb.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &calc})
}

// hasAreas reports whether the data has figures for areas below the
// national total.
func (wb *Workbook) hasAreas() bool {
	for _, a := range wb.ds.AreaCodes() {
		if a != wb.ds.NationalCode() {
			return true
		}
	}
	return false
}

// hasVintages reports whether some figure of the area was published more
// than once.
func (wb *Workbook) hasVintages() bool {
	seen := map[data.Key]bool{}
	for _, o := range wb.ds.Obs {
		if o.Area != wb.area {
			continue
		}
		if seen[o.Key()] {
			return true
		}
		seen[o.Key()] = true
	}
	return false
}

// setProperties fills the document properties from the data: dates are
// the latest publication's, never the clock's, so the same data gives the
// same workbook.
func (wb *Workbook) setProperties() error {
	pub := wb.ds.LatestPublication()
	stamp := "2000-01-01T00:00:00Z"
	if !pub.Date.IsZero() {
		stamp = pub.Date.Format("2006-01-02") + "T00:00:00Z"
	}
	first, last := wb.span()
	creator := "casualty"
	if wb.opt.Version != "" {
		creator += " " + wb.opt.Version
	}
	return wb.f.SetDocProps(&excelize.DocProperties{
		Title:          fmt.Sprintf("Civilian casualties, %s, %s to %s", wb.cur.AreaName(wb.area), first.Label(), last.Label()),
		Subject:        "Headline month " + wb.month.Label() + "; figures as published up to " + pub.String(),
		Creator:        creator,
		LastModifiedBy: creator,
		Description:    "Monthly civilian casualty figures with their qualifier and source, changes with intervals, trends, revisions and notes. Made from " + data.NameFiles(wb.ds.Files) + ".",
		Keywords:       "civilian casualties; killed; injured; " + wb.area,
		Category:       "casualty report",
		Created:        stamp,
		Modified:       stamp,
		Language:       "en-GB",
		Identifier:     wb.area + " " + first.String() + ".." + last.String() + " as of " + pub.Date.String(),
	})
}

// span is the first and last month of the Monthly sheet.
func (wb *Workbook) span() (first, last data.Month) {
	if wb.monthly != nil && len(wb.monthly.months) > 0 {
		return wb.monthly.months[0], wb.monthly.months[len(wb.monthly.months)-1]
	}
	s := wb.cur.Series(wb.area, data.Killed)
	return s.Points[0].Month, s.Points[len(s.Points)-1].Month
}

// WriteTo writes the workbook (an .xlsx file) to w.
// Every formula is written with the value Go computed for it, so a reader
// that does not calculate sees the figures.
func (wb *Workbook) WriteTo(w io.Writer) (int64, error) {
	stableContentTypes(wb.f)
	parts := newXLParts()
	wb.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return parts })
	if _, err := writeXLSX(wb.f, io.Discard); err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	if err := writeWithCachedValues(&buf, parts, wb.Formulas); err != nil {
		return 0, fmt.Errorf("workbook: %w", err)
	}
	return buf.WriteTo(w)
}

// stableContentTypes sorts the content-type defaults, which excelize adds
// for images in map order, so the same data gives byte-identical files.
func stableContentTypes(f *excelize.File) {
	if ct := f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
}

// Close releases the workbook's temporary files.
func (wb *Workbook) Close() error { return wb.f.Close() }
