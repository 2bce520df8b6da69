package data

import (
	"fmt"
	"sort"
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

	// Breakdowns by weapon or cause (HRMMU by weapon type, UNSMIL by
	// cause): each is part of killed or injured, and the parts of one
	// total never sum above it.
	LongRangeKilled         Metric = "long_range_killed" // long-range missiles and loitering munitions
	LongRangeInjured        Metric = "long_range_injured"
	ShortRangeDronesKilled  Metric = "short_range_drones_killed"
	ShortRangeDronesInjured Metric = "short_range_drones_injured"
	ArtilleryKilled         Metric = "artillery_killed" // artillery, tanks and multiple-launch rocket systems
	ArtilleryInjured        Metric = "artillery_injured"
	AirstrikesKilled        Metric = "airstrikes_killed"
	AirstrikesInjured       Metric = "airstrikes_injured"
	GunfireKilled           Metric = "gunfire_killed" // small arms and light weapons
	GunfireInjured          Metric = "gunfire_injured"
	IEDKilled               Metric = "ied_killed" // improvised explosive devices
	IEDInjured              Metric = "ied_injured"
	MinesKilled             Metric = "mines_killed" // mines and explosive remnants of war
	MinesInjured            Metric = "mines_injured"

	// Breakdowns by who controls the territory (HRMMU): the two parts of
	// a total, government-controlled and occupied.
	GovControlledKilled  Metric = "gov_controlled_killed"
	GovControlledInjured Metric = "gov_controlled_injured"
	OccupiedKilled       Metric = "occupied_killed"
	OccupiedInjured      Metric = "occupied_injured"

	// PoliceKilled and PoliceInjured are the civilian police counted among
	// a mission's civilians (UNAMI's national figures include them).
	PoliceKilled  Metric = "police_killed"
	PoliceInjured Metric = "police_injured"

	// Events is the number of events summed into a figure of event data
	// (ACLED): not a count of people, never added to one.
	Events Metric = "events"
)

// Dimension is what a breakdown divides its total by. Parts of one total
// in one dimension are disjoint, so they never sum above it.
type Dimension string

// The dimensions breakdowns use.
const (
	ByAgeSex  Dimension = "age and sex"
	ByWeapon  Dimension = "weapon or cause"
	ByControl Dimension = "control of territory"
	ByRole    Dimension = "role" // civilian police among civilians
)

type metricInfo struct {
	label   string
	parent  Metric   // the total this is a breakdown of ("" for a base metric)
	parts   []Metric // for a derived metric: what it sums
	aliases []string
	dim     Dimension // for a breakdown: what it divides its total by
	// notPeople marks a count of something other than people (events).
	notPeople bool
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

	LongRangeKilled:         {label: "killed by long-range missiles and loitering munitions", parent: Killed, dim: ByWeapon, aliases: []string{"killed long range", "missiles killed", "long range weapons killed"}},
	LongRangeInjured:        {label: "injured by long-range missiles and loitering munitions", parent: Injured, dim: ByWeapon, aliases: []string{"injured long range", "missiles injured", "long range weapons injured"}},
	ShortRangeDronesKilled:  {label: "killed by short-range drones", parent: Killed, dim: ByWeapon, aliases: []string{"drones killed", "short range drone killed"}},
	ShortRangeDronesInjured: {label: "injured by short-range drones", parent: Injured, dim: ByWeapon, aliases: []string{"drones injured", "short range drone injured"}},
	ArtilleryKilled:         {label: "killed by artillery, tanks and rocket systems", parent: Killed, dim: ByWeapon, aliases: []string{"shelling killed"}},
	ArtilleryInjured:        {label: "injured by artillery, tanks and rocket systems", parent: Injured, dim: ByWeapon, aliases: []string{"shelling injured"}},
	AirstrikesKilled:        {label: "killed in airstrikes", parent: Killed, dim: ByWeapon, aliases: []string{"airstrike killed", "air strikes killed"}},
	AirstrikesInjured:       {label: "injured in airstrikes", parent: Injured, dim: ByWeapon, aliases: []string{"airstrike injured", "air strikes injured"}},
	GunfireKilled:           {label: "killed by gunfire", parent: Killed, dim: ByWeapon, aliases: []string{"small arms killed"}},
	GunfireInjured:          {label: "injured by gunfire", parent: Injured, dim: ByWeapon, aliases: []string{"small arms injured"}},
	IEDKilled:               {label: "killed by improvised explosive devices", parent: Killed, dim: ByWeapon, aliases: []string{"ieds killed"}},
	IEDInjured:              {label: "injured by improvised explosive devices", parent: Injured, dim: ByWeapon, aliases: []string{"ieds injured"}},
	MinesKilled:             {label: "killed by mines and explosive remnants of war", parent: Killed, dim: ByWeapon, aliases: []string{"erw killed", "mines erw killed"}},
	MinesInjured:            {label: "injured by mines and explosive remnants of war", parent: Injured, dim: ByWeapon, aliases: []string{"erw injured", "mines erw injured"}},
	GovControlledKilled:     {label: "killed in government-controlled territory", parent: Killed, dim: ByControl, aliases: []string{"gca killed", "government controlled killed"}},
	GovControlledInjured:    {label: "injured in government-controlled territory", parent: Injured, dim: ByControl, aliases: []string{"gca injured", "government controlled injured"}},
	OccupiedKilled:          {label: "killed in occupied territory", parent: Killed, dim: ByControl, aliases: []string{"occupied territory killed"}},
	OccupiedInjured:         {label: "injured in occupied territory", parent: Injured, dim: ByControl, aliases: []string{"occupied territory injured"}},
	PoliceKilled:            {label: "civilian police killed", parent: Killed, dim: ByRole, aliases: []string{"civilian police killed"}},
	PoliceInjured:           {label: "civilian police injured", parent: Injured, dim: ByRole, aliases: []string{"civilian police injured"}},
	Events:                  {label: "events", notPeople: true, aliases: []string{"event count", "number of events", "n events"}},
}

