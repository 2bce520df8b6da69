package extract

// Which month a number is for: one named next to it, in its sentence, in
// the sentence before, or the month the update reports ("during the
// month"); never a month of a comparison in another clause.

import (
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// sharePairMonths gives a month named right after a coordinated pair to
// its first number too: in "up from 120 killed and 500 injured in
// April", 120 is April's, not the month the sentence began with.
func (x *extractor) sharePairMonths(s *sentence) {
	var mine []*cand
	for i := len(x.cands) - 1; i >= 0 && x.cands[i].sent == s; i-- {
		mine = append([]*cand{x.cands[i]}, mine...)
	}
	for i := len(mine) - 1; i > 0; i-- {
		a, b := mine[i-1], mine[i]
		if !b.adjacent || b.takes <= b.k || a.adjacent || !a.bound || a.month == b.month || a.area != b.area || a.children != b.children {
			continue
		}
		if _, _, qs := x.qualifierBefore(b.k, s.s); !x.joined(a, qs) {
			continue
		}
		a.month, a.adjacent, a.takes = b.month, true, b.takes
		x.takenBy[b.takes] = append(x.takenBy[b.takes], a)
	}
}

// readMonth finds the month of a figure: next to it, in its parentheses or
// just before them, else the month the sentence is about, else the month
// of the sentence before when this one names none ("Of these, 158 were
// dead").
func (x *extractor) readMonth(s *sentence, c *cand, prev *sentence) {
	c.takes = -1
	// "Since January, 3,200 civilians have been killed": the month
	// nearest before the number opens a span; the number is its total.
	var nearest *mention
	for _, mn := range s.near(c.k) {
		if mn.m != 0 && mn.j < c.k {
			nearest = &mn
		}
	}
	if nearest != nil && nearest.since && !x.superlativeSince(*nearest) {
		c.since = x.spanText(*nearest)
		return
	}
	// "down from 844 killed and 1,616 wounded a month earlier": the
	// figures compared with, the month before the one reported.
	if x.comparedRelAfter(s, c) {
		c.rel, c.takes = -1, -1
		c.note = strings.TrimSpace(c.note + " compared with the month before the one reported")
		return
	}
	set := func(mn mention, adjacent bool) {
		c.month = x.year(s, mn)
		c.bound, c.adjacent = true, adjacent
	}
	if o, e, ok := x.parenGroup(s, c.k); ok {
		for _, mn := range s.near(c.k) {
			if mn.i > o && mn.j < e && mn.m != 0 && !mn.start24() && !mn.since {
				set(mn, true)
				c.takes = mn.i
				return
			}
		}
		for _, mn := range s.near(c.k) {
			if mn.j == o-1 && mn.m != 0 {
				set(mn, true)
				c.takes = mn.i
				return
			}
		}
	}
	mi := x.adjacentMonth(s, c.k)
	if mi >= 0 && x.datelineAt(s.mentionAt(mi)) {
		mi = -1 // "KYIV, 13 March 2025 – At least 123 civilians were killed ... in February 2025"
	}
	if mi >= 0 && s.mentionAt(mi).since {
		mn := s.mentionAt(mi)
		c.since = x.spanText(mn)
		return
	} else if mi >= 0 {
		mn := s.mentionAt(mi)
		set(mn, true)
		if mn.i > c.k {
			c.takes = mn.i
		}
		return
	}
	// The months of the sentence that no other number has taken.
	var free []mention
	for _, mn := range s.near(c.k) {
		if mn.m == 0 || mn.start24() || mn.since || mn.day != 0 && !mn.asOf || x.datelineAt(mn) {
			continue
		}
		taken := false
		for _, o := range x.takenBy[mn.i] {
			if o.sent == s && o != c && !(o.k < c.k && mn.j < c.k) {
				taken = true
			}
		}
		if !taken {
			free = append(free, mn)
		}
	}
	var before, after *mention
	for i := range free {
		if free[i].j < c.k {
			before = &free[i]
		} else if after == nil {
			after = &free[i]
		}
	}
	if before != nil {
		set(*before, false)
		return
	}
	if after != nil && !x.comparedMonth(s, c, *after) {
		set(*after, false)
		return
	}
	if usable(s) > 0 && after == nil {
		return
	}
	// A sentence about a span ("1,200 were killed in April and May")
	// gives its numbers no month from elsewhere.
	for _, mn := range s.near(c.k) {
		if mn.since {
			c.since = x.spanText(mn)
			return
		}
	}
	// "last month", counted from the publication.
	for _, mn := range s.near(c.k) {
		if mn.ago && mn.rel == -1 {
			c.month, c.bound = data.MonthOf(x.pub).Add(-1), true
			c.note = strings.TrimSpace(c.note + " \"" + x.doc.Text[x.toks[mn.i].start:x.toks[mn.j].end] + "\": the month before publication")
			return
		}
	}
	// "the previous month", "попереднього місяця": the month before the
	// one the update reports, known once every figure is read.
	for _, mn := range s.near(c.k) {
		if !mn.ago && mn.rel == -1 && mn.m == 0 && mn.j < c.k && monthAt(x.tok(mn.j+2)) == 0 && !x.comparedBefore(mn) {
			c.rel = -1
			c.note = strings.TrimSpace(c.note + " \"" + x.doc.Text[x.toks[mn.i].start:x.toks[mn.j].end] + "\": the month before the one reported")
			return
		}
	}
	// "during the month", "за місяць": the month the update reports,
	// known once every figure is read.
	if s.theMonth {
		c.theMonth = true
		return
	}
	if s.weakIncident || s.weak {
		return // an incident's numbers, or a year's ("throughout 2016"), take no month from elsewhere
	}
	if prev != nil && !prev.cum && prev.scope == "" {
		for i := len(x.cands) - 1; i >= 0; i-- {
			o := x.cands[i]
			if o.sent == prev && o.bound && o.takes < 0 && !x.comparedCarry(s, o) {
				c.month, c.bound = o.month, true
				c.note = strings.TrimSpace(c.note + " month from the sentence before")
				return
			}
		}
		// The sentence before gave only months it named for themselves
		// ("than in April 2025 (848: 118 killed ...)"): "of the total"
		// is the update's month.
		c.theMonth = true
		return
	}
	// "... 611 were civilians ... The other 492 belonged to the security
	// forces. A further 1,353 civilians were wounded": a sentence that
	// goes on from the figures before takes their month.
	first, second := x.toks[s.s].low, x.tok(s.s+1).low
	question := s.idx > 0 && x.toks[x.sents[s.idx-1].e-1].isPunct("?") // an interview's answer goes on from the one before
	if s.idx > 0 && (question || first == "another" || first == "further" || first == "a" && second == "further" || inList(first, []string{"of", "among"}) && inList(second, []string{"the", "those"})) {
		for i := len(x.cands) - 1; i >= 0; i-- {
			o := x.cands[i]
			if o.sent.idx < s.idx-3 {
				break
			}
			if o.sent == s || o.sent.cum || o.metric == mNone {
				continue
			}
			switch {
			case o.bound:
				c.month, c.bound = o.month, true
				c.note = strings.TrimSpace(c.note + " month of the figures the sentence goes on from")
				return
			case o.theMonth:
				c.theMonth = true // "... 537 civilians killed during the month ... Of the wounded, 925 were civilians"
				return
			}
		}
	}
	// The sentence before names one month and no figure: "July 2025 was
	// the deadliest month ... 286 killed and 1,388 injured were recorded".
	if s.idx > 0 {
		b := x.sents[s.idx-1]
		if usable(b) == 1 && b.scope == "" && !b.cum {
			for _, mn := range b.mentions {
				if mn.m != 0 && !mn.start24() && mn.day == 0 {
					if x.comparedMention(b, mn) {
						c.theMonth = true // "Порівняно з серпнем минулого року … зросла на 60%. Загалом постраждали 1 040 …"
						return
					}
					c.month, c.bound = x.year(b, mn), true
					c.note = strings.TrimSpace(c.note + " month from the sentence before")
					return
				}
			}
		}
		// "Q: How many civilians were killed last month? A: The mission
		// counted 611 civilians killed": the month before publication.
		if usable(b) == 0 && b.scope == "" && !b.cum {
			for _, mn := range b.mentions {
				if mn.ago && mn.rel == -1 {
					c.month, c.bound = data.MonthOf(x.pub).Add(-1), true
					c.note = strings.TrimSpace(c.note + " \"" + x.doc.Text[x.toks[mn.i].start:x.toks[mn.j].end] + "\" in the sentence before: the month before publication")
					return
				}
			}
		}
	}
}

// comparedBefore reports a mention inside a comparison: "lower than in the
// previous month", "compared with the month before".
func (x *extractor) comparedBefore(mn mention) bool {
	for i := mn.i - 1; i >= 0 && i >= mn.i-4; i-- {
		t := x.toks[i]
		if t.isNum() || t.isPunct(".;()") {
			return false
		}
		if inList(t.low, []string{"than", "compared", "against", "versus", "from", "ніж", "порівняно", "проти"}) {
			return true
		}
	}
	return false
}

// comparedRelAfter reports a number of a comparison whose month is a
// relative one after it: "down from 844 killed and 1,616 wounded a month
// earlier" (844 after "from"; 1,616 coordinated with it).
func (x *extractor) comparedRelAfter(s *sentence, c *cand) bool {
	from := false
	_, _, q := x.qualifierBefore(c.k, s.s)
	if inList(x.tok(q-1).low, []string{"from", "against", "with"}) {
		from = true
	} else if n := len(x.cands); n > 0 {
		p := x.cands[n-1]
		from = p.sent == s && p.rel == -1 && strings.Contains(p.note, "compared with the month before") && x.joined(p, q)
	}
	if !from {
		return false
	}
	for _, mn := range s.mentions {
		if mn.i > c.k && mn.i-c.k <= 8 && mn.m == 0 && mn.rel == -1 && !mn.ago {
			for i := c.k + 1; i < mn.i; i++ {
				if x.toks[i].isPunct(".;") {
					return false
				}
			}
			return true
		}
	}
	return false
}
