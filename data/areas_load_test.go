package data

import (
	"strings"
	"testing"
)

// OCHA's own admin-1 names beside their p-codes load (issue 13 item 3):
// "Kyiv" beside UA80 is COD-AB's name of the city, not a clash with the
// oblast; a name of another unit beside a code is still an error.
func TestHXLCodAbNames(t *testing.T) {
	in := "month,adm1_code,adm1_name,killed\n#date,#adm1+code,#adm1+name,#affected+killed\n" +
		"2025-03,UA80,Kyiv,5\n2025-03,UA32,Kyivska,3\n2025-03,UA01,Avtonomna Respublika Krym,1\n"
	ds, err := Load(strings.NewReader(in), "ocha.csv", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, o := range ds.Obs {
		got[o.Area] = o.Value
	}
	if got["UA80"] != 5 || got["UA32"] != 3 || got["UA01"] != 1 {
		t.Errorf("figures by area %v, want UA80 5, UA32 3, UA01 1", got)
	}
	bad := strings.Replace(in, "UA80,Kyiv,", "UA80,Kyivska,", 1)
	if _, err := Load(strings.NewReader(bad), "ocha.csv", LoadOptions{}); err == nil || !strings.Contains(err.Error(), `"Kyivska" is UA32 (Kyivska), but the p-code column "adm1_code" says UA80 (Kyiv)`) {
		t.Errorf("Kyivska beside UA80: %v", err)
	}
}

// A file with Iraq's p-codes loads with Iraq's table.
func TestIraqiFile(t *testing.T) {
	in := "month,area,killed,injured\n2015-06,IQG08,324,650\n2015-06,Salah al-Din,75,52\n2015-06,Nineveh,27,0\n"
	ds, err := Load(strings.NewReader(in), "iq.csv", LoadOptions{Areas: Iraq()})
	if err != nil {
		t.Fatal(err)
	}
	if ds.CountryName() != "Iraq" || len(ds.Obs) != 6 {
		t.Fatalf("country %q, %d figures", ds.CountryName(), len(ds.Obs))
	}
	for _, o := range ds.Obs {
		if o.Area != "IQG08" && o.Area != "IQG16" && o.Area != "IQG15" {
			t.Errorf("%s: area %s", o.Pos, o.Area)
		}
	}
}

// The country of a file is read from its p-codes; a --country that they
// contradict is an error naming the column.
func TestCountryFromCodes(t *testing.T) {
	in := "month,area,killed\n2015-06,IQG08,324\n2015-06,Diyala,87\n"
	ds, err := Load(strings.NewReader(in), "iq.csv", LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ds.CountryName() != "Iraq" || ds.Obs[1].Area != "IQG10" {
		t.Errorf("country %q, second area %s; want Iraq, IQG10", ds.CountryName(), ds.Obs[1].Area)
	}
	_, err = Load(strings.NewReader(in), "iq.csv", LoadOptions{Areas: Ukraine()})
	want := `iq.csv:1: column "area": --country says Ukraine (UA), but the file's codes are IQ's; drop --country or correct the file`
	if err == nil || err.Error() != want {
		t.Errorf("IQ codes with --country UA: %v, want %q", err, want)
	}
	// Names only: Ukraine, as before.
	ds, err = Load(strings.NewReader("month,area,killed\n2025-03,Kharkiv,5\n"), "ua.csv", LoadOptions{})
	if err != nil || ds.Obs[0].Area != "UA63" {
		t.Errorf("names only: %v", err)
	}
}
