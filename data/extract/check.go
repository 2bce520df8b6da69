package extract

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// Check is a stated percentage change ("50 per cent up on February 2025")
// checked against the figures the same publication gives for both months.
type Check struct {
	Pos      data.Pos
	Offset   int
	Quote    string      // the percentage as written, with its words
	Metric   data.Metric // killed, injured or casualties
	Month    data.Month  // the month compared
	Against  data.Month  // the month it is compared with
	Stated   float64     // signed: -12 for "12 per cent lower"
	Decimals int         // decimals the text gives (50: 0; 22,9: 1)
	Bound    string      // "", "more than" or "nearly": how the text states it
	// Checked says whether the publication gives both figures; when it
	// does, Value and Base are the counts, Change the computed change in
	// per cent (unrounded) and Agreed the verdict.
	Checked     bool
	Value, Base int64
	Change      float64
	Agreed      bool
	Why         string // when not checked: what is missing
}

// String is the check for people:
//
//	"50 per cent up on February 2025": casualties March 2025 against February 2025: 1,074 against 717, +49.8%, stated as 50 per cent: agreed
func (c Check) String() string {
	head := fmt.Sprintf("%q: %s %s against %s", c.Quote, c.Metric.Label(), c.Month.Label(), c.Against.Label())
	if c.Month.IsZero() || c.Against.IsZero() {
		head = fmt.Sprintf("%q: %s", c.Quote, c.Metric.Label())
	}
	if !c.Checked {
		return head + ": not checked: " + c.Why
	}
	verdict := "agreed"
	if !c.Agreed {
		verdict = "NOT agreed"
	}
	stated := formatPct(math.Abs(c.Stated), c.Decimals) + " per cent"
	if c.Bound != "" {
		stated = c.Bound + " " + stated
	}
	return fmt.Sprintf("%s: %s against %s, %s, stated as %s: %s", head, data.FormatCount(c.Value), data.FormatCount(c.Base), signedPct(c.Change), stated, verdict)
}

func formatPct(v float64, dec int) string { return strconv.FormatFloat(v, 'f', dec, 64) }

func signedPct(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64) + "%"
	if v >= 0 {
		s = "+" + s
	}
	return s
}

// pct is a stated percentage change, before it is checked.
type pct struct {
	k, end     int
	sent       *sentence
	stated     float64
	dec        int
	bound      string
	metric     int
	month      mention
	hasMonth   bool
	against    mention
	hasAgainst bool
}

// readPercents finds the percentage changes a sentence states. A share
// ("46% of those killed", "(92%)") has no word of rise or fall and is
// left alone.
func (x *extractor) readPercents(s *sentence) {
	for k := s.s; k < s.e; k++ {
		t := x.toks[k]
		if !t.isNum() || t.word {
			continue
		}
		end, ok := percentAfter(x.toks[:s.e], k)
		if !ok {
			continue
		}
		if n := x.tok(end + 1); n.low == "of" || n.low == "з" || n.low == "від" && false {
			continue
		}
		dir := 0
		for i := max(s.s, k-6); i < min(s.e, end+5); i++ {
			w := x.toks[i].low
			switch {
			case inList(w, upWords):
				dir = 1
			case inList(w, downWords):
				dir = -1
			}
			if dir != 0 {
				break
			}
		}
		if dir == 0 {
			continue
		}
		p := &pct{k: k, end: end, sent: s}
		v := float64(t.val)
		for i := 0; i < t.dec; i++ {
			v /= 10
		}
		p.stated, p.dec = v*float64(dir), t.dec
		q, w, _ := x.qualifierBefore(k, s.s)
		switch {
		case q == data.AtLeast:
			p.bound = "more than"
		case q == data.Approx:
			p.bound = "nearly"
		}
		_ = w
		// The metric: deaths when a word for them stands right before or
		// after the percentage ("deaths rose by 31%", "a 31 percent
		// increase in civilian deaths"), else killed and injured
		// together.
		p.metric = mCasualties
		// The word after wins, as it names what the change is "in".
		if m := x.deathsOrInjuries(s, end+1, 1, 5); m != mNone {
			p.metric = m
		} else if m := x.deathsOrInjuries(s, k-1, -1, 4); m != mNone {
			p.metric = m
		}
		// The month compared with: the first month or relative month after
		// the percentage; the month compared: one named before it, not in
		// parentheses and not itself a month compared with ("up on
		// February 2025").
		for _, mn := range s.mentions {
			if mn.i > end && mn.i-end <= 8 && !p.hasAgainst {
				p.against, p.hasAgainst = mn, true
			}
			// "Compared with February 2024 (153 killed; 359 injured),
			// casualties were 35 per cent higher": the month compared
			// with opens the sentence.
			if p1, p2 := x.tok(mn.i-1).low, x.tok(mn.i-2).low; mn.j < k && !p.hasAgainst && (mn.m != 0 || mn.rel != 0) &&
				(inList(p1, []string{"with", "to"}) && inList(p2, []string{"compared", "relative", "comparison"}) || inList(p1, []string{"against", "versus", "vs"}) || p1 == "з" && p2 == "порівняно") {
				p.against, p.hasAgainst = mn, true
				continue
			}
			if _, _, inParen := x.parenGroup(s, mn.i); mn.j < k && mn.m != 0 && !mn.start24() && !inParen && !x.againstMention(mn) {
				p.month, p.hasMonth = mn, true
			}
		}
		x.againstBefore(s, p)
		// "1,355 ... in April 2025, compared with 1,074 in March, a
		// rise of 26 per cent": two months named before the percentage,
		// the later one the month compared with.
		if !p.hasAgainst {
			var before []mention
			for _, mn := range s.mentions {
				if mn.j < k && mn.m != 0 && !mn.start24() && !mn.since && mn.day == 0 {
					before = append(before, mn)
				}
			}
			if len(before) == 2 && before[0].m != before[1].m {
				p.month, p.hasMonth = before[0], true
				p.against, p.hasAgainst = before[1], true
			}
		}
		x.pcts = append(x.pcts, p)
	}
}

