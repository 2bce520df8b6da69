package data

import "testing"

func TestAreaLookup(t *testing.T) {
	ua := Ukraine()
	if n := len(ua.Units); n != 27 {
		t.Fatalf("Ukraine has %d first-level units, want 27", n)
	}
	cases := []struct {
		in, want, err string
	}{
		{in: "UA80", want: "UA80"},
		{in: "ua14", want: "UA14"},
		{in: "Kyiv City", want: "UA80"}, // ACLED's spelling of the capital
		{in: "Kyiv", want: "UA32"},      // ACLED's "Kyiv" is the oblast around the capital
		{in: "Donetsk", want: "UA14"},
		{in: "Donetska", want: "UA14"},
		{in: "  zaporizhzhia  oblast ", want: "UA23"},
		{in: "UA", want: "UA"},
		{in: "Харківська", want: "UA63"},         // Ukrainian name, as in a decoded Windows-1251 file
		{in: "Харківська область", want: "UA63"}, // with the word for oblast
		{in: "м. Київ", want: "UA80"},            // the city
		{in: "Kharkivska Oblast", want: "UA63"},
		{in: "Donetsk region", want: "UA14"},
		{in: "UA-30", err: `"UA-30" is the ISO 3166-2 code of Kyiv; write its p-code UA80`},
		{in: "UA-43", err: `"UA-43" is the ISO 3166-2 code of Avtonomna Respublika Krym; write its p-code UA01`},
		{in: "UA-09", err: `"UA-09" is the ISO 3166-2 code of Luhanska; write its p-code UA44`},
		{in: "Kharkiw", err: `unknown area "Kharkiw"; did you mean UA63 (Kharkivska)?`},
		{in: "Atlantis", err: `unknown area "Atlantis"; want a p-code such as UA01 or a name such as "Avtonomna Respublika Krym"`},
		{in: "", err: `want an area p-code or name, got an empty cell`},
	}
	for _, c := range cases {
		a, err := ua.Lookup(c.in)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("Lookup(%q) error = %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || a.Code != c.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", c.in, a.Code, err, c.want)
		}
	}
}

// The five units whose ISO 3166-2 code does not repeat the p-code digits.
func TestISOCodesThatDiffer(t *testing.T) {
	want := map[string]string{"UA01": "UA-43", "UA44": "UA-09", "UA73": "UA-77", "UA80": "UA-30", "UA85": "UA-40"}
	n := 0
	for _, a := range Ukraine().Units {
		if "UA-"+a.Code[2:] != a.ISO {
			n++
			if want[a.Code] != a.ISO {
				t.Errorf("%s: ISO %s, want %s", a.Code, a.ISO, want[a.Code])
			}
		}
	}
	if n != 5 {
		t.Errorf("%d units have ISO codes that differ from their p-code, want 5", n)
	}
}

// Iraq's governorates as OCHA's COD-AB codes them, with the spellings
// UNAMI's releases and news reports use.
func TestIraqLookup(t *testing.T) {
	iq := Iraq()
	if n := len(iq.Units); n != 18 || iq.Units[0].Code != "IQG01" || iq.Units[17].Code != "IQG18" {
		t.Fatalf("Iraq has %d units (%s..%s), want 18, IQG01..IQG18", n, iq.Units[0].Code, iq.Units[len(iq.Units)-1].Code)
	}
	cases := []struct{ in, want string }{
		{"IQG08", "IQG08"}, {"Baghdad", "IQG08"},
		{"Anbar", "IQG01"}, {"Al-Anbar", "IQG01"}, {"al anbar", "IQG01"},
		{"Ninewa", "IQG15"}, {"Nineveh", "IQG15"}, {"Ninawa", "IQG15"},
		{"Salahadin", "IQG16"}, {"Salah al-Din", "IQG16"}, {"Salahuddin", "IQG16"}, {"Salah Al-Din", "IQG16"},
		// Duhok is IQG09 and Diyala IQG10: COD-AB does not order the
		// governorates alphabetically (checked against a table matched to
		// COD-AB's polygons by area and population).
		{"Diyala", "IQG10"}, {"Diala", "IQG10"}, {"Kirkuk", "IQG13"}, {"Erbil", "IQG11"}, {"Dohuk", "IQG09"}, {"Duhok", "IQG09"}, {"Basra", "IQG02"},
		{"Kerbela", "IQG12"}, {"Maysan", "IQG14"}, {"Thi Qar", "IQG17"}, {"Wasit", "IQG18"}, {"Babylon", "IQG07"}, {"Qadisiya", "IQG05"}, {"Sulaymaniyah", "IQG06"},
		{"Anbar Governorate", "IQG01"}, {"IQ", "IQ"},
	}
	for _, c := range cases {
		a, err := iq.Lookup(c.in)
		if err != nil || a.Code != c.want {
			t.Errorf("Lookup(%q) = %s, %v; want %s", c.in, a.Code, err, c.want)
		}
	}
	// An unknown governorate gets the nearest known name.
	if _, err := iq.Lookup("Ninewah gov"); err == nil {
		t.Error("Ninewah gov loaded")
	}
	_, err := iq.Lookup("Salahudin")
	if err == nil || err.Error() != `unknown area "Salahudin"; did you mean IQG16 (Salah Al-Din)?` {
		t.Errorf("Lookup(Salahudin) error = %v", err)
	}
	_, err = iq.Lookup("IQ-BG")
	if err == nil || err.Error() != `"IQ-BG" is the ISO 3166-2 code of Baghdad; write its p-code IQG08` {
		t.Errorf("Lookup(IQ-BG) error = %v", err)
	}
}

