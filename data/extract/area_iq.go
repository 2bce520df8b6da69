package extract

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/casualty-tool/casualty/data"
)

// UNAMI (Iraq) and UNSMIL (Libya) break a month down by governorate or
// city in lists that name the place once for several numbers: "Baghdad,
// with 733 civilian casualties (152 killed, 581 injured)", "Ninewa 332
// killed and 114 injured", "in Babil, 56 killed", "Benghazi (three deaths
// and one injury)". Their places are read here, apart from Ukraine's
// oblasts, so that an oblast is never matched in an Iraqi text nor a
// governorate in a Ukrainian one.

// placedElsewhere is the code placeNear returns when it has already
// warned about the number's place itself: the number is not reported.
const placedElsewhere = "-"

// placeName is one spelling of a unit, as the lexer splits it.
type placeName struct {
	keys []string // token keys: a word's low form, a punctuation's text
	code string
}

// namesOf maps the first token key of each spelling of a table's units
// (names and aliases, not the country's row) to the spellings it starts,
// longest first.
func namesOf(t *data.AreaTable) map[string][]placeName {
	m := map[string][]placeName{}
	for _, u := range t.Units {
		for _, n := range append([]string{u.Name}, u.Aliases...) {
			var keys []string
			for _, tk := range lex(n) {
				keys = append(keys, tokKey(tk))
			}
			if len(keys) == 0 {
				continue
			}
			m[keys[0]] = append(m[keys[0]], placeName{keys, u.Code})
		}
	}
	for k, l := range m {
		// longest first, so that "Salah ad Din" wins over "Salah"
		for i := 1; i < len(l); i++ {
			for j := i; j > 0 && len(l[j].keys) > len(l[j-1].keys); j-- {
				l[j], l[j-1] = l[j-1], l[j]
			}
		}
		m[k] = l
	}
	return m
}

var iraqNames = sync.OnceValue(func() map[string][]placeName { return namesOf(data.Iraq()) })

func tokKey(t token) string {
	if t.kind == kWord {
		return t.low
	}
	return t.text
}

// unitNames returns the spellings of the first-level units of the text's
// country, or nil when casualty has no table for it (Libya).
func (x *extractor) unitNames() map[string][]placeName {
	if x.country == "IQ" {
		return iraqNames()
	}
	return nil
}

// unitAt returns the unit a spelling starting at token i names, and the
// spelling's last token; a Latin spelling must be capitalised ("Babil",
// not "babel").
func (x *extractor) unitAt(i int) (code string, end int) {
	t := x.tok(i)
	if t.kind != kWord {
		return "", -1
	}
	if r, _ := utf8.DecodeRuneInString(t.text); r < 0x250 && !capitalised(t) {
		return "", -1
	}
	names := x.unitNames()
	for _, n := range append(names[t.low], names[strings.TrimSuffix(t.low, "'s")]...) {
		ok := true
		for j, k := range n.keys {
			if i+j >= len(x.toks) {
				ok = false
				break
			}
			// "Baghdad's death toll": the last word may be possessive.
			if key := tokKey(x.toks[i+j]); key != k && !(j == len(n.keys)-1 && strings.TrimSuffix(key, "'s") == k) {
				ok = false
				break
			}
		}
		if ok {
			return n.code, i + len(n.keys) - 1
		}
	}
	return "", -1
}

// unitEnding returns the unit whose spelling ends at token i, and its first
// token: "Dhi Qar" read backwards from "Qar".
func (x *extractor) unitEnding(i int) (code string, start int) {
	for st := max(0, i-3); st <= i; st++ {
		if c, e := x.unitAt(st); e == i {
			return c, st
		}
	}
	return "", -1
}

// nationalWords name the whole country: a figure they govern is national.
var nationalWords = map[string]bool{"iraq": true, "iraq's": true, "libya": true, "libya's": true,
	"nationwide": true, "countrywide": true, "country": true, "country's": true}

