package extract

// From numbers to figures: the month the update reports, each figure's
// role (headline, previous month, same month last year, cumulative,
// breakdown, part month), and one figure per month, metric and area.

import (
	"fmt"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// roundedFigure is r, a rounded wording of the figure p, as listed.
func roundedFigure(r, p Figure) Figure {
	r.Rounded = true
	r.Note = strings.TrimPrefix(r.Note+"; a rounded wording of "+p.Text+" at "+p.Pos.String()+", which is the figure", "; ")
	return r
}

// roundedOf tells which of two figures for one month and metric is a
// rounded wording of the other: a round number with a qualifier ("nearly
// 1,000", "more than 20,000") within 15% of an exact one (916, 19,875).
func roundedOf(a, b Figure) (rounded, exact Figure, ok bool) {
	round := func(f Figure) bool {
		unit := int64(10)
		if f.Value >= 1000 {
			unit = 100
		}
		return f.Value%unit == 0
	}
	// A rounded wording: "nearly", "some", "about", "more than", "over".
	isRounded := func(f Figure) bool {
		return round(f) && (f.Qualifier == data.Approx || strings.HasPrefix(f.Wording, "more") || f.Wording == "over" || strings.HasPrefix(f.Wording, "понад") || strings.HasPrefix(f.Wording, "більш"))
	}
	close := func(x, y int64) bool {
		d := x - y
		if d < 0 {
			d = -d
		}
		return d*100 <= max(x, y)*15
	}
	switch {
	case isRounded(a) && !isRounded(b) && close(a.Value, b.Value):
		return a, b, true
	case isRounded(b) && !isRounded(a) && close(a.Value, b.Value):
		return b, a, true
	}
	return Figure{}, Figure{}, false
}

// place turns candidates into figures: it drops those whose sentence is
// not about a month, finds the month the update reports, gives each
// figure its role, and keeps one figure per month and metric.
func (x *extractor) place() {
	pubMonth := data.MonthOf(x.pub)
	type keyT struct {
		area   string
		m      data.Month
		metric data.Metric
		role   bool
		group  Group
		days   [2]int
	}
	cutOffs, undated := map[data.Month]bool{}, []*cand(nil)
	for _, c := range x.cands {
		t := x.toks[c.k]
		if c.sent.scope != "" && !(c.sent.weak && c.bound) {
			x.warn(c.k, "%s %s: %s; not reported", t.text, c.dataMetric().Label(), c.sent.scope)
			c.metric = mNone
			continue
		}
		if d := c.sent.datedBefore(c.k); d != nil && !c.sent.cum && !x.publicationDate(*d) {
			x.warn(c.k, "%s %s: figures of a dated event (%s), not a month's figure; not reported", t.text, c.dataMetric().Label(), x.doc.Text[x.toks[d.i].start:x.toks[d.j].end])
			c.metric = mNone
			continue
		}
		if c.since != "" && !c.sent.cum {
			x.warn(c.k, "%s %s: a total over several months (%s), not a month's figure; not reported", t.text, c.dataMetric().Label(), c.since)
			c.metric = mNone
			continue
		}
		if c.sent.cum {
			// A cumulative total, as of its cut-off or the publication.
			asOf := pubMonth
			o, e, inParen := x.parenGroup(c.sent, c.k)
			found := false
			for _, mn := range c.sent.mentions {
				if mn.asOf && mn.m != 0 && inParen && mn.i > o && mn.j < e {
					asOf, found = x.year(c.sent, mn), true
				}
			}
			for _, mn := range c.sent.mentions {
				if _, _, p := x.parenGroup(c.sent, mn.i); !found && mn.asOf && mn.m != 0 && !p {
					asOf, found = x.year(c.sent, mn), true
				}
			}
			for _, mn := range c.sent.mentions {
				// "up to 15 February 2024", "until the end of June"
				if !found && mn.m != 0 && !mn.start24() && x.cutOff(mn) {
					asOf, found = x.year(c.sent, mn), true
				}
			}
			if !found && reEndOfYear.MatchString(c.sent.low) {
				asOf, found = x.endOfYear(), true
			}
			if c.adjacent && c.bound {
				asOf, found = c.month, true
			}
			c.note = strings.TrimSpace(strings.Replace(c.note, "month from the sentence before", "", 1)) // a total's month is its cut-off
			if m, ok := x.cutOffAfter(c.sent); !found && ok {
				asOf, found = m, true // "…дістали поранення. Цифри охоплюють період до 31 січня 2026 року."
				c.note = strings.TrimSpace(c.note + " cut-off stated in the next sentence")
			}
			if found {
				cutOffs[asOf] = true
			} else {
				undated = append(undated, c)
			}
			if !found {
				// No cut-off stated: a total quoted in a publication is
				// as of no later than its date, the one month the text
				// supports (the month it reports would be a guess).
				c.note = strings.TrimSpace("the text states no as-of date: the publication's month; " + c.note)
				c.note = strings.TrimSuffix(c.note, ";")
			}
			c.month, c.bound = asOf, true
			continue
		}
	}
	shareCutOff(cutOffs, undated)
	// The month the update reports: the latest month of a national
	// figure; else of any figure; else the first month the text names.
	var subject data.Month
	for pass := 0; pass < 2 && subject.IsZero(); pass++ {
		for _, c := range x.cands {
			if c.metric != mNone && c.bound && !c.sent.cum && (pass == 1 || !c.children && c.area == "" && !c.group.Part()) && subject.Before(c.month) && !monthAfter(c.month, x.pub) {
				subject = c.month
			}
		}
	}
	for _, m := range x.subjectHints {
		if subject.Before(m) && !monthAfter(m, x.pub) {
			subject = m
		}
	}
	if subject.IsZero() {
	first:
		for _, s := range x.sents {
			for _, mn := range s.mentions {
				if mn.m != 0 && mn.day == 0 && !mn.start24() && !x.datelineAt(mn) {
					if m := x.year(s, mn); !monthAfter(m, x.pub) {
						subject = m
						break first
					}
				}
			}
		}
	}
	x.res.Subject = subject
	for _, c := range x.cands {
		if c.metric == mNone || c.sent.cum {
			continue
		}
		t := x.toks[c.k]
		if c.rel != 0 && !c.bound && !subject.IsZero() {
			c.month, c.bound = subject.Add(c.rel), true
		}
		if c.theMonth && !c.bound && !subject.IsZero() {
			c.month, c.bound = subject, true
			c.note = strings.TrimPrefix(c.note+"; the month the update reports", "; ")
		}
		if !c.bound {
			x.warn(c.k, "%s %s: no month can be read for this number; not reported", t.text, c.dataMetric().Label())
			c.metric = mNone
			continue
		}
		if !x.cutOffOK(c) {
			c.metric = mNone
			continue
		}
		if monthAfter(c.month, x.pub) {
			pos, _ := x.doc.Pos(t.start)
			x.errs.Add(data.Errorf(pos, "", "figure %s %s for %s, a month after the publication date %s; a wrong year, or a wrong --published?", t.text, c.dataMetric().Label(), c.month.Label(), x.pub.Format("2006-01-02")))
		}
	}
	x.victimsAreDead()
	x.res.Published = data.Publication{Name: x.opt.Publication, Date: data.Date{Time: x.pub}}
	if x.res.Published.Name == "" {
		x.res.Published.Name = x.doc.Name
	}
	x.res.Source = x.opt.Source
	if x.res.Source == "" {
		x.res.Source = x.source
	}
	seen := map[keyT]int{}
	for _, c := range x.cands {
		if c.metric == mNone {
			continue
		}
		t := x.toks[c.k]
		f := Figure{Wording: c.wording, Group: c.group}
		pos, off := x.doc.Pos(t.start)
		f.Offset = off
		area := x.country
		if c.area != "" {
			area = c.area
		}
		f.Observation = data.Observation{Month: c.month, Area: area, Metric: c.dataMetric(), Value: c.val, Qualifier: c.qual,
			Published: x.res.Published, Source: x.res.Source, Note: c.note, Pos: pos, Text: t.text, Components: c.includes, FromDay: c.from, ToDay: c.to}
		for _, in := range c.includes {
			f.Note = strings.TrimPrefix(f.Note+"; "+in.Note, "; ")
		}
		if c.wording != "" {
			f.Note = strings.TrimSpace(c.wording + " " + t.text + "; " + f.Note)
			f.Note = strings.TrimSuffix(f.Note, ";")
		}
		switch {
		case c.sent.cum:
			f.Role = Cumulative
			f.Note = strings.TrimSuffix("cumulative total as of "+c.month.Label()+"; "+f.Note, "; ")
		case c.from != 0 && !(c.children || c.area != "" || c.group.Part()):
			// A national figure for some days: never to pass for the
			// month's (a part keeps its role and its days).
			f.Role = PartMonth
			f.Note = strings.TrimPrefix(f.Note+"; covers "+f.Covers()+" only, not the whole month", "; ")
		case c.month == subject.Add(-12):
			f.Role = SameMonthLastYear
		case c.month.Before(subject):
			f.Role = PreviousMonth // an earlier month, a breakdown's too
		case c.children || c.area != "" || c.group.Part():
			f.Role = Breakdown
		default:
			f.Role = Headline
		}
		f.Sentence = x.sentenceAround(c.sent, c.k)
		key := keyT{f.Area, c.month, f.Metric, f.Role == Cumulative, c.group, [2]int{c.from, c.to}}
		if i, ok := seen[key]; ok {
			o := &x.res.Figures[i]
			if o.Value == f.Value {
				// Said twice (the title and the text): the wording that
				// qualifies it wins ("KILL 146" and "killed at least 146").
				if o.Qualifier == data.Exact && f.Qualifier != data.Exact && !f.Rounded {
					o.Qualifier, o.Wording = f.Qualifier, f.Wording
					o.Note = strings.TrimPrefix(o.Note+"; "+f.Wording+" "+f.Text+" at "+f.Pos.String(), "; ")
				}
				continue
			}
			// A round figure and an exact one close to it are one figure
			// said twice: "nearly 1,000 injured" in the title, "916" in
			// the text. The exact one is the figure; the rounded one is
			// listed as such and never stored.
			if p, msg, ok := roundedPair(*o, f); ok {
				r := f
				if p.Offset == f.Offset {
					r, *o = *o, f
				}
				x.res.Warnings = append(x.res.Warnings, Warning{Pos: r.Pos, Offset: r.Offset, Msg: msg})
				x.res.Figures = append(x.res.Figures, roundedFigure(r, p))
				continue
			}
			if rounded, exact, ok := roundedOf(*o, f); ok {
				if exact.Offset == f.Offset {
					*o = f
				}
				x.res.Warnings = append(x.res.Warnings, Warning{Pos: rounded.Pos, Offset: rounded.Offset,
					Msg: fmt.Sprintf("%s %s for %s: a rounded wording (%s) of %s at %s; listed as rounded, not stored", rounded.Text, rounded.Metric.Label(), rounded.Month.Label(), rounded.Wording, exact.Text, exact.Pos)})
				x.res.Figures = append(x.res.Figures, roundedFigure(rounded, exact))
				continue
			}
			// Two different figures for one month and metric: the
			// larger is the total, the smaller a part (a city, a
			// weapon) the text does not name in words casualty reads.
			small, big := f, *o
			if f.Value > o.Value {
				small, big = *o, f
				*o = f
			}
			x.res.Warnings = append(x.res.Warnings, Warning{Pos: small.Pos, Offset: small.Offset,
				Msg: fmt.Sprintf("%s %s for %s: the text also gives %s at %s; the smaller is read as a part (an area, a weapon), not reported", small.Text, small.Metric.Label(), small.Month.Label(), big.Text, big.Pos)})
			continue
		}
		seen[key] = len(x.res.Figures)
		x.res.Figures = append(x.res.Figures, f)
	}
	sortFigures(x.res.Figures)
}

// victimsAreDead drops a "victims" total that repeats the killed figure of
// its month: "The UN: 665 civilian victims in May" over "665 civilians
// lost their lives in May" — the victims are the dead, not the killed and
// injured together.
func (x *extractor) victimsAreDead() {
	for _, c := range x.cands {
		w := x.toks[c.last].low
		if c.metric != mCasualties || c.children || c.sent.cum || !c.bound || !(strings.HasPrefix(w, "victim") || strings.HasPrefix(w, "жертв")) {
			continue
		}
		for _, o := range x.cands {
			if o != c && o.metric == mKilled && !o.children && !o.sent.cum && o.bound && o.month == c.month && o.area == c.area && o.group == c.group && o.val == c.val {
				x.warn(c.k, "%s %s: the same number as the killed at %s; the text's victims are the dead; not reported", x.toks[c.k].text, x.toks[c.last].text, x.posOf(o.k))
				c.metric = mNone
				break
			}
		}
	}
}

// posOf is where token i stands, for a message.
func (x *extractor) posOf(i int) string {
	pos, _ := x.doc.Pos(x.toks[i].start)
	return pos.String()
}
