package data

import (
	"strings"
	"testing"
	"time"
)

// The embedded UNAMI series, checked against UNAMI's own annual totals for
// 2015: 7,515 civilians killed and 14,855 injured. The twelve national
// months, as published (January to December):
//
//	killed  790+611+729+535+665+665+844+585+537+559+489+506 = 7,515
//	injured 1469+1353+1785+1456+1313+1032+1616+1103+925+1067+869+867 = 14,855
func TestUNAMIAnnualTotals(t *testing.T) {
	ds, err := Embedded("unami")
	if err != nil {
		t.Fatal(err)
	}
	want := map[Metric]int64{Killed: 7515, Injured: 14855}
	for m, w := range want {
		s := ds.Latest().Series("IQ", m)
		var sum int64
		n := 0
		for _, p := range s.Points {
			if !p.Present {
				t.Errorf("%s %s: a gap in UNAMI's national series", p.Month, m)
				continue
			}
			sum += p.Value
			n++
		}
		if n != 12 || sum != w {
			t.Errorf("UNAMI 2015 national %s: %d months summing to %d, want 12 months summing to %d", m, n, sum, w)
		}
	}
}

// The quirks of UNAMI's series are data: civilian police in the national
// figures, Anbar in or out of the national total month by month, one
// approximate figure, September with national and Anbar figures only.
func TestUNAMIQuirks(t *testing.T) {
	ds, err := Embedded("unami")
	if err != nil {
		t.Fatal(err)
	}
	if ds.Source.ID != "unami" || ds.CountryName() != "Iraq" || ds.NationalCode() != "IQ" {
		t.Fatalf("source %q, country %q (%s); want unami, Iraq (IQ)", ds.Source.ID, ds.CountryName(), ds.NationalCode())
	}
	if !strings.Contains(ds.Source.Counts, "civilian police") {
		t.Errorf("UNAMI's counts do not say civilian police are included: %q", ds.Source.Counts)
	}
	// Releases of April-July and September say the national figures
	// include Anbar's; October's and November's say none could be
	// obtained; the others say nothing.
	want := map[int]Inclusion{1: InclusionUnstated, 2: InclusionUnstated, 3: InclusionUnstated, 4: Included, 5: Included, 6: Included,
		7: Included, 8: InclusionUnstated, 9: Included, 10: Excluded, 11: Excluded, 12: InclusionUnstated}
	for mo, inc := range want {
		for _, m := range []Metric{Killed, Injured} {
			o, ok := ds.Figure(Key{NewMonth(2015, time.Month(mo)), "IQ", m})
			if !ok {
				t.Fatalf("no national %s for 2015-%02d", m, mo)
			}
			c, ok := o.Component("IQG01")
			if !ok || c.Inclusion != inc {
				t.Errorf("2015-%02d %s: Anbar %v (%v), want %v", mo, m, c.Inclusion, ok, inc)
			}
		}
	}
	// "some 124" killed in Anbar in December: approximate, not a bound.
	o, ok := ds.Figure(Key{NewMonth(2015, 12), "IQG01", Killed})
	if !ok || o.Value != 124 || o.Qualifier != Approx {
		t.Errorf("Anbar December 2015 killed = %d %s (%v), want 124 approx", o.Value, o.Qualifier, ok)
	}
	// Every other figure is exact as published and at least by UNAMI's
	// declaration that its counts are an absolute minimum.
	for _, x := range ds.Obs {
		if x.Qualifier == Approx {
			continue
		}
		if x.Qualifier != AtLeast || !x.ByDeclaration {
			t.Errorf("%s: %s (declared %v), want at_least by declaration", x.Key(), x.Qualifier, x.ByDeclaration)
		}
	}
	// Governorate figures on their COD-AB p-codes: July 2015, Diyala
	// (IQG10) 170 killed, Salahadin (IQG16) 64, Ninewa (IQG15) 101,
	// Baghdad (IQG08) 335 (UNAMI's release for July 2015).
	for code, want := range map[string]int64{"IQG10": 170, "IQG16": 64, "IQG15": 101, "IQG08": 335, "IQG01": 147, "IQG13": 26} {
		if o, ok := ds.Figure(Key{NewMonth(2015, 7), code, Killed}); !ok || o.Value != want {
			t.Errorf("July 2015 %s killed = %d (%v), want %d", code, o.Value, ok, want)
		}
	}
	// September 2015: national and Anbar only.
	var areas []string
	for _, x := range ds.Obs {
		if x.Month == NewMonth(2015, 9) {
			areas = append(areas, x.Area)
		}
	}
	if strings.Join(areas, ",") != "IQ,IQ,IQG01,IQG01" {
		t.Errorf("September 2015 areas %v, want IQ and IQG01 (killed and injured each)", areas)
	}
	// The spellings of the releases load as one governorate each:
	// Salahuddin, Salahadin and Salah al-Din are IQG16; Ninewa and Nineveh
	// IQG15.
	for _, x := range ds.Obs {
		if x.Area != "IQ" && !strings.HasPrefix(x.Area, "IQG") {
			t.Errorf("%s: area %q is not an Iraqi p-code", x.Pos, x.Area)
		}
	}
	// Our notes, never the releases' sentences: no quotation marks.
	for _, x := range ds.Obs {
		if strings.ContainsAny(x.Note, "\"“”") {
			t.Errorf("%s: note quotes a release: %q", x.Pos, x.Note)
		}
	}
}

