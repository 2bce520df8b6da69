package workbook

import (
	"bytes"
	"fmt"
	"regexp"
	"testing"
)

// xlFormulaCell is the formula cell as excelize writes it, which
// replaceFormulaCells scans for by hand.
var xlFormulaCell = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="str"><f>([^<]*)</f></c>`)

// viaRegexp is replaceFormulaCells written with the regular expression,
// as the rewrite was before.
func viaRegexp(x []byte, repl func(ref, style, formula []byte) []byte) []byte {
	return xlFormulaCell.ReplaceAllFunc(x, func(m []byte) []byte {
		sub := xlFormulaCell.FindSubmatch(m)
		if r := repl(sub[1], sub[2], sub[3]); r != nil {
			return r
		}
		return m
	})
}

// tagCells replaces every cell but those whose reference starts with Z,
// naming the groups, so a test sees each group and the cells kept.
func tagCells(ref, style, formula []byte) []byte {
	if bytes.HasPrefix(ref, []byte("Z")) {
		return nil
	}
	return fmt.Appendf(nil, "[%s|%s|%s]", ref, style, formula)
}

func TestReplaceFormulaCells(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`<row><c r="A1" s="3" t="str"><f>SUM(B1:B3)</f></c><c r="B1"><v>1</v></c></row>`,
			`<row>[A1| s="3"|SUM(B1:B3)]<c r="B1"><v>1</v></c></row>`},
		{`<c r="AB12" t="str"><f></f></c>`, `[AB12||]`},
		{`<c r="Z9" t="str"><f>A1</f></c><c r="C2" t="str"><f>A1</f></c>`, `<c r="Z9" t="str"><f>A1</f></c>[C2||A1]`},
		{`<c r="a1" t="str"><f>A1</f></c>`, `<c r="a1" t="str"><f>A1</f></c>`},             // lower case is no reference
		{`<c r="A1" s="x" t="str"><f>A1</f></c>`, `<c r="A1" s="x" t="str"><f>A1</f></c>`}, // style not a number
		{`<c r="A1" t="n"><f>A1</f></c>`, `<c r="A1" t="n"><f>A1</f></c>`},
		{`<c r="<c r="B2" t="str"><f>1</f></c>`, `<c r="[B2||1]`},
		{`<c r="A1" t="str"><f>1<2</f></c>`, `<c r="A1" t="str"><f>1<2</f></c>`},
		{``, ``},
	} {
		if got := string(replaceFormulaCells([]byte(tc.in), tagCells)); got != tc.want {
			t.Errorf("replaceFormulaCells(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
		if got := string(viaRegexp([]byte(tc.in), tagCells)); got != tc.want {
			t.Errorf("regexp on %q gives %q, the table wants %q", tc.in, got, tc.want)
		}
	}
}

func FuzzReplaceFormulaCells(f *testing.F) {
	f.Add(`<row><c r="A1" s="3" t="str"><f>SUM(B1:B3)</f></c><c r="B1"><v>1</v></c></row>`)
	f.Add(`<c r="Z9" t="str"><f>A1</f></c><c r="C2" s="12" t="str"><f>A1</f></c>`)
	f.Add(`<c r="<c r="B2" s="" t="str"><f>1</f></c>`)
	f.Fuzz(func(t *testing.T, in string) {
		got := replaceFormulaCells([]byte(in), tagCells)
		want := viaRegexp([]byte(in), tagCells)
		if !bytes.Equal(got, want) {
			t.Fatalf("on %q:\n scan   %q\n regexp %q", in, got, want)
		}
	})
}
