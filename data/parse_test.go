package data

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// TestParseCount covers every spelling of a count that ParseCount accepts
// and every one it refuses, with the exact message a user sees.
func TestParseCount(t *testing.T) {
	ok := []struct {
		in   string
		want Count
	}{
		{"0", Count{Value: 0}},
		{"164", Count{Value: 164}},
		{" 164 ", Count{Value: 164}},
		{"+164", Count{Value: 164}},
		{"0074", Count{Value: 74}},
		{"1,074", Count{Value: 1074}},
		{"1 074", Count{Value: 1074}},
		{"1\u00a0074", Count{Value: 1074}},       // no-break space (French Excel)
		{"1\u202f074", Count{Value: 1074}},       // narrow no-break space
		{"1'074", Count{Value: 1074}},            // Swiss
		{"12,345,678", Count{Value: 12_345_678}}, // groups of three all the way
		{"999999999999", Count{Value: 999_999_999_999}},
		{"1000000000000", Count{Value: maxCount}}, // the largest accepted
		{"at least 164", Count{Value: 164, Qualifier: AtLeast}},
		{"At Least 164", Count{Value: 164, Qualifier: AtLeast}},
		{"more than 150", Count{Value: 150, Qualifier: AtLeast}},
		{"over 1,000", Count{Value: 1000, Qualifier: AtLeast}},
		{">= 12", Count{Value: 12, Qualifier: AtLeast}},
		{"≥12", Count{Value: 12, Qualifier: AtLeast}},
		{"minimum 3", Count{Value: 3, Qualifier: AtLeast}},
		{"approx. 100", Count{Value: 100, Qualifier: Approx}},
		{"Approx 100", Count{Value: 100, Qualifier: Approx}},
		{"approximately 100", Count{Value: 100, Qualifier: Approx}},
		{"about 100", Count{Value: 100, Qualifier: Approx}},
		{"~100", Count{Value: 100, Qualifier: Approx}},
		{"c. 40", Count{Value: 40, Qualifier: Approx}},
		{"200+", Count{Value: 200, Qualifier: AtLeast}},
		{"1,000 +", Count{Value: 1000, Qualifier: AtLeast}},
		// A range is kept: its value is the low end, a lower bound.
		{"100-120", Count{Value: 100, Qualifier: AtLeast, Low: 100, High: 120, HasRange: true}},
		{"100–120", Count{Value: 100, Qualifier: AtLeast, Low: 100, High: 120, HasRange: true}},
		{"100 to 120", Count{Value: 100, Qualifier: AtLeast, Low: 100, High: 120, HasRange: true}},
		{"1,000 - 1,200", Count{Value: 1000, Qualifier: AtLeast, Low: 1000, High: 1200, HasRange: true}},
		{"approx. 100-120", Count{Value: 100, Qualifier: AtLeast, Low: 100, High: 120, HasRange: true}},
		{"5-5", Count{Value: 5, Qualifier: AtLeast, Low: 5, High: 5, HasRange: true}},
		// pandas writes a column of counts with a gap as floats: 129.0.
		{"129.0", Count{Value: 129}},
		{"12.0", Count{Value: 12}},
		{"0.0", Count{Value: 0}},
		{"129.00", Count{Value: 129}},
		{"at least 129.0", Count{Value: 129, Qualifier: AtLeast}},
	}
	for _, c := range ok {
		got, err := ParseCount(c.in)
		if err != nil {
			t.Errorf("ParseCount(%q): %v", c.in, err)
			continue
		}
		if got != c.want {
			t.Errorf("ParseCount(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
	bad := []struct{ in, want string }{
		{"", `want a whole number, got an empty cell`},
		{"   ", `want a whole number, got an empty cell`},
		{"-5", `want a non-negative whole number, got "-5"`},
		{"−5", `want a non-negative whole number, got "−5"`}, // U+2212 minus sign
		{"at least -5", `want a non-negative whole number, got "at least -5"`},
		{"12.5", `want a whole number, got "12.5" (a fraction)`},
		{"129.5", `want a whole number, got "129.5" (a fraction)`}, // pandas' float of a fraction stays refused
		{"1,074.0", `want a whole number, got "1,074.0" (a fraction)`},
		{".0", `want a whole number, got ".0" (a fraction)`},
		{"1.074", `want a whole number, got "1.074" (dots as thousands separators? write 1074 or 1,074; or, if a fraction, counts are whole)`},
		{"12.000", `want a whole number, got "12.000" (dots as thousands separators? write 12000 or 12,000; or, if a fraction, counts are whole)`},
		{"1.234.567", `want a whole number, got "1.234.567" (dots as thousands separators? write 1234567 or 1,234,567; or, if a fraction, counts are whole)`},
		{"164.00000000000003", `want a whole number, got "164.00000000000003" (a formula's rounding remainder? a spreadsheet shows 164; round the cell with ROUND or type the number)`},
		{"909.99999999999989", `want a whole number, got "909.99999999999989" (a formula's rounding remainder? a spreadsheet shows 910; round the cell with ROUND or type the number)`},
		{"0.00000000001", `want a whole number, got "0.00000000001" (a fraction)`},
		{"164.001", `want a whole number, got "164.001" (dots as thousands separators? write 164001 or 164,001; or, if a fraction, counts are whole)`},
		{"164.5", `want a whole number, got "164.5" (a fraction)`},
		{"12,5", `want a whole number, got "12,5" (a decimal comma? counts are whole)`},
		{"1e3", `want a whole number written out, got "1e3" (exponent notation)`},
		{"1.5E+03", `want a whole number written out, got "1.5E+03" (exponent notation)`},
		{"99999999999999999999", `want a count below 1000000000000, got "99999999999999999999" (too large)`},
		{"1000000000001", `want a count below 1000000000000, got "1000000000001" (too large)`},
		{"9,223,372,036,854,775,808", `want a count below 1000000000000, got "9,223,372,036,854,775,808" (too large)`},
		{"at most 100", `want a count or a lower bound, got an upper bound "at most 100"`},
		{"AT MOST 100", `want a count or a lower bound, got an upper bound "AT MOST 100"`},
		{"up to 30", `want a count or a lower bound, got an upper bound "up to 30"`},
		{"less than 10", `want a count or a lower bound, got an upper bound "less than 10"`},
		{"no more than 10", `want a count or a lower bound, got an upper bound "no more than 10"`},
		{"<10", `want a count or a lower bound, got an upper bound "<10"`},
		{"≤ 10", `want a count or a lower bound, got an upper bound "≤ 10"`},
		{"max. 10", `want a count or a lower bound, got an upper bound "max. 10"`},
		{"-", `want a whole number, got "-"; leave the cell empty when there is no figure (a gap is not a zero)`},
		{"n/a", `want a whole number, got "n/a"; leave the cell empty when there is no figure (a gap is not a zero)`},
		{"N/A", `want a whole number, got "N/A"; leave the cell empty when there is no figure (a gap is not a zero)`},
		{"120-100", `want a range low-high, got "120-100" (high below low)`},
		{"100-", `want a whole number, got "100-"`},
		{"100--120", `want a non-negative whole number, got "100--120"`},
		{"1,07,4", `want a whole number, got "1,07,4" (misplaced separator)`},
		{"1074,000", `want a whole number, got "1074,000" (misplaced separator)`},
		{",074", `want a whole number, got ",074" (misplaced separator)`},
		{"12a", `want a whole number, got "12a"`},
		{"164*", `want a whole number, got "164*" (a footnote mark? put the note in a note column)`},
		{"164 †", `want a whole number, got "164 †" (a footnote mark? put the note in a note column)`},
		{"164¹", `want a whole number, got "164¹" (a footnote mark? put the note in a note column)`},
		{"200++", `want a whole number, got "200++"`},
		{"+", `want a whole number, got "+"`},
		{"about 200+", `want a whole number, got "about 200+"`},
		{"twelve", `want a whole number, got "twelve"`},
		{"5%", `want a whole number, got "5%"`},
		{"=SUM(A1:A3)", `want a whole number, got "=SUM(A1:A3)"`},
		{"at least", `want a whole number, got "at least"`},
		{"0x10", `want a whole number, got "0x10"`},
		{"1\t074", `want a whole number, got "1\t074"`},
	}
	for _, c := range bad {
		got, err := ParseCount(c.in)
		if err == nil {
			t.Errorf("ParseCount(%q) = %+v, want error %q", c.in, got, c.want)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("ParseCount(%q) error:\n got  %s\n want %s", c.in, err, c.want)
		}
	}
}

// TestParseMonth covers the spellings of a month analysts use and the
// exact refusal of each impossible or ambiguous one.
func TestParseMonth(t *testing.T) {
	mar25 := Month{2025, time.March}
	ok := []struct {
		in   string
		want Month
	}{
		{"2025-03", mar25},
		{" 2025-03 ", mar25},
		{"2025-3", mar25},
		{"2025/03", mar25},
		{"2025.03", mar25},
		{"03/2025", mar25},
		{"3-2025", mar25},
		{"2025-03-01", mar25},
		{"2025-03-31", mar25},
		{"2025-03-01 00:00:00", mar25},
		{"2025-03-01T00:00:00Z", mar25},
		{"2025-03-01T00:00:00.000", mar25},
		{"March 2025", mar25},
		{"march 2025", mar25},
		{"MARCH 2025", mar25},
		{"Mar 2025", mar25},
		{"Mar. 2025", mar25},
		{"Mar-2025", mar25},
		{"March, 2025", mar25},
		{"2025 March", mar25},
		{"2025-March", mar25},
		{"Sept 2025", Month{2025, time.September}},
		{"березень 2025", mar25},
		{"Березень 2025", mar25},
		{"березня 2025", mar25},
		{"2025 березень", mar25},
		{"листопад 2024", Month{2024, time.November}},
		{"лютого 2022", Month{2022, time.February}},
		{"2024-02-29", Month{2024, time.February}}, // a leap day exists in 2024
		{"1900-01", Month{1900, time.January}},
		// Excel's mmm-yy, and its century rule (00-29: 2000s).
		{"Mar-25", mar25},
		{"Mar 25", mar25},
		{"mar-25", mar25},
		{"March 25", mar25},
		{"Dec-99", Month{1999, time.December}},
		{"Jan-29", Month{2029, time.January}},
		{"Jan-30", Month{1930, time.January}},
		// A date whose numbers settle the order of day and month.
		{"31/03/2025", mar25},
		{"14.03.2025", mar25},
		{"03/31/2025", mar25},
		{"31/03/2025 00:00", mar25},
		{"2199-12", Month{2199, time.December}},
	}
	for _, c := range ok {
		got, err := ParseMonth(c.in)
		if err != nil {
			t.Errorf("ParseMonth(%q): %v", c.in, err)
			continue
		}
		if got != c.want {
			t.Errorf("ParseMonth(%q) = %v, want %v", c.in, got, c.want)
		}
	}
	bad := []struct{ in, want string }{
		{"", `want a month such as 2025-03, got an empty cell`},
		{"2025-13", `want a month such as 2025-03 or March 2025, got "2025-13" (month 13 does not exist)`},
		{"2025-00", `want a month such as 2025-03 or March 2025, got "2025-00" (month 0 does not exist)`},
		{"2025-02-30", `want a month such as 2025-03 or March 2025, got "2025-02-30" (February 2025 has no day 30)`},
		{"2025-02-29", `want a month such as 2025-03 or March 2025, got "2025-02-29" (February 2025 has no day 29)`},
		{"2025-04-31", `want a month such as 2025-03 or March 2025, got "2025-04-31" (April 2025 has no day 31)`},
		{"2025-03-00", `want a month such as 2025-03 or March 2025, got "2025-03-00" (March 2025 has no day 0)`},
		{"03/04/2025", `want a month such as 2025-03 or March 2025, got "03/04/2025" (ambiguous: day and month order unknown; write 2025-03)`},
		{"3.4.2025", `want a month such as 2025-03 or March 2025, got "3.4.2025" (ambiguous: day and month order unknown; write 2025-03)`},
		{"45717", `want a month such as 2025-03 or March 2025, got "45717" (a number: an Excel date serial? format the cell as a date or write 2025-03)`},
		{"2025", `want a month such as 2025-03 or March 2025, got "2025"`},
		{"2025-+3", `want a month such as 2025-03 or March 2025, got "2025-+3"`},
		{"2025--03", `want a month such as 2025-03 or March 2025, got "2025--03"`},
		{"2025-03/01", `want a month such as 2025-03 or March 2025, got "2025-03/01"`},
		{"2025-003", `want a month such as 2025-03 or March 2025, got "2025-003"`},
		{"2025-03-01T12:00:00", `want a month such as 2025-03 or March 2025, got "2025-03-01T12:00:00"`},
		{"2025-03 foo", `want a month such as 2025-03 or March 2025, got "2025-03 foo"`},
		{"1899-12", `want a month between 1900 and 2199, got "1899-12"`},
		{"2200-01", `want a month between 1900 and 2199, got "2200-01"`},
		{"березен 2025", `want a month such as 2025-03 or March 2025, got "березен 2025"`},
		{"Marchh 2025", `want a month such as 2025-03 or March 2025, got "Marchh 2025"`},
		{"25 Mar", `want a month such as 2025-03 or March 2025, got "25 Mar"`}, // a day, not a year
		{"Mar-2", `want a month such as 2025-03 or March 2025, got "Mar-2"`},
		{"Mar-025", `want a month such as 2025-03 or March 2025, got "Mar-025"`},
		{"13/13/2025", `want a month such as 2025-03 or March 2025, got "13/13/2025" (neither 13 nor 13 can be a month)`},
		{"31/03/25", `want a month such as 2025-03 or March 2025, got "31/03/25"`},
		{"31/02/2025", `want a month such as 2025-03 or March 2025, got "31/02/2025" (February 2025 has no day 31)`},
		{"March", `want a month such as 2025-03 or March 2025, got "March"`},
		{"March 2025 2026", `want a month such as 2025-03 or March 2025, got "March 2025 2026"`},
		{"Mar +202", `want a month such as 2025-03 or March 2025, got "Mar +202"`},
		{"99999999999999999999-03", `want a month such as 2025-03 or March 2025, got "99999999999999999999-03"`},
	}
	for _, c := range bad {
		got, err := ParseMonth(c.in)
		if err == nil {
			t.Errorf("ParseMonth(%q) = %v, want error %q", c.in, got, c.want)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("ParseMonth(%q) error:\n got  %s\n want %s", c.in, err, c.want)
		}
	}
}

// utf16LE encodes s as Excel's "Unicode text" does: UTF-16 little-endian
// after a byte-order mark.
func utf16LE(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16BE(s string) []byte {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func encode8(t *testing.T, cm *charmap.Charmap, s string) []byte {
	t.Helper()
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

// TestDecodeInput checks that each encoding casualty meets is decoded to
// the same UTF-8 text, or refused with the encoding it probably is.
func TestDecodeInput(t *testing.T) {
	const text = "month\tarea\tmetric\tvalue\tnote\n2025-03\tUA\tkilled\t164\tКиїв – Kyïv’s\n"
	ok := []struct {
		name, enc string
		in        []byte
	}{
		{"utf-8", "", []byte(text)},
		{"utf-8 declared", "utf-8", []byte(text)},
		{"utf-16le with BOM, detected", "", utf16LE(text, true)},
		{"utf-16be with BOM, detected", "", utf16BE(text)},
		{"utf-16le with BOM, declared", "utf-16", utf16LE(text, true)},
		{"utf-16be with BOM, declared", "UTF-16", utf16BE(text)},
		{"utf-16le without BOM, declared", "utf-16le", utf16LE(text, false)},
	}
	for _, c := range ok {
		r, err := decodeInput(bytes.NewReader(c.in), "f.csv", c.enc)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		got, err := io.ReadAll(r)
		if err != nil {
			t.Errorf("%s: read: %v", c.name, err)
			continue
		}
		if string(got) != text {
			t.Errorf("%s: decoded %q, want %q", c.name, got, text)
		}
	}
	// Lines ended by CR alone (Excel for Mac's "CSV (Macintosh)") read as
	// lines; CRLF and a CR inside a line of LF-ended text stay as they are.
	for _, c := range []struct{ in, want string }{
		{"month,killed\r2025-03,164\r", "month,killed\n2025-03,164\n"},
		{"month,killed\r\n2025-03,164\r\n", "month,killed\r\n2025-03,164\r\n"},
		{"month,note\n2025-03,\"a\rb\"\n", "month,note\n2025-03,\"a\rb\"\n"},
	} {
		for _, enc := range []string{"", "windows-1252"} {
			r, err := decodeInput(strings.NewReader(c.in), "f.csv", enc)
			if err != nil {
				t.Errorf("%q (%s): %v", c.in, enc, err)
				continue
			}
			if got, _ := io.ReadAll(r); string(got) != c.want {
				t.Errorf("%q (%s) read as %q, want %q", c.in, enc, got, c.want)
			}
		}
	}
	// Each legacy code page decodes its own letters.
	const cyr = "area,note\nUA,Київська область\n"
	const lat = "area,note\nUA,Kyïv – Dnipropetrovs’k, “Zaporizhzhia”\n"
	for _, c := range []struct {
		enc  string
		cm   *charmap.Charmap
		text string
	}{{"windows-1251", charmap.Windows1251, cyr}, {"windows-1252", charmap.Windows1252, lat}, {"cp1251", charmap.Windows1251, cyr}} {
		r, err := decodeInput(bytes.NewReader(encode8(t, c.cm, c.text)), "f.csv", c.enc)
		if err != nil {
			t.Errorf("%s: %v", c.enc, err)
			continue
		}
		got, _ := io.ReadAll(r)
		if string(got) != c.text {
			t.Errorf("%s: decoded %q, want %q", c.enc, got, c.text)
		}
	}

	bad := []struct {
		name, enc string
		in        []byte
		want      string
	}{
		{"unknown encoding", "latin-9", []byte(text),
			`f.csv: unknown --encoding "latin-9"; want one of utf-8, utf-16, utf-16le, utf-16be, windows-1251, windows-1252`},
		{"utf-16 declared on UTF-8", "utf-16", []byte(text),
			`f.csv: --encoding utf-16 given, but the file does not look like UTF-16 (no byte-order mark, no NUL bytes between letters); drop --encoding`},
		{"windows-1251 declared on UTF-8", "windows-1251", []byte(text),
			`f.csv: --encoding windows-1251 given, but the file is already UTF-8 text; drop --encoding`},
		{"windows-1252 declared on UTF-8 with BOM", "windows-1252", []byte("\xEF\xBB\xBFmonth,value\n"),
			`f.csv: --encoding windows-1252 given, but the file is already UTF-8 text; drop --encoding`},
		{"UTF-32", "", append([]byte{0xFF, 0xFE, 0, 0}, 'm', 0, 0, 0),
			`f.csv: the file is UTF-32 text, which casualty does not read; save it as "CSV UTF-8"`},
		{"UTF-32 big-endian, declared UTF-16", "utf-16", []byte{0, 0, 0xFE, 0xFF, 0, 0, 0, 'm'},
			`f.csv: the file is UTF-32 text, which casualty does not read; save it as "CSV UTF-8"`},
		{"windows-1251 declared on UTF-16", "windows-1251", utf16LE(text, true),
			`f.csv: --encoding windows-1251 given, but the file is UTF-16 text (it starts with a UTF-16 byte-order mark); drop --encoding or pass --encoding utf-16`},
	}
	for _, c := range bad {
		_, err := decodeInput(bytes.NewReader(c.in), "f.csv", c.enc)
		if err == nil {
			t.Errorf("%s: no error, want %q", c.name, c.want)
			continue
		}
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: error %T is not an *InputError", c.name, err)
		}
		if err.Error() != c.want {
			t.Errorf("%s:\n got  %s\n want %s", c.name, err, c.want)
		}
	}
}

// TestTextEncodingError checks what casualty says about input that is not
// UTF-8 when no --encoding is given: the likely encoding, and the flag.
func TestTextEncodingError(t *testing.T) {
	cases := []struct {
		name string
		in   []byte
		want string
	}{
		{"cyrillic", encode8(t, charmap.Windows1251, "month,area,note\n2025-03,UA,Київська область, Харківська\n"),
			`f.csv: the file is not UTF-8 text; it looks like windows-1251 (Cyrillic, as Excel saves CSV on a Russian or Ukrainian Windows); save it as "CSV UTF-8" or pass --encoding windows-1251`},
		{"latin", encode8(t, charmap.Windows1252, "month,area,note\n2025-03,UA,Kyïv – Dnipropetrovs’k, Zaporizhzhia café\n"),
			`f.csv: the file is not UTF-8 text; it looks like windows-1252 (Latin, as Excel saves CSV on a Western European Windows); save it as "CSV UTF-8" or pass --encoding windows-1252`},
		{"utf-16 without BOM", utf16LE("month,value\n2025-03,5\n", false),
			`f.csv: the file looks like UTF-16 text without a byte-order mark (NUL bytes between letters); save it as "CSV UTF-8" or pass --encoding utf-16le (or utf-16be)`},
		{"NUL bytes", []byte("month,value\n2025-03,5\x00\n"),
			`f.csv: the file contains NUL bytes; it is binary, not CSV text`},
		{"zip", []byte("PK\x03\x04\x14\x00"),
			`f.csv: this is a zip file (an .xlsx or .ods workbook?), not CSV text; give it an .xlsx name or --format-in xlsx`},
		{"xls", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1},
			`f.csv: this is an Excel 97-2003 .xls workbook, which casualty does not read; save it as .xlsx or CSV (UTF-8)`},
	}
	for _, c := range cases {
		err := textEncodingError(c.in, "f.csv")
		if err == nil {
			t.Errorf("%s: no error, want %q", c.name, c.want)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("%s:\n got  %s\n want %s", c.name, err, c.want)
		}
	}
	// A rune cut by the end of the peek is not an encoding error.
	head := []byte(strings.Repeat("a", 4094) + "ї")[:4095]
	if err := textEncodingError(head, "f.csv"); err != nil {
		t.Errorf("UTF-8 cut mid-rune by the peek: %v", err)
	}
}

// TestLongCellMessages: a hostile cell of a megabyte is quoted in part, so
// that 20 such errors cannot flood the terminal.
func TestLongCellMessages(t *testing.T) {
	long := strings.Repeat("9", 1<<20)
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"count", func() error { _, err := ParseCount(long); return err }(),
			`want a count below 1000000000000, got "` + strings.Repeat("9", 60) + `"... (1048576 characters) (too large)`},
		{"month", func() error { _, err := ParseMonth("March " + long); return err }(),
			`want a month such as 2025-03 or March 2025, got "March ` + strings.Repeat("9", 60-6) + `"... (1048582 characters)`},
		{"date", func() error { _, err := ParseDate("Київ" + long); return err }(),
			`want a date written YYYY-MM-DD, got "Київ` + strings.Repeat("9", 60-4) + `"... (1048580 characters)`},
		// Up to 70 characters are quoted whole.
		{"70 characters", func() error { _, err := ParseCount(strings.Repeat("x", 70)); return err }(),
			`want a whole number, got "` + strings.Repeat("x", 70) + `"`},
	}
	for _, c := range cases {
		if c.err == nil || c.err.Error() != c.want {
			t.Errorf("%s:\n got  %v\n want %s", c.name, c.err, c.want)
		}
	}
}