// againstWords come before the month a change is measured against.
var againstWords = []string{"on", "than", "with", "to", "from", "відносно", "щодо", "порівняно", "проти", "over", "ніж", "аніж"}

// value is the publication's figure for a month and metric, casualties
// summed from killed and injured when the text gives no total.
func (x *extractor) value(m data.Month, metric int) (int64, bool) {
	find := func(dm data.Metric) (int64, bool) {
		for _, f := range x.res.Figures {
			if f.Month == m && f.Metric == dm && f.Area == x.country && f.Role != Cumulative && f.Role != Breakdown && f.Role != PartMonth && f.Group == Civilians && !f.Rounded {
				return f.Value, true
			}
		}
		return 0, false
	}
	switch metric {
	case mKilled:
		return find(data.Killed)
	case mInjured:
		return find(data.Injured)
	}
	if v, ok := find(data.Casualties); ok {
		return v, true
	}
	k, ok1 := find(data.Killed)
	i, ok2 := find(data.Injured)
	return k + i, ok1 && ok2
}

// check checks every stated percentage change.
func (x *extractor) check() {
	for _, p := range x.pcts {
		pos, off := x.doc.Pos(x.toks[p.k].start)
		qs := x.toks[p.k].start
		qe := x.toks[p.end].end
		if p.hasAgainst && p.against.j > p.end {
			qe = x.toks[p.against.j].end
		} else if p.hasAgainst {
			qs = x.toks[p.against.i].start // "Compared with February 2024 (...), casualties were 35 per cent higher"
		}
		c := Check{Pos: pos, Offset: off, Quote: strings.Join(strings.Fields(x.doc.Text[qs:qe]), " "), Stated: p.stated, Decimals: p.dec, Bound: p.bound}
		switch p.metric {
		case mKilled:
			c.Metric = data.Killed
		case mInjured:
			c.Metric = data.Injured
		default:
			c.Metric = data.Casualties
		}
		c.Month = x.res.Subject
		if p.hasMonth {
			c.Month = x.year(p.sent, p.month)
		}
		switch {
		case !p.hasAgainst:
			c.Why = "the text does not say which month it compares with"
		case p.against.m == 0:
			c.Against = c.Month.Add(p.against.rel)
		default:
			c.Against = x.year(p.sent, p.against)
			if p.against.y == 0 && !c.Against.Before(c.Month) {
				c.Against = c.Against.Add(-12)
			}
		}
		if c.Why == "" && c.Month == c.Against {
			c.Why = "the text seems to compare " + c.Month.Label() + " with itself; the month it reports is not clear"
		}
		if c.Why == "" {
			v, ok1 := x.value(c.Month, p.metric)
			b, ok2 := x.value(c.Against, p.metric)
			switch {
			case !ok1:
				c.Why = "the publication gives no " + c.Metric.Label() + " figure for " + c.Month.Label()
			case !ok2:
				c.Why = "the publication gives no " + c.Metric.Label() + " figure for " + c.Against.Label()
			case b == 0:
				c.Why = "the figure it compares with is zero"
			default:
				c.Checked, c.Value, c.Base = true, v, b
				// change = (value - base) / base, in per cent
				c.Change = float64(v-b) / float64(b) * 100
				c.Agreed = agrees(c.Change, c.Stated, c.Decimals, c.Bound)
			}
		}
		dup := false
		for _, o := range x.res.Checks {
			dup = dup || o.Quote == c.Quote && o.Month == c.Month && o.Against == c.Against && o.Stated == c.Stated
		}
		if !dup { // said twice (a title and the text) is checked once
			x.res.Checks = append(x.res.Checks, c)
		}
	}
}

// agrees reports whether a computed change agrees with the stated one as
// the text states it: rounded to its decimals, above a "more than" bound,
// just under a "nearly".
func agrees(change, stated float64, dec int, bound string) bool {
	if (change < 0) != (stated < 0) && change != 0 {
		return false
	}
	a, s := math.Abs(change), math.Abs(stated)
	scale := math.Pow(10, float64(dec))
	switch bound {
	case "more than":
		return a > s
	case "nearly":
		return a <= s+0.5/scale && s-a < 2
	}
	return math.Round(a*scale)/scale == s
}

// deathsOrInjuries reads the first word for the killed or the injured
// from token i on, step by step (-1 back, +1 on), at most n tokens, up to
// a number or a punctuation mark; mNone when there is none.
func (x *extractor) deathsOrInjuries(s *sentence, i, step, n int) int {
	for ; i >= s.s && i < s.e && n > 0; i, n = i+step, n-1 {
		t := x.toks[i]
		if t.isNum() || t.kind == kPunct {
			return mNone
		}
		if m := metricWord(t.low); m == mKilled || m == mInjured {
			return m
		}
	}
	return mNone
}
