package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/casualty-tool/casualty/data"
)

// scope is what a command shows: one area, some metrics, a span of
// months. Warnings about other figures are left out, so a comparison of
// two months in 2025 is not preceded by every gap in the children's
// series since 2022.
type scope struct {
	area     string        // area code; "" for the national figure
	allAreas bool          // every area's warnings, a line for each
	metrics  []data.Metric // nil: every metric
	from, to data.Month    // zero: no bound
}

// warn prints the data's warnings that concern sc, each once, with the
// gaps of several metrics summarised on one line. --quiet drops them.
func (d *dataFlags) warn(w io.Writer, ds *data.Dataset, sc scope) {
	if d.quiet {
		return
	}
	for _, line := range warningLines(ds, sc) {
		fmt.Fprintln(w, "warning:", line)
	}
	if line := staleLine(ds, now()); line != "" {
		fmt.Fprintln(w, "warning:", line)
	}
}

// now is the clock, read for one warning only (staleLine) and never for
// anything written to a file; tests set it.
var now = time.Now

// staleAfter is how old the newest figure may be before a command says
// the data are out of date: missions publish monthly, so two months
// without a new figure means updates have not been added.
const staleAfter = 60 * 24 * time.Hour

// staleLine says, when the newest figure's month ended more than
// staleAfter before today, how old the data are and how to add newer
// updates.
func staleLine(ds *data.Dataset, today time.Time) string {
	_, last := ds.Span()
	if last.IsZero() {
		return ""
	}
	age := today.Sub(last.End())
	if age <= staleAfter {
		return ""
	}
	return fmt.Sprintf("the newest figure is for %s, %d days before today; if the mission has published since, add its updates (casualty ingest --store DIR FILE takes a table or the update's text; or --data FILE)",
		last.Label(), int(age.Hours()/24))
}

// warningLines is warn's text, one string a line.
func warningLines(ds *data.Dataset, sc scope) []string {
	if sc.allAreas {
		lines := warningLines(ds, scope{area: ds.NationalCode(), metrics: sc.metrics, from: sc.from, to: sc.to})
		for _, a := range ds.AreaCodes() {
			if a == ds.NationalCode() {
				continue
			}
			for _, l := range warningLines(ds, scope{area: a, metrics: sc.metrics, from: sc.from, to: sc.to}) {
				if !slices.Contains(lines, l) { // other warnings come with every area
					lines = append(lines, l)
				}
			}
		}
		return lines
	}
	area := sc.area
	if area == "" {
		area = ds.NationalCode()
	}
	var used []data.Metric
	for _, m := range sc.metrics {
		used = append(used, m)
		used = append(used, m.Parts()...)
	}
	var lines []string
	seen := map[string]bool{}
	// Gaps: the months each metric lacks within the scope; metrics that
	// lack the same months share a clause.
	type clause struct {
		metrics []string
		months  []data.Month
	}
	var clauses []clause
	for _, e := range ds.Warnings {
		g, ok := e.(*data.GapWarning)
		if !ok {
			wordLimits(e)
			if s := e.Error(); !seen[s] {
				seen[s] = true
				lines = append(lines, s)
			}
			continue
		}
		if g.Area != area || (used != nil && !slices.Contains(used, g.Metric)) {
			continue
		}
		var months []data.Month
		for _, mo := range g.Months {
			if (!sc.from.IsZero() && mo.Before(sc.from)) || (!sc.to.IsZero() && sc.to.Before(mo)) {
				continue
			}
			months = append(months, mo)
		}
		if len(months) == 0 {
			continue
		}
		i := slices.IndexFunc(clauses, func(c clause) bool { return slices.Equal(c.months, months) })
		if i < 0 {
			clauses = append(clauses, clause{months: months})
			i = len(clauses) - 1
		}
		clauses[i].metrics = append(clauses[i].metrics, string(g.Metric))
	}
	if len(clauses) > 0 {
		parts := make([]string, len(clauses))
		for i, c := range clauses {
			parts[i] = joinAnd(c.metrics) + " " + monthList(c.months)
		}
		lines = append(lines, fmt.Sprintf("%s: no figure for %s (gaps, left empty, never counted as zero)",
			ds.AreaName(area), strings.Join(parts, "; ")))
	}
	return lines
}

// monthList names a few months one by one, and many by their count and span.
func monthList(ms []data.Month) string {
	if len(ms) <= 4 {
		names := make([]string, len(ms))
		for i, mo := range ms {
			names[i] = mo.String()
		}
		return "in " + joinAnd(names)
	}
	return fmt.Sprintf("in %d months between %s and %s", len(ms), ms[0], ms[len(ms)-1])
}

// joinAnd joins words as a sentence does: "a", "a and b", "a, b and c".
func joinAnd(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

// groupByMonth words month-by-month warnings ("March 2025: provisional:
// ...") once for every month they concern: "provisional: ... (January
// 2015, February 2015 and 10 more months)". Other warnings pass as they
// are, in order.
func groupByMonth(ws []error) []string {
	var order []string
	months := map[string][]string{}
	for _, w := range ws {
		s := w.Error()
		key, rest := s, ""
		if head, tail, ok := strings.Cut(s, ": "); ok {
			if _, err := data.ParseMonth(head); err == nil {
				key, rest = tail, head
			}
		}
		if _, seen := months[key]; !seen {
			order = append(order, key)
		}
		if rest != "" {
			months[key] = append(months[key], rest)
		} else if months[key] == nil {
			months[key] = []string{}
		}
	}
	out := make([]string, 0, len(order))
	for _, key := range order {
		ms := months[key]
		switch {
		case len(ms) == 0:
			out = append(out, key)
		case len(ms) == 1:
			out = append(out, ms[0]+": "+key)
		case len(ms) <= 4:
			out = append(out, key+" ("+joinAnd(ms)+")")
		default:
			out = append(out, fmt.Sprintf("%s (%s, %s and %d more months)", key, ms[0], ms[1], len(ms)-2))
		}
	}
	return out
}
