package data

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// SourceKind says what sort of body produced a dataset's figures, which
// decides how they may be worded: a monitoring mission's verified counts of
// civilians, an event database's reported fatalities of all actors, or a
// user's file that declares neither.
type SourceKind int

const (
	// KindUnknown is a file with no declared source: its figures are
	// described as what the file says, nothing more.
	KindUnknown SourceKind = iota
	// KindMission is a monitoring mission (HRMMU, UNAMI, UNSMIL) that
	// publishes civilian casualties it has verified.
	KindMission
	// KindEvents is event data (ACLED): fatalities reported in the press
	// and by partners, summed from events, combatants included.
	KindEvents
)

func (k SourceKind) String() string {
	switch k {
	case KindMission:
		return "monitoring mission"
	case KindEvents:
		return "event data"
	}
	return "user file"
}

// Source is the body whose figures a dataset holds: a monitoring mission and
// its publications, an event database, or nobody declared. Renderers take
// their wording from it (who counted, what, and with what caveat), so no
// output needs to name a mission or a country of its own accord.
//
// The text fields are casualty's own words, not quotations: figures carry
// over from publications, sentences do not.
type Source struct {
	// ID selects the source: "hrmmu", "unami", "acled"; "" for a user's file.
	ID string
	// Name is the body's full name in English.
	Name string
	// Short is the name sentences and chart footnotes use ("HRMMU").
	Short string
	// Country is the p-code of the country covered ("UA", "IQ"); "" when
	// the source covers several or is not known. The country's name comes
	// from its area table (see Dataset.CountryName).
	Country string
	// Publisher is the body that publishes the figures ("Office of the UN
	// High Commissioner for Human Rights (OHCHR)").
	Publisher string
	// Kind is the sort of source.
	Kind SourceKind
	// Subject names who is counted, as a noun for sentences: "civilians"
	// for a mission, "reported fatalities, all actors" for event data,
	// "" (say only "killed", "injured") for an unknown file.
	Subject string
	// Counts says in one sentence what the figures are: verified minimums,
	// reported fatalities, or figures as given in a file.
	Counts string
	// LowerBounds is true when the source declares every count a minimum
	// (the true numbers are higher). Every figure of such a source is then
	// "at least", whatever wording a publication or a news report used;
	// see Source.Qualifier.
	LowerBounds bool
	// MinimumMeans says what "at least" means for this source's figures,
	// for the key under a table or chart ("a verified minimum"); "" when
	// its figures are not minimums.
	MinimumMeans string
	// Caveat is the source's own warning about its counts, said in our
	// words, for footnotes and method sections ("" when it gives none).
	Caveat string
	// Method describes how the source counts, in casualty's words, for the
	// method section of a report and the workbook's About sheet.
	Method string
	// URL is the source's page for its published figures ("" if none).
	URL string
}

// Declared reports whether the source is known (not a user's bare file).
func (s Source) Declared() bool { return s.ID != "" }

// Qualifier is the qualifier a figure carries in every output: a figure
// stated exactly by a source whose counts are all lower bounds is "at
// least"; an approximate figure stays approximate (about 124 is not a
// bound); everything else is as stated.
func (s Source) Qualifier(stated Qualifier) Qualifier {
	if s.LowerBounds && stated == Exact {
		return AtLeast
	}
	return stated
}

// Label names the source for people: "HRMMU" or, for a file with no
// declared source, "the figures given".
func (s Source) Label() string {
	if s.Short != "" {
		return s.Short
	}
	if s.Name != "" {
		return s.Name
	}
	return "the figures given"
}

func (s Source) String() string { return s.Label() }

