package workbook

import (
	"fmt"

	"github.com/casualty-tool/casualty/data"
	"github.com/xuri/excelize/v2"
)

// Chart colours: killed dark, injured light, rates and totals in contrast.
const (
	xlColourKilled  = "1F3864"
	xlColourInjured = "8EA9DB"
	xlColourRate    = "C00000"
)

// addCharts puts three native charts on the sheet from row r: monthly
// killed and injured as columns with the killed per-day rate as a line on
// a second axis, over the whole series and over the last 24 months (where
// the first months of 2022 do not flatten the rest), and the cumulative
// totals as lines. Categories are the text month labels of Monthly (date
// cells show as serial numbers in LibreOffice charts); gaps are blank
// cells, drawn as gaps.
func (wb *Workbook) addCharts(s *xlSheet, r int) {
	if s.err != nil {
		return
	}
	lay := wb.monthly
	name := wb.cur.AreaName(wb.area)
	// A series name must be a cell: the label sits under the chart.
	s.textNoFit(2, r+2, "Killed per day (right axis)", wb.st.text)
	rateName := xlAbsRef(s.name, 2, r+2)
	n := len(lay.months)
	wb.comboChart(s, xlRef(1, r), 0, n, rateName,
		fmt.Sprintf("Civilians killed and injured per month, %s, %s to %s (verified minimums)", name, lay.months[0].Short(), lay.months[n-1].Short()), 3)
	recent := 24
	if n > recent+12 {
		wb.comboChart(s, xlRef(1, r+20), n-recent, n, rateName,
			fmt.Sprintf("The last %d months, %s to %s", recent, lay.months[n-recent].Short(), lay.months[n-1].Short()), 0)
		r += 20
	}
	// The running total starts a printed page rather than straddle two.
	if s.err == nil {
		s.err = wb.f.InsertPageBreak(s.name, xlRef(1, r+20))
	}
	wb.cumulativeChart(s, xlRef(1, r+20), name)
}

// xlAxisFont is dark enough to read when printed.
var xlAxisFont = excelize.Font{Size: 8, Color: "404040"}

func xlFill(colour string) excelize.Fill {
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{colour}}
}

func xlTitle(t string, size float64, bold bool) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: t, Font: &excelize.Font{Bold: bold, Size: size, Family: xlFont}}}}
}

var xlPrintChart = true

var xlChartFormat = excelize.GraphicOptions{OffsetX: 5, OffsetY: 5, PrintObject: &xlPrintChart, ScaleX: 1, ScaleY: 1}

// comboChart draws killed and injured columns for the months [from, to)
// of Monthly, with the killed per-day rate from Trends as a line.
func (wb *Workbook) comboChart(s *xlSheet, cell string, from, to int, rateName, title string, skip int) {
	if s.err != nil {
		return
	}
	lay, tl := wb.monthly, wb.trendLayout
	// The charts draw from Trends, whose rows stay in calendar order
	// (its counts look Monthly up by month): sorting Monthly must not
	// reorder the bars against the line.
	k := tl.start[data.Killed]
	cats := xlAbsRange("Trends", tcMonth, k+from, k+to-1)
	series := func(m data.Metric, colour string) excelize.ChartSeries {
		start := tl.start[m]
		return excelize.ChartSeries{
			Name:       xlAbsRef("Monthly", lay.col[m], 1),
			Categories: cats,
			Values:     xlAbsRange("Trends", tcCount, start+from, start+to-1),
			Fill:       xlFill(colour),
		}
	}
	var bars []excelize.ChartSeries
	for _, m := range []data.Metric{data.Killed, data.Injured} {
		if _, ok := tl.start[m]; ok {
			colour := xlColourKilled
			if m == data.Injured {
				colour = xlColourInjured
			}
			bars = append(bars, series(m, colour))
		}
	}
	gap := uint(40)
	vary := false
	cols := &excelize.Chart{
		VaryColors: &vary,
		Type:       excelize.Col,
		Series:     bars,
		Format:     xlChartFormat,
		Dimension:  excelize.ChartDimension{Width: 1100, Height: 380},
		Legend:     excelize.ChartLegend{Position: "top"},
		Title:      xlTitle(title, 12, true),
		XAxis:      excelize.ChartAxis{TickLabelSkip: skip, Font: xlAxisFont},
		YAxis: excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"},
			Title: xlTitle("people per month", 9, false), Font: xlAxisFont},
		ShowBlanksAs: "gap",
		GapWidth:     &gap,
	}
	var combo []*excelize.Chart
	if first, ok := tl.start[data.Killed]; ok {
		combo = append(combo, &excelize.Chart{
			Type: excelize.Line,
			Series: []excelize.ChartSeries{{
				Name:       rateName,
				Categories: cats,
				Values:     xlAbsRange("Trends", tl.colRate, first+from, first+to-1),
				Fill:       xlFill(xlColourRate),
				Line:       excelize.LineOptions{Width: 2},
				Marker:     excelize.ChartMarker{Symbol: "none"},
			}},
			Format: xlChartFormat,
			YAxis: excelize.ChartAxis{Secondary: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0.0"},
				Title: xlTitle("killed per day", 9, false), Font: xlAxisFont},
			ShowBlanksAs: "gap",
		})
	}
	s.err = wb.f.AddChart(s.name, cell, cols, combo...)
}

