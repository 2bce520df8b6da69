package extract

// What a number counts: killed, injured or both, children or not, read
// from the words after it, before it, or the figure it is coordinated
// with ("174 killed and 690 injured", "the count of deaths fell to
// 147"), and the qualifier its wording gives it.

import (
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// qualifierBefore reads the qualifier written just before token k.
func (x *extractor) qualifierBefore(k, lo int) (data.Qualifier, string, int) {
	var words []string
	for i := k - 1; i >= lo && i >= k-4; i-- {
		t := x.toks[i]
		if t.kind != kWord {
			break
		}
		words = append([]string{t.low}, words...)
	}
	joined := strings.Join(words, " ")
	for _, q := range qualifierPhrases {
		if joined == q.words || strings.HasSuffix(joined, " "+q.words) {
			n := len(strings.Fields(q.words))
			switch q.kind {
			case "approx":
				return data.Approx, q.words, k - n
			default:
				return data.AtLeast, q.words, k - n
			}
		}
	}
	return data.Exact, "", k
}

// pctBack steps back from "per cent" to its number.
func pctBack(toks []token, i int) int {
	switch {
	case i >= 2 && toks[i].low == "cent" && toks[i-1].low == "per":
		return 2
	case i >= 1 && (toks[i].isPunct("%") || toks[i].low == "percent"):
		return 1
	}
	return 0
}

// shareBefore reports a share right before parentheses: "42% of the
// losses (65 killed; 372 wounded)".
func (x *extractor) shareBefore(o int) bool {
	for i := o - 1; i >= 0 && i >= o-5; i-- {
		if x.toks[i].isPunct("%") || x.toks[i].low == "cent" || x.toks[i].low == "percent" {
			return x.tok(i+1).low == "of"
		}
		if x.toks[i].isNum() || x.toks[i].isPunct(".;()") {
			return false
		}
	}
	return false
}

// namesPeople reports whether a noun for people stands between tokens i
// and j ("690 others injured", "672 цивільних").
func (x *extractor) namesPeople(i, j int) bool {
	for k := i + 1; k < j; k++ {
		switch x.toks[k].low {
		case "civilians", "civilian", "people", "persons", "others", "adults", "цивільних", "мирних", "жителів", "мешканців", "осіб", "людей", "дорослих":
			return true
		}
	}
	return false
}

// notACount reports numbers that count something other than people: a
// distance, an age, a number of attacks, a range of those.
func (x *extractor) notACount(s *sentence, k int) bool {
	n := x.tok(k + 1)
	if k+1 < s.e && unitWords[n.low] {
		return true
	}
	if (n.low == "to" || n.low == "до" || n.isPunct("-–")) && x.tok(k+2).isNum() && unitWords[x.tok(k+3).low] {
		return true
	}
	p, pp := x.tok(k-1), x.tok(k-2)
	if p.low == "aged" || p.low == "of" && pp.low == "age" || p.low == "віком" || p.low == "#" || p.isPunct("#№") {
		return true
	}
	// A time of day: "21.11.2022 14:05".
	if n.isPunct(":") && x.tok(k+2).isNum() && len(x.tok(k+2).text) == 2 && len(x.toks[k].text) <= 2 {
		return true
	}
	// A page's counters: "Views: 2 318", "Переглядів: 1 204".
	if counterWords[p.low] || p.isPunct(":") && counterWords[pp.low] {
		return true
	}
	if p.isPunct("-–") && pp.isNum() && unitWords[n.low] {
		return true
	}
	return false
}

// nearCasualtyWords reports whether a casualty word is within a few
// tokens of k.
func (x *extractor) nearCasualtyWords(s *sentence, k int) bool {
	for i := max(s.s, k-6); i < min(s.e, k+7); i++ {
		if metricWord(x.toks[i].low) != mNone || childWord(x.toks[i].low) {
			return true
		}
	}
	return false
}

// joined reports whether the number starting at qstart is coordinated with
// the figure before it ("... killed and 690", "..., а ще 672", "а 738"),
// so that the earlier qualifier carries over.
func (x *extractor) joined(prev *cand, qstart int) bool {
	between := []string{}
	for i := prev.last + 1; i < qstart; i++ {
		t := x.toks[i]
		if t.kind == kPunct {
			if !t.isPunct(",—–-") {
				return false
			}
			continue
		}
		// "at least 148 civilians were killed in Ukraine in October 2025
		// and 929 were injured": the month of both stands between.
		if monthAt(t) != 0 || isYearTok(t) || inList(t.low, []string{"in", "during", "у", "в"}) && (monthAt(x.tok(i+1)) != 0 || x.tok(i+1).low == "ukraine" || x.tok(i+1).low == "україні") {
			continue
		}
		between = append(between, t.low)
	}
	j := strings.Join(between, " ")
	for _, pre := range []string{"", "across ukraine ", "ukraine ", "україні "} {
		switch strings.TrimPrefix(j, pre) {
		case "and", "і", "й", "та", "а", "а ще", "ще", "and another", "і ще", "та ще":
			return true
		}
	}
	return false
}

func (x *extractor) stopAt(t token) bool {
	return t.isNum() || t.isPunct(".;()[]:!?") || t.kind == kWord && stopWords[t.low]
}

// readMetric reads what the number at c.k counts: the words after it
// ("164 killed", "174 civilians were killed", "40 children were killed or
// injured"), else a verb or noun before it ("killing 19", "загинуло
// щонайменше 146", "загиблих (174)"), else the figure before it in a list
// ("June had 186, May 174").
func (x *extractor) readMetric(s *sentence, c *cand, qstart int, prev *cand) {
	// After the number.
	for i, n := c.k+1, 0; i < s.e && n < 9; i, n = i+1, n+1 {
		t := x.toks[i]
		if t.isPunct("—–-") {
			continue
		}
		// "174 civilians, including 12 children, were killed": the
		// aside between commas is its own figure's.
		if t.isPunct(",") && (inList(x.tok(i+1).low, []string{"including", "among", "зокрема", "серед", "у", "в"}) || x.tok(i+1).isNum() && x.tok(i+2).low == "of" && inList(x.tok(i+3).low, []string{"them", "whom"})) {
			if e := x.asideEnd(s, i); e > 0 {
				i = e
				c.aside = true
				continue
			}
		}
		if t.low == "and" && x.tok(i+1).isNum() {
			// "925 civilians, 38 of them policemen, and 291 security
			// members were wounded": one verb for both.
			if m, j := x.sharedVerb(s, i+1); m != mNone {
				c.metric, c.last, c.how = m, j, "after"
				return
			}
		}
		if (x.stopAt(t) || t.isPunct(",")) && !(t.low == "of" || t.low == "and" && metricWord(x.tok(i+1).low) != mNone && metricWord(x.tok(i-1).low) != mNone) {
			break
		}
		if childWord(t.low) {
			c.children = true
			c.last = i
			continue
		}
		// "10,582 civilians have been killed, 587 of them children"
		if n == 0 && t.low == "of" && inList(x.tok(i+1).low, []string{"them", "whom"}) && prev != nil && prev.metric != mNone && !prev.children && prev.group == Civilians {
			j := i + 2
			if inList(x.tok(j).low, []string{"were", "are", "was"}) {
				j++
			}
			if childWord(x.tok(j).low) {
				c.metric, c.children, c.how, c.last, c.area, c.group = prev.metric, true, "children of", j, prev.area, prev.group
				return
			}
		}
		if n == 0 && !childWord(t.low) && !childWord(x.tok(i+1).low) && (x.tok(c.k-1).low == "including" || x.tok(c.k-1).low == "них" || x.tok(c.k-1).low == "them" && x.tok(c.k-2).low == "among") {
			c.how, c.note = "subgroup", x.tok(c.k-1).text+" "+x.toks[c.k].text+" "+t.text
			return
		}
		if subgroupWord(t.low) && n == 0 || t.low == "of" && (x.tok(i+1).low == "them" || x.tok(i+1).low == "whom") || t.low == "над" || t.low == "older" || t.low == "over" && x.tok(i+1).low == "the" {
			c.how, c.note = "subgroup", t.text
			return
		}
		if m := metricWord(t.low); m != mNone {
			c.metric, c.last, c.how = m, i, "after"
			// "Children accounted for eight of the dead": the clause
			// before names whose part it is.
			if x.tok(c.k+1).low == "of" && !c.children {
				x.childrenOfClause(s, c, c.k-1)
			}
			// "killed or injured", "вбитих чи поранених"
			if m != mCasualties && i+2 < s.e && inList(x.toks[i+1].low, []string{"or", "and", "чи", "або", "і", "та", "й"}) {
				if m2 := metricWord(x.toks[i+2].low); m2 != mNone && m2 != m {
					c.metric, c.last = mCasualties, i+2
				}
			}
			if m == mCasualties && c.children {
				c.metric = mCasualties
			}
			return
		}
		if !peopleWord(t.low) && n > 3 {
			break
		}
		c.last = i
	}
	if c.how == "" && c.last > c.k && !c.children {
		// Only people words followed: keep the span for coordination.
	}
	// Before the number: a verb or noun next to it.
	i := qstart - 1
	paren := false
	if x.tok(i).isPunct("(") && x.tok(c.k+1).isPunct(")") {
		i--
		paren = true
	}
	for n := 0; i >= s.s && n < 4; i, n = i-1, n+1 {
		t := x.toks[i]
		if t.isNum() && !(paren && isYearTok(t)) || t.isPunct(".;()") || prev != nil && i <= prev.last {
			break // the figure before's own words ("690 injured, 21 and 80 of them") are not this one's
		}
		if m := metricWord(t.low); m != mNone {
			c.metric, c.how = m, "before"
			if x.bothMetricsBefore(s, i, m) {
				c.metric = mCasualties // "загинули або дістали поранень 604"
			}
			if childWord(x.tok(i-1).low) || childWord(x.tok(i+1).low) && x.tok(i+1).start < x.toks[c.k].start {
				c.children = true
			}
			x.childrenOfClause(s, c, i)
			return
		}
		// "civilians killed in June (232)": the month between.
		if paren && (monthAt(t) != 0 || t.low == "in" || t.low == "у" || t.low == "в" || isYearTok(t)) && n < 3 {
			continue
		}
		if !(t.low == "a" || t.low == "total" || t.low == "were" || t.low == "was" || t.low == "було" || t.low == "all" || t.low == "in" && x.tok(i+1).low == "all" || t.low == "an" || t.low == "additional" || t.low == "another" || t.low == "further" || t.low == "toll" || t.low == "of" || t.low == "зокрема" || t.low == "is" || t.low == "at" || t.low == "to" || inList(t.low, []string{"зазнали", "отримали", "дістали", "були", "стали", "ще"}) || t.isPunct(",—–-")) || paren && n > 0 {
			break
		}
	}
	// "174 killed and 690 injured, against 120 and 500 in April": a
	// pair of bare numbers mirrors the pair of figures before it.
	if prev != nil && prev.how == "pair" && x.joined(prev, qstart) {
		c.metric, c.children, c.how = prev.pairNext, prev.pairKids, "pair"
		return
	}
	if prev != nil && prev.sent == s && inList(x.tok(c.k+1).low, []string{"and", "і", "та", "й"}) && x.tok(c.k+2).isNum() && !unitWords[x.tok(c.k+3).low] && len(x.cands) >= 2 {
		pp := x.cands[len(x.cands)-2]
		// The pair before: two figures of one month, nothing between.
		if pp.sent == s && x.cands[len(x.cands)-1] == prev && pp.metric != prev.metric && pp.metric != mNone && prev.metric != mNone && pp.area == prev.area && pp.month == prev.month && pp.bound == prev.bound && !x.numberBetween(pp.k, prev.k) {
			c.metric, c.children, c.how = pp.metric, pp.children, "pair"
			c.pairNext, c.pairKids = prev.metric, prev.children
			c.area = pp.area
			return
		}
	}
	// "casualties rose to 864 (174 killed, 690 injured) from 530 in
	// April": the number after "from" is what the "to" number counts.
	if inList(x.tok(qstart-1).low, []string{"from", "з", "зі", "із"}) {
		for i := len(x.cands) - 1; i >= 0 && x.cands[i].sent == s; i-- {
			if o := x.cands[i]; o.how == "noun" {
				c.metric, c.children, c.how = o.metric, o.children, "from"
				return
			}
		}
		// "June's death toll was up from 183 in May": the clause's noun.
		for i := qstart - 2; i >= s.s && i >= qstart-8; i-- {
			t := x.toks[i]
			if t.isNum() || t.isPunct(".;()") || prev != nil && i <= prev.last {
				break
			}
			if m := metricWord(t.low); m != mNone {
				c.metric, c.how = m, "from"
				x.childrenOfClause(s, c, i)
				return
			}
		}
	}
	// A figure in parentheses lists no further: "(120 killed, 410
	// injured) from 530" gives 530 no metric.
	if prev != nil {
		if _, _, inParen := x.parenGroup(s, prev.k); inParen {
			if o, _, ok := x.parenGroup(s, c.k); !ok || o != x.openParen(s, prev.k) {
				// "1,389 civilian casualties in April (221 killed, 1,168
				// injured) ..., and a further 1,019 in May": a list goes
				// on from the figure the parentheses belong to.
				op := x.openParen(s, prev.k)
				prev = nil
				for i := len(x.cands) - 1; i >= 0 && x.cands[i].sent == s; i-- {
					if o := x.cands[i]; o.k < op {
						if !x.numberBetween(o.k, op) && inList(x.tok(qstart-1).low, []string{"further", "another", "additional"}) {
							prev = o
						}
						break
					}
				}
			}
		}
	}
	// A list: the number takes the metric of the figure before it when a
	// month of its own is next to it ("June had 186, May 174").
	if prev != nil && prev.metric != mNone && x.adjacentMonth(s, c.k) >= 0 {
		c.metric, c.children, c.how = prev.metric, prev.children, "list"
		return
	}
	// A noun further back governs a number after a linking word: "the
	// count of newly reported deaths went down to 147", "civilian
	// casualties totaled 27,149".
	link, from := x.tok(qstart-1).low, qstart-2
	if verbQualifier(c.wording) {
		// "the number of civilians who were killed ... exceeded 160",
		// "кількість цивільних, які загинули, перевищила 160": the
		// qualifier is the linking verb.
		link, from = "to", qstart-1
	}
	if inList(link, []string{"to", "at", "totaled", "totalled", "totalling", "totaling", "reached", "was", "were", "is", "of", "numbered", "comprised", "included", "зазнали", "отримали", "дістали", "до", "сягнула", "становить", "становила", "склала", "склало", "сягнуло", "стала", "стали", "стало", "became"}) {
		for i := from; i >= s.s && i >= qstart-12; i-- {
			t := x.toks[i]
			// The metric word of the figure before is its own: "from 63
			// killed or injured in June to 41" gives 41 no metric.
			if t.isPunct(")") && i > s.s {
				// "Civilians killed in September (police not included)
				// numbered 196": the aside between noun and verb.
				if o := x.openParen(s, i-1); o > s.s && o < i && !x.numberBetween(o, i) {
					i = o
					continue
				}
			}
			if t.isNum() && !x.consumed[i] || t.isPunct(";()") || prev != nil && i <= prev.last {
				break
			}
			if m := metricWord(t.low); m != mNone {
				c.metric, c.how = m, "noun"
				if x.bothMetricsBefore(s, i, m) {
					c.metric = mCasualties // "кількість загиблих і поранених сягнула 1 389"
				}
				x.childrenOfClause(s, c, i)
				return
			}
		}
	}
	if c.children && c.how == "" {
		// "including 14 children", "серед них вісім дітей": children of
		// the figure before.
		if prev != nil && prev.metric != mNone && (c.k-prev.last <= 4 || c.k-prev.last <= 6 && isAsideOpener(x.tok(c.k-1).low)) {
			c.metric, c.how = prev.metric, "children of"
			return
		}
	}
	// "208 civilians were killed and 1,220 in Ukraine": the noun is
	// missing; after "killed and", the number is the injured.
	if prev != nil && prev.metric == mKilled && prev.how == "after" && x.tok(qstart-1).low == "and" && prev.last == qstart-2 {
		c.metric, c.how = mInjured, "complement"
		c.children = prev.children
		c.note = "read as injured: the text says \"killed and " + x.toks[c.k].text + "\" without a noun"
		if c.qual == data.Exact && prev.wording != "" {
			c.qual, c.wording = prev.qual, prev.wording
		}
	}
}

// verbQualifier reports a qualifier that is a verb ("exceeded",
// "перевищила"), which links a number to the noun before it.
func verbQualifier(w string) bool {
	return strings.HasPrefix(w, "перевищ") || inList(w, []string{"exceeded", "surpassed", "topped"})
}

// isAsideOpener: the word before a number that counts a part of the
// figure before ("серед них 12 дітей", "including 14 children").
func isAsideOpener(w string) bool {
	return inList(w, []string{"них", "including", "them", "зокрема", "incl", "числі"})
}

// asideEnd returns the comma that closes an aside opened by the comma at
// i (", including 12 children,", ", серед них 5 дітей,"), or 0.
func (x *extractor) asideEnd(s *sentence, i int) int {
	if inList(x.tok(i+1).low, []string{"у", "в"}) && !inList(x.tok(i+2).low, []string{"тому", "тім"}) {
		return 0 // "у тому числі" only
	}
	for j := i + 2; j < s.e && j <= i+8; j++ {
		t := x.toks[j]
		if t.isPunct(",") {
			return j
		}
		if t.isPunct(".;:()") || metricWord(t.low) != mNone {
			return 0
		}
	}
	return 0
}

// childrenOfClause marks a figure as children's when the clause names
// children before its metric word ("Children accounted for eight of the
// dead").
func (x *extractor) childrenOfClause(s *sentence, c *cand, from int) {
	for i := from; i >= s.s && i >= from-8; i-- {
		t := x.toks[i]
		if t.isNum() || t.isPunct(";().") {
			return
		}
		if childWord(t.low) {
			// "серед них 755 дітей, а поранення дістали 39 322": the
			// children of another number are not this clause's.
			if i > s.s && x.toks[i-1].isNum() {
				return
			}
			c.children = true
			return
		}
	}
}

// commaPair reports a pair of figures with only a comma between, each
// with its metric word right after it: "At Least 129 Civilians Killed,
// 574 Wounded", where the qualifier covers both.
func (x *extractor) commaPair(prev *cand, qstart int, c *cand) bool {
	return prev.how == "after" && c.how == "after" && c.last == c.k+1 && qstart == prev.last+2 && x.toks[prev.last+1].isPunct(",") && prev.metric != c.metric
}

// sharedVerb reads the verb a coordinated number shares with the one
// before it: after "and 291 security members", "were wounded". The
// number's own noun is one to four words, then "were"/"was" (or "have
// been") and a metric word.
func (x *extractor) sharedVerb(s *sentence, k int) (int, int) {
	i := k + 1
	for n := 0; i < s.e && n < 4 && x.toks[i].kind == kWord && !inList(x.toks[i].low, []string{"were", "was", "have", "had"}); i, n = i+1, n+1 {
		if metricWord(x.toks[i].low) != mNone || stopWords[x.toks[i].low] {
			return mNone, 0
		}
	}
	if i == k+1 || i >= s.e || !inList(x.toks[i].low, []string{"were", "was", "have", "had"}) {
		return mNone, 0
	}
	i++
	if x.tok(i).low == "been" {
		i++
	}
	if i < s.e {
		if m := metricWord(x.toks[i].low); m != mNone {
			return m, i
		}
	}
	return mNone, 0
}

func (c *cand) dataMetric() data.Metric {
	switch {
	case c.children && c.metric == mKilled:
		return data.ChildrenKilled
	case c.children && c.metric == mInjured:
		return data.ChildrenInjured
	case c.children:
		return data.ChildrenCasualties
	case c.metric == mKilled:
		return data.Killed
	case c.metric == mInjured:
		return data.Injured
	}
	return data.Casualties
}

// casualtiesMislabelled reads a "casualties" figure as the killed when the
// text gives the injured beside it as more: "Casualties among Iraqi
// civilians reached 729 in March, with a further 1,785 wounded" — 729 are
// the dead (UNAMI's March 2015 release: 729 killed, 1,785 injured).
func (x *extractor) casualtiesMislabelled(s *sentence, c *cand) {
	if c.metric != mCasualties || c.children {
		return
	}
	for i := c.k + 1; i < s.e && i <= c.k+8; i++ {
		t := x.toks[i]
		if t.isNum() && !isYearTok(t) {
			return
		}
		if inList(t.low, []string{"with", "and"}) && x.tok(i+1).low == "a" && x.tok(i+2).low == "further" && x.tok(i+3).isNum() && metricWord(x.tok(i+4).low) == mInjured {
			c.metric = mKilled
			c.note = strings.TrimSpace(c.note + " read as killed: the text gives \"a further " + x.tok(i+3).text + " " + x.tok(i+4).text + "\" beside it")
			return
		}
		// "Жертвами ... стали щонайменше 232 мирні мешканці, ще 1 343
		// дістали поранення": the victims beside "another N injured"
		// are the dead.
		if t.low == "ще" && x.tok(i+1).isNum() {
			for j := i + 2; j < s.e && j <= i+4; j++ {
				if metricWord(x.toks[j].low) == mInjured {
					c.metric = mKilled
					c.note = strings.TrimSpace(c.note + " read as killed: the text gives \"ще " + x.tok(i+1).text + "\" injured beside it")
					return
				}
			}
		}
	}
}

// questionMetric gives a bare number the metric its question asks about:
// "And injured?" — "1,067 civilians, including 43 civilian police."
func (x *extractor) questionMetric(s *sentence, c *cand) {
	if c.metric != mNone || s.idx == 0 {
		return
	}
	q := x.sents[s.idx-1]
	if !x.toks[q.e-1].isPunct("?") {
		return
	}
	m := mNone
	for i := q.s; i < q.e; i++ {
		if w := metricWord(x.toks[i].low); w != mNone {
			if m != mNone && m != w {
				return // the question asks about two
			}
			m = w
		}
	}
	if m != mNone {
		c.metric, c.how = m, "question"
		c.note = strings.TrimSpace(c.note + " the metric of the question before (\"" + strings.Join(strings.Fields(x.doc.Text[x.toks[q.s].start:x.toks[q.e-1].end]), " ") + "\")")
	}
}

// counterWords label a page's counters, never casualties.
var counterWords = map[string]bool{"views": true, "view": true, "reads": true, "comments": true, "likes": true, "shares": true,
	"переглядів": true, "перегляди": true, "переглядів:": true, "коментарів": true, "коментарі": true}

// apposition reads a number set off by dashes right after a figure as the
// same figure said again: "загинули понад півтори сотні цивільних —
// щонайменше 157, —": 157 has the metric of the rounded 150 before it
// (which then gives way to it as its rounded wording).
func (x *extractor) apposition(s *sentence, c *cand, qstart int, prev *cand) {
	if prev == nil || prev.metric == mNone || prev.sent != s {
		return
	}
	i := qstart - 1
	if i <= prev.k || !x.toks[i].isPunct("—–-") {
		return
	}
	for j := prev.last + 1; j < i; j++ {
		if t := x.toks[j]; t.kind != kWord || metricWord(t.low) != mNone {
			return // only the figure's own noun may stand between
		}
	}
	c.metric, c.children, c.how = prev.metric, prev.children, "apposition"
	c.note = strings.TrimSpace(c.note + " the same figure as " + x.toks[prev.k].text + " before it, said again")
}