// wholeWords say a figure after them is the country's.
var wholeWords = map[string]bool{"overall": true, "nationally": true, "altogether": true, "whole": true}

// missionWords and recordWords: "UNAMI recorded 900 killed" gives the
// mission's count, the country's unless a place follows the number.
var missionWords = map[string]bool{"unami": true, "unsmil": true, "mission": true}
var recordWords = map[string]bool{"recorded": true, "documented": true, "counted": true, "reported": true,
	"registered": true, "verified": true}

// saidWords open reported speech: a place named before one after "in"
// is where the speaker was, not the figure's ("Speaking in Baghdad, he
// said 900 ..."); "the Anbar Health Directorate told the mission of 33
// killed" is Anbar's.
var saidWords = map[string]bool{"said": true, "says": true, "say": true, "stated": true, "told": true, "added": true,
	"noted": true, "stressed": true, "warned": true, "explained": true, "urged": true, "according": true, "announced": true}

// iraqCities are Iraqi towns UNAMI names that are not governorates: a
// figure for one is no governorate's.
var iraqCities = map[string]bool{"mosul": true, "fallujah": true, "falluja": true, "ramadi": true, "tikrit": true,
	"samarra": true, "baquba": true, "baqubah": true, "hilla": true, "hillah": true, "kut": true, "nasiriya": true,
	"nasiriyah": true, "amerli": true, "haditha": true, "sinjar": true, "tuz": true, "hawija": true, "qaim": true,
	"rutba": true, "heet": true, "tal": true, "karmah": true, "baiji": true, "kurdistan": true}

// cityWords name a part of a governorate, never the governorate.
var cityWords = map[string]bool{"city": true, "town": true, "village": true, "district": true, "area": true,
	"areas": true, "neighbourhood": true, "neighborhood": true, "camp": true}

// unitWords name a first-level unit: "Anbar province", "the Governorate".
var unitWordsIQ = map[string]bool{"province": true, "governorate": true, "governorates": true}

// otherPlaceAt reports a place the text names at token i that casualty
// has no code for: a city or a place of another country.
func (x *extractor) otherPlaceAt(i int) bool {
	t := x.tok(i)
	return t.kind == kWord && capitalised(t) && (otherPlaces[t.low] || iraqCities[t.low])
}

// capitalised reports a proper name: "Baghdad", and "al-Zawiya" with its
// article in lower case.
func capitalised(t token) bool {
	if startsUpper(t) {
		return true
	}
	for _, a := range []string{"al-", "as-", "ad-", "ash-", "az-", "ar-", "el-"} {
		if rest, ok := strings.CutPrefix(t.text, a); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			return unicode.IsUpper(r)
		}
	}
	return false
}

