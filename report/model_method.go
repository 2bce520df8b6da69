package report

import (
	"fmt"
	"strconv"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
)

// methodText explains, in plain words, how every figure in the report was
// made: first what the source counts and how (in its own method text,
// data.Source.Method), then the arithmetic, with the options in force.
func methodText(w data.Source, export string, opt stats.Options) []string {
	level := strconv.FormatFloat(opt.Level*100, 'f', -1, 64) + "%"
	var out []string
	switch w.Kind {
	case data.KindEvents:
		out = append(out,
			"Counts are shown as summed, never rounded or estimated. They are "+lowerFirst(w.Counts),
			w.Method+" The figures in this report are summed from "+export+".",
			"An event export is read as one publication: both months of a comparison come from it, and nothing in it is a revision of an earlier figure.")
	default:
		first := "Counts are shown as published, never rounded or estimated. They are " + lowerFirst(w.Counts)
		if w.LowerBounds {
			first += " A sum of figures is a lower bound when any part is."
		}
		out = append(out, first, w.Method,
			"Both months of a comparison are taken, where possible, from one publication, so that a revised month is not compared with a provisional one; the basis under each table says which publication.")
	}
	return append(out,
		"Per-day rates divide a month's count by the days it covers (31 for January, 28 or 29 for February, fewer for a figure that covers part of a month), because months differ in length by up to 10%. Changes are changes of the per-day rate; the change of counts is given beside them.",
		fmt.Sprintf("The %s interval is the exact conditional interval of the ratio of the two per-day rates, treating each count as a Poisson count over its days; it is shown as the range of the %% change of the per-day rate. \"↑\" (rise) or \"↓\" (fall) means the whole interval lies on one side of no change; \"~\" means the interval contains no change, so the difference is within what chance alone would give. Deaths cluster in single attacks, so the true uncertainty is wider still; the workbook gives intervals widened by the dispersion of the last %d months.", level, opt.DispersionMonths),
		fmt.Sprintf("No percentage change is given on a base below %d (\"too few to compare\"), and none across a month with no figure: a month without a published figure is a gap, never a zero.", opt.MinBase),
	)
}
