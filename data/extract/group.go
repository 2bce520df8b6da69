package extract

import (
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// A mission may count a group wider than the civilians first and the
// civilians among it after: "at least 1,119 Iraqis, mostly civilians,
// were killed in August ... At least 854 of them were civilians and 265
// were members of the security forces." The group total (civilians and
// security forces) is no figure of casualty's; the civilians' part is the
// month's civilian figure, with the group's metric and month.

// groupWords name a group of civilians and security forces together.
var groupWords = map[string]bool{"iraqis": true}

// groupFigure is a number counting such a group: what it counts, and when.
type groupFigure struct {
	metric int
	month  data.Month
	k      int
}

// civilianPart reports whether the number at k is followed by words
// saying it is the civilians of a group named before: "854 of them were
// civilians", "490 casualties were civilians", "of whom 512 were
// civilians". It returns the index of the word "civilians".
func (x *extractor) civilianPart(s *sentence, k int) (int, bool) {
	i := k + 1
	if x.tok(i).low == "of" && inList(x.tok(i+1).low, []string{"them", "these", "whom"}) {
		i += 2
	} else if inList(x.tok(i).low, []string{"casualties", "victims", "deaths", "people", "persons", "fatalities"}) {
		i++
	}
	if !inList(x.tok(i).low, []string{"were", "was"}) {
		return 0, false
	}
	i++
	if x.tok(i).low == "all" {
		i++
	}
	if i >= s.e || x.toks[i].low != "civilians" {
		return 0, false
	}
	return i, true
}

// groupBefore finds the group total the civilians' part at k belongs to:
// a number followed by a group word, in this sentence before k or in one
// of the three sentences before, whose metric and month can be read.
func (x *extractor) groupBefore(s *sentence, k int) (groupFigure, bool) {
	for si := s.idx; si >= 0 && si >= s.idx-3; si-- {
		b := x.sents[si]
		hi := b.e
		if b == s {
			hi = k
		}
		for i := hi - 1; i >= b.s; i-- {
			t := x.toks[i]
			if !t.isNum() || x.consumed[i] || !groupWords[x.tok(i+1).low] {
				continue
			}
			g, ok := x.readGroup(b, i)
			if ok {
				return g, true
			}
			return groupFigure{}, false // the nearest group decides
		}
	}
	return groupFigure{}, false
}

// readGroup reads the metric and month of the group total at k: the first
// metric word after it in its clause ("1,119 Iraqis, mostly civilians,
// were killed in August"), and the one month its sentence names.
func (x *extractor) readGroup(s *sentence, k int) (groupFigure, bool) {
	g := groupFigure{k: k}
	for i := k + 2; i < s.e && i < k+12; i++ {
		t := x.toks[i]
		if t.isNum() || t.isPunct(".;()") || t.kind == kWord && stopWords[t.low] {
			break
		}
		if m := metricWord(t.low); m != mNone {
			g.metric = m
			if m != mCasualties && inList(x.tok(i+1).low, []string{"or", "and"}) {
				if m2 := metricWord(x.tok(i + 2).low); m2 != mNone && m2 != m {
					g.metric = mCasualties
				}
			}
			break
		}
	}
	if g.metric == mNone || s.scope != "" || s.cum || usable(s) != 1 {
		return g, false
	}
	for _, mn := range s.mentions {
		if mn.m != 0 && !mn.start24() && (mn.day == 0 || mn.asOf) {
			// "since January", "from January", "by March": a span or a
			// cut-off, not the group's month.
			if inList(x.tok(mn.i-1).low, []string{"since", "from", "between", "until", "till", "through", "by", "to", "and", "of", "end"}) || mn.asOf {
				return g, false
			}
			g.month = x.year(s, mn)
		}
	}
	return g, !g.month.IsZero()
}

// readCivilianPart makes the civilians' part of a group total at k a
// figure, when the group can be found; it reports whether it did.
func (x *extractor) readCivilianPart(s *sentence, k int) bool {
	end, ok := x.civilianPart(s, k)
	if !ok {
		return false
	}
	g, ok := x.groupBefore(s, k)
	if !ok {
		x.warn(k, "%s civilians: the civilians among a group counted before, whose month or metric cannot be read (a span, a day, none named); not reported", x.toks[k].text)
		return true
	}
	t := x.toks[k]
	c := &cand{k: k, sent: s, val: t.val, last: end, metric: g.metric, month: g.month, bound: true, takes: -1, how: "civilian part"}
	c.qual, c.wording, _ = x.qualifierBefore(k, s.s)
	if t.approx {
		c.qual, c.wording = data.Approx, t.text
	}
	c.note = "the civilians among the " + x.toks[g.k].text + " " + x.toks[g.k+1].text + " (civilians and security forces) the text counts"
	if g.k < s.s || g.k >= s.e {
		c.note = strings.TrimSpace(c.note + " in an earlier sentence")
	}
	x.cands = append(x.cands, c)
	return true
}