// StoredMetrics lists the metrics a file may hold, in display order.
var StoredMetrics = []Metric{Killed, Injured, ChildrenKilled, ChildrenInjured,
	AdultsKilled, AdultsInjured, MenKilled, MenInjured, WomenKilled, WomenInjured,
	GirlsKilled, GirlsInjured, BoysKilled, BoysInjured,
	LongRangeKilled, LongRangeInjured, ShortRangeDronesKilled, ShortRangeDronesInjured,
	ArtilleryKilled, ArtilleryInjured, AirstrikesKilled, AirstrikesInjured,
	GunfireKilled, GunfireInjured, IEDKilled, IEDInjured, MinesKilled, MinesInjured,
	GovControlledKilled, GovControlledInjured, OccupiedKilled, OccupiedInjured,
	PoliceKilled, PoliceInjured, Events}

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

// Dimension is what a breakdown divides its total by: ByWeapon for
// "killed by short-range drones", ByControl for "killed in occupied
// territory", ByAgeSex for children, women, men; "" for a total.
func (m Metric) Dimension() Dimension {
	i := metrics[m]
	if i.dim != "" || i.parent == "" {
		return i.dim
	}
	return ByAgeSex
}

// CountsPeople reports whether the metric counts people (false for events,
// the number of events summed into a figure of event data).
func (m Metric) CountsPeople() bool { return m.Known() && !metrics[m].notPeople }

// Breakdowns lists the stored metrics that break down total, in display
// order, optionally only those of one dimension ("" for all).
func Breakdowns(total Metric, dim Dimension) []Metric {
	var out []Metric
	for _, m := range StoredMetrics {
		if m.Parent() == total && (dim == "" || m.Dimension() == dim) {
			out = append(out, m)
		}
	}
	return out
}

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

// The spellings ParseMetric and ParseQualifier fold together, made once:
// every row of every input goes through them.
var (
	metricReplacer    = strings.NewReplacer("-", "_", " ", "_")
	qualifierReplacer = strings.NewReplacer("-", " ", "_", " ")
)

// CheckBreakdowns adds an error for each total that the parts of one of its
// disjoint breakdowns (by weapon, by control of territory) sum above, in
// one publication: 65 killed by missiles and 58 by drones cannot be parts
// of 100 killed. Each part against its total alone is Validate's check;
// this is the sum's. Breakdowns by age and sex overlap (men are adults)
// and are not summed.
func CheckBreakdowns(obs []Observation, errs *ErrorList) {
	type tk struct {
		k    Key
		p    Publication
		part bool
	}
	type dk struct {
		tk
		dim Dimension
	}
	totals := map[tk]Observation{}
	for _, o := range obs {
		totals[tk{o.Key(), o.Published, o.PartMonth()}] = o
	}
	sums := map[dk][]Observation{}
	var order []dk
	for _, o := range obs {
		parent, dim := o.Metric.Parent(), o.Metric.Dimension()
		if parent == "" || (dim != ByWeapon && dim != ByControl) {
			continue
		}
		k := dk{tk{Key{o.Month, o.Area, parent}, o.Published, o.PartMonth()}, dim}
		if _, seen := sums[k]; !seen {
			order = append(order, k)
		}
		sums[k] = append(sums[k], o)
	}
	for _, k := range order {
		parts := sums[k]
		total, ok := totals[k.tk]
		if !ok || len(parts) < 2 {
			continue
		}
		var sum int64
		names := make([]string, len(parts))
		for i, p := range parts {
			sum += p.Value
			names[i] = fmt.Sprintf("%s %d", p.Metric, p.Value)
		}
		if sum > total.Value {
			errs.Add(Errorf(parts[len(parts)-1].Pos, "",
				"the breakdown by %s sums to %d (%s), above %s (%d at %s) for %s %s; a breakdown counts each person once",
				k.dim, sum, strings.Join(names, " + "), total.Metric, total.Value, total.Pos, total.Month, total.Area))
		}
	}
}

func sortStrings(s []string) { sort.Strings(s) }