// cumulativeChart draws the running totals of killed and injured.
func (wb *Workbook) cumulativeChart(s *xlSheet, cell, name string) {
	if s.err != nil {
		return
	}
	lay, tl := wb.monthly, wb.trendLayout
	// The chart spans the months with a running total (stats ends it at
	// the first gap) and its title says why it ends.
	n, why := 0, ""
	for _, m := range []data.Metric{data.Killed, data.Injured} {
		t := tl.trends[m]
		if t == nil {
			continue
		}
		for i, row := range t.Rows {
			if row.Cumulative.Valid {
				n = max(n, i)
			} else if why == "" && i > 0 && t.Rows[i-1].Cumulative.Valid {
				why = row.Cumulative.Why
			}
		}
	}
	k := tl.start[data.Killed]
	cats := xlAbsRange("Trends", tcMonth, k, k+n)
	title := fmt.Sprintf("Running total, %s, %s to %s", name, lay.months[0].Short(), lay.months[n].Short())
	if n < len(lay.months)-1 {
		title += fmt.Sprintf(": it ends there (%s; a total missing a month is not a total)", why)
	}
	var cum []excelize.ChartSeries
	for _, m := range []data.Metric{data.Killed, data.Injured} {
		first, ok := tl.start[m]
		if !ok {
			continue
		}
		colour := xlColourKilled
		if m == data.Injured {
			colour = xlColourInjured
		}
		cum = append(cum, excelize.ChartSeries{
			Name:       xlAbsRef("Monthly", lay.col[m], 1),
			Categories: cats,
			Values:     xlAbsRange("Trends", tl.colCum, first, first+n),
			Fill:       xlFill(colour),
			Line:       excelize.LineOptions{Width: 2.25},
			Marker:     excelize.ChartMarker{Symbol: "none"},
		})
	}
	line := &excelize.Chart{
		Type:      excelize.Line,
		Series:    cum,
		Format:    xlChartFormat,
		Dimension: excelize.ChartDimension{Width: 1100, Height: 320},
		Legend:    excelize.ChartLegend{Position: "top"},
		Title:     xlTitle(title, 12, true),
		XAxis:     excelize.ChartAxis{TickLabelSkip: 1, Font: xlAxisFont},
		YAxis: excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"},
			Title: xlTitle("people, running total", 9, false), Font: xlAxisFont},
		ShowBlanksAs: "gap",
	}
	s.err = wb.f.AddChart(s.name, cell, line)
}

func xlColName(col int) string {
	n, _ := excelize.ColumnNumberToName(col)
	return n
}
