package data

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// hrmmuCSV is the national monthly series published by OHCHR and its Human
// Rights Monitoring Mission in Ukraine (HRMMU), every vintage we found, each
// row with its publication, qualifier and source. The figures are verified
// minimums: the true numbers are higher.
//
//go:embed hrmmu.csv
var hrmmuCSV string

// hrmmuTotalsCSV holds HRMMU's published totals since 24 February 2022,
// one row per cut-off, each with where it was read (see Totals).
//
//go:embed hrmmu_totals.csv
var hrmmuTotalsCSV string

// unamiCSV is UNAMI's monthly series for Iraq in 2015: national figures
// and the governorates each release names, by p-code.
//
//go:embed unami.csv
var unamiCSV string

// unamiComponentsCSV says, month by month, whether UNAMI's national total
// includes Anbar's figures (see Component).
//
//go:embed unami_components.csv
var unamiComponentsCSV string

// EmbeddedName is the name the default dataset goes by in messages and
// positions.
const EmbeddedName = "embedded:hrmmu.csv"

// EmbeddedSet describes one dataset built into casualty.
type EmbeddedSet struct {
	Name    string // what --dataset takes: "hrmmu", "unami"
	File    string // the name positions use: "embedded:hrmmu.csv"
	Source  Source
	Country string // p-code of the country
	// Summary says in a line what the set holds, for --list-datasets.
	Summary string

	csv, components string
}

// embeddedSets are the datasets built in, the default first.
var embeddedSets = []EmbeddedSet{
	{Name: "hrmmu", File: EmbeddedName, Source: HRMMU, Country: "UA", csv: hrmmuCSV,
		Summary: "Ukraine, national civilian casualties by month, every vintage found (OHCHR/HRMMU)"},
	{Name: "unami", File: "embedded:unami.csv", Source: UNAMI, Country: "IQ", csv: unamiCSV, components: unamiComponentsCSV,
		Summary: "Iraq, national and governorate civilian casualties by month, 2015 (UNAMI)"},
}

// DefaultEmbedded is the name of the dataset used when none is named.
const DefaultEmbedded = "hrmmu"

// EmbeddedNames lists what --dataset accepts, the default first.
func EmbeddedNames() []string {
	out := make([]string, len(embeddedSets))
	for i, s := range embeddedSets {
		out[i] = s.Name
	}
	return out
}

// Coverage says what an embedded dataset covers, for --list-datasets.
type Coverage struct {
	Set          EmbeddedSet
	From, To     Month   // first and last month with a national figure
	Months       int     // months with a national figure
	Missing      []Month // months between From and To with none
	Areas        int     // first-level units with figures
	Figures      int     // figures, every vintage
	Publications int
}

// EmbeddedList describes every embedded dataset with its coverage, the
// default first.
func EmbeddedList() []Coverage {
	var out []Coverage
	for _, s := range embeddedSets {
		ds, err := Embedded(s.Name)
		if err != nil {
			panic(err) // embedded: a failure is a build defect a test rules out
		}
		c := Coverage{Set: s, Figures: len(ds.Obs), Publications: len(ds.Publications())}
		nat := ds.NationalCode()
		have := map[Month]bool{}
		for _, o := range ds.Obs {
			if o.Area == nat {
				have[o.Month] = true
			}
		}
		for _, a := range ds.AreaCodes() {
			if a != nat {
				c.Areas++
			}
		}
		first := true
		for m := range have {
			if first || m.Before(c.From) {
				c.From = m
			}
			if first || c.To.Before(m) {
				c.To = m
			}
			first = false
		}
		for m := c.From; !c.To.Before(m) && !first; m = m.Add(1) {
			if have[m] {
				c.Months++
			} else {
				c.Missing = append(c.Missing, m)
			}
		}
		out = append(out, c)
	}
	return out
}

// embeddedCache keeps each embedded dataset once loaded: it never changes.
var embeddedCache sync.Map

