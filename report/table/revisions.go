package table

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/data/store"
	"github.com/casualty-tool/casualty/stats"
)

// This file renders what a store holds for people and programs: the plan
// of an ingest and the history of each figure across publications. The
// changes come from stats.Revisions; nothing here computes one.

// WriteRevisions writes each figure's history, vintage by vintage, with
// the change from the vintage before, as text, csv or json.
func WriteRevisions(w io.Writer, ds *data.Dataset, hs []store.History, format string) error {
	rows := revisionRows(ds, hs)
	switch format {
	case "csv":
		return writeRevisionsCSV(w, rows)
	case "json":
		return writeRevisionsJSON(w, hs, rows)
	}
	return writeRevisionsText(w, hs, rows)
}

// WritePlan says what an ingest changed (or, dry, would change): new
// months, new figures, revised figures (old → new, with the change from
// stats.Revisions) and figures restated unchanged. ds is the store after
// the ingest; storeDir is the store's folder, for the file it names.
func WritePlan(w io.Writer, p *store.Plan, file string, ds *data.Dataset, storeDir string, dry bool) {
	if p.Same {
		fmt.Fprintf(w, "%s: %s is in the store already with these %d figures; nothing changed\n", file, p.Pub, len(p.Obs))
		return
	}
	verb := "stored"
	if p.Replaces {
		verb = "replaced"
	}
	if dry {
		verb = "dry run: nothing written; would be " + verb
	}
	fmt.Fprintf(w, "%s: %s, %d figures, %s as %s\n", file, p.Pub, len(p.Obs), verb, filepath.Join(storeDir, store.PubDir, p.File))
	if len(p.NewMonths) > 0 {
		names := make([]string, len(p.NewMonths))
		for i, m := range p.NewMonths {
			names[i] = m.Label()
		}
		fmt.Fprintf(w, "new months: %s\n", strings.Join(names, ", "))
	}
	if len(p.Added) > 0 {
		fmt.Fprintf(w, "new figures (%d):\n", len(p.Added))
		for _, o := range p.Added {
			fmt.Fprintf(w, "  %-28s %s\n", figureName(o), countText(o))
		}
	}
	if len(p.Revised) > 0 {
		what := "revised figures"
		if p.Replaces {
			what = "corrected figures"
		}
		fmt.Fprintf(w, "%s (%d):\n", what, len(p.Revised))
		for _, r := range p.Revised {
			sr := revisionStats(ds, r)
			change := ""
			if sr.Key != (data.Key{}) {
				change = RevisionChange(sr)
			} else if !p.Replaces {
				change = "range or qualifier changed"
			}
			line := fmt.Sprintf("  %-28s %s → %s  %s", figureName(r.New), countText(r.Old), countText(r.New), change)
			if !p.Replaces {
				line += "  (was " + r.Old.Published.String() + ")"
			}
			if sr.Provisional {
				line += "  first report of that month"
			}
			fmt.Fprintln(w, strings.TrimRight(line, " "))
		}
	}
	if p.Unchanged > 0 {
		fmt.Fprintf(w, "unchanged: %d figure(s)\n", p.Unchanged)
	}
	if len(p.Dropped) > 0 {
		fmt.Fprintf(w, "dropped (--allow-drop) (%d):\n", len(p.Dropped))
		for _, o := range p.Dropped {
			fmt.Fprintf(w, "  %-28s %s\n", figureName(o), countText(o))
		}
	}
	for _, o := range p.SameDay {
		fmt.Fprintf(w, "note: %s is of the same date; where both give a figure, the one whose name sorts last is taken as the later\n", o)
	}
	if len(p.Newer) > 0 {
		fmt.Fprintf(w, "note: the store has %d later publication(s) (newest %s); figures they give stay current\n", len(p.Newer), p.Newer[len(p.Newer)-1])
	}
}

// revisionStats asks package stats for the change between two vintages
// (difference and %); the zero Revision when stats does not count it as a
// revision (only the range changed). The vintages may be of one
// publication, when a corrected release replaces the stored one.
func revisionStats(ds *data.Dataset, r store.Revision) stats.Revision {
	sr, _ := stats.Revise(ds, r.Old, r.New)
	return sr
}

