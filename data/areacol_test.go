package data

import (
	"strings"
	"testing"
)

// TestAreaHeaders loads a two-oblast file under each area header that
// OCHA COD-AB, HDX HAPI, ACLED and analysts use. Before these headers were
// known, the column was dropped with a "columns not read" warning and the
// oblast rows became national figures (or "UA killed is given twice").
func TestAreaHeaders(t *testing.T) {
	headers := []string{
		"ADM1_EN", "ADM1_UA", "ADM1_PCODE", "adm1_code", "admin1_code", "admin1_name", "Admin 1 P-Code",
		"Admin1", "Admin1 Pcode", "provider_admin1_name", "Province", "Oblast", "oblast_name", "Region",
		"region_name", "area_code", "area", "Область", "Регіон", "Назва області",
	}
	for _, h := range headers {
		t.Run(h, func(t *testing.T) {
			in := "month," + h + ",killed\n2025-03,UA63,31\n2025-03,Донецька,40\n"
			if strings.Contains(strings.ToLower(h), "code") {
				in = "month," + h + ",killed\n2025-03,UA63,31\n2025-03,UA14,40\n"
			}
			ds, err := Load(strings.NewReader(in), "f.csv", LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkFigs(t, ds, []fig{{"2025-03", "UA63", Killed, 31, Exact}, {"2025-03", "UA14", Killed, 40, Exact}})
			for _, w := range ds.Warnings {
				t.Errorf("warning: %v", w)
			}
		})
	}
}

// TestAreaColumns: a p-code column decides and a name beside it is
// checked; a column of oblasts under a header casualty does not know is
// refused, never read as national rows; a unit given twice names the
// column and cells that made it so.
func TestAreaColumns(t *testing.T) {
	cases := []struct {
		name, in string
		want     []fig  // when it loads
		err      string // when it is refused
	}{
		{"code and name agree", "month,ADM1_EN,ADM1_PCODE,killed\n2025-03,Kharkivska,UA63,31\n2025-03,Donetsk Oblast,UA14,40\n",
			[]fig{{"2025-03", "UA63", Killed, 31, Exact}, {"2025-03", "UA14", Killed, 40, Exact}}, ""},
		// An unknown spelling beside a p-code is left alone: the code decides.
		{"unknown name beside a code", "month,ADM1_EN,ADM1_PCODE,killed\n2025-03,Kharkivs'ka obl,UA63,31\n",
			[]fig{{"2025-03", "UA63", Killed, 31, Exact}}, ""},
		{"code and name disagree", "month,ADM1_PCODE,ADM1_EN,killed\n2025-03,UA63,Donetska,31\n", nil,
			`f.csv:2:14: column "ADM1_EN": "Donetska" is UA14 (Donetska), but column "ADM1_PCODE" says UA63 (Kharkivska); correct one of them`},
		{"two name columns disagree", "month,ADM1_EN,ADM1_UA,killed\n2025-03,Kharkivska,Донецька,31\n", nil,
			`f.csv:2:20: column "ADM1_UA": "Донецька" is UA14 (Donetska), but column "ADM1_EN" says UA63 (Kharkivska); correct one of them`},
		{"oblasts under an unknown header", "month,Territory,killed\n2025-03,Kharkivska,31\n2025-03,Donetska,40\n", nil,
			`f.csv:1: column "Territory": it holds area names or codes ("Kharkivska", "Donetska"), but casualty does not read it as the area: its rows would be taken for national figures; head it "area" (or ADM1_EN, ADM1_PCODE)`},
		{"oblasts under no header", "month,,killed\n2025-03,UA63,31\n2025-03,UA14,40\n", nil,
			`f.csv:1: column 2 (no header) holds area names or codes ("UA63", "UA14"), but casualty does not read it as the area: its rows would be taken for national figures; head it "area" (or ADM1_EN, ADM1_PCODE)`},
		{"given twice names the cells", "month,ADM1_EN,killed\n2025-03,Kharkiv,31\n2025-03,Kharkivska,40\n", nil,
			`f.csv:3:20: 2025-03 UA63 killed is given twice for unknown publication: 40 here (from ADM1_EN "Kharkivska") and 31 at f.csv:2:17 (from ADM1_EN "Kharkiv")`},
		{"HXL oblasts left untagged", "Month,Oblast,Killed\n#date,,#affected+killed\n2025-03,Kharkivska,31\n2025-03,Donetska,40\n", nil,
			`f.csv:2:7: column "Oblast": holds area names or codes ("Kharkivska", "Donetska"), but its hashtag is not one casualty reads as the area: its rows would be taken for national figures; tag it #adm1+code (p-codes) or #adm1+name`},
		{"admin-2 without admin-1", "month,ADM2_EN,killed\n2025-03,Kharkivskyi,31\n", nil,
			`f.csv:1: column "ADM2_EN": the rows are admin-2 units, and casualty reads admin-1 units; add the column of their admin-1 p-code (ADM1_PCODE, admin1_code) so that they can be summed`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds, err := Load(strings.NewReader(c.in), "f.csv", LoadOptions{})
			if c.err != "" {
				if err == nil || err.Error() != c.err {
					t.Fatalf("got %v\nwant %s", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkFigs(t, ds, c.want)
		})
	}
}
