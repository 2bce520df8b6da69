package stats

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// Sentence writes the paragraph an analyst would write about a comparison,
// from its numbers alone. For March 2025 on the embedded data:
//
//	In March 2025, at least 164 civilians were killed and 910 injured
//	(1,074 casualties), 50% more than in February 2025 (717, as revised).
//	Per day, recorded casualties rose 35% (34.6 against 25.6 a day; 95%
//	interval +23% to +49%). ...
//
// Every number is rounded once from its exact value: percentages to whole
// numbers, per-day rates to one decimal. The raw change in counts is stated
// as a comparison ("50% more than"), never as a trend; only a change whose
// interval excludes no change is called a rise or a fall, and a change
// between lower bounds is one in *recorded* casualties. A last sentence
// gives the interval allowing for clustering when there is one.
func Sentence(c *Comparison) string {
	var b strings.Builder
	b.WriteString(sentence(c))
	inclusionNote(&b, c.Inclusion)
	return b.String()
}

// sentence is Sentence without what it says of the parts the totals include.
func sentence(c *Comparison) string {
	var b strings.Builder
	to, from := c.To, c.From
	if !to.Complete() {
		// Never "0 casualties were recorded": a gap is not a zero.
		fmt.Fprintf(&b, "%s has no figure for %s, so no figure or change is given.", to.Label(), joinMonths(to.Missing))
		return b.String()
	}
	fmt.Fprintf(&b, "In %s%s, %s", to.Label(), daysNote(to), figurePhraseBy(c.Metric, to, c.Wording))
	switch {
	case !from.Complete():
		fmt.Fprintf(&b, ". %s has no figure for %s, so no change is given.", from.Label(), joinMonths(from.Missing))
		return b.String()
	case c.Verdict == TooFew:
		fmt.Fprintf(&b, ", against %s in %s%s (too few to compare).", countPhrase(from), from.Label(), daysNote(from))
		return b.String()
	}
	pct := math.Round(c.Pct.V)
	switch {
	case !c.Pct.Valid:
		fmt.Fprintf(&b, ", against %s in %s%s", countPhrase(from), from.Label(), daysNote(from))
	case c.Abs == 0:
		fmt.Fprintf(&b, ", as many as in %s%s (%s)", from.Label(), daysNote(from), fromNote(from))
	case pct > 0:
		fmt.Fprintf(&b, ", %s%% more than in %s%s (%s)", strconv.FormatFloat(pct, 'f', 0, 64), from.Label(), daysNote(from), fromNote(from))
	case pct < 0:
		fmt.Fprintf(&b, ", %s%% fewer than in %s%s (%s)", strconv.FormatFloat(-pct, 'f', 0, 64), from.Label(), daysNote(from), fromNote(from))
	default:
		fmt.Fprintf(&b, ", about as many as in %s%s (%s)", from.Label(), daysNote(from), fromNote(from))
	}
	b.WriteString(".")
	if !c.CI.Valid {
		return b.String()
	}
	noun := NounBy(c.Metric, c.Wording)
	if c.Recorded() && c.Wording.Kind != data.KindEvents {
		noun = "recorded " + noun
	}
	rates := fmt.Sprintf("%s against %s a day; %s interval %s to %s",
		FormatRate(to.PerDay), FormatRate(from.PerDay), FormatLevel(c.CI.Level),
		FormatRatioPct(c.CI.Low), FormatRatioPct(c.CI.High))
	r := math.Round(c.PerDayPct.V)
	switch c.Verdict {
	case Rise:
		fmt.Fprintf(&b, " Per day, %s rose %s (%s).", noun, atLeastOne(r), rates)
	case Fall:
		fmt.Fprintf(&b, " Per day, %s fell %s (%s).", noun, atLeastOne(-r), rates)
	default:
		fmt.Fprintf(&b, " Per day, the change in %s, %s (%s), is within what chance alone would give.", noun, FormatRatioPct(c.RateRatio.V), rates)
	}
	if c.CIOverdispersed.Valid {
		fmt.Fprintf(&b, " Allowing for the clustering of %s (dispersion %s over %d months), the %s interval is %s to %s",
			NounBy(c.Metric, c.Wording), strconv.FormatFloat(c.Dispersion.V, 'f', 1, 64), c.DispersionMonths, FormatLevel(c.CIOverdispersed.Level),
			FormatRatioPct(c.CIOverdispersed.Low), FormatRatioPct(c.CIOverdispersed.High))
		if c.CIOverdispersed.Contains(1) && c.Significant() {
			b.WriteString(", which includes no change")
		}
		b.WriteString(".")
	}
	return b.String()
}

// inclusionNote ends a sentence on two totals that cover different parts
// (UNAMI's national figure with Anbar one month and without it the next).
func inclusionNote(b *strings.Builder, ics []InclusionChange) {
	for _, ic := range ics {
		s := ic.Error()
		fmt.Fprintf(b, " %s%s.", strings.ToUpper(s[:1]), s[1:])
	}
}

// atLeastOne writes a whole percentage, or "less than 1%" when a real
// change rounds to 0.
func atLeastOne(pct float64) string {
	if pct < 1 {
		return "less than 1%"
	}
	return strconv.FormatFloat(pct, 'f', 0, 64) + "%"
}

// daysNote marks a figure that covers part of its period: " (5 days
// reported)".
func daysNote(f Figure) string {
	if !f.PartMonth {
		return ""
	}
	return fmt.Sprintf(" (%d days reported)", f.Days)
}

// fromNote is the base of a comparison in brackets: "717, as revised".
func fromNote(f Figure) string {
	s := countPhrase(f)
	if f.Revised {
		s += ", as revised"
	}
	return s
}