func TestCountries(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"UA", "UA"}, {"ua", "UA"}, {"Ukraine", "UA"}, {"IQ", "IQ"}, {"IRQ", "IQ"}, {"iraq", "IQ"},
	} {
		tab, err := Areas(c.in)
		if err != nil || tab.Country.Code != c.want {
			t.Errorf("Areas(%q): %v", c.in, err)
		}
	}
	if _, err := Areas("Atlantis"); err == nil || err.Error() != `no area table for country "Atlantis"; casualty has tables for IQ, SY, UA, YE` {
		t.Errorf("Areas(Atlantis) error = %v", err)
	}
	for _, c := range []struct {
		cells []string
		want  string
		ok    bool
		err   string
	}{
		{[]string{"IQG08", "IQG01", "IQ"}, "IQ", true, ""},
		{[]string{"UA80", "UA32"}, "UA", true, ""},
		{[]string{"Baghdad", "", "IRQ"}, "IQ", true, ""}, // #country+code
		{[]string{"Kyiv", "Baghdad"}, "", false, ""},     // names say nothing
		{[]string{"UA80", "IQG08"}, "", false, `the file names areas of two countries: "UA80" is in UA, "IQG08" in IQ; give one country's figures per file`},
	} {
		got, ok, err := DetectCountry(c.cells)
		if got != c.want || ok != c.ok || (err == nil) != (c.err == "") || (err != nil && err.Error() != c.err) {
			t.Errorf("DetectCountry(%q) = %q, %v, %v; want %q, %v, %q", c.cells, got, ok, err, c.want, c.ok, c.err)
		}
	}
}