// The sources casualty knows. Their text is ours; the facts (who publishes,
// what a count means, the caveats) are the sources' own.
var (
	// HRMMU is the UN Human Rights Monitoring Mission in Ukraine, whose
	// figures OHCHR publishes.
	HRMMU = Source{
		ID:           "hrmmu",
		Name:         "UN Human Rights Monitoring Mission in Ukraine",
		Short:        "HRMMU",
		Country:      "UA",
		Publisher:    "Office of the UN High Commissioner for Human Rights (OHCHR)",
		Kind:         KindMission,
		Subject:      "civilians",
		Counts:       "Civilian casualties that HRMMU has verified; every count is a minimum and the true numbers are higher.",
		LowerBounds:  true,
		MinimumMeans: "a verified minimum",
		Caveat:       "HRMMU counts only the casualties it has verified, and verification lags behind events, most of all where fighting is heavy or access is denied: the true numbers are higher.",
		Method: "HRMMU records a civilian casualty once it has corroborated it from more than one kind of independent source " +
			"(interviews with victims and witnesses, official records, open-source material, site visits). " +
			"Figures for a month are revised in later updates as more cases are verified, so casualty keeps every vintage " +
			"and says which one a figure comes from.",
		URL: "https://ukraine.ohchr.org/en/",
	}
	// UNAMI is the UN Assistance Mission for Iraq, which published monthly
	// civilian casualty figures for Iraq from 2012 to 2016.
	UNAMI = Source{
		ID:           "unami",
		Name:         "UN Assistance Mission for Iraq",
		Short:        "UNAMI",
		Country:      "IQ",
		Publisher:    "UN Assistance Mission for Iraq (UNAMI)",
		Kind:         KindMission,
		Subject:      "civilians",
		Counts:       "Civilians killed and injured in acts of terrorism, violence and armed conflict, civilian police included; every count is a minimum.",
		LowerBounds:  true,
		MinimumMeans: "a minimum: the mission could not verify every casualty",
		Caveat: "UNAMI said its figures should be read as an absolute minimum: it could not verify casualties fully in the areas of fighting. " +
			"Figures for Anbar came from the governorate's Health Directorate, and some months' national totals include them while others do not.",
		Method: "UNAMI published each month the civilians killed and injured across Iraq, with the worst-affected governorates. " +
			"Its national figures count civilian police as civilians. Anbar's figures were obtained from the Anbar Health Directorate " +
			"rather than verified by the mission; each month's release said whether the national total included them, and in some months " +
			"none could be obtained. casualty marks, for each month, whether Anbar is part of the national total.",
		URL: "https://iraq.un.org/",
	}
	// ACLED is event data: the Armed Conflict Location & Event Data
	// project. Its fatalities are reported deaths of all actors.
	ACLED = Source{
		ID:        "acled",
		Name:      "Armed Conflict Location & Event Data (ACLED)",
		Short:     "ACLED",
		Publisher: "ACLED",
		Kind:      KindEvents,
		Subject:   "reported fatalities, all actors",
		Counts:    "Fatalities reported for each event, combatants and civilians alike, summed by month; not verified minimums, and no injured.",
		Caveat:    "Event data sums the fatalities reported for each event; it counts all actors, not only civilians, and is an estimate, not a verified count.",
		Method: "Each row of an event export is one event with the fatalities reported for it. casualty sums them by month and area, " +
			"keeping the number of events beside the sum. Filters given with --where (for example an event type) are part of what the figures count.",
		URL: "https://acleddata.com/",
	}
	// UserFile is a file that declares no source: its figures are worded
	// as given, with no claim about who counted them or how.
	UserFile = Source{
		Kind:         KindUnknown,
		Counts:       "Figures as given in the file; it does not say who counted them or how.",
		MinimumMeans: "a lower bound, as the file gives it",
		Method: "The figures were read from the file as given. casualty checked them against each other (breakdowns within totals, " +
			"one figure per month and area in each publication) but cannot say how they were counted.",
	}
)

// knownSources lists the declared sources by ID.
var knownSources = map[string]Source{HRMMU.ID: HRMMU, UNAMI.ID: UNAMI, ACLED.ID: ACLED}

// SourceByID returns a declared source by its ID ("hrmmu", "unami",
// "acled"), or an error naming the known ones.
func SourceByID(id string) (Source, error) {
	if s, ok := knownSources[id]; ok {
		return s, nil
	}
	var ids []string
	for k := range knownSources {
		ids = append(ids, k)
	}
	sort.Strings(ids)
	if n := Nearest(id, ids); n != "" {
		return Source{}, fmt.Errorf("unknown source %q; did you mean %s?", id, n)
	}
	return Source{}, fmt.Errorf("unknown source %q; want one of %s", id, strings.Join(ids, ", "))
}

// withSource gives every figure the source's qualifier (see
// Source.Qualifier), marking those it raised so the wording the
// publication used is still known (Observation.StatedQualifier).
func withSource(obs []Observation, s Source) {
	for i := range obs {
		o := &obs[i]
		if q := s.Qualifier(o.Qualifier); q != o.Qualifier {
			o.Qualifier, o.ByDeclaration = q, true
		}
	}
}

// WithSource returns the dataset declared as coming from s: it carries s,
// and when s declares every count a minimum, every figure's qualifier
// becomes "at least" (Observation.StatedQualifier keeps the wording as published). Loaders
// and commands call it when the user names the source of a file.
func (d *Dataset) WithSource(s Source) *Dataset {
	obs := make([]Observation, len(d.Obs))
	copy(obs, d.Obs)
	withSource(obs, s)
	out := d.with(obs)
	out.Format = d.Format
	out.Source = s
	return out
}

// Wording returns the source renderers should word the figures by: the
// dataset's declared source; ACLED's for figures summed from an event
// export (the events loader reads ACLED's columns); otherwise UserFile,
// which claims nothing about who counted.
func (d *Dataset) Wording() Source {
	switch {
	case d.Source.Declared():
		return d.Source
	case d.Format == "events":
		return ACLED
	}
	return UserFile
}

// EventCaption names what event data's metric counts, for a table's
// caption: "Reported fatalities, all actors (ACLED)" for killed, never
// "Killed", which would read as a mission's civilians. ok is false for a
// source that is not event data, or a metric it does not word.
func (s Source) EventCaption(m Metric) (caption string, ok bool) {
	if s.Kind != KindEvents {
		return "", false
	}
	switch m {
	case Killed:
		subj := s.Subject
		if r, n := utf8.DecodeRuneInString(subj); n > 0 {
			subj = strings.ToUpper(string(r)) + subj[n:]
		}
		return subj + " (" + s.Label() + ")", true
	case Injured:
		return "Reported injured (" + s.Label() + ")", true
	case Casualties:
		return "Reported fatalities and injured (" + s.Label() + ")", true
	}
	return "", false
}
