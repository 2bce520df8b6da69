package extract

// The months a sentence names: "March", "4 April 2025", "у березні",
// "last month", spans ("since January", "April and May") and cut-offs ("as
// of 31 May"), each read once per sentence as a mention with its year.

import (
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/casualty-tool/casualty/data"
)

func (mn mention) start24() bool {
	return mn.m == time.February && mn.day == 24 && (mn.y == 2022 || mn.y == 0)
}

// isEnglishMonth reports whether a month word is English, which the texts
// capitalise: "may" and "march" in lower case are a verb.
func monthAt(t token) time.Month {
	if t.kind != kWord {
		return 0
	}
	m := monthWord(strings.TrimSuffix(t.low, "'s")) // "May's toll"
	if m == 0 {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	if r < 128 && !unicode.IsUpper(r) {
		return 0
	}
	return m
}

func isYearTok(t token) bool { return t.isNum() && isYear(t.val) && !t.grouped && len(t.text) == 4 }

func smallDay(t token) bool {
	return t.isNum() && !t.word && !t.grouped && t.dec == 0 && t.val >= 1 && t.val <= 31 && len(t.text) <= 2
}

// readMentions finds the months a sentence names, and the days and years
// that belong to them, which are then no counts.
func (x *extractor) readMentions(s *sentence) {
	for i := s.s; i < s.e; i++ {
		t := x.toks[i]
		if m := monthAt(t); m != 0 && !x.givenName(i) {
			mn := mention{i: i, j: i, m: m}
			if i-1 >= s.s && smallDay(x.toks[i-1]) && !x.consumed[i-1] {
				mn.day = int(x.toks[i-1].val)
				mn.i = i - 1
				x.consumed[i-1] = true
			}
			j := i + 1
			// "from 1 to 15 June", "від 1 до 15 червня": the first day too.
			firstDay := 0
			if mn.day != 0 && inList(x.tok(mn.i-1).low, []string{"to", "and", "до", "по"}) || x.tok(mn.i-1).isPunct("-–") {
				if d := mn.i - 2; d >= s.s && smallDay(x.toks[d]) {
					x.consumed[d] = true
					firstDay = int(x.toks[d].val)
				}
			}
			if mn.day == 0 && j < s.e && smallDay(x.toks[j]) {
				nx := x.tok(j + 1)
				if nx.isPunct(",)–—-;.") || nx.isNum() && isYear(nx.val) || nx.low == "to" || nx.low == "and" || nx.low == "until" || j+1 >= s.e {
					mn.day = int(x.toks[j].val)
					x.consumed[j] = true
					mn.j = j
					j++
				}
			}
			k := j
			if k < s.e && x.toks[k].isPunct(".") && j == i+1 && abbrev(t) {
				k++ // "Feb. 2025"
			}
			if k < s.e && x.toks[k].isPunct(",") && mn.day != 0 {
				k++
			}
			if k < s.e && x.toks[k].isNum() && isYear(x.toks[k].val) && !x.toks[k].grouped && len(x.toks[k].text) == 4 {
				mn.y = int(x.toks[k].val)
				mn.j = k
				x.consumed[k] = true
			}
			// "from 1 to 31 May 2025": the whole month, not a day.
			if firstDay == 1 && mn.day != 0 {
				y := mn.y
				if y == 0 {
					y = 2001
				}
				if mn.day == data.NewMonth(y, mn.m).Days() || mn.m == time.February && mn.day == 29 {
					mn.day = 0
				}
			}
			// "as of August 27", "станом на", "end of October"
			p := x.tok(mn.i - 1)
			pp := x.tok(mn.i - 2)
			if p.low == "of" && (pp.low == "as" || pp.low == "end") || p.low == "на" && pp.low == "станом" || p.low == "кінець" || p.low == "кінця" || p.low == "until" || p.low == "and" && strings.Contains(s.low, "between") {
				mn.asOf = true
			}
			// "in April and May together", "у березні та квітні": two
			// months, a span; so is the first of them.
			if mn.day == 0 && len(s.mentions) > 0 && inList(p.low, []string{"and", "і", "й", "та"}) {
				if f := &s.mentions[len(s.mentions)-1]; f.j == mn.i-2 && f.m != 0 && f.day == 0 && !f.start24() {
					f.since, mn.since = true, true
					f.from, mn.from = f.i, f.i
					f.to = mn.j
				}
			}
			// "since June 2023, when 200 were killed": the month of the
			// clause after it, not a span.
			when := x.tok(mn.j+1).isPunct(",") && inList(x.tok(mn.j+2).low, []string{"when", "коли"})
			if mn.day == 0 && !when && (p.low == "since" || p.low == "з" && !instrumentalMonth(t.low) && !x.tok(mn.j+1).isNum() && !inList(x.tok(mn.j+1).low, []string{"до", "по"}) && x.tok(mn.j+2).low != "до") {
				mn.since, mn.from, mn.to = true, mn.i-1, mn.j
			}
			x.mentionUK(s, &mn)
			if p.low == "year's" || p.low == "року" && pp.low == "минулого" || p.low == "торік" || inList(p.low, []string{"у", "в"}) && pp.low == "торік" {
				mn.rel = -12 // "last year's March": resolved with the year
			}
			// "in May last year", "May of last year", "травні минулого
			// року": the month a year before its latest occurrence.
			if mn.y == 0 {
				a, b, c := x.tok(mn.j+1).low, x.tok(mn.j+2).low, x.tok(mn.j+3).low
				switch {
				case a == "last" && b == "year" && mn.j+2 < s.e, a == "минулого" && strings.HasPrefix(b, "рок") && mn.j+2 < s.e:
					mn.rel, mn.j = -12, mn.j+2
				case a == "of" && b == "last" && c == "year" && mn.j+3 < s.e:
					mn.rel, mn.j = -12, mn.j+3
				}
			}
			s.mentions = append(s.mentions, mn)
			i = mn.j
			continue
		}
		// A year alone: "in 2024", "2025 року".
		if t.isNum() && isYear(t.val) && !t.grouped && len(t.text) == 4 && !x.consumed[i] {
			p, n := x.tok(i-1), x.tok(i+1)
			if strings.HasPrefix(n.low, "рок") || n.low == "рік" || n.low == "р" || inList(p.low, []string{"in", "of", "since", "from", "to", "until", "у", "в", "за", "з", "до", "від", "early", "late", "end", "whole", "year", "during", "throughout", "for"}) && metricWord(n.low) == mNone && !peopleWord(n.low) {
				x.consumed[i] = true
			}
		}
		// "the first month of 2016": January of that year.
		if o := ordinalMonth[t.low]; o != 0 && x.tok(i+1).low == "month" && x.tok(i+2).low == "of" && isYearTok(x.tok(i+3)) && i+3 < s.e {
			s.mentions = append(s.mentions, mention{i: i, j: i + 3, m: o, y: int(x.toks[i+3].val)})
			x.consumed[i+3] = true
			i += 3
			continue
		}
		// "the seventh month of the year": July of the year in hand.
		if o := ordinalMonth[t.low]; o != 0 && x.tok(i+1).low == "month" && x.tok(i+2).low == "of" && x.tok(i+3).low == "the" && x.tok(i+4).low == "year" && i+4 < s.e {
			s.mentions = append(s.mentions, mention{i: i, j: i + 4, m: o})
			i += 4
			continue
		}
		// Relative months.
		if t.kind == kWord {
			two := t.low + " " + x.tok(i+1).low
			three := two + " " + x.tok(i+2).low
			switch {
			case two == "last month" || two == "previous month" || three == "the month before" || three == "a month earlier" || three == "a month before" || three == "the month earlier" || two == "минулого місяця" || two == "попереднього місяця" || two == "попередній місяць" || two == "минулий місяць":
				j := i + 1
				if strings.HasPrefix(three, "the month before") || three == "a month earlier" || three == "a month before" || three == "the month earlier" {
					j = i + 2
				}
				ago := two == "last month" || two == "минулого місяця" || two == "минулий місяць"
				s.mentions = append(s.mentions, mention{i: i, j: j, rel: -1, ago: ago})
			case three == "a year earlier" || three == "a year ago" || two == "last year" && monthAt(x.tok(i+2)) == 0 && x.tok(i+2).low != "'s" || three == "same period last" || two == "year earlier" || t.low == "торік" || two == "минулого року" && monthAt(x.tok(i-1)) == 0:
				j := i + 1
				if strings.Count(three, " ") == 2 && (strings.HasPrefix(three, "a year") || strings.HasPrefix(three, "same period")) {
					j = i + 2
				}
				s.mentions = append(s.mentions, mention{i: i, j: j, rel: -12})
			}
		}
	}
}

// year resolves a mention's year: its own, the year of a month named
// before it in the same sentence, else the latest such month not after
// the publication.
func (x *extractor) year(s *sentence, mn mention) data.Month {
	if mn.m == 0 {
		return data.Month{}
	}
	if mn.y != 0 {
		return data.NewMonth(mn.y, mn.m)
	}
	if mn.rel == -12 {
		// "May last year", "last year's March": the calendar year
		// before the publication's.
		return data.NewMonth(x.pub.Year()-1, mn.m)
	}
	for k := len(s.mentions) - 1; k >= 0; k-- {
		o := s.mentions[k]
		if o.i < mn.i && o.y != 0 && !o.start24() && !o.since && o.m != 0 && o.m <= mn.m {
			return data.NewMonth(o.y, mn.m)
		}
	}
	y := x.pub.Year()
	if mn.m > x.pub.Month() {
		y--
	}
	return data.NewMonth(y, mn.m)
}

// datelineAt reports whether a dated mention is the publication's own date
// (the dateline), not an event's.
func (x *extractor) datelineAt(mn mention) bool {
	if x.pub.IsZero() {
		return false
	}
	if mn.day == 0 {
		// "BAGHDAD, March 1 (Xinhua) --": month, then the day, then
		// the agency or a dash.
		j := mn.j
		if x.tok(j + 1).isPunct(".") {
			j++ // "Oct. 2"
		}
		d, n := x.tok(j+1), x.tok(j+2)
		return smallDay(d) && int(d.val) == x.pub.Day() && mn.m == x.pub.Month() && (mn.y == 0 || mn.y == x.pub.Year()) &&
			(n.isPunct("(,—–-") || n.kind == kPunct && strings.HasPrefix(n.text, "-"))
	}
	// "BAGHDAD, Oct. 2 (Xinhua) --": the year is the publication's.
	return (mn.y == x.pub.Year() || mn.y == 0) && mn.m == x.pub.Month() && mn.day == x.pub.Day()
}

// adjacentMonth returns the first token of the mention right next to the
// number at k ("May 174", "In September 2013, 887", "161 in July", "у
// травні (174)"), or -1.
// A month after the number with "in" wins over one before it across a
// comma: "550 in May, 429 in June".
func (x *extractor) adjacentMonth(s *sentence, k int) int {
	near := s.near(k)
	for _, mn := range near {
		if mn.rel != 0 && mn.m == 0 || mn.i <= k || mn.i-k > 6 {
			continue
		}
		// After: "161 in July", "498 injured in March 2024", "до 224 у
		// червні".
		p, at := x.tok(mn.i-1), mn.i-1
		if inList(p.low, []string{"last", "this", "минулому", "цьому"}) {
			p, at = x.tok(mn.i-2), mn.i-2
		}
		if !inList(p.low, []string{"in", "for", "during", "у", "в", "за"}) {
			continue
		}
		ok := true
		for i := k + 1; i < at; i++ {
			t := x.toks[i]
			if t.isNum() && !x.consumed[i] || t.isPunct(";(),") || t.kind == kWord && stopWords[t.low] {
				ok = false
			}
		}
		if ok {
			return mn.i
		}
	}
	for mi := len(near) - 1; mi >= 0; mi-- {
		mn := near[mi]
		if mn.rel != 0 && mn.m == 0 || mn.j >= k || k-mn.j > 4 {
			continue
		}
		// Before: a few words between, none a number. "to" may stand
		// between in a chain ("and in July 2024 — to 269") when no
		// other number has taken the month ("from 125 in May to 224")
		// and the month is not one of two ("in March and April to 181").
		ok := true
		for i := mn.j + 1; i < k; i++ {
			t := x.toks[i]
			if t.low == "to" || t.low == "до" {
				if len(x.takenBy[mn.i]) > 0 || x.monthPair(s, mn) {
					ok = false
				}
				continue
			}
			if t.low == "року" && i == mn.j+1 && mn.y != 0 {
				continue
			}
			if t.isNum() && !x.consumed[i] || !(t.isPunct(",:—–-(") || inList(t.low, []string{"had", "saw", "was", "at", "least", "there", "were", "with", "of", "to", "more", "than", "over", "nearly", "some", "almost", "about", "a", "minimum", "щонайменше", "понад", "майже", "близько", "не", "менше"})) {
				ok = false
			}
		}
		if ok {
			return mn.i
		}
	}
	return -1
}

// monthPair reports whether the mention is the second of two months
// named together ("March and April", "червні й липні").
func (x *extractor) monthPair(s *sentence, mn mention) bool {
	if !inList(x.tok(mn.i-1).low, []string{"and", "or", "і", "й", "та", "чи"}) && !x.tok(mn.i-1).isPunct(",–-") {
		return false
	}
	for _, o := range s.mentions {
		if o.j == mn.i-2 && o.m != 0 {
			return true
		}
	}
	return false
}

// spanText is the words of a span: "since January", "April and May".
func (x *extractor) spanText(mn mention) string {
	to := max(mn.to, mn.j)
	return x.doc.Text[x.toks[mn.from].start:x.toks[to].end]
}

// near returns the mentions of s within window tokens of k.
func (s *sentence) near(k int) []mention {
	lo := sort.Search(len(s.mentions), func(i int) bool { return s.mentions[i].j >= k-window })
	hi := sort.Search(len(s.mentions), func(i int) bool { return s.mentions[i].i > k+window })
	if lo > hi {
		return nil
	}
	return s.mentions[lo:hi]
}

// mentionAt returns the mention starting at token i.
func (s *sentence) mentionAt(i int) mention {
	for _, mn := range s.mentions {
		if mn.i == i {
			return mn
		}
	}
	return mention{}
}

// comparedMonth reports whether a month named after the number at c is
// the month of a comparison in another clause — "331 ... were killed and
// 401 were injured, and it noted that overall casualties were lower than
// in the previous month of March" — rather than the number's own.
func (x *extractor) comparedMonth(s *sentence, c *cand, mn mention) bool {
	for i := mn.i - 1; i > c.k && i >= mn.i-8; i-- {
		t := x.toks[i]
		if t.isNum() {
			return false
		}
		if inList(t.low, []string{"than", "compared", "previous", "preceding", "from", "while", "whereas", "порівняно", "попереднього", "попередньому"}) {
			return true // "... fell from the month of March", "..., while in March"
		}
	}
	return false
}

// superlativeSince reports a "since" that dates a record, not a span:
// "the highest monthly figure since September 2024, and a further 1,019
// in May".
func (x *extractor) superlativeSince(mn mention) bool {
	for i := mn.i - 1; i >= 0 && i >= mn.i-8; i-- {
		t := x.toks[i]
		if t.isNum() || t.isPunct(".;()") {
			return false
		}
		if inList(t.low, []string{"highest", "lowest", "deadliest", "worst", "largest", "most", "fewest", "bloodiest", "biggest", "smallest"}) {
			return true
		}
	}
	return false
}

// publicationDate reports a day that dates a publication, not an event:
// "OHCHR's update of 5 September had put the number ... in August at
// 294", "the report published on 3 May".
func (x *extractor) publicationDate(mn mention) bool {
	p, pp := x.tok(mn.i-1).low, x.tok(mn.i-2).low
	return p == "of" && inList(pp, []string{"update", "report", "statement", "release", "briefing", "summary", "bulletin"}) ||
		p == "on" && inList(pp, []string{"published", "released", "issued"})
}