// Embedded returns the embedded dataset called name ("hrmmu", "unami"),
// with its source declared (so HRMMU's and UNAMI's figures are all "at
// least") and its area table. An unknown name is an error listing the
// known ones. Callers must not modify the dataset returned.
func Embedded(name string) (*Dataset, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	if ds, ok := embeddedCache.Load(key); ok {
		return ds.(*Dataset), nil
	}
	var set *EmbeddedSet
	for i := range embeddedSets {
		if embeddedSets[i].Name == key {
			set = &embeddedSets[i]
		}
	}
	if set == nil {
		msg := fmt.Sprintf("unknown dataset %q; want one of %s", name, strings.Join(EmbeddedNames(), ", "))
		if n := Nearest(key, EmbeddedNames()); n != "" {
			msg = fmt.Sprintf("unknown dataset %q; did you mean %s?", name, n)
		}
		return nil, fmt.Errorf("%s", msg)
	}
	areas, err := Areas(set.Country)
	if err != nil {
		return nil, err
	}
	ds, err := Load(strings.NewReader(set.csv), set.File, LoadOptions{Format: FormatTidy, Areas: areas})
	if err != nil {
		return nil, fmt.Errorf("embedded dataset %s: %v", set.Name, err)
	}
	if set.components != "" {
		if err := applyComponents(ds.Obs, set.components, set.File, areas); err != nil {
			return nil, err
		}
	}
	withSource(ds.Obs, set.Source)
	ds.Source = set.Source
	got, _ := embeddedCache.LoadOrStore(key, ds)
	return got.(*Dataset), nil
}

// Default returns the embedded HRMMU dataset. It panics if the embedded file
// does not load, which a test rules out.
func Default() *Dataset {
	ds, err := Embedded(DefaultEmbedded)
	if err != nil {
		panic("embedded dataset: " + err.Error())
	}
	return ds
}

// applyComponents marks the totals a components table names (month,
// area, component, inclusion, note) on every vintage of their figures.
func applyComponents(obs []Observation, text, file string, areas *AreaTable) error {
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return fmt.Errorf("%s components: %v", file, err)
	}
	type mk struct {
		m    Month
		area string
	}
	byTotal := map[mk][]Component{}
	for i, r := range recs[1:] {
		m, err := ParseMonth(r[0])
		if err != nil {
			return fmt.Errorf("%s components line %d: %v", file, i+2, err)
		}
		total, err1 := areas.Lookup(r[1])
		part, err2 := areas.Lookup(r[2])
		inc, err3 := ParseInclusion(r[3])
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("%s components line %d: bad row %q", file, i+2, r)
		}
		k := mk{m, total.Code}
		byTotal[k] = append(byTotal[k], Component{Area: part.Code, Inclusion: inc, Note: r[4]})
	}
	for i := range obs {
		if cs, ok := byTotal[mk{obs[i].Month, obs[i].Area}]; ok {
			obs[i].Components = cs
		}
	}
	return nil
}

// Total is a running total a source published: everyone killed (injured,
// ...) from the start of its count to a cut-off date. It is the figure to
// headline as "to date": a sum of monthly figures leaves out gap months
// and early months' later revisions, so it falls short of it.
type Total struct {
	AsOf Date
	// Figures holds the totals given; a metric not given is absent, never
	// zero.
	Figures map[Metric]int64
	// Qualifier is "at least" for a source whose counts are minimums.
	Qualifier Qualifier
	// CutoffAssumed is true when the publication did not state the
	// cut-off and the date is inferred (the end of the month reported on).
	CutoffAssumed bool
	Published     Publication // its date is zero when not known
	Source        string
	Note          string
}

// Totals is a source's series of running totals, oldest first.
type Totals []Total

// To returns the newest total of metric m with a cut-off on or before
// date: HRMMU's own total to 31 January 2026 is 15,172 killed. ok is
// false when no total of m is that old.
func (ts Totals) To(date Date, m Metric) (Total, bool) {
	for i := len(ts) - 1; i >= 0; i-- {
		if _, has := ts[i].Figures[m]; has && !ts[i].AsOf.After(date.Time) {
			return ts[i], true
		}
	}
	return Total{}, false
}

