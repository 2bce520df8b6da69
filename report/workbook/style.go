package workbook

import (
	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/stats"
	"github.com/xuri/excelize/v2"
)

// Number formats. Cells hold exact integers and unrounded ratios; these
// formats do the rounding for display. A figure that is a lower bound
// shows "≥" through its format, so "at least" travels with the number
// without turning it into text.
//
// Counts and rates end with _) (a space as wide as a parenthesis), so a
// right-aligned number never touches the text of the column to its right
// ("≥ 71 at least", not "≥ 71at least").
const (
	xlFmtCount        = `#,##0_)`
	xlFmtCountAtLeast = `"≥ "#,##0_)`
	xlFmtCountApprox  = `"≈ "#,##0_)`
	xlFmtRate         = `#,##0.00_)`
	xlFmtRateAtLeast  = `"≥ "#,##0.00_)`
	xlFmtRateApprox   = `"≈ "#,##0.00_)`
	xlFmtPct          = `+0.0%_);-0.0%_);0.0%_)`
	xlFmtShare        = `0.0%`
	xlFmtRatio        = `0.000`
	xlFmtP            = `[<0.0001]"<0.0001";0.0000`
)

// xlStyles holds the style ids the sheets use.
type xlStyles struct {
	rise, fall, riseBold, fallBold                                           int
	title, subtitle, group, header, label, text, wrap, small, na, link, warn int
	count, countAtLeast, countApprox                                         int
	rate, rateAtLeast, rateApprox                                            int
	pct, share, ratio, p                                                     int
	headline, headlineAtLeast, headlineApprox                                int
}

// countStyle picks the count format for a qualifier.
func (st xlStyles) countStyle(q data.Qualifier) int {
	switch q {
	case data.AtLeast:
		return st.countAtLeast
	case data.Approx:
		return st.countApprox
	}
	return st.count
}

func (st xlStyles) rateStyle(q data.Qualifier) int {
	switch q {
	case data.AtLeast:
		return st.rateAtLeast
	case data.Approx:
		return st.rateApprox
	}
	return st.rate
}

func (st xlStyles) headlineStyle(q data.Qualifier) int {
	switch q {
	case data.AtLeast:
		return st.headlineAtLeast
	case data.Approx:
		return st.headlineApprox
	}
	return st.headline
}

const xlFont = "Calibri"

func xlNewStyles(f *excelize.File) (xlStyles, error) {
	var st xlStyles
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	num := func(code string, bold bool, size float64) *excelize.Style {
		c := code
		return &excelize.Style{CustomNumFmt: &c, Font: &excelize.Font{Family: xlFont, Size: size, Bold: bold},
			Alignment: &excelize.Alignment{Vertical: "top"}}
	}
	top := &excelize.Alignment{Vertical: "top"}
	st.title = add(&excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 16, Bold: true, Color: "1F3864"}})
	st.subtitle = add(&excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 12, Bold: true, Color: "1F3864"}})
	st.group = add(&excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 11, Bold: true, Color: "1F3864"},
		Alignment: &excelize.Alignment{Horizontal: "center"},
		Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}}})
	st.header = add(&excelize.Style{
		Font:      &excelize.Font{Family: xlFont, Size: 11, Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "1F3864", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "bottom", WrapText: true},
	})
	st.label = add(&excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 11, Bold: true}, Alignment: top})
	// Text is indented a little so it does not run into a number on its
	// left.
	st.text = add(&excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 11}, Alignment: &excelize.Alignment{Vertical: "top", Indent: 1}})
	st.wrap = add(&excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 11},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	st.small = add(&excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 9, Italic: true, Color: "595959"},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	st.na = add(&excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 9, Italic: true, Color: "7F7F7F"},
		Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "right"}})
	st.link = add(&excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 11, Color: "0563C1", Underline: "single"}, Alignment: top})
	st.warn = add(&excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 10, Italic: true, Color: "9C5700"}, Alignment: top})
	// Verdicts: a rise in dark red, a fall in dark blue; "~" stays plain.
	verdict := func(colour string, bold bool) *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Family: xlFont, Size: 11, Bold: bold, Color: colour}, Alignment: &excelize.Alignment{Vertical: "top", Indent: 1}}
	}
	st.rise, st.fall = add(verdict("C00000", false)), add(verdict("1F4E79", false))
	st.riseBold, st.fallBold = add(verdict("C00000", true)), add(verdict("1F4E79", true))
	st.count = add(num(xlFmtCount, false, 11))
	st.countAtLeast = add(num(xlFmtCountAtLeast, false, 11))
	st.countApprox = add(num(xlFmtCountApprox, false, 11))
	st.rate = add(num(xlFmtRate, false, 11))
	st.rateAtLeast = add(num(xlFmtRateAtLeast, false, 11))
	st.rateApprox = add(num(xlFmtRateApprox, false, 11))
	st.pct = add(num(xlFmtPct, false, 11))
	st.share = add(num(xlFmtShare, false, 11))
	st.ratio = add(num(xlFmtRatio, false, 11))
	st.p = add(num(xlFmtP, false, 11))
	st.headline = add(num(xlFmtCount, true, 14))
	st.headlineAtLeast = add(num(xlFmtCountAtLeast, true, 14))
	st.headlineApprox = add(num(xlFmtCountApprox, true, 14))
	return st, err
}

// verdictStyle colours a verdict cell: rise red, fall blue, else base.
func (st xlStyles) verdictStyle(v stats.Verdict, bold bool, base int) int {
	switch {
	case v == stats.Rise && bold:
		return st.riseBold
	case v == stats.Rise:
		return st.rise
	case v == stats.Fall && bold:
		return st.fallBold
	case v == stats.Fall:
		return st.fall
	}
	return base
}
