package workbook

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/casualty-tool/casualty/data"
)

// writeAbout explains the workbook: what each sheet holds, where the
// figures come from, what every term means, the caveats, and the command
// that made it.
func (wb *Workbook) writeAbout(s *xlSheet) {
	st := wb.st
	opt := wb.opt.Stats
	first, last := wb.span()
	name := wb.cur.AreaName(wb.area)
	pubs := wb.ds.Publications()
	level := fmt.Sprintf("%g%%", opt.Level*100)
	r := 1
	s.textNoFit(1, r, fmt.Sprintf("Civilian casualties in %s: monthly figures, changes and trends", name), st.title)
	r += 2
	section := func(title string) {
		s.textNoFit(1, r, title, st.subtitle)
		r++
	}
	line := func(label, text string) {
		s.text(1, r, label, st.label)
		s.textNoFit(2, r, text, st.wrap)
		// About 135 characters fit on a line of column B (seen in
		// LibreOffice); 120 leaves a margin. A row is at most 409 points.
		s.height(r, xlRowHeight(text, 120))
		r++
	}
	section("What this workbook holds")
	line("Summary", fmt.Sprintf("The headline month, %s: counts, per-day rates, the change on the previous month and on the same month a year before, with the interval, the verdict and the sentence; charts of the monthly figures and the running totals.", wb.month.Label()))
	line("Monthly", fmt.Sprintf("The figures month by month, %s to %s, each month's latest published figure, with its qualifier, publication and source. An Excel Table: filter and sort it from the header.", first.Label(), last.Label()))
	line("Trends", "Per-day rates, changes on the previous month, year-on-year changes, rolling means and running totals, for killed, injured and casualties. Where a figure is plain arithmetic over Monthly it is a live formula that looks the month up on Monthly by its Period, never by its row: sort or filter Monthly and nothing moves; correct a figure on Monthly and the trends and the Summary follow. Intervals, p-values and verdicts are values computed when the workbook was made.")
	if wb.hasAreas() {
		line("Areas", fmt.Sprintf("The areas in %s ranked by count, with their share of the national figure and the change on the previous month.", wb.month.Label()))
	}
	if wb.hasVintages() {
		line("Revisions", "Every figure published more than once, vintage by vintage, with the revision on the previous vintage.")
	}
	line("Notes", "Every warning raised while loading the figures or computing the statistics, with a link to the cell it concerns.")
	line("Figures", "Every current figure, one row each, in casualty's tidy format: month, area, metric, value, qualifier, days covered, publication, source and note. A figure shown on Monthly is looked up there, so an edit on Monthly shows here too. casualty reads this workbook back (casualty validate, report --data, ingest): values from Monthly, the rest from here.")
	r++
	section("The figures")
	line("Area", fmt.Sprintf("%s (%s)", name, wb.area))
	line("Input", data.NameFiles(wb.ds.Files))
	line("Figures", fmt.Sprintf("%d published figures (every vintage) from %d publications; latest publication %s.", len(wb.ds.Obs), len(pubs), wb.ds.LatestPublication()))
	if len(pubs) > 0 {
		line("First publication", pubs[0].String())
	}
	if src := wb.ds.Source; src.Declared() {
		// casualty reads this back (data's own-workbook reader) to know
		// whose figures these are.
		line(SourceIDLabel, src.ID)
	}
	line("Source", "Figures as published by the monitoring mission, each with its publication and a citation on the Monthly and Revisions sheets. They are verified minimums: the true numbers are likely higher, and later publications revise earlier months as verification catches up.")
	r++
	section("Definitions")
	line("Killed, injured", "Civilians killed or injured in the month, as verified by the mission. Casualties = killed + injured (a live sum on Monthly).")
	line("Children", "Civilians under 18, a part of the killed or injured; not published every month, so many months are blank.")
	line("Blank cell", "No figure was published for that month. It is never a zero, and no change, rolling mean or running total is computed across it.")
	line("≥ (at least)", "The figure was published as \"at least\" (a verified minimum); the cell holds the number and its format shows ≥. A sum or a change involving such a figure is one in recorded casualties.")
	line("≈ (about)", "The figure was published as approximate.")
	line("Part-month", "A figure that covers only some days of its month (a conflict that began mid-month; a month-to-date statement). Its per-day rate divides by the days it covers.")
	line("Per day", "Count ÷ days covered. Months differ in length by up to 10%, so changes are compared per day.")
	line("Change", "Change on the previous month: (this − previous) ÷ previous, of counts; the change in per-day rate compares count ÷ days. No percentage is given on a base below "+fmt.Sprint(opt.MinBase)+" (too few to compare).")
	line(level+" interval", "The exact conditional (binomial) interval of the ratio of per-day rates under a Poisson model, shown as a per-day % change. \"Allowing for clustering\" widens it by the quasi-Poisson dispersion of the trailing "+fmt.Sprint(opt.DispersionMonths)+" months, since deaths come in clusters (one strike, many victims).")
	line("p-value", "Two-sided p-value of the exact conditional test that both months have the same per-day rate.")
	line("Verdict", "↑ rise or ↓ fall when the whole interval lies above or below no change; ~ (no clear change) when the interval contains no change: the difference is within what chance alone produces.")
	windows := make([]string, len(opt.Windows))
	for i, w := range opt.Windows {
		windows[i] = fmt.Sprint(w)
	}
	line("Rolling mean", "Mean count over the last "+strings.Join(windows, " or ")+" months, only when every month of the window has a whole-month figure.")
	line("Cumulative", "Running total from the first month; it stops at the first month with no figure, since a total missing a month is not a total.")
	line("Year before", "Change on the same month a year before, of counts.")
	line("Provisional", "The newest month of its publication, which the next update is likely to revise.")
	line("Comparison basis", "The Summary compares the headline month with the previous month as both were given by one publication where possible (like with like); Trends uses each month's latest figure.")
	r++
	section("Caveats")
	line("Lower bounds", "Counts are what the mission could verify. A rise may be one in verification as much as in harm; say \"recorded\".")
	line("Formulas", "Every formula is stored with the value casualty computed, so a program that does not calculate (pandas, previewers) shows the figures. Summary, Trends and Revisions recalculate from Monthly; intervals, p-values and verdicts do not: after editing a figure, remake the workbook for them.")
	line("Printing", "Every sheet prints landscape, one page wide. Monthly and Revisions print without their Source and Notes columns (long web addresses); the sheets hold them.")
	line("Text cells", "Text that starts with =, +, -, @ is stored with a leading apostrophe so it can never run as a formula.")
	r++
	section("Made by")
	cmd := wb.opt.Command
	if cmd == "" {
		cmd = "casualty workbook"
	}
	line("Command", cmd)
	v := wb.opt.Version
	if v == "" {
		v = "development build"
	}
	line("Version", "casualty "+v)
	line("Dates", "Document dates are the latest publication's, never the clock's: the same figures give the same workbook.")
	s.maxW = 24
	s.finish(map[int]float64{1: 16})
	if s.err == nil {
		s.err = wb.f.SetColWidth(s.name, "B", "B", 110)
	}
}