// placeNearUnit finds the place of the number at k in an Iraqi or Libyan
// text: a place named right after it in its own clause ("12 killed in
// Ninewa"), else the nearest place named before it in its sentence, over
// the figures of that place ("Diyala had 170 killed and 284 injured") and
// over closed parentheses, but never over a full stop, a semicolon, a
// word for the whole country, reported speech or a dateline. A place
// casualty has no code for (a city, Libya's places) is returned as words
// only, to be warned about.
func (x *extractor) placeNearUnit(s *sentence, k int) (code, words string) {
	there := false
	speech := false // reported speech stands between the number and the place
	// After the number, in its own clause, or its pair's: "152 killed
	// and 581 injured in Baghdad" names Baghdad for both.
	paired := false
	for i := k + 1; i < s.e && i <= k+14; i++ {
		t := x.toks[i]
		if t.low == "and" && x.tok(i+1).isNum() && !x.consumed[i+1] && !paired {
			paired = true
			i++
			continue
		}
		if t.isNum() && !x.consumed[i] || t.isPunct(".;,()[]:") || t.kind == kWord && stopWords[t.low] {
			break
		}
		if t.low == "there" {
			there = true
			continue
		}
		if t.low == "nationwide" || t.low == "countrywide" {
			return "", ""
		}
		if !inList(t.low, []string{"in", "across", "throughout", "at", "near"}) {
			continue
		}
		n := i + 1
		if x.tok(n).low == "the" {
			n++
		}
		if nationalWords[x.tok(n).low] {
			return "", ""
		}
		if c, e := x.unitAt(n); c != "" {
			if cw := x.tok(e + 1); cityWords[cw.low] {
				return "", x.spanText(mention{from: n, to: e + 1})
			}
			if x.cityOf(n) {
				return "", x.spanText(mention{from: n - 2, to: e})
			}
			return c, x.spanText(mention{from: n, to: e})
		}
		if x.otherPlaceAt(n) {
			return "", x.toks[n].text
		}
		if startsUpper(x.tok(n)) && (cityWords[x.tok(n+1).low] || unitWordsIQ[x.tok(n+1).low]) {
			return "", x.spanText(mention{from: n, to: n + 1}) // "Tuz district"
		}
	}
	// "With 1,165 civilian casualties (319 killed, 846 injured), Baghdad
	// was the governorate worst affected": the place after the clause.
	if c, w, ok := x.withClausePlace(s, k); ok {
		return c, w
	}
	// Before it, in its sentence.
	for i := k - 1; i >= s.s && i >= k-24; i-- {
		t := x.toks[i]
		if x.inDatelinePrefix(s, i) {
			return x.unplaced(there) // "ERBIL, Kurdistan Region — Casualties ... reached 729"
		}
		// "665 civilians were killed ..., of whom ... 136 were in
		// Anbar, while 1,032 civilians were injured": a new clause with
		// its own people takes no place from the one before.
		if inList(t.low, []string{"while", "whereas"}) && x.namesPeople(k, min(k+3, s.e)) {
			return x.unplaced(there)
		}
		switch {
		case t.isPunct(")"):
			o := x.openBefore(s, i)
			if o < 0 {
				return "", ""
			}
			i = o
			continue
		case t.isPunct(".;!?"):
			return x.unplaced(there)
		case t.kind != kWord:
			continue
		}
		if nationalWords[t.low] || wholeWords[t.low] || t.low == "all" && x.tok(i-1).low == "in" {
			return x.unplaced(there) // "overall, 900 were killed", "in all, 900"
		}
		if missionWords[t.low] && recordWords[x.tok(i+1).low] {
			return x.unplaced(there) // "Baghdad was worst hit, and UNAMI recorded 900 killed"
		}
		if saidWords[t.low] {
			speech = true
			continue
		}
		if t.low == "there" {
			there = true
			continue
		}
		if c, st := x.unitEnding(i); c != "" {
			// "The Health Directorate in Anbar told UNAMI that the
			// governorate had 601": the teller is the governorate's own
			// office, whose figures are the governorate's.
			office := inList(x.tok(st-2).low, []string{"directorate", "office", "authorities", "department"})
			if x.dateline(i) || speech && !office && inList(x.tok(st-1).low, []string{"in", "at", "from", "visiting"}) {
				return x.unplaced(there) // "Baghdad, 3 March 2019 –", "speaking in Basra, the envoy said"
			}
			if cw := x.tok(i + 1); cityWords[cw.low] {
				return "", x.spanText(mention{from: st, to: i + 1})
			}
			if x.cityOf(st) {
				return "", x.spanText(mention{from: st - 2, to: i})
			}
			if o := x.otherUnitJoined(st, i); o != "" {
				x.warn(k, "%s: a figure for places named together (%s); whose it is cannot be read; not reported", x.toks[k].text, o)
				return placedElsewhere, x.toks[k].text
			}
			if same := x.sameKindBetween(s, i, k); same != nil {
				x.warn(k, "%s: a second figure of the same kind after %s for %s; which place or total it is for cannot be read; not reported", x.toks[k].text, x.toks[same.k].text, x.spanText(mention{from: st, to: i}))
				return placedElsewhere, x.toks[k].text
			}
			return c, x.spanText(mention{from: st, to: i})
		}
		if x.otherPlaceAt(i) {
			return "", t.text
		}
		if cityWords[t.low] || unitWordsIQ[t.low] {
			p := x.tok(i - 1)
			if c, _ := x.unitEnding(i - 1); c != "" {
				continue // "Anbar province": the name is next
			}
			if p.kind == kWord && startsUpper(p) && monthAt(p) == 0 && !nationalWords[p.low] {
				return "", p.text + " " + t.text // "Tuz district", "Kurdistan Region"
			}
			if cityWords[t.low] && inList(p.low, []string{"the", "that", "this", "a"}) {
				return "", p.text + " " + t.text // "the city": not a governorate
			}
			continue // "the Governorate": the one named before
		}
		// "in Tal Afar": a capitalised name after "in" that is no
		// governorate, month or country is a place casualty has no code for.
		if capitalised(t) && inList(x.tok(i-1).low, []string{"in", "at", "near", "around"}) && monthAt(t) == 0 && !nationalWords[t.low] && t.low != "the" {
			return "", t.text
		}
	}
	// A governorate named further back than the search reaches: whose
	// the number is cannot be told.
	for i := s.s; i < k-24; i++ {
		if c, e := x.unitAt(i); c != "" && !x.dateline(e) {
			x.warn(k, "%s: %s is named too far before the number to tell whether it is that governorate's; not reported", x.toks[k].text, x.spanText(mention{from: i, to: e}))
			return placedElsewhere, x.toks[k].text
		}
	}
	return x.unplaced(there)
}

