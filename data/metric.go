package data

import (
	"fmt"
	"strings"
)

// Metric names what a figure counts. Killed and injured are the base
// metrics; the others are breakdowns of one of them. Casualties (killed +
// injured) is derived on demand and never stored, so it cannot disagree
// with its parts.
type Metric string

// The metrics casualty knows. Breakdowns name their total in Parent.
const (
	Killed             Metric = "killed"
	Injured            Metric = "injured"
	Casualties         Metric = "casualties" // derived: killed + injured
	ChildrenKilled     Metric = "children_killed"
	ChildrenInjured    Metric = "children_injured"
	AdultsKilled       Metric = "adults_killed"
	AdultsInjured      Metric = "adults_injured"
	MenKilled          Metric = "men_killed"
	MenInjured         Metric = "men_injured"
	WomenKilled        Metric = "women_killed"
	WomenInjured       Metric = "women_injured"
	GirlsKilled        Metric = "girls_killed"
	GirlsInjured       Metric = "girls_injured"
	BoysKilled         Metric = "boys_killed"
	BoysInjured        Metric = "boys_injured"
	ChildrenCasualties Metric = "children_casualties" // derived: children_killed + children_injured
)

type metricInfo struct {
	label   string
	parent  Metric   // the total this is a breakdown of ("" for a base metric)
	parts   []Metric // for a derived metric: what it sums
	aliases []string
}

var metrics = map[Metric]metricInfo{
	Killed:             {label: "killed", aliases: []string{"deaths", "dead", "fatalities", "civilians killed", "civilian deaths"}},
	Injured:            {label: "injured", aliases: []string{"wounded", "injuries", "civilians injured"}},
	Casualties:         {label: "casualties", parts: []Metric{Killed, Injured}, aliases: []string{"total", "killed and injured", "victims"}},
	ChildrenKilled:     {label: "children killed", parent: Killed, aliases: []string{"child deaths", "children dead", "killed children"}},
	ChildrenInjured:    {label: "children injured", parent: Injured, aliases: []string{"children wounded", "injured children"}},
	ChildrenCasualties: {label: "child casualties", parts: []Metric{ChildrenKilled, ChildrenInjured}, aliases: []string{"children"}},
	AdultsKilled:       {label: "adults killed", parent: Killed},
	AdultsInjured:      {label: "adults injured", parent: Injured},
	MenKilled:          {label: "men killed", parent: Killed},
	MenInjured:         {label: "men injured", parent: Injured},
	WomenKilled:        {label: "women killed", parent: Killed},
	WomenInjured:       {label: "women injured", parent: Injured},
	GirlsKilled:        {label: "girls killed", parent: ChildrenKilled},
	GirlsInjured:       {label: "girls injured", parent: ChildrenInjured},
	BoysKilled:         {label: "boys killed", parent: ChildrenKilled},
	BoysInjured:        {label: "boys injured", parent: ChildrenInjured},
}

// StoredMetrics lists the metrics a file may hold, in display order.
var StoredMetrics = []Metric{Killed, Injured, ChildrenKilled, ChildrenInjured,
	AdultsKilled, AdultsInjured, MenKilled, MenInjured, WomenKilled, WomenInjured,
	GirlsKilled, GirlsInjured, BoysKilled, BoysInjured}

// Label is the metric for people: "children killed".
func (m Metric) Label() string {
	if i, ok := metrics[m]; ok {
		return i.label
	}
	return string(m)
}

// Parent is the total a breakdown belongs to ("" for killed and injured),
// used to check that a breakdown never exceeds its total.
func (m Metric) Parent() Metric { return metrics[m].parent }

// Parts lists what a derived metric sums (nil for a stored metric).
func (m Metric) Parts() []Metric { return metrics[m].parts }

// Derived reports whether the metric is computed from others.
func (m Metric) Derived() bool { return len(metrics[m].parts) > 0 }

// Known reports whether m is a metric casualty knows.
func (m Metric) Known() bool { _, ok := metrics[m]; return ok }

// ParseMetric reads a metric name in any case, with spaces, dashes or
// underscores, or a common synonym ("deaths", "wounded"). An unknown name
// is refused with the nearest known one.
func ParseMetric(s string) (Metric, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = metricReplacer.Replace(k)
	if _, ok := metrics[Metric(k)]; ok {
		return Metric(k), nil
	}
	var names []string
	for m, i := range metrics {
		names = append(names, string(m))
		for _, a := range i.aliases {
			if strings.ReplaceAll(a, " ", "_") == k {
				return m, nil
			}
		}
	}
	if k == "" {
		return "", fmt.Errorf("want a metric such as killed or injured, got an empty cell")
	}
	sortStrings(names)
	if n := Nearest(k, names); n != "" {
		return "", fmt.Errorf("unknown metric %q; did you mean %s?", s, n)
	}
	return "", fmt.Errorf("unknown metric %q; want one of %s", s, strings.Join(names, ", "))
}

// Qualifier says what a published figure claims: exactly this many, at
// least this many (the usual wording of monitoring missions, whose counts
// are verified minimums), or about this many.
type Qualifier int

const (
	Exact Qualifier = iota
	AtLeast
	Approx
)

func (q Qualifier) String() string {
	switch q {
	case AtLeast:
		return "at_least"
	case Approx:
		return "approx"
	}
	return "exact"
}

// Words is the qualifier as it is written before a number in prose:
// "at least ", "about " or "".
func (q Qualifier) Words() string {
	switch q {
	case AtLeast:
		return "at least "
	case Approx:
		return "about "
	}
	return ""
}

// Combine is the qualifier of a sum: at least if any part is a lower
// bound, else approximate if any part is, else exact.
func (q Qualifier) Combine(o Qualifier) Qualifier {
	if q == AtLeast || o == AtLeast {
		return AtLeast
	}
	if q == Approx || o == Approx {
		return Approx
	}
	return Exact
}

// MarshalText writes the qualifier's name.
func (q Qualifier) MarshalText() ([]byte, error) { return []byte(q.String()), nil }

// ParseQualifier reads exact, at_least (also "at least", "minimum", ">=",
// "more than") or approx ("about", "approximately", "~"). An empty cell is
// exact.
func ParseQualifier(s string) (Qualifier, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = qualifierReplacer.Replace(k)
	k = strings.Join(strings.Fields(k), " ")
	switch k {
	case "", "exact", "=":
		return Exact, nil
	case "at least", "atleast", "minimum", "min", ">=", "more than", "over", "lower bound", "≥":
		return AtLeast, nil
	case "approx", "approx.", "approximately", "about", "around", "~", "estimate", "estimated", "c.", "circa":
		return Approx, nil
	}
	return Exact, fmt.Errorf("want a qualifier exact, at_least or approx, got %q", s)
}

// The spellings ParseMetric and ParseQualifier fold together, made once:
// every row of every input goes through them.
var (
	metricReplacer    = strings.NewReplacer("-", "_", " ", "_")
	qualifierReplacer = strings.NewReplacer("-", " ", "_", " ")
)
