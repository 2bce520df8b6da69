package data

import (
	"fmt"
	"strconv"
	"strings"
)

// Months across the columns. Analysts and HDX pages often lay a year out
// with a column per month:
//
//	Oblast,Jan 2025,Feb 2025,Mar 2025,Total
//	Kharkivska,28,35,31,94
//
// Each cell is the figure of its row's area (and metric) for its column's
// month; an empty cell is a gap. The header cells must all read as months
// (any spelling ParseMonth takes, or a date cell). What the figures count
// comes from a metric column (metric, indicator, or a column whose cells
// are all metric names: Killed, Injured) or, in a workbook, from a sheet
// named for a metric ("Killed"); with neither the table is refused, since
// a count of the dead and a count of the injured look alike. A Total
// column is checked against the row's months, never stored.

// monthColumns returns the header indexes that read as months, and their
// months. A table has its months across when at least two do and it has
// no month column.
func monthColumns(t *table) map[int]Month {
	out := map[int]Month{}
	for i, h := range t.header {
		if m, err := ParseMonth(h); err == nil && strings.TrimSpace(h) != "" {
			out[i] = m
		}
	}
	return out
}

func isAcross(t *table) bool {
	if t.cols != nil || t.columns().has("month") {
		return false
	}
	return len(monthColumns(t)) >= 2
}

// metricNamesColumn returns the first column other than skip whose
// non-empty cells all name a stored metric, or -1.
func metricNamesColumn(t *table, skip map[int]bool) int {
	for i := range t.header {
		if skip[i] {
			continue
		}
		n := 0
		ok := true
		for _, r := range t.rows {
			s := strings.TrimSpace(r.cell(i))
			if s == "" {
				continue
			}
			if _, err := ParseMetric(s); err != nil {
				ok = false
				break
			}
			n++
		}
		if ok && n > 0 {
			return i
		}
	}
	return -1
}

// loadAcross reads a table with a column per month.
func loadAcross(t *table, opt LoadOptions) (*Dataset, error) {
	errs := &ErrorList{Max: opt.MaxErrors}
	cols := t.columns()
	months := monthColumns(t)
	used := map[int]bool{}
	for k, i := range cols {
		if strings.HasPrefix(k, "metric:") {
			// A header that names a metric among months ("Killed") is
			// not a month's figure: the table is not one this reader knows.
			return nil, Errorf(t.hdrPos, t.header[i],
				"a metric column among columns of months; give either a column per month (with a metric column) or a column per metric (with a month column)")
		}
		used[i] = true
	}
	for i := range months {
		used[i] = true
		cols["across:"+strconv.Itoa(i)] = i
	}
	total := -1
	for i, h := range t.header {
		if !used[i] && strings.HasPrefix(endsTable(h), "total") {
			total = i
			cols["total"] = i
			used[i] = true
		}
	}
	var fixed Metric
	var said error
	if !cols.has("metric") {
		if i := metricNamesColumn(t, used); i >= 0 {
			cols["metric"] = i
		} else if m, err := ParseMetric(t.sheet); t.sheet != "" && err == nil && !m.Derived() {
			fixed = m
			said = Errorf(t.hdrPos, "", "the figures are read as %s, as the sheet's name says", m)
		} else if m, line, ok := titleMetric(t.title); ok {
			fixed = m
			said = Errorf(t.hdrPos, "", "the figures are read as %s, as the title above the table says (%s)", m, cellText(line))
		} else {
			where := "a column \"metric\" (killed, injured, ...)"
			if t.sheet != "" {
				where += ", or name the sheet for what it counts (\"killed\"), or title the table (\"Civilians killed\")"
			}
			return nil, Errorf(t.hdrPos, "",
				"the months run across the columns (%s, ...), but nothing says what the figures count; add %s",
				strconv.Quote(t.header[firstKey(months)]), where)
		}
	}
	rr := &rowReader{t: t, opt: opt, cols: cols, errs: errs}
	order := make([]int, 0, len(months))
	for i := range t.header {
		if _, ok := months[i]; ok {
			order = append(order, i)
		}
	}
	var obs []Observation
	for _, r := range t.rows {
		area, ok := rr.readArea(r)
		m := fixed
		if fixed == "" {
			ms, _ := rr.get(r, "metric")
			var err error
			m, err = ParseMetric(ms)
			if err == nil && m.Derived() {
				err = fmt.Errorf("%s is computed from its parts (%s); give the parts", m, joinMetrics(m.Parts()))
			}
			if err != nil {
				rr.fail(r, "metric", err)
				ok = false
			}
		}
		var sum int64
		summable := true
		for _, i := range order {
			key := "across:" + strconv.Itoa(i)
			if s, _ := rr.get(r, key); strings.TrimSpace(s) == "" {
				summable = false
				continue // a gap, not a zero
			}
			o := Observation{Month: months[i], Area: area, Metric: m, Published: opt.Publication}
			if rr.count(r, key, &o) && ok {
				obs = append(obs, o)
				sum += o.Value
				summable = summable && !o.HasRange && o.Qualifier != Approx
			} else {
				summable = false
			}
		}
		if total >= 0 && ok {
			rr.checkRowTotal(r, sum, summable, order)
		}
	}
	if said != nil {
		rr.warns = append(rr.warns, said)
	}
	ds, err := withUnread(t, cols, opt.areas())(rr.finish(obs))
	if ds != nil {
		ds.Format = FormatWide
	}
	return ds, err
}

// checkRowTotal checks a row's Total cell against the sum of its months.
func (rr *rowReader) checkRowTotal(r tableRow, sum int64, summable bool, order []int) {
	s, _ := rr.get(r, "total")
	if strings.TrimSpace(s) == "" {
		return
	}
	c, err := ParseCount(s)
	if err != nil {
		rr.fail(r, "total", err)
		return
	}
	if !summable || c.HasRange || c.Qualifier == Approx {
		return
	}
	if c.Value != sum {
		rr.fail(r, "total", fmt.Errorf("%d is not the sum of the row's months (%s to %s): %d; correct one of them",
			c.Value, strconv.Quote(rr.t.header[order[0]]), strconv.Quote(rr.t.header[order[len(order)-1]]), sum))
	}
}

func firstKey(m map[int]Month) int {
	first := -1
	for i := range m {
		if first < 0 || i < first {
			first = i
		}
	}
	return first
}

// titleMetric reads what a table counts from the title above it, when the
// title names one base metric and nothing that would narrow it: "Civilians
// killed by oblast, 2025" is killed; "Civilian casualties" (a sum),
// "Killed and injured" (two) and "Children killed" (a breakdown this
// reading does not attempt) name none.
func titleMetric(title []string) (Metric, string, bool) {
	words := map[string]Metric{
		"killed": Killed, "deaths": Killed, "dead": Killed, "fatalities": Killed, "загиблі": Killed, "загинули": Killed, "вбито": Killed,
		"injured": Injured, "wounded": Injured, "injuries": Injured, "поранені": Injured, "поранено": Injured,
	}
	narrow := map[string]bool{"child": true, "children": true, "women": true, "men": true, "girls": true, "boys": true, "adults": true,
		"casualties": true, "діти": true, "дітей": true}
	var found Metric
	var from string
	for _, line := range title {
		for _, w := range strings.FieldsFunc(strings.ToLower(line), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= 'а' && r <= 'я' || r == 'і' || r == 'ї' || r == 'є' || r == 'ґ')
		}) {
			if narrow[w] {
				return "", "", false
			}
			if m, ok := words[w]; ok {
				if found != "" && found != m {
					return "", "", false
				}
				found, from = m, line
			}
		}
	}
	return found, from, found != ""
}