// otherUnitJoined returns the words of two units named together, "Ninewa
// and Salahadin", "Baghdad or Anbar", when the unit spelt at [st, e] is
// one of them: a number after them is neither's alone.
func (x *extractor) otherUnitJoined(st, e int) string {
	if inList(x.tok(st-1).low, []string{"and", "or", "&"}) {
		if c, o := x.unitEnding(st - 2); c != "" {
			return x.spanText(mention{from: o, to: e})
		}
	}
	if inList(x.tok(e+1).low, []string{"and", "or", "&"}) {
		if c, oe := x.unitAt(e + 2); c != "" {
			return x.spanText(mention{from: st, to: oe})
		}
	}
	return ""
}

// unplaced is the answer for a number no place governs: national, unless
// the text says "there" of a place not found.
func (x *extractor) unplaced(there bool) (string, string) {
	if there {
		return "", "there"
	}
	return "", ""
}

// openBefore returns the "(" that the ")" at i closes, in the sentence, or
// -1.
func (x *extractor) openBefore(s *sentence, i int) int {
	depth := 0
	for j := i; j >= s.s && j > i-window; j-- {
		switch {
		case x.toks[j].isPunct(")"):
			depth++
		case x.toks[j].isPunct("("):
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// cityOf reports "city of" or "town of" before token i: "the city of
// Baghdad" is no governorate.
func (x *extractor) cityOf(i int) bool {
	return x.tok(i-1).low == "of" && cityWords[x.tok(i-2).low]
}

// dateline reports a place at token i that opens a dateline: "Baghdad, 2
// December 2016 —", "BAGHDAD (Reuters) -".
func (x *extractor) dateline(i int) bool {
	n := i + 1
	if x.tok(n).isPunct("(") {
		for n < len(x.toks) && n < i+6 && !x.toks[n].isPunct(")") {
			n++
		}
		n++
	}
	if x.tok(n).isPunct("—–-") {
		// "Baghdad – 335 killed, 756 injured": a list's line, not a
		// dateline, when a number follows the dash.
		return !x.tok(n + 1).isNum()
	}
	if !x.tok(n).isPunct(",") {
		return false
	}
	a, b := x.tok(n+1), x.tok(n+2)
	if monthAt(a) != 0 || smallDay(a) && monthAt(b) != 0 {
		return true
	}
	// "ERBIL, Kurdistan Region – The number ...": a place in capitals,
	// then a dash within a few words.
	if t := x.tok(i); len(t.text) > 2 && strings.ToUpper(t.text) == t.text {
		for j := n + 1; j <= n+4; j++ {
			if x.tok(j).isPunct("—–-") {
				return true
			}
		}
	}
	return false
}

// sameKindBetween returns a figure read between tokens i and k of the
// sentence with the metric the number at k will take, when there is one:
// "Baghdad had 20 killed, and 900 killed in total" does not say whose the
// 900 are. The figures in the number's own parentheses are its parts, not
// such a figure.
func (x *extractor) sameKindBetween(s *sentence, i, k int) *cand {
	m, kids := x.metricAhead(s, k)
	if m == mNone {
		return nil
	}
	own := x.openParen(s, k)
	for j := len(x.cands) - 1; j >= 0 && x.cands[j].sent == s; j-- {
		c := x.cands[j]
		if c.k <= i || c.k >= k || c.metric != m || c.children != kids {
			continue
		}
		if own >= 0 && (x.openParen(s, c.k) == own || x.bracketAfter(s, c.last) == own) {
			continue // a part beside it, or the total its brackets break down
		}
		return c
	}
	return nil
}

// metricAhead reads the metric word right after the number at k ("84
// killed", "84 civilians were injured"), for sameKindBetween.
func (x *extractor) metricAhead(s *sentence, k int) (int, bool) {
	kids := false
	for i := k + 1; i < s.e && i <= k+5; i++ {
		t := x.toks[i]
		if childWord(t.low) {
			kids = true
			continue
		}
		if m := metricWord(t.low); m != mNone {
			return m, kids
		}
		if t.kind != kWord || !peopleWord(t.low) {
			break
		}
	}
	return mNone, false
}

// unitName is the table's name of a unit, for notes.
func unitName(code string) string {
	if a, ok := data.Iraq().Get(code); ok {
		return strings.TrimPrefix(a.Name, "Al-")
	}
	return code
}

// withClausePlace reads the place of a number in an opening "With ..."
// clause from the words after the clause: "With 1,165 civilian casualties
// (319 killed, 846 injured), Baghdad was the governorate worst affected".
func (x *extractor) withClausePlace(s *sentence, k int) (code, words string, ok bool) {
	if x.toks[s.s].low != "with" {
		return "", "", false
	}
	depth := 0
	for i := s.s + 1; i < s.e; i++ {
		t := x.toks[i]
		switch {
		case t.isPunct("("):
			depth++
		case t.isPunct(")"):
			depth--
		case t.isPunct(".;"):
			return "", "", false
		case t.isPunct(",") && depth == 0 && i > k:
			n := i + 1
			if x.tok(n).low == "the" {
				n++
			}
			if c, e := x.unitAt(n); c != "" && inList(x.tok(e+1).low, []string{"was", "is", "remained", "became"}) {
				return c, x.spanText(mention{from: n, to: e}), true
			}
			return "", "", false
		}
	}
	return "", "", false
}

// inDatelinePrefix reports whether token i stands in a dateline that opens
// its sentence: a place in capitals, a comma, and a dash within a few words
// ("ERBIL, Kurdistan Region — Casualties ..."). Its places are the
// reporter's, not a figure's.
func (x *extractor) inDatelinePrefix(s *sentence, i int) bool {
	first := x.toks[s.s]
	if len(first.text) < 3 || strings.ToUpper(first.text) != first.text || first.kind != kWord || !x.tok(s.s+1).isPunct(",") {
		return false
	}
	for j := s.s + 2; j < s.e && j <= s.s+8; j++ {
		if x.toks[j].isPunct("—–-") {
			return i < j
		}
	}
	return false
}
