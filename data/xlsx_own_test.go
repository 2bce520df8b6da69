package data

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// ownBook is a small workbook in casualty's own layout (report/workbook),
// hand-made: About first (prose, and the source's ID), Monthly with its
// rows out of calendar order (an analyst sorted them) and March 2025
// killed typed over (164 → 170), and Figures, the tidy list of figures
// with their provenance. HRMMU's update of 9 April 2025 gave February
// 2025 as 129 killed and 588 injured, March as 164 and 910.
func ownBook(t testing.TB, monthly ...string) []byte {
	t.Helper()
	about := xsheet("A1:B3",
		xrow(1, xs("A1", "Civilian casualties in Ukraine: monthly figures, changes and trends")),
		xrow(3, xs("A3", "Source ID"), xs("B3", "hrmmu")))
	if len(monthly) == 0 {
		monthly = []string{
			xrow(2, xs("A2", "Mar 2025"), xs("B2", "2025-03"), xn("C2", "31"), xn("D2", "170"), xn("E2", "910"), `<c r="F2"><f>D2+E2</f><v>1074</v></c>`, xs("G2", "at least")),
			xrow(3, xs("A3", "Feb 2025"), xs("B3", "2025-02"), xn("C3", "28"), xn("D3", "129"), xn("E3", "588"), `<c r="F3"><f>D3+E3</f><v>717</v></c>`, xs("G3", "at least")),
		}
	}
	ms := xsheet("A1:G3", append([]string{xrow(1, xs("A1", "Month"), xs("B1", "Period"), xs("C1", "Days in month"), xs("D1", "Killed"),
		xs("E1", "Injured"), xs("F1", "Casualties (killed + injured)"), xs("G1", "Qualifier"))}, monthly...)...)
	hdr := []string{}
	cols := "ABCDEFGHIJKLM"
	for i, h := range append(append([]string{}, TidyHeader...), "on_monthly") {
		hdr = append(hdr, xs(string(cols[i])+"1", h))
	}
	fig := func(r int, month, metric, value string) string {
		n := string(rune('0' + r))
		return xrow(r, xs("A"+n, month), xs("B"+n, "UA"), xs("C"+n, metric),
			`<c r="D`+n+`"><f>INDEX(Monthly!$D$2:$D$3,1)</f><v>`+value+`</v></c>`, xs("E"+n, "at_least"),
			xs("I"+n, "2025-04-09"), xs("J"+n, "HRMMU update"), xs("K"+n, "https://ukraine.ohchr.org/en/"), xs("M"+n, "yes"))
	}
	figures := xsheet("A1:M5", xrow(1, hdr...),
		fig(2, "2025-02", "killed", "129"), fig(3, "2025-02", "injured", "588"),
		fig(4, "2025-03", "killed", "164"), fig(5, "2025-03", "injured", "910"))
	return rawXLSX(t, rawSheet{name: "About", body: about}, rawSheet{name: "Monthly", body: ms}, rawSheet{name: "Figures", body: figures})
}