// figureName names a figure for people: "2025-03 UA killed" with the days
// covered when it is not the whole month.
func figureName(o data.Observation) string {
	s := o.Month.String() + " " + o.Area + " " + string(o.Metric)
	if c := o.Covers(); c != "" {
		s += " (" + c + ")"
	}
	return s
}

// countText writes a figure with its qualifier and range: "at least 588",
// "100 (100-120)".
func countText(o data.Observation) string {
	s := o.Qualifier.Words() + stats.FormatCount(o.Value)
	if o.HasRange {
		s += " (" + stats.FormatCount(o.Low) + "-" + stats.FormatCount(o.High) + ")"
	}
	return s
}

// revisionRow is one vintage of a figure and its change from the vintage
// before (computed by stats.Revisions).
type revisionRow struct {
	Hist   int // index into the histories
	Obs    data.Observation
	Change *stats.Revision // nil for the first vintage or an unchanged one
	// Restated is true for every vintage after the first: its change is
	// Change, or none when the value was restated unchanged.
	Restated bool
	// RangeChanged: the published range differs from the vintage before.
	RangeChanged bool
}

func revisionRows(ds *data.Dataset, hs []store.History) []revisionRow {
	var rows []revisionRow
	for i, h := range hs {
		for j, v := range h.Vintages {
			row := revisionRow{Hist: i, Obs: v}
			if j > 0 {
				row.Restated = true
				prev := h.Vintages[j-1]
				row.RangeChanged = prev.HasRange != v.HasRange || prev.Low != v.Low || prev.High != v.High
				if r, ok := stats.Revise(ds, prev, v); ok {
					row.Change = &r
				}
			}
			rows = append(rows, row)
		}
	}
	return rows
}

func writeRevisionsText(w io.Writer, hs []store.History, rows []revisionRow) error {
	// The change column is as wide as its widest cell ("qualifier
	// changed"), and 14 at least, as it has always been.
	changeWidth := 14
	small := false // a change rounds to 0%, and the key says how it is shown
	for _, r := range rows {
		changeWidth = max(changeWidth, utf8.RuneCountInString(r.changeText()))
		if c := r.Change; c != nil && c.Abs != 0 && c.Pct.Valid && stats.FormatPct(c.Pct.V) == "0%" {
			small = true
		}
	}
	last := -1
	for _, r := range rows {
		if r.Hist != last {
			if last >= 0 {
				fmt.Fprintln(w)
			}
			last = r.Hist
			h := hs[r.Hist]
			fmt.Fprintf(w, "%s\n", figureName(h.Vintages[0]))
		}
		fmt.Fprintf(w, "  %-10s  %16s  %s  %s\n", r.Obs.Published.Date, countText(r.Obs), pad(r.changeText(), changeWidth), r.Obs.Published.Name)
	}
	if len(rows) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Each figure's vintages, oldest publication first; the change is from the vintage before,")
		if !small {
			fmt.Fprintln(w, "in people and in % of the earlier figure, (new - old) / old, rounded to a whole percent.")
		} else {
			fmt.Fprintln(w, "in people and in % of the earlier figure, (new - old) / old, rounded to a whole percent;")
			fmt.Fprintln(w, "a change under 0.5% keeps one decimal (+0.4%), and one under 0.05% shows as +<0.1%.")
		}
	}
	return nil
}

// changeText words a vintage's change from the one before, for the text
// listing.
func (r revisionRow) changeText() string {
	switch {
	case r.Change != nil:
		return RevisionChange(*r.Change)
	case r.RangeChanged:
		return "range changed"
	case r.Restated:
		return "unchanged"
	}
	return ""
}

// pad left-aligns s in width runes (runes, not bytes: "−" and "→" are
// one column each).
func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

// RevisionChange words a revision for a table cell: the difference in
// people and in % of the earlier figure, "+6 (+5%)"; a change that rounds
// to 0% keeps a decimal, "+9 (+0.4%)", or shows as "+1 (+<0.1%)", so a
// real revision never reads as none (ChangePct); "qualifier changed" when
// only the qualifier changed ("at least" added or dropped); the reason
// when no % can be given, "+5 (n/a: no % change on 0)".
func RevisionChange(r stats.Revision) string {
	if r.Abs == 0 {
		return "qualifier changed"
	}
	s := stats.FormatSigned(r.Abs)
	switch {
	case r.Pct.Valid:
		s += " (" + ChangePct(r.Pct.V) + ")"
	case r.Pct.Why != "":
		s += " (n/a: " + r.Pct.Why + ")"
	}
	return s
}