// countPhrase is a count with its qualifier: "at least 1,074".
func countPhrase(f Figure) string { return f.Qualifier.Words() + FormatCount(f.Count) }

// figurePhrase says what a figure counts, with its qualifier: "at least 164
// civilians were killed and 910 injured (1,074 casualties)", worded as a
// monitoring mission's figures.
func figurePhrase(m data.Metric, f Figure) string { return figurePhraseBy(m, f, data.HRMMU) }

// figurePhraseBy is figurePhrase worded by the source w: a mission counts
// "civilians", event data "fatalities of all actors", and a file that
// declares no source only "people" killed or injured, never claimed to be
// civilians.
func figurePhraseBy(m data.Metric, f Figure, w data.Source) string {
	if len(f.Parts) == 2 && f.Complete() {
		subj, verb0 := subjectBy(f.Parts[0].Metric, w)
		_, verb1 := subjectBy(f.Parts[1].Metric, w)
		q0, q1 := f.Parts[0].Qualifier.Words(), f.Parts[1].Qualifier.Words()
		if q0 == q1 {
			q1 = ""
		}
		return fmt.Sprintf("%s%s %s %s and %s%s %s (%s %s)", q0, FormatCount(f.Parts[0].Count), plural(subj, f.Parts[0].Count),
			agree(verb0, f.Parts[0].Count), q1, FormatCount(f.Parts[1].Count), strings.TrimPrefix(verb1, "were "), FormatCount(f.Count), m.Label())
	}
	subj, verb := subjectBy(m, w)
	if verb == "" {
		return fmt.Sprintf("%s%s %s %s", f.Qualifier.Words(), FormatCount(f.Count), m.Label(), agree("were recorded", f.Count))
	}
	return fmt.Sprintf("%s%s %s %s", f.Qualifier.Words(), FormatCount(f.Count), plural(subj, f.Count), agree(verb, f.Count))
}

// agree puts "were ..." in the singular for a count of 1.
func agree(verb string, n int64) string {
	if n == 1 {
		return strings.Replace(verb, "were ", "was ", 1)
	}
	return verb
}

// subjectBy is subject worded by the source w (see figurePhraseBy).
func subjectBy(m data.Metric, w data.Source) (who, verb string) {
	who, verb = subject(m)
	if who != "civilians" {
		return who, verb
	}
	switch w.Kind {
	case data.KindMission:
		return who, verb
	case data.KindEvents:
		if m == data.Killed {
			return "fatalities of all actors", "were reported"
		}
		return "people", "were reported " + m.Label()
	}
	return "people", verb
}

// NounBy is Noun worded by the source w: event data's deaths are
// "reported fatalities".
func NounBy(m data.Metric, w data.Source) string {
	if w.Kind == data.KindEvents {
		switch m {
		case data.Killed:
			return "reported fatalities"
		case data.Injured:
			return "reported injuries"
		}
	}
	return Noun(m)
}

// subject splits a stored metric's label into who and what happened to
// them: killed → ("civilians", "were killed"); children killed →
// ("children", "were killed"). A metric that is not "... killed" or
// "... injured" has no verb.
func subject(m data.Metric) (who, verb string) {
	l := m.Label()
	for _, v := range []string{"killed", "injured"} {
		if l == v {
			return "civilians", "were " + v
		}
		if strings.HasSuffix(l, " "+v) {
			return strings.TrimSuffix(l, " "+v), "were " + v
		}
	}
	return "", ""
}

// plural makes a subject and its verb agree with a count of 1.
func plural(who string, n int64) string {
	if n != 1 {
		return who
	}
	switch who {
	case "fatalities of all actors":
		return "fatality"
	case "people":
		return "person"
	case "civilians":
		return "civilian"
	case "children":
		return "child"
	case "women":
		return "woman"
	case "men":
		return "man"
	}
	return strings.TrimSuffix(who, "s")
}

// Noun names what a metric counts in a sentence: "casualties", "deaths",
// "child deaths".
func Noun(m data.Metric) string {
	switch m {
	case data.Killed:
		return "deaths"
	case data.Injured:
		return "injuries"
	case data.Casualties:
		return "casualties"
	case data.ChildrenKilled:
		return "child deaths"
	case data.ChildrenInjured:
		return "child injuries"
	case data.ChildrenCasualties:
		return "child casualties"
	}
	return m.Label()
}

// FormatCount writes a whole number with thousands separators: 1,074
// (data.FormatCount).
func FormatCount(n int64) string { return data.FormatCount(n) }

// FormatSigned writes a whole number with thousands separators and its
// sign: "+1,234", "-12", "0". It is the one way a change in a count is
// written, in every output.
func FormatSigned(n int64) string {
	if n > 0 {
		return "+" + FormatCount(n)
	}
	return FormatCount(n)
}

// FormatRate writes a per-day rate to one decimal: 34.6.
func FormatRate(r float64) string { return strconv.FormatFloat(r, 'f', 1, 64) }

// FormatRatioPct writes a rate ratio as a signed whole percentage change:
// 1.2298 → "+23%", 0.9 → "-10%", 1 → "0%".
func FormatRatioPct(r float64) string { return FormatPct((r - 1) * 100) }

// FormatPct writes a percentage change, signed and rounded to a whole
// number: 49.79 → "+50%".
func FormatPct(p float64) string {
	v := math.Round(p)
	if v == 0 {
		return "0%"
	}
	if v > 0 {
		return "+" + strconv.FormatFloat(v, 'f', 0, 64) + "%"
	}
	return strconv.FormatFloat(v, 'f', 0, 64) + "%"
}

// FormatLevel writes a confidence level as a percentage: 0.95 → "95%".
func FormatLevel(l float64) string {
	return strconv.FormatFloat(l*100, 'f', -1, 64) + "%"
}
