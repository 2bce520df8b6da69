package data

import "fmt"

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
	Month     Month
	Area      string // p-code ("UA" for the national total)
	Metric    Metric
	Value     int64 // whole number as published (for a range, its low end)
	Qualifier Qualifier
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
	Pos     Pos    // where it was read
	Text    string // the value cell as written
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
