package data

import (
	"fmt"
	"strings"
)

// Publication is a release of figures: its name and date. The date is the
// figure's vintage: a later publication may revise an earlier month, and
// both vintages are kept.
type Publication struct {
	Name string `json:"name,omitempty"`
	Date Date   `json:"date"`
}

// IsZero reports whether the publication is unknown.
func (p Publication) IsZero() bool { return p.Name == "" && p.Date.IsZero() }

// Before orders publications by date, then name, so that "latest" is
// deterministic even when two come out on one day.
func (p Publication) Before(o Publication) bool {
	if !p.Date.Equal(o.Date.Time) {
		return p.Date.Before(o.Date.Time)
	}
	return p.Name < o.Name
}

func (p Publication) String() string {
	switch {
	case p.Name != "" && !p.Date.IsZero():
		return fmt.Sprintf("%s (%s)", p.Name, p.Date.Label())
	case p.Name != "":
		return p.Name
	case !p.Date.IsZero():
		return "published " + p.Date.Label()
	}
	return "unknown publication"
}

// Key identifies a figure regardless of its vintage.
type Key struct {
	Month  Month
	Area   string
	Metric Metric
}

func (k Key) String() string { return fmt.Sprintf("%s %s %s", k.Month, k.Area, k.Metric) }

// Observation is one published figure: how many people a publication says
// were killed (or injured, ...) in one area in one month, with everything
// needed to trust it or trace it: its qualifier, its range, the days it
// covers, the publication it came from and where in which file it was read.
type Observation struct {
	Month  Month
	Area   string // p-code ("UA" for the national total)
	Metric Metric
	Value  int64 // whole number as published (for a range, its low end)
	// Qualifier is what the figure claims in every output: "at least"
	// also when the publication wrote it as exact but its source declares
	// all its counts minimums (then ByDeclaration is set).
	Qualifier Qualifier
	// ByDeclaration marks a qualifier raised to "at least" by the source's
	// declaration rather than by the publication's wording.
	ByDeclaration bool
	// Low and High hold a published range ("100-120"); HasRange says whether
	// there is one, since 0 is a valid bound.
	Low, High int64
	HasRange  bool
	// FromDay and ToDay are the days of the month the figure covers when
	// that is less than the whole month (24-28 February 2022; month-to-date
	// statements); both 0 for the whole month.
	FromDay, ToDay int
	Published      Publication
	Source         string // citation: URL or document
	Note           string
	// Derived marks a figure computed by casualty rather than published,
	// such as the difference of two cumulative totals.
	Derived bool
	// Components says which parts a total includes or leaves out: UNAMI's
	// national figure for Iraq includes Anbar's in some months and not in
	// others. Empty when the publication says nothing of its parts.
	Components []Component
	Pos        Pos    // where it was read
	Text       string // the value cell as written
}

// StatedQualifier is the qualifier as the publication worded it, before
// its source's declaration (see ByDeclaration): "exact" for HRMMU's
// revised figures, which are nevertheless minimums.
func (o Observation) StatedQualifier() Qualifier {
	if o.ByDeclaration {
		return Exact
	}
	return o.Qualifier
}

// Component returns what the figure says of area as a part of it, and
// whether it says anything.
func (o Observation) Component(area string) (Component, bool) {
	for _, c := range o.Components {
		if c.Area == area {
			return c, true
		}
	}
	return Component{}, false
}

// Key returns the figure's month, area and metric.
func (o Observation) Key() Key { return Key{o.Month, o.Area, o.Metric} }

// PartMonth reports whether the figure covers only some days of its month.
func (o Observation) PartMonth() bool { return o.FromDay != 0 || o.ToDay != 0 }

// Days is the number of days the figure covers: the month's length, or
// fewer for a part-month figure. Per-day rates divide by it.
func (o Observation) Days() int {
	if !o.PartMonth() {
		return o.Month.Days()
	}
	return o.ToDay - o.FromDay + 1
}

// Covers describes the days covered for people: "24-28 Feb 2022", or "" for
// a whole month.
func (o Observation) Covers() string {
	if !o.PartMonth() {
		return ""
	}
	return fmt.Sprintf("%d-%d %s", o.FromDay, o.ToDay, o.Month.Short())
}

// Inclusion says whether a total counts one of its parts.
type Inclusion int

const (
	// InclusionUnstated: the publication does not say.
	InclusionUnstated Inclusion = iota
	// Included: the total counts the part.
	Included
	// Excluded: the total leaves the part out (it was not available, or
	// is published separately).
	Excluded
)

func (i Inclusion) String() string {
	switch i {
	case Included:
		return "included"
	case Excluded:
		return "excluded"
	}
	return "not stated"
}

// ParseInclusion reads included, excluded or unstated (also "yes", "no",
// "" for unstated).
func ParseInclusion(s string) (Inclusion, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "included", "include", "includes", "yes", "in":
		return Included, nil
	case "excluded", "exclude", "excludes", "no", "out", "not included":
		return Excluded, nil
	case "", "unstated", "not stated", "unknown":
		return InclusionUnstated, nil
	}
	return InclusionUnstated, fmt.Errorf("want included, excluded or unstated, got %q", s)
}

// Component is one part of a total as its publication describes it: an
// area whose own figure the total includes or leaves out. Comparing two
// totals whose components differ compares different coverages, and stats
// says so.
type Component struct {
	Area      string // p-code of the part ("IQG01" for Anbar)
	Inclusion Inclusion
	// Note says why, in our words ("Anbar's figures could not be obtained
	// from its Health Directorate this month").
	Note string
}
