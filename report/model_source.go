package report

import (
	"fmt"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// This file words the report by its source (data.Dataset.Wording): who
// counted, what, and with what caveat. A monitoring mission's figures are
// civilians killed and injured, verified minimums; event data's are
// fatalities of all actors reported for events, summed; a file that
// declares no source is described as what it gives, nothing more. No
// sentence here names a mission or a country of its own accord: names
// come from the source and the area table of the data.

// txtSubject is what the source counts, as a noun for titles: "Civilian
// casualties", "Reported fatalities, all actors (ACLED)", "Casualties".
func txtSubject(w data.Source) string {
	switch w.Kind {
	case data.KindMission:
		return "Civilian casualties"
	case data.KindEvents:
		return sentenceStart(w.Subject) + " (" + w.Label() + ")"
	}
	return "Casualties"
}

// txtTitle is the report's title: "Civilian casualties in Iraq: June 2015".
func txtTitle(w data.Source, place string, mo data.Month) string {
	if w.Kind == data.KindEvents {
		return fmt.Sprintf("%s, in %s: %s", txtSubject(w), place, mo.Label())
	}
	return fmt.Sprintf("%s in %s: %s", txtSubject(w), place, mo.Label())
}

// txtMetricCaption names a key-figures table: what the metric counts, in
// the source's words. A mission counts civilians; event data's killed are
// "Reported fatalities, all actors (ACLED)"; a file with no declared
// source says only "Killed".
func txtMetricCaption(m data.Metric, w data.Source) string {
	if c, ok := w.EventCaption(m); ok {
		return c
	}
	civ := w.Kind == data.KindMission
	switch m {
	case data.Killed:
		if civ {
			return "Civilians killed"
		}
		return "Killed"
	case data.Injured:
		if civ {
			return "Civilians injured"
		}
		return "Injured"
	case data.Casualties:
		if civ {
			return "Civilian casualties (killed and injured)"
		}
		return "Casualties (killed and injured)"
	case data.ChildrenCasualties:
		return "Child casualties (children killed and injured)"
	case data.ChildrenKilled:
		return "Children killed"
	case data.ChildrenInjured:
		return "Children injured"
	}
	return sentenceStart(m.Label())
}

// provenance says, under the summary, where the month's figures come from
// and what they are, in the source's words.
func (r *Report) provenance() string {
	w := r.wording
	switch {
	case w.Kind == data.KindEvents:
		s := fmt.Sprintf("Figures summed from the event export %s, events dated %s: %s", r.exportName(), txtSpan(r.ds), lowerFirst(w.Counts))
		if ev := r.latest.Series(r.Area, data.Events).At(r.Month); ev.Present {
			s += fmt.Sprintf(" The %s figures sum %s.", r.Month.Label(), txtPlural(int(ev.Value), "event", "events"))
		}
		return s
	case w.Kind == data.KindMission && !r.Publication.IsZero():
		return fmt.Sprintf("Figures as published in %s: %s", r.Publication, lowerFirst(w.Counts))
	case w.Kind == data.KindMission:
		return w.Counts
	}
	from := strings.Join(r.inputFiles(), ", ")
	if from == "" {
		from = "the data given"
	}
	if !r.Publication.IsZero() {
		from += " (" + r.Publication.String() + ")"
	}
	if w.Declared() {
		return fmt.Sprintf("Figures as given in %s: %s", from, lowerFirst(w.Counts))
	}
	return fmt.Sprintf("Figures as given in %s, which does not say who counted them or how.", from)
}

// exportName names an event export as the figures do: the publication
// the events were read as (the file, with any filter applied, as
// casualty --events and aggregate name it), else the files read.
func (r *Report) exportName() string {
	if !r.Publication.IsZero() {
		return r.Publication.String()
	}
	if fs := r.inputFiles(); len(fs) > 0 {
		return strings.Join(fs, ", ")
	}
	return "given"
}

// inputFiles are the files the data were read from, embedded ones left out.
func (r *Report) inputFiles() []string {
	var out []string
	for _, f := range r.ds.Files {
		if !strings.HasPrefix(f, "embedded:") {
			out = append(out, f)
		}
	}
	return out
}

// txtSpan says the months the data cover in words: "February 2025 to
// April 2025", or one month's name.
func txtSpan(ds *data.Dataset) string {
	first, last := ds.Span()
	if first == last {
		return "in " + first.Label()
	}
	return first.Label() + " to " + last.Label()
}

// minimumNote is the note on figures marked "at least", in the source's
// words: a mission's caveat, or, for a file, that the file gives them so.
func minimumNote(w data.Source) string {
	const change = "A change between two lower bounds compares what was recorded, not what happened."
	switch {
	case !w.Declared():
		return "Figures marked \"at least\" are lower bounds, as the file gives them. " + change
	case w.Caveat != "" && w.LowerBounds:
		return "Figures marked \"at least\" are minimums. " + w.Caveat + " " + change
	case w.MinimumMeans != "":
		return "Figures marked \"at least\" are " + w.MinimumMeans + ". " + change
	}
	return "Figures marked \"at least\" are lower bounds. " + change
}

// sentenceStart gives s a capital first letter.
func sentenceStart(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// lowerFirst gives s a small first letter unless its first word is a name
// (all capitals, as HRMMU, or capitalised past its first letter).
func lowerFirst(s string) string {
	if len(s) < 2 {
		return s
	}
	word, _, _ := strings.Cut(s, " ")
	if strings.ToUpper(word) == word || strings.ContainsAny(word[1:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