func TestEmbeddedSelection(t *testing.T) {
	for _, name := range []string{"hrmmu", "unami", " UNAMI "} {
		ds, err := Embedded(name)
		if err != nil || len(ds.Obs) == 0 {
			t.Errorf("Embedded(%q): %v", name, err)
		}
	}
	if _, err := Embedded("unmai"); err == nil || err.Error() != `unknown dataset "unmai"; did you mean unami?` {
		t.Errorf("Embedded(unmai) error = %v", err)
	}
	if Default().Source.ID != "hrmmu" {
		t.Errorf("default dataset's source = %q, want hrmmu", Default().Source.ID)
	}
	list := EmbeddedList()
	if len(list) != 2 || list[0].Set.Name != "hrmmu" || list[1].Set.Name != "unami" {
		t.Fatalf("EmbeddedList: %+v", list)
	}
	// HRMMU: Feb 2022 - Jan 2026, 48 months of which September, October
	// and December 2023 have no figure (reference README, "Coverage").
	h := list[0]
	if h.From != NewMonth(2022, 2) || h.To != NewMonth(2026, 1) || h.Months != 45 || len(h.Missing) != 3 || h.Areas != 0 {
		t.Errorf("hrmmu coverage %s..%s, %d months, missing %v, %d areas; want 2022-02..2026-01, 45, 3 missing, 0", h.From, h.To, h.Months, h.Missing, h.Areas)
	}
	// UNAMI: the twelve months of 2015 and six governorates (Anbar,
	// Baghdad, Diyala, Kirkuk, Ninewa, Salah al-Din).
	u := list[1]
	if u.From != NewMonth(2015, 1) || u.To != NewMonth(2015, 12) || u.Months != 12 || len(u.Missing) != 0 || u.Areas != 6 {
		t.Errorf("unami coverage %s..%s, %d months, missing %v, %d areas; want 2015-01..2015-12, 12, none, 6", u.From, u.To, u.Months, u.Missing, u.Areas)
	}
}

// HRMMU's own totals: 15,172 killed and 41,378 injured to 31 January 2026
// (fact sheet of 16 February 2026). The sum of the monthly figures to
// that date is lower (14,133 killed) because three months are gaps.
func TestHRMMUTotals(t *testing.T) {
	cases := []struct {
		date   string
		m      Metric
		want   int64
		asOf   string
		hasPub bool
	}{
		{"2026-01-31", Killed, 15172, "2026-01-31", true},
		{"2026-01-31", Injured, 41378, "2026-01-31", true},
		{"2026-03-01", Killed, 15172, "2026-01-31", true}, // nothing newer
		{"2026-01-30", Killed, 14999, "2025-12-31", true},
		// 31 March 2025: the injured figure was published only rounded
		// and is left out, so the total to that day is February's.
		{"2025-03-31", Injured, 29392, "2025-02-21", true},
		{"2025-03-31", Killed, 12910, "2025-03-31", false},
	}
	for _, c := range cases {
		tot, ok := HRMMUTotalTo(mustDate(t, c.date), c.m)
		if !ok || tot.Figures[c.m] != c.want || tot.AsOf.String() != c.asOf || tot.Qualifier != AtLeast {
			t.Errorf("total of %s to %s = %d as of %s %s (%v), want at least %d as of %s", c.m, c.date, tot.Figures[c.m], tot.AsOf, tot.Qualifier, ok, c.want, c.asOf)
		}
		if tot.Source == "" || (c.hasPub && tot.Published.Date.IsZero()) {
			t.Errorf("total to %s: source %q, published %v", c.date, tot.Source, tot.Published)
		}
	}
	if _, ok := HRMMUTotalTo(mustDate(t, "2022-02-26"), Killed); ok {
		t.Error("a total before the first cut-off (27 Feb 2022)")
	}
	if ts := EmbeddedTotals("unami"); ts != nil {
		t.Errorf("UNAMI has no running totals embedded, got %d", len(ts))
	}
	// Month end: January 2026 ends on its cut-off.
	if tot, atEnd, ok := EmbeddedTotals("hrmmu").ToMonthEnd(NewMonth(2026, 1), Killed); !ok || !atEnd || tot.Figures[Killed] != 15172 {
		t.Errorf("ToMonthEnd(2026-01) = %d, end %v, ok %v", tot.Figures[Killed], atEnd, ok)
	}
}