// ChangePct writes a percentage change, signed, rounded to a whole
// percent as stats.FormatPct does, except that a change that is not zero
// but rounds to 0% keeps one decimal ("+0.4%", "-0.3%"), and one that
// rounds to 0.0% as well shows as "+<0.1%" or "-<0.1%": a revision of 9
// on 2,400 is +0.4%, not 0%.
func ChangePct(v float64) string {
	if s := stats.FormatPct(v); s != "0%" || v == 0 {
		return s
	}
	sign := "+"
	if v < 0 {
		sign = "-"
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', 1, 64)
	if s == "0.0" {
		return sign + "<0.1%"
	}
	return sign + s + "%"
}

var revisionsHeader = []string{"month", "area", "metric", "covers", "published", "publication", "value", "qualifier", "low", "high", "change", "change_pct", "source"}

func writeRevisionsCSV(w io.Writer, rows []revisionRow) error {
	cw := csv.NewWriter(w)
	cw.Write(revisionsHeader)
	for _, r := range rows {
		o := r.Obs
		low, high, change, pct := "", "", "", ""
		if o.HasRange {
			low, high = strconv.FormatInt(o.Low, 10), strconv.FormatInt(o.High, 10)
		}
		if r.Change != nil {
			change = strconv.FormatInt(r.Change.Abs, 10)
			if r.Change.Pct.Valid {
				pct = strconv.FormatFloat(r.Change.Pct.V, 'f', -1, 64)
			}
		} else if r.Restated && o.Value != 0 {
			change, pct = "0", "0" // restated unchanged
		} else if r.Restated {
			change = "0"
		}
		cover := ""
		if o.PartMonth() {
			cover = strconv.Itoa(o.FromDay) + "-" + strconv.Itoa(o.ToDay)
		}
		cw.Write([]string{o.Month.String(), data.SafeText(o.Area), string(o.Metric), cover, o.Published.Date.String(),
			data.SafeText(o.Published.Name), strconv.FormatInt(o.Value, 10), o.Qualifier.String(), low, high, change, pct, data.SafeText(o.Source)})
	}
	cw.Flush()
	return cw.Error()
}

type jsonVintage struct {
	Published   string   `json:"published"`
	Publication string   `json:"publication,omitempty"`
	Value       int64    `json:"value"`
	Qualifier   string   `json:"qualifier"`
	Low         *int64   `json:"low,omitempty"`
	High        *int64   `json:"high,omitempty"`
	Change      *int64   `json:"change,omitempty"`
	ChangePct   *float64 `json:"change_pct,omitempty"`
	Source      string   `json:"source,omitempty"`
}

type jsonHistory struct {
	Month    data.Month    `json:"month"`
	Area     string        `json:"area"`
	Metric   data.Metric   `json:"metric"`
	Covers   string        `json:"covers,omitempty"`
	Vintages []jsonVintage `json:"vintages"`
}

func writeRevisionsJSON(w io.Writer, hs []store.History, rows []revisionRow) error {
	out := make([]jsonHistory, len(hs))
	for i, h := range hs {
		out[i] = jsonHistory{Month: h.Key.Month, Area: h.Key.Area, Metric: h.Key.Metric, Vintages: []jsonVintage{}}
		if h.FromDay != 0 {
			out[i].Covers = strconv.Itoa(h.FromDay) + "-" + strconv.Itoa(h.ToDay)
		}
	}
	for _, r := range rows {
		o := r.Obs
		v := jsonVintage{Published: o.Published.Date.String(), Publication: o.Published.Name, Value: o.Value,
			Qualifier: o.Qualifier.String(), Source: o.Source}
		if o.HasRange {
			lo, hi := o.Low, o.High
			v.Low, v.High = &lo, &hi
		}
		if r.Change != nil {
			abs := r.Change.Abs
			v.Change = &abs
			if r.Change.Pct.Valid {
				pct := r.Change.Pct.V
				v.ChangePct = &pct
			}
		} else if r.Restated {
			var zero int64
			var zeroPct float64
			v.Change = &zero
			if o.Value != 0 {
				v.ChangePct = &zeroPct
			}
		}
		out[r.Hist].Vintages = append(out[r.Hist].Vintages, v)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