// ToMonthEnd returns the newest total of m with a cut-off within or before
// month mo, for a headline over months ending with mo, and whether the
// cut-off is the month's last day (when it is not, say which day it is).
func (ts Totals) ToMonthEnd(mo Month, m Metric) (t Total, atEnd, ok bool) {
	last := mo.First().AddDate(0, 1, -1)
	t, ok = ts.To(Date{last}, m)
	return t, ok && t.AsOf.Equal(last), ok
}

// PublishedBy keeps the totals that had been published by date, for a
// view of the data as of that day. A total with no publication date is
// taken to have come out within a month of its cut-off (HRMMU's monthly
// updates appear about ten days after the month ends), so it is kept
// once a full month has passed since the cut-off.
func (ts Totals) PublishedBy(date Date) Totals {
	var out Totals
	for _, t := range ts {
		pub := t.Published.Date.Time
		if pub.IsZero() {
			pub = t.AsOf.AddDate(0, 1, 0)
		}
		if !pub.After(date.Time) {
			out = append(out, t)
		}
	}
	return out
}

// PublishedTotals returns the running totals the dataset's source
// published, when casualty has them embedded (HRMMU's); nil otherwise.
func (d *Dataset) PublishedTotals() Totals {
	if !d.Source.Declared() {
		return nil
	}
	return EmbeddedTotals(d.Source.ID)
}

var hrmmuTotals = sync.OnceValues(func() (Totals, error) { return readTotals(hrmmuTotalsCSV, "embedded:hrmmu_totals.csv", HRMMU) })

// EmbeddedTotals returns the running totals an embedded dataset's source
// published (nil for a set with none, such as UNAMI's 2015 months).
func EmbeddedTotals(name string) Totals {
	if strings.ToLower(strings.TrimSpace(name)) != "hrmmu" {
		return nil
	}
	ts, err := hrmmuTotals()
	if err != nil {
		panic(err) // embedded: a test rules it out
	}
	return ts
}

// HRMMUTotalTo is HRMMU's own total of m to date: EmbeddedTotals("hrmmu").To.
func HRMMUTotalTo(date Date, m Metric) (Total, bool) { return EmbeddedTotals("hrmmu").To(date, m) }

func readTotals(text, file string, src Source) (Totals, error) {
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	hdr := recs[0]
	col := map[string]int{}
	for i, h := range hdr {
		col[h] = i
	}
	var out Totals
	for i, r := range recs[1:] {
		at := func(msg string, a ...any) error {
			return fmt.Errorf("%s:%d: %s", file, i+2, fmt.Sprintf(msg, a...))
		}
		d, err := ParseDate(r[col["as_of"]])
		if err != nil {
			return nil, at("as_of: %v", err)
		}
		t := Total{AsOf: d, Figures: map[Metric]int64{}, Qualifier: src.Qualifier(Exact),
			CutoffAssumed: r[col["cutoff"]] == "assumed", Source: r[col["source"]], Note: r[col["note"]]}
		for _, m := range []Metric{Killed, Injured, ChildrenKilled, ChildrenInjured} {
			s := r[col[string(m)]]
			if s == "" {
				continue
			}
			v, err := strconv.ParseInt(s, 10, 64)
			if err != nil || v < 0 {
				return nil, at("%s: want a whole number, got %q", m, s)
			}
			t.Figures[m] = v
		}
		t.Published.Name = r[col["publication"]]
		if p := r[col["published"]]; p != "" {
			if t.Published.Date, err = ParseDate(p); err != nil {
				return nil, at("published: %v", err)
			}
		}
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].AsOf.Before(out[j].AsOf.Time) })
	return out, nil
}

// EmbeddedLabel names an embedded dataset for people by its source's
// short name ("HRMMU" for "hrmmu"), or returns name when there is none.
func EmbeddedLabel(name string) string {
	for _, s := range embeddedSets {
		if s.Name == name && s.Source.Short != "" {
			return s.Source.Short
		}
	}
	return name
}