func TestSourceQualifier(t *testing.T) {
	cases := []struct {
		s      Source
		stated Qualifier
		want   Qualifier
	}{
		{HRMMU, Exact, AtLeast},
		{HRMMU, AtLeast, AtLeast},
		{HRMMU, Approx, Approx}, // about 124 is not a bound
		{UNAMI, Exact, AtLeast},
		{ACLED, Exact, Exact}, // reported fatalities are no minimum
		{UserFile, Exact, Exact},
	}
	for _, c := range cases {
		if got := c.s.Qualifier(c.stated); got != c.want {
			t.Errorf("%s.Qualifier(%s) = %s, want %s", c.s.Label(), c.stated, got, c.want)
		}
	}
	// A user's file declared as HRMMU's: its exact figures become "at
	// least", and the wording as published is kept.
	f := &Dataset{Obs: []Observation{{Month: NewMonth(2025, 2), Area: "UA", Metric: Killed, Value: 129}}}
	g := f.WithSource(HRMMU)
	if o := g.Obs[0]; o.Qualifier != AtLeast || o.StatedQualifier() != Exact || g.Source.ID != "hrmmu" {
		t.Errorf("WithSource: %s (stated %s), source %q", o.Qualifier, o.StatedQualifier(), g.Source.ID)
	}
	if f.Obs[0].Qualifier != Exact {
		t.Error("WithSource modified its receiver")
	}
	if f.Wording().Kind != KindUnknown || (&Dataset{Format: "events"}).Wording().ID != "acled" {
		t.Error("Wording: a bare file is a user file, an event export ACLED's")
	}
	// Merging two sources' figures keeps neither; one source's, it.
	m, err := Merge(Default(), f)
	if err != nil || m.Source.Declared() {
		t.Errorf("merge of HRMMU and a user file: source %q, %v", m.Source.ID, err)
	}
}

// Totals as seen on a given day: the 31 January 2026 total came out on 16
// February 2026; before that, the newest known is 31 December 2025's,
// published 12 January 2026.
func TestTotalsPublishedBy(t *testing.T) {
	ts := Default().PublishedTotals()
	if ts == nil {
		t.Fatal("no totals for HRMMU's dataset")
	}
	for _, c := range []struct {
		by   string
		want int64
	}{
		{"2026-02-16", 15172}, {"2026-02-15", 14999}, {"2026-01-11", 14775},
	} {
		got, ok := ts.PublishedBy(mustDate(t, c.by)).To(mustDate(t, c.by), Killed)
		if !ok || got.Figures[Killed] != c.want {
			t.Errorf("as published by %s: %d (%v), want %d", c.by, got.Figures[Killed], ok, c.want)
		}
	}
	if (&Dataset{}).PublishedTotals() != nil {
		t.Error("a user's file has published totals")
	}
}

func TestAreasForFile(t *testing.T) {
	cases := []struct {
		cells []string
		named *AreaTable
		want  string
		err   string
	}{
		{[]string{"IQG08"}, nil, "IQ", ""},
		{[]string{"Baghdad"}, Iraq(), "IQ", ""},
		{[]string{"Kharkiv"}, nil, "UA", ""},
		{[]string{"UA80"}, Iraq(), "", "--country says Iraq (IQ), but the file's codes are UA's; drop --country or correct the file"},
	}
	for _, c := range cases {
		got, err := AreasForFile(c.cells, c.named)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("%v: error %v, want %q", c.cells, err, c.err)
			}
			continue
		}
		if err != nil || got.Country.Code != c.want {
			t.Errorf("%v: %v, %v; want %s", c.cells, got, err, c.want)
		}
	}
}

// A merge keeps a source and a format only when every part with figures
// shares them: event sums merged with nothing are still event data.
func TestMergeKeepsSource(t *testing.T) {
	ev := &Dataset{Obs: []Observation{{Month: NewMonth(2025, 3), Area: "UA14", Metric: Killed, Value: 3}}, Format: "events"}
	m, err := Merge(&Dataset{}, ev)
	if err != nil || m.Format != "events" || m.Wording().ID != "acled" {
		t.Errorf("events alone: format %q, wording %q, %v", m.Format, m.Wording().ID, err)
	}
	u, _ := Embedded("unami")
	m, err = Merge(u, &Dataset{})
	if err != nil || m.Source.ID != "unami" {
		t.Errorf("UNAMI alone: source %q, %v", m.Source.ID, err)
	}
}
