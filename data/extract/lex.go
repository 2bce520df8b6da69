package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// kind is what a token is.
type kind int

const (
	kWord  kind = iota
	kNum        // a count, a year, a day or a percentage
	kPunct      // one punctuation rune
)

// token is a word, a number or a punctuation mark of the text, with its
// byte offsets in the text.
type token struct {
	kind       kind
	text       string // as written
	low        string // words: lower case
	start, end int
	val        int64 // numbers: the whole value (percentages: the part before the decimal sign)
	dec        int   // numbers: digits after a decimal sign (22,9 -> val 229, dec 1)
	grouped    bool  // written with thousands separators
	word       bool  // a number written in words ("nine", "вісім")
	approx     bool  // a word numeral that is itself approximate ("пів тисячі")
	nl         bool  // a line break comes before this token
	space1     bool  // exactly one space-like rune comes before this token
}

// isNum reports whether the token is a number.
func (t token) isNum() bool { return t.kind == kNum }

// isPunct reports whether the token is one of the punctuation runes in set.
func (t token) isPunct(set string) bool { return t.kind == kPunct && strings.Contains(set, t.text) }

// spaceRune is a space that may separate thousands ("1 388", "12 500").
func spaceRune(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' }

// lex splits text into tokens. Numbers keep their separators in text and
// their value in val; a comma or full stop followed by exactly three digits
// is a thousands separator, one followed by one or two digits a decimal
// sign (Ukrainian "22,9%").
func lex(text string) []token {
	var toks []token
	nl := true
	i := 0
	gap := 0 // whitespace runes since the last token
	one := false
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if r == '\n' || unicode.IsSpace(r) || r == '\u202f' || r == '\u2009' {
			gap++
			one = gap == 1 && spaceRune(r)
			if r == '\n' {
				nl = true
			}
			i += n
			continue
		}
		space1 := gap == 1 && one
		gap = 0
		switch {
		case r >= '0' && r <= '9' && numericDate(text[i:]) > 0:
			// "24.02.2022", "09/04/2024": a date, never a count.
			n := numericDate(text[i:])
			toks = append(toks, token{kind: kWord, text: text[i : i+n], low: text[i : i+n], start: i, end: i + n, nl: nl, space1: space1})
			nl = false
			i += n
		case r >= '0' && r <= '9':
			t := lexNumber(text, i)
			t.space1 = space1
			t.nl, nl = nl, false
			toks = append(toks, t)
			i = t.end
		case unicode.IsLetter(r):
			j := i + n
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsMark(r2) {
					j += n2
					continue
				}
				// An apostrophe or hyphen inside a word (п'ять, ninety-five,
				// year-old) keeps the word whole.
				if r2 == '\'' || r2 == '’' || r2 == 'ʼ' || r2 == '-' {
					r3, _ := utf8.DecodeRuneInString(text[j+n2:])
					if unicode.IsLetter(r3) {
						j += n2
						continue
					}
				}
				break
			}
			w := text[i:j]
			toks = append(toks, token{kind: kWord, text: w, low: foldWord(w), start: i, end: j, nl: nl, space1: space1})
			nl = false
			i = j
		default:
			toks = append(toks, token{kind: kPunct, text: text[i : i+n], start: i, end: i + n, nl: nl})
			nl = false
			i += n
		}
	}
	return joinNumbers(wordNumerals(splitYears(toks)))
}

// reNumericDate is a date written in digits, day first: "24.02.2022",
// "9/4/2024".
var reNumericDate = regexp.MustCompile(`^(\d{1,2})([./])(\d{1,2})([./])(\d{4})`)

// numericDate returns the length of the date in digits that s starts
// with, or 0. The separators are alike, the day and month in range, and
// no digit follows.
func numericDate(s string) int {
	m := reNumericDate.FindStringSubmatch(s)
	if m == nil || m[2] != m[4] || len(s) > len(m[0]) && s[len(m[0])] >= '0' && s[len(m[0])] <= '9' {
		return 0
	}
	d, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[3])
	y, _ := strconv.Atoi(m[5])
	if d < 1 || d > 31 || mo < 1 || mo > 12 || !isYear(int64(y)) {
		return 0
	}
	return len(m[0])
}

