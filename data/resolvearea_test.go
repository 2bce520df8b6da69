package data

import (
	"fmt"
	"strings"
	"testing"
)

// TestResolveArea: --area as every command reads it (one method, where
// cmd had two). A name that OCHA and ACLED give to different units is
// refused with the p-codes, never read as one of them.
func TestResolveArea(t *testing.T) {
	ds := Default()
	cases := []struct{ in, want, err string }{
		{"", "UA", ""},
		{"ua", "UA", ""},
		{"Ukraine", "UA", ""},
		{"UA80", "UA80", ""},
		{"Kharkivska", "UA63", ""},
		{"Харківська область", "UA63", ""},
		{"Kyiv", "", "UA80"}, // the city (COD-AB) or the oblast (ACLED)
		{"Kharkivv", "", "Kharkiv"},
	}
	for _, c := range cases {
		got, err := ds.ResolveArea(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ResolveArea(%q) = %q, %v; want an error naming %s", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("ResolveArea(%q) = %q, %v; want %s", c.in, got, err, c.want)
		}
	}
}

// TestNameFiles: a few files are named one by one; a store's many are
// counted under their folder, so no output grows with the store.
func TestNameFiles(t *testing.T) {
	many := make([]string, 44)
	for i := range many {
		many[i] = fmt.Sprintf("st/publications/p%02d.csv", i)
	}
	cases := []struct {
		in   []string
		want string
	}{
		{[]string{"a.csv", "b.xlsx"}, "a.csv, b.xlsx"},
		{many, "44 publication files in st/publications"},
		{append([]string{"x/a.csv"}, many...), "45 files, from x/a.csv to st/publications/p43.csv"},
	}
	for _, c := range cases {
		if got := NameFiles(c.in); got != c.want {
			t.Errorf("NameFiles(%d files) = %q, want %q", len(c.in), got, c.want)
		}
	}
}
