package extract

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/casualty-tool/casualty/data"
)

// areaStems maps the spellings of Ukraine's oblasts to their p-codes:
// Latin names whole ("kharkiv"), Cyrillic ones by their first five letters,
// since Ukrainian declines them ("Донецькій області", "Донецька").
var areaStems = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	t := data.Ukraine()
	for _, u := range t.Units {
		for _, n := range append([]string{u.Name}, u.Aliases...) {
			n = strings.ToLower(n)
			if strings.ContainsAny(n, " .()") {
				continue
			}
			r, _ := utf8.DecodeRuneInString(n)
			if r >= 0x400 && r < 0x500 {
				if utf8.RuneCountInString(n) >= 5 {
					m[string([]rune(n)[:5])] = u.Code
				}
				continue
			}
			m[n] = u.Code
		}
	}
	return m
})

// regionStems maps the first word of an oblast's "X Oblast" spelling to
// its p-code: "Donetsk region" is Donetsk Oblast, though "Donetsk" alone
// may be the city.
var regionStems = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, u := range data.Ukraine().Units {
		for _, n := range append([]string{u.Name}, u.Aliases...) {
			if w, ok := strings.CutSuffix(strings.ToLower(n), " oblast"); ok && !strings.ContainsAny(w, " .()") {
				m[w] = u.Code
			}
		}
	}
	return m
})

// areaAt returns the p-code of the oblast token i names, if it names one.
func areaAt(t token) string {
	if t.kind != kWord {
		return ""
	}
	st := areaStems()
	if c, ok := st[t.low]; ok {
		return c
	}
	r, _ := utf8.DecodeRuneInString(t.low)
	if r >= 0x400 && r < 0x500 && utf8.RuneCountInString(t.low) >= 6 {
		if c, ok := st[string([]rune(t.low)[:5])]; ok {
			return c
		}
	}
	return ""
}

// placeNear looks for a place named near the number at k, in its clause:
// an oblast casualty knows (its p-code), or another place (its words).
//
// Iraqi and Libyan texts are read by placeNearUnit: their places are
// never Ukraine's oblasts.
func (x *extractor) placeNear(s *sentence, k int) (code, words string) {
	if x.country == "IQ" || x.country == "LY" {
		return x.placeNearUnit(s, k)
	}
	lo, hi := k, k
	for lo > s.s && k-lo < 16 && !x.toks[lo-1].isPunct(";") && !x.figureAside(s, lo-1) {
		lo--
	}
	for hi < s.e-1 && hi-k < 10 && !x.toks[hi+1].isPunct(";(") && !x.newClause(hi+1) {
		hi++
	}
	for i := lo; i <= hi; i++ {
		t := x.toks[i]
		if t.kind != kWord {
			continue
		}
		n := x.tok(i + 1)
		p := x.tok(i - 1)
		kyiv := strings.HasPrefix(t.low, "kyiv") || strings.HasPrefix(t.low, "киї") || strings.HasPrefix(t.low, "киє")
		if c := areaAt(t); c != "" && startsUpper(t) && (placeWords[n.low] || !kyiv && inList(p.low, []string{"in", "on", "у", "в", "на"})) {
			if inList(n.low, []string{"city", "town", "місті", "місто"}) && !kyiv {
				// Kharkiv city is not Kharkiv oblast.
				return "", t.text + " " + n.text
			}
			return c, t.text + " " + n.text
		}
		if c := regionStems()[t.low]; c != "" && startsUpper(t) && inList(n.low, []string{"region", "oblast"}) {
			return c, t.text + " " + n.text
		}
		if otherPlaces[t.low] && startsUpper(t) {
			return "", t.text
		}
		if placeWords[t.low] && t.low != "there" || t.low == "there" && inList(p.low, []string{"killed", "injured", "wounded"}) {
			return "", p.text + " " + t.text
		}
	}
	return "", ""
}

// newClause reports a comma at i that opens another figure's clause: ",
// 21 and 80 of them in Kharkiv region", ", з них 60 ...", ", including
// 12 in Kharkiv region": a place named there is not the figure's before.
func (x *extractor) newClause(i int) bool {
	if !x.tok(i).isPunct(",") {
		return false
	}
	n, nn := x.tok(i+1), x.tok(i+2)
	return n.isNum() || n.low == "з" && nn.low == "них" || n.low == "of" && inList(nn.low, []string{"them", "whom", "these"}) ||
		n.low == "including" || n.low == "among" || n.low == "серед" || n.low == "зокрема"
}

// figureAside reports whether the ")" at i closes an aside with a number
// of its own — "844 civilians were killed in July (27 civilian police and
// Anbar casualty figures included), while 1,616 ..." — whose places are
// that figure's, not the next one's.
func (x *extractor) figureAside(s *sentence, i int) bool {
	if !x.toks[i].isPunct(")") {
		return false
	}
	for j := i - 1; j >= s.s && j > i-window; j-- {
		if x.toks[j].isPunct("(") {
			return false
		}
		if x.toks[j].isNum() {
			return true
		}
	}
	return false
}