// foldWord lower-cases a word and makes its apostrophes alike.
func foldWord(w string) string {
	w = strings.ToLower(w)
	return strings.NewReplacer("’", "'", "ʼ", "'").Replace(w)
}

// lexNumber reads the number starting at i.
func lexNumber(text string, i int) token {
	start := i
	var val int64
	digits := func() (int, int64) {
		n, v := 0, int64(0)
		for i < len(text) && text[i] >= '0' && text[i] <= '9' {
			if v < 1e15 {
				v = v*10 + int64(text[i]-'0')
			}
			i++
			n++
		}
		return n, v
	}
	_, val = digits()
	t := token{kind: kNum, start: start}
	for i < len(text) && (text[i] == ',' || text[i] == '.') {
		// Count the digits after the sign.
		j := i + 1
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		nd := j - (i + 1)
		switch {
		case nd == 3 && !t.grouped && t.dec == 0 || nd == 3 && t.grouped:
			// "1,074" or "12.500": thousands. A decimal "1.500" written
			// with three decimals is not a count anyone publishes.
			i++
			_, v := digits()
			val = val*1000 + v
			t.grouped = true
			continue
		case (nd == 1 || nd == 2) && !t.grouped && t.dec == 0:
			i++
			n, v := digits()
			for k := 0; k < n; k++ {
				val *= 10
			}
			val += v
			t.dec = n
		}
		break
	}
	t.end = i
	t.text = text[start:i]
	t.val = val
	return t
}