// TestLoadOwnWorkbook reads casualty's own workbook: Monthly by name
// (About is first), each figure's value from Monthly by its Period
// (whatever the order of the rows: March 2025 killed is the 170 typed
// there, not the 164 Figures last stored), its qualifier, publication and
// source from Figures, and the declared source from About.
func TestLoadOwnWorkbook(t *testing.T) {
	ds, err := Load(bytes.NewReader(ownBook(t)), "own.xlsx", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range ds.Obs {
		got = append(got, strings.Join([]string{o.Month.String(), string(o.Metric), strconv.FormatInt(o.Value, 10), o.Qualifier.String(), o.Published.String(), o.Source}, " "))
	}
	want := []string{
		"2025-02 killed 129 at_least HRMMU update (9 April 2025) https://ukraine.ohchr.org/en/",
		"2025-02 injured 588 at_least HRMMU update (9 April 2025) https://ukraine.ohchr.org/en/",
		"2025-03 killed 170 at_least HRMMU update (9 April 2025) https://ukraine.ohchr.org/en/",
		"2025-03 injured 910 at_least HRMMU update (9 April 2025) https://ukraine.ohchr.org/en/",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("read\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ds.Source.ID != "hrmmu" {
		t.Errorf("source %q, want hrmmu", ds.Source.ID)
	}
	// Casualties still shows 164 + 910 = 1,074, stored before the edit: it
	// is not read, and a warning says why it disagrees.
	want1 := `own.xlsx: sheet "Monthly" cell F2: 2025-03 casualties on Monthly is 1074, not 170 + 910 = 1080: the workbook was not recalculated after an edit, or the sum was typed over; casualty reads the parts and sums them itself`
	found := false
	for _, w := range ds.Warnings {
		found = found || w.Error() == want1
	}
	if !found {
		t.Errorf("warnings %v\nwant %s", ds.Warnings, want1)
	}
	// With a publication given (ingest --published), every figure is of
	// that publication: the copy is a new vintage.
	pub := Publication{Name: "analyst copy", Date: mustParseDate(t, "2025-05-01")}
	ds, err = Load(bytes.NewReader(ownBook(t)), "own.xlsx", LoadOptions{Publication: pub})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range ds.Obs {
		if o.Published != pub {
			t.Errorf("%s %s is of %s, want %s", o.Month, o.Metric, o.Published, pub)
		}
	}
}

// TestLoadOwnWorkbookRefusals: a blank Monthly cell is no figure (a
// warning, never a zero), and a month given twice is refused with its
// cell.
func TestLoadOwnWorkbookRefusals(t *testing.T) {
	blank := ownBook(t,
		xrow(2, xs("A2", "Mar 2025"), xs("B2", "2025-03"), xn("C2", "31"), xn("E2", "910"), xs("G2", "at least")),
		xrow(3, xs("A3", "Feb 2025"), xs("B3", "2025-02"), xn("C3", "28"), xn("D3", "129"), xn("E3", "588"), xs("G3", "at least")))
	ds, err := Load(bytes.NewReader(blank), "own.xlsx", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Obs) != 3 {
		t.Errorf("%d figures, want 3 (March killed is blank)", len(ds.Obs))
	}
	var warned bool
	for _, w := range ds.Warnings {
		warned = warned || w.Error() == `own.xlsx: sheet "Monthly" cell D2: 2025-03 killed is blank on Monthly, so the figure is not read (a blank is no figure, never a zero)`
	}
	if !warned {
		t.Errorf("no warning for the blank cell: %v", ds.Warnings)
	}
	twice := ownBook(t,
		xrow(2, xs("A2", "Mar 2025"), xs("B2", "2025-03"), xn("C2", "31"), xn("D2", "164"), xn("E2", "910")),
		xrow(3, xs("A3", "Mar 2025"), xs("B3", "2025-03"), xn("C3", "31"), xn("D3", "129"), xn("E3", "588")))
	_, err = Load(bytes.NewReader(twice), "own.xlsx", LoadOptions{})
	if want := `own.xlsx: sheet "Monthly" cell B3: casualty's workbook: Monthly gives 2025-03 twice (rows 2 and 3); keep one row per month`; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func mustParseDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// FuzzLoadOwnMonthly fuzzes the rows of Monthly in casualty's own
// workbook, where an analyst types: the own-workbook reader must give a
// dataset or a positioned error, never panic or hang.
func FuzzLoadOwnMonthly(f *testing.F) {
	f.Add([]byte(xrow(2, xs("A2", "Mar 2025"), xs("B2", "2025-03"), xn("C2", "31"), xn("D2", "170"), xn("E2", "910"), `<c r="F2"><f>D2+E2</f><v>1074</v></c>`, xs("G2", "at least"))))
	f.Add([]byte(xrow(2, xs("B2", "2025-03"), xn("D2", "164")) + xrow(3, xs("B3", "2026-02"), xn("D3", "-1"), xs("E3", "12a"))))
	f.Fuzz(func(t *testing.T, rows []byte) {
		fuzzLoad(t, ownBook(t, string(rows)), "own.xlsx", FormatXLSX)
	})
}
