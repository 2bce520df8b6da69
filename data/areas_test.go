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
