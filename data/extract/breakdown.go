package extract

import (
	"fmt"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// cutOff is the last day a figure's count runs to, when the text gives
// one that may end before its month does: "the figures run up to and
// including 27 November".
type cutOff struct {
	day   int
	month data.Month
	k     int    // the day's token
	words string // as written
}

// breakdowns finishes the figures of one sentence once all are read:
// a total whose brackets say it is killed and injured together; and, in
// Iraqi and Libyan texts, a governorate's figures that come from its
// Health Directorate, that run to a day before the month ends, or that
// name no month of their own.
func (x *extractor) breakdowns(s *sentence) {
	var mine []*cand
	for i := len(x.cands) - 1; i >= 0 && x.cands[i].sent == s; i-- {
		mine = append([]*cand{x.cands[i]}, mine...)
	}
	if len(mine) == 0 {
		return
	}
	x.bracketParts(s, mine)
	if x.country != "IQ" && x.country != "LY" {
		return
	}
	x.incidents(s, mine)
	x.healthDirectorate(s, s, mine)
	x.cutOffs(s, s, mine)
	// "Anbar had 20 killed and 46 injured. Those figures come from its
	// Health Directorate and run until 29 September.": a sentence of no
	// figures right after speaks of these.
	if n := x.trailing(s); n != nil {
		x.healthDirectorate(n, s, mine)
		x.cutOffs(n, s, mine)
	}
	before := false // the sentence before gave figures
	if s.idx > 0 {
		for i := len(x.cands) - 1; i >= 0 && x.cands[i].sent.idx >= s.idx-1; i-- {
			if x.cands[i].sent.idx == s.idx-1 {
				before = true
			}
		}
	}
	for _, c := range mine {
		if c.area == "" || c.metric == mNone || c.since != "" || s.scope != "" || s.cum || len(s.mentions) > 0 {
			continue
		}
		// A governorate's figures in a sentence that names no month are
		// the month the update reports ("Diyala had 170 killed"), not a
		// month the sentence before names without a figure of its own:
		// "lower than in the previous month of March" compares.
		if c.bound && (!before || x.earlierThanRead(c.month)) && strings.Contains(c.note, "month from the sentence before") {
			c.bound, c.month = false, data.Month{}
			c.note = strings.TrimSpace(strings.Replace(c.note, "month from the sentence before", "", 1))
		}
		if !c.bound && !c.theMonth {
			c.theMonth = true
		}
	}
}

// incidentWords name one attack, not a month of them.
var incidentWords = map[string]bool{"bomb": true, "bombing": true, "bomber": true, "blast": true, "explosion": true,
	"suicide": true, "ambush": true, "airstrike": true, "air-strike": true, "attack": true, "massacre": true,
	"strike": true, "shelling": true, "ied": true, "car-bomb": true}

// incidents withholds a governorate's figures in a sentence about one
// attack: "a suicide bombing in Baghdad killed 30 people" is no month's
// figure for Baghdad.
func (x *extractor) incidents(s *sentence, mine []*cand) {
	w := ""
	for i := s.s; i < s.e && w == ""; i++ {
		if incidentWords[x.toks[i].low] {
			w = x.toks[i].text
		}
	}
	if w == "" {
		return
	}
	for _, c := range mine {
		if c.area != "" && c.metric != mNone {
			x.warn(c.k, "%s %s: the sentence is about an incident (%s), so the figure is not the governorate's for the month; not reported", x.toks[c.k].text, c.dataMetric().Label(), w)
			c.metric = mNone
		}
	}
}

// addNote appends a clause to a figure's note.
func addNote(c *cand, s string) {
	if c.note == "" {
		c.note = s
		return
	}
	c.note += "; " + s
}

// bracketParts reads a total by the killed and injured its brackets give:
// in "its civilian death toll totalling 55 (23 dead and 32 wounded)" the
// 55 is 23 + 32, killed and injured together, whatever the words before
// it call it. A killed or injured total that its brackets contradict is
// not reported; a casualty total that its parts do not add up to is kept,
// as stated, with a warning.
func (x *extractor) bracketParts(s *sentence, mine []*cand) {
	for _, c := range mine {
		if c.metric == mNone {
			continue
		}
		o := x.bracketAfter(s, c.last)
		if o < 0 {
			continue
		}
		var killed, injured *cand
		n := 0
		for _, p := range mine {
			if p.k > o && p.metric != mNone && p.children == c.children && x.openParen(s, p.k) == o {
				n++
				switch p.metric {
				case mKilled:
					killed = p
				case mInjured:
					injured = p
				}
			}
		}
		if n != 2 || killed == nil || injured == nil {
			continue
		}
		sum := killed.val + injured.val
		t := x.toks[c.k]
		switch {
		case c.metric == mCasualties && sum != c.val:
			x.warn(c.k, "%s %s: the killed and injured in its brackets (%s and %s) add up to %d, not %d; both are reported as the text states them", t.text, c.dataMetric().Label(), x.toks[killed.k].text, x.toks[injured.k].text, sum, c.val)
		case c.metric != mCasualties && sum == c.val:
			// 23 + 32 = 55: the brackets decide.
			words := strings.TrimSpace(x.doc.Text[x.toks[max(s.s, c.k-4)].start:x.toks[c.k].start])
			c.metric = mCasualties
			addNote(c, fmt.Sprintf("killed and injured together: the brackets give %s killed and %s injured, which add up to it, though the text words it %q", x.toks[killed.k].text, x.toks[injured.k].text, words))
		case c.metric != mCasualties:
			x.warn(c.k, "%s %s: its brackets give %s killed and %s injured, which contradict it; not reported", t.text, c.dataMetric().Label(), x.toks[killed.k].text, x.toks[injured.k].text)
			c.metric = mNone
		}
	}
}

// bracketAfter returns the "(" right after token last ("55 (", "600
// civilian casualties in total ("), or -1.
func (x *extractor) bracketAfter(s *sentence, last int) int {
	for i := last + 1; i < s.e && i <= last+3; i++ {
		t := x.toks[i]
		if t.isPunct("(") {
			return i
		}
		if !inList(t.low, []string{"in", "total", "all"}) {
			return -1
		}
	}
	return -1
}

// healthDirectorate notes the figures a governorate's Health Directorate
// gave the mission, which the mission did not verify: "UNAMI learned from
// the Health Directorate in Anbar that the Governorate suffered 600
// civilian casualties". The governorate is the one the words' clause
// (between semicolons) names, else the one all the sentence's governorate
// figures are for. When neither tells, the clause's governorate figures
// are not reported, since the note could not be put on the right ones.
//
// The words may stand in hs, the sentence of the figures (s) or one of no
// figures right after it.
func (x *extractor) healthDirectorate(hs, s *sentence, mine []*cand) {
	h := -1
	for i := hs.s; i+1 < hs.e; i++ {
		if x.toks[i].low == "health" && strings.HasPrefix(x.toks[i+1].low, "directorate") {
			h = i
			break
		}
	}
	if h < 0 {
		return
	}
	a, b := h, h
	for a > hs.s && !x.toks[a-1].isPunct(";") {
		a--
	}
	for b < hs.e && !x.toks[b].isPunct(";") {
		b++
	}
	named := map[string]string{} // code -> words
	for i := a; i < b; i++ {
		if c, e := x.unitAt(i); c != "" {
			if _, ok := named[c]; !ok {
				named[c] = x.spanText(mention{from: i, to: e})
			}
			i = e
		}
	}
	figs := map[string]bool{}
	for _, c := range mine {
		if c.area != "" && c.metric != mNone {
			figs[c.area] = true
		}
	}
	code, name := "", ""
	switch {
	case len(named) == 1:
		for c, w := range named {
			code, name = c, strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s") // "Anbar's health directorate"
		}
	case len(figs) == 1:
		for c := range figs {
			code, name = c, unitName(c)
		}
	}
	for _, c := range mine {
		if c.area == "" || c.metric == mNone {
			continue
		}
		if code == "" {
			if c.k >= a && c.k < b || hs != s {
				x.warn(c.k, "%s %s: the clause gives a Health Directorate's figures, and which governorate's they are cannot be read; not reported", x.toks[c.k].text, c.dataMetric().Label())
				c.metric = mNone
			}
			continue
		}
		if c.area == code {
			addNote(c, "figure of the "+name+" Health Directorate, passed on by UNAMI, not verified by the mission")
		}
	}
}

// cutOffs finds a day the figures of a sentence run up to ("the figures
// run up to and including 27 November", "updated until 29 September"),
// and gives it to the figures of the governorate named nearest before it,
// or to all the sentence's governorate figures when they are of one.
// place makes them part-month figures once their month is known.
//
// The words may stand in cs, the sentence of the figures (s) or one of no
// figures right after it.
func (x *extractor) cutOffs(cs, s *sentence, mine []*cand) {
	for _, mn := range cs.mentions {
		if mn.m == 0 || mn.day == 0 || !x.cutOffWords(mn) {
			continue
		}
		code := ""
		for i := mn.i - 1; i >= cs.s; i-- {
			if c, _ := x.unitEnding(i); c != "" {
				code = c
				break
			}
		}
		if code == "" {
			for _, c := range mine {
				if c.area != "" && (code == "" || c.area == code) {
					code = c.area
				} else if c.area != "" {
					code = placedElsewhere
				}
			}
		}
		co := cutOff{day: mn.day, month: x.year(cs, mn), k: mn.i, words: x.doc.Text[x.toks[mn.i].start:x.toks[mn.j].end]}
		for _, c := range mine {
			if c.area == "" || c.metric == mNone {
				continue
			}
			if code == placedElsewhere {
				x.warn(c.k, "%s %s: the sentence says figures run up to %s, and whose cannot be read; not reported", x.toks[c.k].text, c.dataMetric().Label(), co.words)
				c.metric = mNone
				continue
			}
			if c.area == code {
				c.cut = co
			}
		}
	}
}

// trailing returns the sentence after s when it states no count of its
// own (its numbers, if any, are days and years), else nil.
func (x *extractor) trailing(s *sentence) *sentence {
	if s.idx+1 >= len(x.sents) {
		return nil
	}
	n := x.sents[s.idx+1]
	for i := n.s; i < n.e; i++ {
		if x.toks[i].isNum() && !x.consumed[i] {
			return nil
		}
	}
	return n
}

// cutOffWords reports the words of a cut-off before a day: "up to and
// including", "until", "till", "through", "as of".
func (x *extractor) cutOffWords(mn mention) bool {
	p, pp := x.tok(mn.i-1).low, x.tok(mn.i-2).low
	switch {
	case inList(p, []string{"until", "till", "through", "including"}):
		return true
	case p == "to" && pp == "up":
		return true
	case p == "of" && pp == "as":
		return true
	}
	return false
}

// cutOffOK applies a figure's cut-off once its month is known: the figure
// covers days 1 to the cut-off's day of that month. A cut-off in another
// month than the figure's is warned about, and the figure not reported.
func (x *extractor) cutOffOK(c *cand) bool {
	co := c.cut
	if co.day == 0 {
		return true
	}
	t := x.toks[c.k]
	if co.month != c.month {
		x.warn(c.k, "%s %s: the text says the figures run up to %s, which is not in the figure's month (%s); not reported", t.text, c.dataMetric().Label(), co.words, c.month.Label())
		return false
	}
	if co.day >= c.month.Days() {
		return true // up to the month's last day: the whole month
	}
	c.from, c.to = 1, co.day
	addNote(c, fmt.Sprintf("part-month: the figures run up to %s, days 1-%d", co.words, co.day))
	return true
}

// givenName reports a month's abbreviation that is a person's first name:
// "Jan Kubiš", UNAMI's head in 2015-2018, whom its releases quote after
// the governorates' figures; read as January, he would date them.
func (x *extractor) givenName(i int) bool {
	t, n := x.tok(i), x.tok(i+1)
	return t.low == "jan" && n.kind == kWord && startsUpper(n) && monthAt(n) == 0
}

// earlierThanRead reports whether m is earlier than a month of a national
// figure already read: a governorate's figures after "In August, the
// mission had recorded 585 killed" in an update on September are
// September's, the month a breakdown is given for, not the month before.
func (x *extractor) earlierThanRead(m data.Month) bool {
	for _, o := range x.cands {
		if o.bound && o.area == "" && !o.children && o.metric != mNone && m.Before(o.month) && !o.sent.cum {
			return true
		}
	}
	return false
}