// splitYears separates a year run into the count after it, as a page
// loses the comma in "In June 2013, 685 civilians": "June 2013685".
func splitYears(toks []token) []token {
	out := make([]token, 0, len(toks))
	for i, t := range toks {
		if t.isNum() && !t.grouped && t.dec == 0 && len(t.text) >= 5 && len(t.text) <= 9 && i > 0 && monthWord(toks[i-1].low) != 0 {
			y := t.text[:4]
			if y >= "1990" && y <= "2099" {
				yv := int64(0)
				for _, c := range y {
					yv = yv*10 + int64(c-'0')
				}
				rest := t.text[4:]
				rv := int64(0)
				for _, c := range rest {
					rv = rv*10 + int64(c-'0')
				}
				out = append(out, token{kind: kNum, text: y, start: t.start, end: t.start + 4, val: yv, nl: t.nl},
					token{kind: kNum, text: rest, start: t.start + 4, end: t.end, val: rv})
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// joinNumbers joins space-separated thousands ("1 388", "12 500") unless
// the first group is a day ("from February 24 to 28 358 people": 28 is a
// day and 358 the count).
func joinNumbers(toks []token) []token {
	out := make([]token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		for i+1 < len(toks) && t.isNum() && !t.word && t.dec == 0 && (len(t.text) <= 3 || t.grouped) {
			u := toks[i+1]
			if !u.isNum() || u.word || u.grouped || u.dec != 0 || len(u.text) != 3 || !u.space1 {
				break
			}
			if len(out) > 0 && !t.grouped && dayContext(out, len(out)-1) || t.val > 1e12 {
				break
			}
			t.val = t.val*1000 + u.val
			t.end = u.end
			t.grouped = true
			i++
			t.text += " " + u.text
		}
		out = append(out, t)
	}
	return out
}

// dayContext reports whether a number after toks[i] is probably a day of
// a month: after a month name, "to", "до", or a dash that closes a range
// of days ("1–28 358"). A dash after a word introduces the count itself
// ("поранених – 4 840", "у квітні – 1 168").
func dayContext(toks []token, i int) bool {
	tok := toks[i]
	if tok.kind == kWord {
		return monthWord(tok.low) != 0 || tok.low == "to" || tok.low == "до" || tok.low == "по"
	}
	return tok.isPunct("-–—") && i > 0 && toks[i-1].isNum()
}

func isYear(v int64) bool { return v >= 1990 && v <= 2099 }

var monthNames = map[string]time.Month{}

func init() {
	en := []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
	short := []string{"jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
	// Ukrainian month names in the cases updates use them: nominative,
	// genitive ("9 квітня"), locative ("у березні 2025 року") and
	// instrumental ("порівняно з лютим 2024 року", "між січнем і
	// березнем").
	uk := [][]string{
		{"січень", "січня", "січні", "січнем"},
		{"лютий", "лютого", "лютому", "лютим"},
		{"березень", "березня", "березні", "березнем"},
		{"квітень", "квітня", "квітні", "квітнем"},
		{"травень", "травня", "травні", "травнем"},
		{"червень", "червня", "червні", "червнем"},
		{"липень", "липня", "липні", "липнем"},
		{"серпень", "серпня", "серпні", "серпнем"},
		{"вересень", "вересня", "вересні", "вереснем"},
		{"жовтень", "жовтня", "жовтні", "жовтнем"},
		{"листопад", "листопада", "листопаді", "листопадом"},
		{"грудень", "грудня", "грудні", "груднем"},
	}
	for i := range en {
		m := time.Month(i + 1)
		monthNames[en[i]] = m
		if short[i] != "" {
			monthNames[short[i]] = m
		}
		for _, w := range uk[i] {
			monthNames[w] = m
		}
	}
	monthNames["sept"] = time.September
}

// instrumentalMonth reports a Ukrainian month in the instrumental case
// ("лютим", "березнем", "листопадом"): after "з" it means "with" (a
// comparison), never "since", which takes the genitive ("з лютого").
func instrumentalMonth(w string) bool {
	return monthWord(w) != 0 && (strings.HasSuffix(w, "ем") || strings.HasSuffix(w, "им") || strings.HasSuffix(w, "ом"))
}

// monthWord returns the month a lower-case word names, or 0.
func monthWord(w string) time.Month { return monthNames[w] }

// Word numerals, English and Ukrainian, as updates write small counts.
var numerals = map[string]int64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
	"eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
	"один": 1, "одна": 1, "одного": 1, "одну": 1, "два": 2, "дві": 2, "двох": 2, "троє": 3, "три": 3, "трьох": 3,
	"чотири": 4, "чотирьох": 4, "четверо": 4, "п'ять": 5, "п'ятеро": 5, "п'ятьох": 5, "шість": 6, "шестеро": 6, "шістьох": 6,
	"сім": 7, "семеро": 7, "сімох": 7, "вісім": 8, "восьмеро": 8, "вісьмох": 8, "дев'ять": 9, "дев'ятеро": 9, "дев'ятьох": 9,
	"десять": 10, "десятеро": 10, "десятьох": 10, "одинадцять": 11, "дванадцять": 12, "тринадцять": 13,
	"чотирнадцять": 14, "п'ятнадцять": 15, "шістнадцять": 16, "сімнадцять": 17, "вісімнадцять": 18,
	"дев'ятнадцять": 19, "двадцять": 20, "тридцять": 30, "сорок": 40, "п'ятдесят": 50, "шістдесят": 60,
	"сімдесят": 70, "вісімдесят": 80, "дев'яносто": 90, "сто": 100,
	// Collective numerals, as updates count children and families
	// ("одинадцятеро дітей", "двоє загиблих"), and the genitive of the
	// teens and tens ("понад двадцяти").
	"двоє": 2, "обоє": 2, "одинадцятеро": 11, "дванадцятеро": 12, "тринадцятеро": 13, "чотирнадцятеро": 14,
	"п'ятнадцятеро": 15, "шістнадцятеро": 16, "сімнадцятеро": 17, "вісімнадцятеро": 18, "дев'ятнадцятеро": 19,
	"двадцятеро": 20, "тридцятеро": 30, "одинадцяти": 11, "дванадцяти": 12, "тринадцяти": 13, "чотирнадцяти": 14,
	"п'ятнадцяти": 15, "шістнадцяти": 16, "сімнадцяти": 17, "вісімнадцяти": 18, "дев'ятнадцяти": 19,
	"двадцяти": 20, "тридцяти": 30, "сорока": 40, "п'ятдесяти": 50, "шістдесяти": 60, "сімдесяти": 70,
	"вісімдесяти": 80, "дев'яноста": 90,
	// Hundreds: "сто", "сотня" (a hundred), "двісті" ... "дев'ятсот".
	"ста": 100, "сотня": 100, "сотню": 100, "двісті": 200, "двохсот": 200, "триста": 300, "трьохсот": 300,
	"чотириста": 400, "чотирьохсот": 400, "п'ятсот": 500, "п'ятисот": 500, "шістсот": 600, "шестисот": 600,
	"сімсот": 700, "семисот": 700, "вісімсот": 800, "восьмисот": 800, "дев'ятсот": 900, "дев'ятисот": 900,
}

// lonePlaces are number words that stand for a count on their own, with
// no numeral before them ("майже тисяча поранених", "понад тисячу").
var lonePlaces = map[string]int64{"тисяча": 1000, "тисячу": 1000}

var multipliers = map[string]int64{
	"hundred": 100, "thousand": 1000, "million": 1000000,
	"тисяча": 1000, "тисячі": 1000, "тисяч": 1000, "тис": 1000, "тисячу": 1000, "мільйон": 1000000, "мільйона": 1000000,
	"сотні": 100, "сотень": 100, // "дві сотні", "півтори сотні"
}

// wordNumerals turns number words into numbers ("ninety-five", "twenty
// one", "7 тисяч", "пів тисячі") so that the rest of the extractor sees one
// kind of number.
func wordNumerals(toks []token) []token {
	out := make([]token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.kind == kWord && (t.low == "пів" || t.low == "півтори") && i+1 < len(toks) && multipliers[toks[i+1].low] != 0:
			m := multipliers[toks[i+1].low]
			v := m / 2
			if t.low == "півтори" {
				v = m + m/2
			}
			out = append(out, token{kind: kNum, text: t.text + " " + toks[i+1].text, start: t.start, end: toks[i+1].end, val: v, word: true, approx: t.low == "пів", nl: t.nl})
			i++
			continue
		case t.kind == kWord && numeralValue(t.low) != 0:
			v := numeralValue(t.low)
			end, text := t.end, t.text
			// "twenty one", "двадцять п'ять", "сто двадцять п'ять": each
			// word after a hundred or a ten fills a smaller place.
			for last := v; i+1 < len(toks); {
				n := numeralValue(toks[i+1].low)
				if !(last >= 100 && last < 1000 && last%100 == 0 && n > 0 && n < 100 || last >= 20 && last < 100 && last%10 == 0 && n > 0 && n < 10) {
					break
				}
				v, last = v+n, n
				end, text = toks[i+1].end, text+" "+toks[i+1].text
				i++
			}
			nt := token{kind: kNum, text: text, start: t.start, end: end, val: v, word: true, nl: t.nl}
			if i+1 < len(toks) && multipliers[toks[i+1].low] != 0 {
				nt.val *= multipliers[toks[i+1].low]
				nt.end, nt.text = toks[i+1].end, nt.text+" "+toks[i+1].text
				i++
			}
			out = append(out, nt)
			continue
		case t.kind == kWord && lonePlaces[t.low] != 0:
			// "майже тисяча": a thousand, with no numeral before it.
			out = append(out, token{kind: kNum, text: t.text, start: t.start, end: t.end, val: lonePlaces[t.low], word: true, nl: t.nl})
			continue
		case t.isNum() && t.dec == 0 && i+1 < len(toks) && multipliers[toks[i+1].low] >= 1000:
			t.val *= multipliers[toks[i+1].low]
			t.end, t.text = toks[i+1].end, t.text+" "+toks[i+1].text
			t.grouped = true
			out = append(out, t)
			i++
			if i+1 < len(toks) && toks[i+1].isPunct(".") && toks[i].low == "тис" {
				i++
			}
			continue
		}
		out = append(out, t)
	}
	return out
}

// numeralValue reads one number word, hyphenated tens included
// ("ninety-five").
func numeralValue(w string) int64 {
	if v, ok := numerals[w]; ok {
		return v
	}
	if a, b, ok := strings.Cut(w, "-"); ok {
		va, vb := numerals[a], numerals[b]
		if va >= 20 && va < 100 && va%10 == 0 && vb > 0 && vb < 10 {
			return va + vb
		}
	}
	return 0
}
