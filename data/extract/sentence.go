package extract

// Sentences and their scope: where a sentence ends, and whether its
// numbers can be a month's figures at all (a part of a month, a year, an
// incident, another source, a running total).

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// splitSentences cuts the tokens into sentences at full stops and at line
// breaks, except a line break inside a sentence (a lower-case word or a
// comma before it and a lower-case word after).
func (x *extractor) splitSentences() {
	start := 0
	for i := range x.toks {
		if i+1 >= len(x.toks) {
			break
		}
		t, n := x.toks[i], x.toks[i+1]
		end := false
		switch {
		case t.isPunct(".!?…") && (n.nl || startsUpper(n) || n.isNum() || n.isPunct("«\"“(—–-")):
			end = !(t.text == "." && i > 0 && abbrev(x.toks[i-1]))
		case n.nl:
			joinable := (t.kind == kWord && !startsUpper(t) || t.isPunct(",") || t.isNum()) && n.kind == kWord && !startsUpper(n)
			end = !joinable
		}
		if end {
			x.addSentence(start, i+1)
			start = i + 1
		}
	}
	x.addSentence(start, len(x.toks))
}

func abbrev(t token) bool {
	switch t.low {
	case "no", "mr", "ms", "dr", "st", "u.n", "e.g", "i.e", "approx", "vs", "p", "obl", "м", "вул", "р", "рр", "тис":
		return true
	}
	if monthWord(t.low) != 0 && len(t.low) <= 4 && t.low != "may" && t.low != "june" && t.low != "july" {
		return true // "Feb. 2025"
	}
	return len(t.text) == 1 && t.kind == kWord && unicode.IsUpper([]rune(t.text)[0])
}

func startsUpper(t token) bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}

func (x *extractor) addSentence(s, e int) {
	if s >= e {
		return
	}
	text := x.doc.Text[x.toks[s].start:x.toks[e-1].end]
	low := strings.Join(strings.Fields(strings.ToLower(reISODate.ReplaceAllString(text, ""))), " ")
	low = strings.NewReplacer("’", "'", "ʼ", "'", "\u00a0", " ").Replace(low)
	x.sents = append(x.sents, &sentence{s: s, e: e, low: low, idx: len(x.sents)})
}

// scopeOf decides whether a sentence's numbers can be a month's figures.
func (x *extractor) scopeOf(s *sentence) {
	s.subgroup = reSubgroup.FindString(s.low)
	s.theMonth = reTheMonth.MatchString(s.low)
	for _, mn := range s.mentions {
		if mn.start24() {
			s.cum = true
		}
	}
	// "з 24 по 28 лютого 2022 року": the first days of the invasion, a part
	// of a month, not a running total since them.
	if r, ok := partOfMonth(s.low); ok && !wholeMonthRange(s.low) {
		s.cum, s.part = false, &r
		if reCorrection.MatchString(s.low) {
			s.part, s.scope = nil, scopeCorrection
		}
		return
	}
	switch {
	case reCorrection.MatchString(s.low):
		s.scope = scopeCorrection
	case reOtherSource.MatchString(s.low):
		s.scope = "a figure from another source than the mission"
	case reLastYear.MatchString(s.low):
		s.scope = "a total over a year or several months, not a month's figure"
	case runningTotal(s.low):
		s.cum = true
	}
	if s.scope != "" || s.cum {
		return
	}
	// "... 14,775 civilians killed and 39,322 injured [since 24 February
	// 2022]. Children account for 755 of the dead": a sentence that
	// points back at a running total, naming no month, is part of it.
	if s.idx > 0 && x.sents[s.idx-1].cum && len(s.mentions) == 0 && reBackRef.MatchString(s.low) {
		s.cum = true
		return
	}
	switch {
	case (rePartMonth.MatchString(s.low) || reSomeDays.MatchString(s.low) || hasPart(s.low)) && !wholeMonthRange(s.low):
		if r, ok := partOfMonth(s.low); ok {
			s.part = &r
			return // its figures are kept with their days (bindPart)
		}
		s.scope = scopePartMonth
	case reYearScope.MatchString(s.low):
		s.scope = "a total over a year or several months, not a month's figure"
	case reWeakYearScope.MatchString(s.low):
		s.scope = "a total over a year or several months, not a month's figure"
		s.weak = true
	case reIncident.MatchString(s.low):
		// "in these attacks" may be the month's attacks ("in December
		// alone more than 100 people were killed ... in these
		// attacks"): numbers with a month in their sentence stay; the
		// others take no month from elsewhere.
		if reStrongIncident.MatchString(s.low) {
			s.scope = "a single incident or wave of attacks, not a month's figure"
		} else {
			s.weakIncident = true
		}
	}
	if s.scope != "" {
		return
	}
	if wholeMonthRange(s.low) {
		return
	}
	for _, mn := range s.mentions {
		if mn.day != 0 && !mn.asOf && !x.datelineAt(mn) {
			s.dated = append(s.dated, mn)
		}
	}
}

