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
// saying it is the civilians of a group named before ("854 of them were
// civilians", "490 casualties were civilians", "of whom 512 were
// civilians") or its security forces ("265 were members of the Iraqi
// security forces", "359 others were security forces"). It returns the
// index of the part's last word and which part it is.
func (x *extractor) civilianPart(s *sentence, k int) (int, Group, bool) {
	i := k + 1
	if x.tok(i).low == "of" && inList(x.tok(i+1).low, []string{"them", "these", "whom"}) {
		i += 2
	} else if inList(x.tok(i).low, []string{"casualties", "victims", "deaths", "people", "persons", "fatalities", "others"}) {
		i++
	}
	if !inList(x.tok(i).low, []string{"were", "was"}) {
		return 0, Civilians, false
	}
	i++
	if x.tok(i).low == "all" {
		i++
	}
	if i >= s.e {
		return 0, Civilians, false
	}
	if x.toks[i].low == "civilians" {
		return i, Civilians, true
	}
	if g, end := x.groupNoun(s, i-1); g == SecurityForces {
		return end, g, true
	}
	return 0, Civilians, false
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
func (x *extractor) readCivilianPart(s *sentence, k int, prev *sentence) bool {
	end, part, ok := x.civilianPart(s, k)
	if !ok {
		return false
	}
	g, ok := x.groupBefore(s, k)
	if !ok {
		// "Of the dead, 611 were civilians": the dead of every group,
		// named at the head of the sentence; the number is the civilian
		// (or security forces') count of that metric.
		if m := x.ofTheMetric(s, k); m != mNone {
			t := x.toks[k]
			c := &cand{k: k, sent: s, val: t.val, last: end, metric: m, group: part, how: "civilian part"}
			c.qual, c.wording, _ = x.qualifierBefore(k, s.s)
			x.readMonth(s, c, prev)
			x.cands = append(x.cands, c)
			return true
		}
		x.warn(k, "%s %s: the %s among a group counted before, whose month or metric cannot be read (a span, a day, none named); not reported", x.toks[k].text, x.toks[end].text, who(part))
		return true
	}
	t := x.toks[k]
	c := &cand{k: k, sent: s, val: t.val, last: end, metric: g.metric, month: g.month, bound: true, takes: -1, how: "civilian part"}
	var qstart int
	c.qual, c.wording, qstart = x.qualifierBefore(k, s.s)
	if t.approx {
		c.qual, c.wording = data.Approx, t.text
	}
	// "At least 854 of them were civilians and 265 were members of the
	// security forces": the qualifier covers both parts.
	if n := len(x.cands); c.qual == data.Exact && n > 0 {
		if p := x.cands[n-1]; p.sent == s && p.how == "civilian part" && p.wording != "" && x.joined(p, qstart) {
			c.qual, c.wording = p.qual, p.wording
		}
	}
	c.group = part
	c.note = "the " + who(part) + " among the " + x.toks[g.k].text + " " + x.toks[g.k+1].text + " (civilians and security forces) the text counts"
	if g.k < s.s || g.k >= s.e {
		c.note = strings.TrimSpace(c.note + " in an earlier sentence")
	}
	x.cands = append(x.cands, c)
	return true
}

// Group is whom a figure counts when that is not the civilians the
// mission counts. UNAMI's releases count "Iraqis" (civilians and members
// of the security forces together), the security forces apart, the
// civilian police among the civilians and foreign civilians beside them;
// each is a figure of the release, but none is the mission's civilian
// count, so none may pass for one in a tidy file or a store.
type Group string

const (
	Civilians                  Group = ""                              // the mission's civilian count
	CiviliansAndSecurityForces Group = "civilians and security forces" // UNAMI's "Iraqis"
	SecurityForces             Group = "security forces"
	CivilianPolice             Group = "civilian police" // counted among the civilians
	ForeignCivilians           Group = "foreign civilians"
	CiviliansExcludingPolice   Group = "civilians excluding police"
)

// Part reports whether the group is a part of the civilians or beside
// them (a breakdown), rather than a whole that contains them.
func (g Group) Part() bool { return g != Civilians && g != CiviliansAndSecurityForces }

// groupNoun returns the group the words right after the number at k name
// ("1,119 Iraqis", "331 Iraqi Security Forces members", "52 foreign
// civilians", "265 members of the security forces") and the index of the
// group's last word.
func (x *extractor) groupNoun(s *sentence, k int) (Group, int) {
	i := k + 1
	if i >= s.e {
		return Civilians, k
	}
	w := func(j int) string {
		if j >= s.e {
			return ""
		}
		return x.toks[j].low
	}
	if inList(w(i), []string{"members", "personnel"}) && w(i+1) == "of" {
		i += 2
		if w(i) == "the" {
			i++
		}
	}
	if w(i) == "iraqi" {
		i++
		if w(i) != "security" && w(i) != "isf" {
			return Civilians, k
		}
	}
	switch {
	case w(i) == "iraqis":
		return CiviliansAndSecurityForces, i
	case w(i) == "security" && inList(w(i+1), []string{"members", "personnel"}):
		return SecurityForces, i + 1 // "291 security members"
	case w(i) == "security" && w(i+1) == "forces":
		i++
		if w(i+1) == "members" || w(i+1) == "personnel" {
			i++
		}
		return SecurityForces, i
	case w(i) == "isf":
		if w(i+1) == "members" || w(i+1) == "personnel" {
			i++
		}
		return SecurityForces, i
	case w(i) == "foreign" && inList(w(i+1), []string{"civilians", "nationals", "citizens", "pilgrims"}):
		return ForeignCivilians, i + 1
	case w(i) == "civilian" && inList(w(i+1), []string{"police", "policemen"}):
		return CivilianPolice, i + 1 // "94 civilian police killed", "the killed include 59 civilian police"
	}
	return Civilians, k
}

// groupMetric reads the metric of a group's number: the first metric word
// after the group's noun in its clause, an aside in parentheses skipped
// ("331 Iraqi Security Forces members (Peshmerga ... included) were
// killed"); "killed or injured" is casualties.
func (x *extractor) groupMetric(s *sentence, c *cand, from int) {
	for i, n := from+1, 0; i < s.e && n < 12; i, n = i+1, n+1 {
		t := x.toks[i]
		if t.isPunct("(") {
			e := x.closeParen(s, i)
			for j := i + 1; e < 0 && j < s.e; j++ {
				if x.toks[j].isPunct(")") {
					e = j // "(Peshmerga ... included (Anbar Operations excluded)": one ")" for two
				}
			}
			if e < 0 {
				return
			}
			i = e
			continue
		}
		if t.isPunct(",") && i == from+1 {
			// "1,100 Iraqis, civilians and members of the security
			// forces, were killed": the apposition is the group's.
			for j := i + 1; j < s.e && j <= i+10; j++ {
				if x.toks[j].isPunct(",") {
					i = j
					break
				}
				if x.toks[j].isNum() || x.toks[j].isPunct(".;()") || metricWord(x.toks[j].low) != mNone {
					break
				}
			}
			continue
		}
		if t.isNum() || t.isPunct(".;()") || t.kind == kWord && stopWords[t.low] {
			return
		}
		if m := metricWord(t.low); m != mNone {
			c.metric, c.last, c.how = m, i, "group"
			if m != mCasualties && inList(x.tok(i+1).low, []string{"or", "and"}) {
				if m2 := metricWord(x.tok(i + 2).low); m2 != mNone && m2 != m {
					c.metric, c.last = mCasualties, i+2
				}
			}
			return
		}
	}
}

// closeParen returns the index of the ")" closing the "(" at o in s, or -1.
func (x *extractor) closeParen(s *sentence, o int) int {
	depth := 0
	for i := o; i < s.e; i++ {
		switch {
		case x.toks[i].isPunct("("):
			depth++
		case x.toks[i].isPunct(")"):
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// readGroupFigure reads the number at k as a group's figure when it names
// a group ("849 Iraqis were killed") or goes on the group figure before it
// ("... were killed and another 867 injured"). It reports whether the
// number was taken.
func (x *extractor) readGroupFigure(s *sentence, k int, last *cand, prev *sentence) (*cand, bool) {
	t := x.toks[k]
	c := &cand{k: k, sent: s, val: t.val, last: k}
	q, w, qstart := x.qualifierBefore(k, s.s)
	c.qual, c.wording = q, w
	if t.approx {
		c.qual, c.wording = data.Approx, t.text
	}
	g, end := x.groupNoun(s, k)
	if g == Civilians && x.overallOfBoth(s, k) {
		g, end = CiviliansAndSecurityForces, k
	}
	if g == Civilians {
		if last == nil || last.group == Civilians || last.sent != s || !x.groupJoined(last, qstart) || x.namesPeople(k, min(k+3, s.e)) {
			return nil, false
		}
		g, end = last.group, k
		if c.qual == data.Exact && last.wording != "" {
			c.qual, c.wording = last.qual, last.wording
		}
	}
	c.group = g
	c.note = groupNote(g, x.doc.Text[x.toks[k].start:x.toks[end].end])
	x.groupMetric(s, c, end)
	if c.metric == mNone {
		// "Among the dead were 10 foreign nationals": the metric before.
		for i := qstart - 1; i >= s.s && i >= qstart-4; i-- {
			if x.toks[i].kind == kPunct {
				break
			}
			if m := metricWord(x.toks[i].low); m != mNone {
				c.metric, c.how = m, "group"
				break
			}
		}
	}
	if c.metric == mNone && last != nil && last.sent == s && last.metric != mNone && inList(x.tok(qstart-1).low, []string{"with", "and"}) && (inList(x.tok(qstart-2).low, []string{"along", "together"}) || x.tok(qstart-2).isPunct(",")) {
		// "611 civilians were killed last month ..., along with 492
		// personnel of the Iraqi security forces"
		c.metric, c.how = last.metric, "group"
		if last.bound {
			c.month, c.bound, c.adjacent, c.takes = last.month, true, last.adjacent, -1
			return c, true
		}
	}
	if c.metric == mNone {
		x.warn(k, "%s: a count of %s whose metric cannot be read; not reported", t.text, g)
		return nil, true
	}
	x.readMonth(s, c, prev)
	return c, true
}

// who names a group in a sentence: "civilians", "security forces".
func who(g Group) string {
	if g == Civilians {
		return "civilians"
	}
	return string(g)
}

// policePart reads a number in parentheses right after a civilian figure
// that counts the civilian police among it: "civilians killed in April
// numbered 410 (including 11 Federal Police, fire department ...)", "844
// civilians were killed in July (27 civilian police and Anbar casualty
// figures included)". UNAMI counted police on non-combat duty as
// civilians; the number is that part of the figure before, with its
// metric and month.
func (x *extractor) policePart(s *sentence, k int, last *cand) (*cand, bool) {
	if last == nil || last.group != Civilians || last.children || last.metric == mNone {
		return nil, false
	}
	o, _, ok := x.parenGroup(s, k)
	if !ok {
		// ", among them 30 policemen,", ", 29 of them policemen,",
		// ", including 42 policemen,"
		o, ok = k-1, false
		for o > last.k && k-o <= 4 && !x.toks[o].isPunct(",") {
			o--
		}
		ok = x.toks[o].isPunct(",") && (inList(x.tok(o+1).low, []string{"among", "including"}) || x.tok(k+1).low == "of" && inList(x.tok(k+2).low, []string{"them", "whom"}) ||
			x.tok(o+1).low == "of" && inList(x.tok(o+2).low, []string{"them", "whom"}) && inList(x.tok(k+1).low, []string{"were", "was"})) // ", of whom 94 were civilian police"

	}
	if !ok || o <= last.k || o-last.last > 8 || x.numberBetween(o, k) || x.numberBetween(last.k, o) {
		return nil, false
	}
	police := false
	for i := k + 1; i <= k+6 && i < s.e; i++ {
		police = police || inList(x.toks[i].low, []string{"police", "policemen"})
	}
	if !police {
		return nil, false
	}
	t := x.toks[k]
	c := &cand{k: k, sent: s, val: t.val, last: k, metric: last.metric, month: last.month, bound: last.bound,
		adjacent: last.adjacent, theMonth: last.theMonth, area: last.area, takes: -1, group: CivilianPolice, how: "police part",
		qual: data.Exact}
	c.note = "the civilian police among the " + x.toks[last.k].text + " " + last.dataMetric().Label()
	return c, true
}

// groupNote says whom a group's figure counts, with the words of the text.
func groupNote(g Group, words string) string {
	switch g {
	case CiviliansAndSecurityForces:
		return "counts civilians and members of the security forces together (\"" + words + "\"), not the civilians alone"
	case SecurityForces:
		return "counts members of the security forces (\"" + words + "\"), not civilians"
	case ForeignCivilians:
		return "counts foreign civilians (\"" + words + "\"), apart from the mission's civilian figure"
	}
	return ""
}

// groupJoined reports whether the number at qstart goes on the group
// figure before it: "506 Iraqis were killed and another 867 injured",
// "52 foreign civilians were also killed in November, and 31 were
// injured" (the month of the figure before may stand between).
func (x *extractor) groupJoined(prev *cand, qstart int) bool {
	if x.joined(prev, qstart) {
		return true
	}
	i := prev.last + 1
	for i < qstart && (x.toks[i].isPunct(",") || monthAt(x.toks[i]) != 0 || isYearTok(x.toks[i]) || inList(x.toks[i].low, []string{"in", "during", "also", "alone"})) {
		i++
	}
	if i >= qstart || !inList(x.toks[i].low, []string{"and", "while"}) {
		return false
	}
	for i++; i < qstart; i++ {
		if !inList(x.toks[i].low, []string{"another", "a", "further", "more"}) {
			return false
		}
	}
	return true
}

// exclPolice reports whether the figure at c says it leaves the police
// out: "Civilians killed in September (police not included) numbered
// 196". UNAMI's civilian count took in police on non-combat duty; a count
// without them is a part of it, not the month's civilian figure.
func (x *extractor) exclPolice(s *sentence, c *cand) bool {
	lo := max(s.s, c.k-10)
	for n := len(x.cands) - 1; n >= 0 && x.cands[n].sent == s; n-- {
		lo = max(lo, x.cands[n].last+1)
		break
	}
	for i := lo; i < min(s.e, c.k+6); i++ {
		if !x.toks[i].isPunct("(") || i > c.k && i-max(c.k, c.last) > 3 {
			continue
		}
		e := x.closeParen(s, i)
		if e < 0 {
			return false
		}
		if i < c.k && x.numberBetween(e, c.k) {
			continue
		}
		words := strings.ToLower(x.doc.Text[x.toks[i].start:x.toks[e].end])
		if strings.Contains(words, "police") && !x.numberBetween(i, e) &&
			(strings.Contains(words, "not included") || strings.Contains(words, "excluded") || strings.Contains(words, "excluding") || strings.Contains(words, "except")) {
			return true
		}
	}
	return false
}

// civiliansNoun reports whether the number at k counts civilians by name
// ("611 civilians were killed", "537 civilians, including 42 policemen"),
// so that a sentence which also counts the security forces does not
// hide it. Foreign civilians and "of them were civilians" are not.
func (x *extractor) civiliansNoun(s *sentence, k int) bool {
	for i := k + 1; i < s.e && i <= k+2; i++ {
		switch x.toks[i].low {
		case "civilians", "civilian":
			return x.tok(i-1).low != "foreign" && x.tok(i+1).low != "police"
		case "iraqi", "more", "other", "additional":
			continue
		}
		return false
	}
	return false
}

// overallOfBoth reports a number of UNAMI's "overall casualties" in a
// sentence that has counted the security forces apart: "331 Iraqi
// Security Forces members ... were killed and 401 were injured, and it
// noted that overall casualties were lower than in the previous month of
// March, when a total of 1,119 were killed and 1,561 were injured". The
// overall figure counts civilians and security forces together.
func (x *extractor) overallOfBoth(s *sentence, k int) bool {
	if x.country != "IQ" || x.civiliansNoun(s, k) || !strings.Contains(s.low, "overall") {
		return false
	}
	sf := false
	for _, c := range x.cands {
		sf = sf || c.sent == s && c.group == SecurityForces && c.k < k
	}
	if !sf {
		return false
	}
	for i := k - 1; i >= s.s && i >= k-24; i-- {
		if x.toks[i].low == "overall" {
			return true
		}
		if x.toks[i].isNum() && !x.consumed[i] {
			return false
		}
	}
	return false
}

// ofTheMetric reads "Of the dead," / "Of the wounded," / "Among the
// killed," right before the number at k: the metric its part counts.
func (x *extractor) ofTheMetric(s *sentence, k int) int {
	i := k - 1
	if i > s.s && x.toks[i].isPunct(",") {
		i--
	}
	if i-2 < s.s || !inList(x.toks[i-1].low, []string{"the", "those"}) || !inList(x.toks[i-2].low, []string{"of", "among"}) {
		return mNone
	}
	return metricWord(x.toks[i].low)
}