// Issue 13 item 3: "Kyiv" is the city (UA80) in OCHA's COD-AB and the
// oblast (UA32) in ACLED's exports.
func TestKyivConventions(t *testing.T) {
	ua := Ukraine()
	if a, _ := ua.Get("UA80"); a.Name != "Kyiv" {
		t.Errorf("UA80 is named %q, want OCHA's ADM1_EN Kyiv", a.Name)
	}
	if a, _ := ua.Get("UA01"); a.Name != "Avtonomna Respublika Krym" {
		t.Errorf("UA01 is named %q, want OCHA's ADM1_EN Avtonomna Respublika Krym", a.Name)
	}
	// The names of all 27 units as COD-AB writes them: COD-AB's convention.
	var cod []string
	for _, a := range ua.Units {
		cod = append(cod, a.Name)
	}
	if c := ua.DetectConvention(cod); c != ConventionCOD {
		t.Errorf("COD-AB names read as %s", c)
	}
	r := ua.Resolver(ConventionCOD)
	seen := map[string]bool{}
	for _, n := range cod {
		a, err := r.Name(n)
		if err != nil || seen[a.Code] {
			t.Errorf("COD-AB %q -> %s, %v (twice: %v)", n, a.Code, err, seen[a.Code])
		}
		seen[a.Code] = true
	}
	// ACLED's names: Kyiv and Kyiv City.
	if c := ua.DetectConvention([]string{"Kyiv", "Kyiv City", "Donetsk", "Kharkiv"}); c != ConventionACLED {
		t.Errorf("ACLED names read as %s", c)
	}
	cases := []struct {
		conv Convention
		in   string
		want string
		err  string
	}{
		{ConventionCOD, "Kyiv", "UA80", ""},
		{ConventionCOD, "Kyivska", "UA32", ""},
		{ConventionACLED, "Kyiv", "UA32", ""},
		{ConventionACLED, "Kyiv City", "UA80", ""},
		{ConventionUnknown, "Kyiv City", "UA80", ""},
		{ConventionUnknown, "Kyiv Oblast", "UA32", ""},
		{ConventionUnknown, "Kyiv region", "UA32", ""},
		{ConventionUnknown, "Київ", "UA80", ""},
		{ConventionUnknown, "Kyiv", "", `"Kyiv" is Kyiv (UA80) in OCHA's COD-AB names but Kyivska (UA32) in ACLED's, and this file does not show which it follows; add a p-code column, or write "Kyiv City" or "Kyivska"`},
		{ConventionUnknown, "Kiev", "", `"Kiev" is Kyiv (UA80) in OCHA's COD-AB names but Kyivska (UA32) in ACLED's, and this file does not show which it follows; add a p-code column, or write "Kyiv City" or "Kyivska"`},
	}
	for _, c := range cases {
		a, err := ua.Resolver(c.conv).Name(c.in)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%s %q: error %v, want %q", c.conv, c.in, err, c.err)
			}
			continue
		}
		if err != nil || a.Code != c.want {
			t.Errorf("%s %q = %s, %v; want %s", c.conv, c.in, a.Code, err, c.want)
		}
	}
	// Names only, with nothing to tell the convention: unknown.
	if c := ua.DetectConvention([]string{"Kyiv", "Kharkiv", "Odesa"}); c != ConventionUnknown {
		t.Errorf("Kyiv, Kharkiv, Odesa read as %s, want unknown", c)
	}
	// Kyivska beside Kyiv, but other names ACLED's: unknown.
	if c := ua.DetectConvention([]string{"Kyiv", "Kyivska", "Donetsk"}); c != ConventionUnknown {
		t.Errorf("mixed names read as %s, want unknown", c)
	}
	// Київ and Kyiv in one file, read by ACLED's convention, land in two
	// units: an error.
	r = ua.Resolver(ConventionACLED)
	if _, err := r.Name("Kyiv"); err != nil {
		t.Fatal(err)
	}
	_, err := r.Name("Київ")
	if want := `"Київ" is read as Kyiv (UA80) but "Kyiv", earlier in this file, as Kyivska (UA32) (ACLED names); if they mean one place, give p-codes`; err == nil || err.Error() != want {
		t.Errorf("Київ after Kyiv: %v, want %q", err, want)
	}
	// A p-code beside a name wins; the name must be one of its spellings.
	r = ua.Resolver(ConventionUnknown)
	for _, c := range []struct{ code, name, want, err string }{
		{"UA80", "Kyiv", "UA80", ""},
		{"UA32", "Kyiv", "UA32", ""}, // ACLED's spelling of UA32
		{"UA32", "Kyivska", "UA32", ""},
		{"UA80", "Kyiv City", "UA80", ""},
		{"UA80", "", "UA80", ""},
		{"ua01", "Avtonomna Respublika Krym", "UA01", ""},
		{"UA80", "Kyivska", "", `the p-code UA80 is Kyiv, but the name beside it is "Kyivska", which is Kyivska (UA32); correct one of them`},
		{"Kharkiv", "", "", `want a p-code such as UA63, got the name "Kharkiv" (that is UA63)`},
	} {
		a, err := r.Code(c.code, c.name)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("Code(%q, %q) error %v, want %q", c.code, c.name, err, c.err)
			}
			continue
		}
		if err != nil || a.Code != c.want {
			t.Errorf("Code(%q, %q) = %s, %v; want %s", c.code, c.name, a.Code, err, c.want)
		}
	}
	if !ua.IsSpelling("UA80", "м. Київ") || ua.IsSpelling("UA32", "Kyiv City") {
		t.Error("IsSpelling")
	}
}

// Syria's and Yemen's governorates: COD-AB p-codes, checked against two
// independent tables keyed by them (see the final report of issue 16).
func TestSyriaYemen(t *testing.T) {
	cases := []struct{ country, in, want string }{
		{"SY", "Damascus", "SY01"}, {"SY", "Aleppo", "SY02"}, {"SY", "Rif Dimashq", "SY03"}, {"SY", "Idlib", "SY07"},
		{"SY", "Tartus", "SY10"}, {"SY", "Raqqa", "SY11"}, {"SY", "Daraa", "SY12"}, {"SY", "Quneitra", "SY14"},
		{"YE", "Ibb", "YE11"}, {"YE", "Sana'a City", "YE13"}, {"YE", "Taizz", "YE15"}, {"YE", "Hodeidah", "YE18"},
		{"YE", "Sanaa", "YE23"}, {"YE", "Aden", "YE24"}, {"YE", "Socotra", "YE32"},
	}
	for _, c := range cases {
		tab, err := Areas(c.country)
		if err != nil {
			t.Fatal(err)
		}
		a, err := tab.Lookup(c.in)
		if err != nil || a.Code != c.want {
			t.Errorf("%s %q = %s, %v; want %s", c.country, c.in, a.Code, err, c.want)
		}
	}
	for c, n := range map[string]int{"SY": 14, "YE": 22} {
		tab, _ := Areas(c)
		if len(tab.Units) != n {
			t.Errorf("%s: %d units, want %d", c, len(tab.Units), n)
		}
	}
}