// SourceIDLabel labels the About row that holds the declared source's ID
// ("hrmmu"), which casualty reads back with the figures.
const SourceIDLabel = "Source ID"

// xlRowHeight is the height of a row of wrapped text, at perLine
// characters a line, capped at Excel's 409 points.
func xlRowHeight(text string, perLine int) float64 {
	lines := max(1, (utf8.RuneCountInString(text)+perLine-1)/perLine)
	return min(409, 15*float64(lines))
}

// writeNotes lists every note: the data's warnings, then each sheet's,
// with a link to the cell concerned.
func (wb *Workbook) writeNotes(s *xlSheet) {
	st := wb.st
	for i, h := range []string{"#", "Sheet", "Cell", "Note"} {
		s.text(i+1, 1, h, st.header)
	}
	var notes []xlNote
	for _, w := range wb.ds.Warnings {
		notes = append(notes, xlNote{Sheet: "Monthly", Cell: "A1", Text: "data: " + w.Error()})
	}
	notes = append(notes, wb.notes...)
	r := 2
	for i, n := range notes {
		s.int(1, r, int64(i+1), st.count)
		s.text(2, r, n.Sheet, st.text)
		s.text(3, r, n.Cell, st.link)
		if s.err == nil {
			s.err = wb.f.SetCellHyperLink(s.name, xlRef(3, r), xlQuote(n.Sheet)+"!"+n.Cell, "Location")
		}
		s.textNoFit(4, r, n.Text, st.wrap)
		s.height(r, xlRowHeight(n.Text, 150)) // about 175 characters a line
		r++
	}
	if len(notes) == 0 {
		s.text(4, 2, "no warnings", st.text)
		r++
	}
	s.table("Notes", 1, 1, 4, r-1)
	s.freeze(0, 1)
	s.finish(nil)
	if s.err == nil {
		s.err = wb.f.SetColWidth(s.name, "D", "D", 120)
	}
}