// runeCut returns at most n bytes of s, cut at a rune boundary.
func runeCut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// sentenceAround is the evidence of the number at k: its sentence with
// spaces collapsed, or, for a sentence longer than 600 bytes (a table
// pasted as prose), the 600 bytes around the number.
func (x *extractor) sentenceAround(s *sentence, k int) string {
	from, to := x.toks[s.s].start, x.toks[s.e-1].end
	cut := to-from > 600
	if cut {
		from = max(from, x.toks[k].start-300)
		to = min(to, x.toks[k].end+300)
		for from > 0 && !utf8.RuneStart(x.doc.Text[from]) {
			from--
		}
		for to < len(x.doc.Text) && !utf8.RuneStart(x.doc.Text[to]) {
			to++
		}
	}
	t := strings.Join(strings.Fields(x.doc.Text[from:to]), " ")
	if cut {
		t = "…" + t + "…"
	}
	return t
}

// usable counts the months a sentence names that can be a figure's: not
// a day's, not 24 February 2022.
func usable(s *sentence) int {
	n := 0
	for _, mn := range s.mentions {
		if mn.m != 0 && !mn.start24() && !mn.since && (mn.day == 0 || mn.asOf) {
			n++
		}
	}
	return n
}

// datedBefore returns a day named before token k, if any.
func (s *sentence) datedBefore(k int) *mention {
	for i := range s.dated {
		if s.dated[i].j < k {
			return &s.dated[i]
		}
	}
	return nil
}

// includesOther returns the words of parentheses right after a figure
// that say it includes other figures ("844 civilians were killed in July
// (27 civilian police and Anbar casualty figures included)"): a count
// mixed with another source's (here a health directorate's, which the
// mission did not verify) is not the mission's civilian figure. A part
// it includes ("(including 11 police)") is no such thing.
func (x *extractor) includesOther(s *sentence, c *cand) string {
	o := -1
	for i := c.last + 1; i < s.e && i <= c.last+5; i++ {
		t := x.toks[i]
		if t.isPunct("(") {
			o = i
			break
		}
		if !(t.kind == kWord && (monthAt(t) != 0 || inList(t.low, []string{"in", "during", "for"})) || isYearTok(t)) {
			return ""
		}
	}
	if o < 0 {
		return ""
	}
	figs, incl := false, false
	for i := o + 1; i < s.e && i < o+window; i++ {
		t := x.toks[i]
		if t.isPunct(")") {
			if figs && incl {
				return x.doc.Text[x.toks[o+1].start:x.toks[i-1].end]
			}
			return ""
		}
		switch t.low {
		case "figures", "figure", "data", "numbers":
			figs = true
		case "included", "including", "includes", "include", "incl":
			incl = true
		}
	}
	return ""
}

// numberBetween reports a count between tokens i and j.
func (x *extractor) numberBetween(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if x.toks[k].isNum() && !x.consumed[k] {
			return true
		}
	}
	return false
}

// openParen returns the "(" around token k, or -1.
func (x *extractor) openParen(s *sentence, k int) int {
	if o, _, ok := x.parenGroup(s, k); ok {
		return o
	}
	return -1
}

// parenGroup returns the bounds of the parentheses around token k.
func (x *extractor) parenGroup(s *sentence, k int) (int, int, bool) {
	open := -1
	for i := k - 1; i >= s.s && i >= k-window; i-- {
		if x.toks[i].isPunct(")") {
			return 0, 0, false
		}
		if x.toks[i].isPunct("(") {
			open = i
			break
		}
	}
	if open < 0 {
		return 0, 0, false
	}
	for i := k + 1; i < s.e && i <= k+window; i++ {
		if x.toks[i].isPunct("(") {
			return 0, 0, false
		}
		if x.toks[i].isPunct(")") {
			return open, i, true
		}
	}
	return open, min(s.e, k+window+1), true
}

// asideOf reports whether the number at k stands in an aside of the
// number at w: "204 civilian casualties, including 28 killed and 176
// injured", "372, namely 81 killed and 291 wounded", "(27 killed and 225
// injured)".
func (x *extractor) asideOf(s *sentence, w, k int) bool {
	if o, _, ok := x.parenGroup(s, k); ok && o > w {
		return o-w <= 4 && !x.numberBetween(w, o) // "252 civilian casualties (27 killed and 225 injured)"
	}
	for i := w + 1; i < k; i++ {
		t := x.toks[i]
		if t.isPunct(";.:") {
			return false
		}
		if inList(t.low, []string{"including", "namely", "among", "comprising", "зокрема", "серед", "з", "у"}) {
			return !inList(t.low, []string{"з", "у"}) || inList(x.tok(i+1).low, []string{"них", "тому"})
		}
	}
	return false
}
