package extract

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/casualty-tool/casualty/data"
)

// mention is a month named in the text: "March", "February 2025", "4
// April", "у березні 2025 року", or a relative one ("last month").
type mention struct {
	i, j  int        // first and last token
	m     time.Month // 0 for a relative mention
	y     int        // 0 when the text gives no year
	day   int        // a day of the month, when named ("4 April")
	rel   int        // relative mentions: -1 previous month, -12 a year earlier
	ago   bool       // a relative mention counted from the publication ("last month", "минулого місяця")
	asOf  bool       // "as of", "станом на", "end of": the cut-off of a total
	since bool       // "since January", "April and May": a span, never a figure's month
	from  int        // a span's first token
	to    int        // its last, when not the mention's own
}

func (mn mention) start24() bool {
	return mn.m == time.February && mn.day == 24 && (mn.y == 2022 || mn.y == 0)
}

// sentence is a run of tokens [s, e).
type sentence struct {
	s, e         int
	idx          int
	low          string // the sentence's text in lower case, spaces collapsed
	mentions     []mention
	scope        string // "" for monthly figures, else why its numbers are not a month's figures
	cum          bool
	dated        []mention // days named ("on 4 April"): numbers after one are an event's
	subgroup     string    // words naming a group casualty keeps no metric for
	theMonth     bool      // "during the month", "за місяць"
	weakIncident bool      // words of an incident ("in these attacks"): numbers without a month of their own are out
	weak         bool      // a weak year scope ("so far in 2024"): only numbers without a month are out
	part         *dayRange // the days of one month its figures cover ("from 1 to 18 June")
}

// cand is a number read as a figure, before its role is known.
type cand struct {
	k        int // token index
	sent     *sentence
	val      int64
	metric   int
	children bool
	qual     data.Qualifier
	wording  string
	month    data.Month
	bound    bool   // month found
	adjacent bool   // month bound next to the number, not from the sentence
	theMonth bool   // "during the month": the month the update reports
	area     string // p-code of an oblast the figure is for, "" for the country
	takes    int    // token index of a mention this number takes for itself ("161 in July", "February (129 killed)"), else -1
	last     int    // last token read with it (its metric word)
	how      string
	note     string
	asOf     data.Month
	since    string // "since January": the number is a span's total
	aside    bool   // an aside of its own followed it (", серед них 40 дітей,")
	pairNext int    // "against 120 and 500": the metric the number after this one takes
	pairKids bool   // and whether it counts children
	cut      cutOff // the day a breakdown's figures run up to ("up to and including 27 November")
	from, to int    // the days it covers, for a part-month figure (0, 0: the whole month)
	group    Group  // whom it counts, when not the mission's civilians
	includes []data.Component
}

type extractor struct {
	doc          *Document
	opt          Options
	toks         []token
	sents        []*sentence
	body         int // offset where the text proper begins (after source:/date: lines)
	pub          time.Time
	source       string
	country      string
	consumed     map[int]bool
	moreWarnings int
	warnedTok    int             // token of the last number not reported for whom it counts (a place, another source), -1 for none
	takenBy      map[int][]*cand // mention token -> numbers that took that month for themselves
	cands        []*cand
	pcts         []*pct
	subjectHints []data.Month // months of national figures not reported, which still tell the month the update reports
	res          *Result
	errs         data.ErrorList
}

var (
	reHeaderSource = regexp.MustCompile(`(?mi)\A(?:[ \t]*\n)*(?:.*\n)?[ \t]*source:[ \t]*(\S+)`)
	reHeaderDate   = regexp.MustCompile(`(?mi)^[ \t]*date:?[ \t]+(\d{4}-\d{2}-\d{2})\b`)
	reDateline     = regexp.MustCompile(`(?m)^[^\n]{0,60}?\b(\d{1,2})\s+(\pL+)\s+(\d{4})(?:\s+року|\s+р\.)?\s*(?:[—–-]|\n|$)`)
	reDatelineUS   = regexp.MustCompile(`(?m)^[^\n]{0,60}?\b(\pL+)\s+(\d{1,2}),\s+(\d{4})\s*(?:[—–-]|\n|$)`)
)

func (x *extractor) run() (*Result, error) {
	text := x.doc.Text
	x.res = &Result{Name: x.doc.Name}
	x.consumed = map[int]bool{}
	x.takenBy = map[int][]*cand{}
	// The header lines of a saved update: "source: URL", "date: ...".
	if m := reHeaderSource.FindStringSubmatch(text); m != nil {
		x.source = m[1]
	}
	x.findDate(text)
	if x.pub.IsZero() {
		return nil, &data.InputError{Pos: data.Pos{File: x.doc.Name}, Err: fmt.Errorf("%w: the text states none (no dateline such as \"Kyiv, 9 April 2025 —\"); give it with --published YYYY-MM-DD, since months without a year are read by it", ErrNoDate)}
	}
	x.country = x.opt.Country
	if x.country == "" {
		x.country = detectCountry(text)
	}
	x.toks = lex(text)
	x.skipHeader(text)
	x.splitSentences()
	for _, s := range x.sents {
		x.readMentions(s)
	}
	for _, s := range x.sents {
		x.scopeOf(s)
	}
	var prev *sentence
	for _, s := range x.sents {
		n := len(x.cands)
		x.readSentence(s, prev)
		if len(x.cands) > n {
			prev = s
		} else if len(s.mentions) > 0 || s.e-s.s > 3 {
			prev = nil
		}
		x.readPercents(s)
	}
	x.place()
	if err := x.errs.Err(); err != nil {
		return nil, err
	}
	x.check()
	if loc := reStanding.FindStringIndex(strings.ToLower(text)); loc != nil && len(x.res.Figures) > 0 {
		pos, off := x.doc.Pos(loc[0])
		x.res.Warnings = append(x.res.Warnings, Warning{Pos: pos, Offset: off,
			Msg: fmt.Sprintf("the text qualifies all its figures (%q...); each figure keeps the qualifier of its own wording", strings.Join(strings.Fields(runeCut(text[loc[0]:], 60)), " "))})
	}
	if x.moreWarnings > 0 {
		x.res.Warnings = append(x.res.Warnings, Warning{Pos: data.Pos{File: x.doc.Name}, Msg: fmt.Sprintf("... and %d more warnings", x.moreWarnings)})
	}
	if len(x.res.Figures) == 0 {
		return nil, &data.InputError{Pos: data.Pos{File: x.doc.Name}, Err: errors.New(x.noFigures())}
	}
	return x.res, nil
}

func (x *extractor) noFigures() string {
	msg := "no casualty figures found: the text states no count of civilians killed or injured in a month"
	if n := len(x.res.Warnings); n > 0 {
		msg += fmt.Sprintf(" (%d number(s) near words about casualties could not be placed; the first: %s)", n, x.res.Warnings[0].Error())
	}
	return msg
}

// reISODate is a date as page furniture writes it ("date 2024-10-11").
var reISODate = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)

// skipHeader drops the "source:" and "date:" lines a saved update starts
// with, and consumes the numbers of ISO dates: they are no counts.
func (x *extractor) skipHeader(text string) {
	body := 0
	for body < len(text) {
		end := strings.IndexByte(text[body:], '\n')
		if end < 0 {
			end = len(text) - body
		}
		line := strings.TrimSpace(text[body : body+end])
		low := strings.ToLower(line)
		if line == "" || strings.HasPrefix(low, "source:") || strings.HasPrefix(low, "date:") {
			body += end + 1
			continue
		}
		break
	}
	x.body = body
	var keep []token
	for _, t := range x.toks {
		if t.start >= body {
			keep = append(keep, t)
		}
	}
	x.toks = keep
	for _, m := range reISODate.FindAllStringIndex(text, -1) {
		for i, t := range x.toks {
			if t.start >= m[0] && t.end <= m[1] {
				x.consumed[i] = true
			}
		}
	}
}

// findDate takes the publication date from the text or the options.
func (x *extractor) findDate(text string) {
	head := text
	if len(head) > 4000 {
		head = head[:4000]
		for !utf8.ValidString(head) {
			head = head[:len(head)-1]
		}
	}
	var found time.Time
	var where int
	if m := reHeaderDate.FindStringSubmatchIndex(head); m != nil {
		if t, err := time.Parse("2006-01-02", head[m[2]:m[3]]); err == nil {
			found, where = t, m[2]
		}
	}
	if found.IsZero() {
		for _, m := range reDateline.FindAllStringSubmatchIndex(head, -1) {
			d, _ := strconv.Atoi(head[m[2]:m[3]])
			mo := monthWord(foldWord(head[m[4]:m[5]]))
			y, _ := strconv.Atoi(head[m[6]:m[7]])
			if mo != 0 && d >= 1 && d <= 31 && isYear(int64(y)) {
				found, where = time.Date(y, mo, d, 0, 0, 0, 0, time.UTC), m[2]
				break
			}
		}
	}
	if found.IsZero() {
		for _, m := range reDatelineUS.FindAllStringSubmatchIndex(head, -1) {
			mo := monthWord(foldWord(head[m[2]:m[3]]))
			d, _ := strconv.Atoi(head[m[4]:m[5]])
			y, _ := strconv.Atoi(head[m[6]:m[7]])
			if mo != 0 && d >= 1 && d <= 31 && isYear(int64(y)) {
				found, where = time.Date(y, mo, d, 0, 0, 0, 0, time.UTC), m[2]
				break
			}
		}
	}
	x.pub = found
	if !x.opt.Published.IsZero() {
		given := x.opt.Published.Time
		if !found.IsZero() && !found.Equal(given) {
			pos, off := x.doc.Pos(where)
			x.res.Warnings = append(x.res.Warnings, Warning{Pos: pos, Offset: off,
				Msg: fmt.Sprintf("the text is dated %s but --published says %s; using %s", found.Format("2006-01-02"), given.Format("2006-01-02"), given.Format("2006-01-02"))})
		}
		x.pub = given
	}
}

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

func (x *extractor) tok(i int) token {
	if i < 0 || i >= len(x.toks) {
		return token{kind: kPunct}
	}
	return x.toks[i]
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
		// Relative months.
		if t.kind == kWord {
			two := t.low + " " + x.tok(i+1).low
			three := two + " " + x.tok(i+2).low
			switch {
			case two == "last month" || two == "previous month" || three == "the month before" || two == "минулого місяця" || two == "попереднього місяця" || two == "попередній місяць" || two == "минулий місяць":
				j := i + 1
				if strings.HasPrefix(three, "the month before") {
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
		if o.i < mn.i && o.y != 0 && !o.start24() && o.m != 0 && o.m <= mn.m {
			return data.NewMonth(o.y, mn.m)
		}
	}
	y := x.pub.Year()
	if mn.m > x.pub.Month() {
		y--
	}
	return data.NewMonth(y, mn.m)
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
	switch {
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

// readSentence reads the figures of one sentence.
func (x *extractor) readSentence(s *sentence, prev *sentence) {
	var last *cand
	for k := s.s; k < s.e; k++ {
		t := x.toks[k]
		if !t.isNum() || x.consumed[k] || t.dec != 0 || t.val <= 0 {
			continue
		}
		if _, ok := percentAfter(x.toks[:s.e], k); ok {
			continue
		}
		if x.notACount(s, k) {
			continue
		}
		if o, _, ok := x.parenGroup(s, k); ok && o > s.s {
			if _, isPct := percentAfter(x.toks[:s.e], o-1-pctBack(x.toks, o-1)); isPct || x.shareBefore(o) {
				x.warn(k, "%s: a part of a share the text gives (%s), not a total; not reported", t.text, x.doc.Text[x.toks[max(s.s, o-4)].start:x.toks[o-1].end])
				continue
			}
		}
		if w := x.warnedTok; w >= s.s && w < k && (last == nil || w > last.k) && x.asideOf(s, w, k) {
			// "a total of 204 civilian casualties (not reported: a
			// place casualty has no code for), including 28 killed and
			// 176 injured": the parts of a figure not reported are not
			// reported either.
			x.warn(k, "%s: goes with the figure at %s (a part of it, or beside it), which is not reported; not reported", t.text, x.toks[w].text)
			x.warnedTok = w // the next part is the same figure's
			continue
		}
		if x.readCivilianPart(s, k) {
			last = nil
			continue
		}
		if c, ok := x.policePart(s, k, last); ok {
			x.cands = append(x.cands, c)
			continue
		}
		if c, ok := x.readGroupFigure(s, k, last, prev); ok {
			if c != nil {
				x.cands = append(x.cands, c)
				last = c
			}
			continue
		}
		if m := s.subgroup; m != "" && !x.civiliansNoun(s, k) {
			if x.nearCasualtyWords(s, k) {
				x.warn(k, "%s: the sentence counts a group casualty keeps no metric for (%s); not reported", t.text, m)
			}
			continue
		}
		c := &cand{k: k, sent: s, val: t.val, last: k}
		q, w, qstart := x.qualifierBefore(k, s.s)
		c.qual, c.wording = q, w
		if t.approx {
			c.qual, c.wording = data.Approx, t.text
		}
		c.children = x.childrenLead(s, qstart)
		x.readMetric(s, c, qstart, last)
		if c.how == "subgroup" {
			x.warn(k, "%s: a count of a part of the civilians (%s) that casualty keeps no metric for; not reported", t.text, c.note)
			continue
		}
		if c.metric == mNone {
			x.nounBefore(s, c, qstart)
		}
		if c.metric == mNone && x.pronounMetric(s, c, qstart) {
			continue // "їх" with no single noun to point back to: warned
		}
		if c.metric == mNone {
			// A number in a sentence of figures is worth a word even
			// far from casualty words: "from 63 in June to 41".
			if x.nearCasualtyWords(s, k) || last != nil {
				x.warn(k, "%s: a number near words about casualties whose metric cannot be read; not reported", t.text)
			}
			continue
		}
		// The qualifier of "at least 174 civilians were killed and 690
		// others injured" covers both numbers; that of "killed at least
		// six civilians and injured 66" only the first.
		if c.qual == data.Exact && last != nil && last.wording != "" && (x.joined(last, qstart) || x.commaPair(last, qstart, c)) {
			c.qual, c.wording = last.qual, last.wording
		}
		x.qualifierOverAside(c, last, qstart)
		// "nine children were killed and 76 injured": the second number
		// counts children too, unless it names its own people.
		if last != nil && last.children && last.how != "children of" && !c.children && c.how == "after" && !c.aside && !isAsideOpener(x.tok(last.k-1).low) && x.joined(last, qstart) && !x.namesPeople(c.k, c.last) {
			c.children = true
		}
		// "29 were children (7 killed, 22 injured)"
		if o, _, ok := x.parenGroup(s, k); ok && o > s.s && childWord(x.toks[o-1].low) {
			c.children = true
		}
		if code, words := x.placeNear(s, k); words != "" {
			if code == "" {
				x.warn(k, "%s %s: a figure for a place (%s) casualty has no area code for; not reported", t.text, c.dataMetric().Label(), words)
				x.warnedTok = k
				continue
			}
			if code == placedElsewhere {
				continue // placeNear has said why
			}
			c.area = code
		} else if c.how == "list" && last != nil {
			c.area = last.area // a chain goes on in the place it began: "in Donetsk region, from 125 in May to 224 in June and in July — to 269"
		}
		if x.bindPart(s, c); !c.bound {
			x.readMonth(s, c, prev)
		}
		if x.country == "IQ" && !c.children && c.area == "" && x.exclPolice(s, c) {
			c.group = CiviliansExcludingPolice
		}
		if what := x.includesOther(s, c); what != "" && !x.includesArea(c, what) {
			x.warn(k, "%s %s: the text says the figure includes figures from elsewhere (%s), so it is not the mission's own count; not reported", t.text, c.dataMetric().Label(), what)
			x.warnedTok = k
			if c.bound && c.area == "" && !c.children && s.scope == "" && !s.cum {
				x.subjectHints = append(x.subjectHints, c.month) // still the month the update reports
			}
			continue
		}
		if c.takes >= 0 {
			x.takenBy[c.takes] = append(x.takenBy[c.takes], c)
		}
		x.cands = append(x.cands, c)
		last = c
	}
	x.sharePairMonths(s)
	x.breakdowns(s)
}

// sharePairMonths gives a month named right after a coordinated pair to
// its first number too: in "up from 120 killed and 500 injured in
// April", 120 is April's, not the month the sentence began with.
func (x *extractor) sharePairMonths(s *sentence) {
	var mine []*cand
	for i := len(x.cands) - 1; i >= 0 && x.cands[i].sent == s; i-- {
		mine = append([]*cand{x.cands[i]}, mine...)
	}
	for i := len(mine) - 1; i > 0; i-- {
		a, b := mine[i-1], mine[i]
		if !b.adjacent || b.takes <= b.k || a.adjacent || !a.bound || a.month == b.month || a.area != b.area || a.children != b.children {
			continue
		}
		if _, _, qs := x.qualifierBefore(b.k, s.s); !x.joined(a, qs) {
			continue
		}
		a.month, a.adjacent, a.takes = b.month, true, b.takes
		x.takenBy[b.takes] = append(x.takenBy[b.takes], a)
	}
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
		between = append(between, t.low)
	}
	j := strings.Join(between, " ")
	for _, pre := range []string{"", "across ukraine ", "in ukraine ", "в україні ", "у україні "} {
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
	if inList(link, []string{"to", "at", "totaled", "totalled", "totalling", "totaling", "reached", "was", "were", "is", "of", "numbered", "comprised", "included", "зазнали", "отримали", "дістали", "до", "сягнула", "становить", "становила", "склала", "склало", "сягнуло", "стала", "became"}) {
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

// window bounds how far from a number the extractor looks for its month
// or parentheses, so that a text of one endless sentence (a table pasted
// as prose) is read in linear time.
const window = 60

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

// readMonth finds the month of a figure: next to it, in its parentheses or
// just before them, else the month the sentence is about, else the month
// of the sentence before when this one names none ("Of these, 158 were
// dead").
func (x *extractor) readMonth(s *sentence, c *cand, prev *sentence) {
	c.takes = -1
	// "Since January, 3,200 civilians have been killed": the month
	// nearest before the number opens a span; the number is its total.
	var nearest *mention
	for _, mn := range s.near(c.k) {
		if mn.m != 0 && mn.j < c.k {
			nearest = &mn
		}
	}
	if nearest != nil && nearest.since && !x.superlativeSince(*nearest) {
		c.since = x.spanText(*nearest)
		return
	}
	set := func(mn mention, adjacent bool) {
		c.month = x.year(s, mn)
		c.bound, c.adjacent = true, adjacent
	}
	if o, e, ok := x.parenGroup(s, c.k); ok {
		for _, mn := range s.near(c.k) {
			if mn.i > o && mn.j < e && mn.m != 0 && !mn.start24() && !mn.since {
				set(mn, true)
				c.takes = mn.i
				return
			}
		}
		for _, mn := range s.near(c.k) {
			if mn.j == o-1 && mn.m != 0 {
				set(mn, true)
				c.takes = mn.i
				return
			}
		}
	}
	mi := x.adjacentMonth(s, c.k)
	if mi >= 0 && x.datelineAt(s.mentionAt(mi)) {
		mi = -1 // "KYIV, 13 March 2025 – At least 123 civilians were killed ... in February 2025"
	}
	if mi >= 0 && s.mentionAt(mi).since {
		mn := s.mentionAt(mi)
		c.since = x.spanText(mn)
		return
	} else if mi >= 0 {
		mn := s.mentionAt(mi)
		set(mn, true)
		if mn.i > c.k {
			c.takes = mn.i
		}
		return
	}
	// The months of the sentence that no other number has taken.
	var free []mention
	for _, mn := range s.near(c.k) {
		if mn.m == 0 || mn.start24() || mn.since || mn.day != 0 && !mn.asOf || x.datelineAt(mn) {
			continue
		}
		taken := false
		for _, o := range x.takenBy[mn.i] {
			if o.sent == s && o != c && !(o.k < c.k && mn.j < c.k) {
				taken = true
			}
		}
		if !taken {
			free = append(free, mn)
		}
	}
	var before, after *mention
	for i := range free {
		if free[i].j < c.k {
			before = &free[i]
		} else if after == nil {
			after = &free[i]
		}
	}
	if before != nil {
		set(*before, false)
		return
	}
	if after != nil && !x.comparedMonth(s, c, *after) {
		set(*after, false)
		return
	}
	if usable(s) > 0 && after == nil {
		return
	}
	// A sentence about a span ("1,200 were killed in April and May")
	// gives its numbers no month from elsewhere.
	for _, mn := range s.near(c.k) {
		if mn.since {
			c.since = x.spanText(mn)
			return
		}
	}
	// "last month", counted from the publication.
	for _, mn := range s.near(c.k) {
		if mn.ago && mn.rel == -1 {
			c.month, c.bound = data.MonthOf(x.pub).Add(-1), true
			c.note = strings.TrimSpace(c.note + " \"" + x.doc.Text[x.toks[mn.i].start:x.toks[mn.j].end] + "\": the month before publication")
			return
		}
	}
	// "during the month", "за місяць": the month the update reports,
	// known once every figure is read.
	if s.theMonth {
		c.theMonth = true
		return
	}
	if s.weakIncident || s.weak {
		return // an incident's numbers, or a year's ("throughout 2016"), take no month from elsewhere
	}
	if prev != nil && !prev.cum && prev.scope == "" {
		for i := len(x.cands) - 1; i >= 0; i-- {
			o := x.cands[i]
			if o.sent == prev && o.bound && o.takes < 0 && !x.comparedCarry(s, o) {
				c.month, c.bound = o.month, true
				c.note = strings.TrimSpace(c.note + " month from the sentence before")
				return
			}
		}
		// The sentence before gave only months it named for themselves
		// ("than in April 2025 (848: 118 killed ...)"): "of the total"
		// is the update's month.
		c.theMonth = true
		return
	}
	// The sentence before names one month and no figure: "July 2025 was
	// the deadliest month ... 286 killed and 1,388 injured were recorded".
	if s.idx > 0 {
		b := x.sents[s.idx-1]
		if usable(b) == 1 && b.scope == "" && !b.cum {
			for _, mn := range b.mentions {
				if mn.m != 0 && !mn.start24() && mn.day == 0 {
					if x.comparedMention(b, mn) {
						c.theMonth = true // "Порівняно з серпнем минулого року … зросла на 60%. Загалом постраждали 1 040 …"
						return
					}
					c.month, c.bound = x.year(b, mn), true
					c.note = strings.TrimSpace(c.note + " month from the sentence before")
					return
				}
			}
		}
	}
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

// commaPair reports a pair of figures with only a comma between, each
// with its metric word right after it: "At Least 129 Civilians Killed,
// 574 Wounded", where the qualifier covers both.
func (x *extractor) commaPair(prev *cand, qstart int, c *cand) bool {
	return prev.how == "after" && c.how == "after" && c.last == c.k+1 && qstart == prev.last+2 && x.toks[prev.last+1].isPunct(",") && prev.metric != c.metric
}

// roundedFigure is r, a rounded wording of the figure p, as listed.
func roundedFigure(r, p Figure) Figure {
	r.Rounded = true
	r.Note = strings.TrimPrefix(r.Note+"; a rounded wording of "+p.Text+" at "+p.Pos.String()+", which is the figure", "; ")
	return r
}

// roundedOf tells which of two figures for one month and metric is a
// rounded wording of the other: a round number with a qualifier ("nearly
// 1,000", "more than 20,000") within 15% of an exact one (916, 19,875).
func roundedOf(a, b Figure) (rounded, exact Figure, ok bool) {
	round := func(f Figure) bool {
		unit := int64(10)
		if f.Value >= 1000 {
			unit = 100
		}
		return f.Value%unit == 0
	}
	// A rounded wording: "nearly", "some", "about", "more than", "over".
	isRounded := func(f Figure) bool {
		return round(f) && (f.Qualifier == data.Approx || strings.HasPrefix(f.Wording, "more") || f.Wording == "over" || strings.HasPrefix(f.Wording, "понад") || strings.HasPrefix(f.Wording, "більш"))
	}
	close := func(x, y int64) bool {
		d := x - y
		if d < 0 {
			d = -d
		}
		return d*100 <= max(x, y)*15
	}
	switch {
	case isRounded(a) && !isRounded(b) && close(a.Value, b.Value):
		return a, b, true
	case isRounded(b) && !isRounded(a) && close(a.Value, b.Value):
		return b, a, true
	}
	return Figure{}, Figure{}, false
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

// maxWarnings caps the warnings of one text; the rest are counted.
const maxWarnings = 200

func (x *extractor) warn(k int, format string, args ...any) {
	if len(x.res.Warnings) >= maxWarnings {
		x.moreWarnings++
		return
	}
	pos, off := x.doc.Pos(x.toks[k].start)
	x.res.Warnings = append(x.res.Warnings, Warning{Pos: pos, Offset: off, Msg: fmt.Sprintf(format, args...)})
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

// place turns candidates into figures: it drops those whose sentence is
// not about a month, finds the month the update reports, gives each
// figure its role, and keeps one figure per month and metric.
func (x *extractor) place() {
	pubMonth := data.MonthOf(x.pub)
	type keyT struct {
		area   string
		m      data.Month
		metric data.Metric
		role   bool
		group  Group
		days   [2]int
	}
	cutOffs, undated := map[data.Month]bool{}, []*cand(nil)
	for _, c := range x.cands {
		t := x.toks[c.k]
		if c.sent.scope != "" && !(c.sent.weak && c.bound) {
			x.warn(c.k, "%s %s: %s; not reported", t.text, c.dataMetric().Label(), c.sent.scope)
			c.metric = mNone
			continue
		}
		if d := c.sent.datedBefore(c.k); d != nil && !c.sent.cum {
			x.warn(c.k, "%s %s: figures of a dated event (%s), not a month's figure; not reported", t.text, c.dataMetric().Label(), x.doc.Text[x.toks[d.i].start:x.toks[d.j].end])
			c.metric = mNone
			continue
		}
		if c.since != "" && !c.sent.cum {
			x.warn(c.k, "%s %s: a total over several months (%s), not a month's figure; not reported", t.text, c.dataMetric().Label(), c.since)
			c.metric = mNone
			continue
		}
		if c.sent.cum {
			// A cumulative total, as of its cut-off or the publication.
			asOf := pubMonth
			o, e, inParen := x.parenGroup(c.sent, c.k)
			found := false
			for _, mn := range c.sent.mentions {
				if mn.asOf && mn.m != 0 && inParen && mn.i > o && mn.j < e {
					asOf, found = x.year(c.sent, mn), true
				}
			}
			for _, mn := range c.sent.mentions {
				if _, _, p := x.parenGroup(c.sent, mn.i); !found && mn.asOf && mn.m != 0 && !p {
					asOf, found = x.year(c.sent, mn), true
				}
			}
			for _, mn := range c.sent.mentions {
				// "up to 15 February 2024", "until the end of June"
				if !found && mn.m != 0 && !mn.start24() && x.cutOff(mn) {
					asOf, found = x.year(c.sent, mn), true
				}
			}
			if !found && reEndOfYear.MatchString(c.sent.low) {
				asOf, found = x.endOfYear(), true
			}
			if c.adjacent && c.bound {
				asOf, found = c.month, true
			}
			c.note = strings.TrimSpace(strings.Replace(c.note, "month from the sentence before", "", 1)) // a total's month is its cut-off
			if m, ok := x.cutOffAfter(c.sent); !found && ok {
				asOf, found = m, true // "…дістали поранення. Цифри охоплюють період до 31 січня 2026 року."
				c.note = strings.TrimSpace(c.note + " cut-off stated in the next sentence")
			}
			if found {
				cutOffs[asOf] = true
			} else {
				undated = append(undated, c)
			}
			if !found {
				// No cut-off stated: a total quoted in a publication is
				// as of no later than its date, the one month the text
				// supports (the month it reports would be a guess).
				c.note = strings.TrimSpace("the text states no as-of date: the publication's month; " + c.note)
				c.note = strings.TrimSuffix(c.note, ";")
			}
			c.month, c.bound = asOf, true
			continue
		}
	}
	shareCutOff(cutOffs, undated)
	// The month the update reports: the latest month of a national
	// figure; else of any figure; else the first month the text names.
	var subject data.Month
	for pass := 0; pass < 2 && subject.IsZero(); pass++ {
		for _, c := range x.cands {
			if c.metric != mNone && c.bound && !c.sent.cum && (pass == 1 || !c.children && c.area == "" && !c.group.Part()) && subject.Before(c.month) && !monthAfter(c.month, x.pub) {
				subject = c.month
			}
		}
	}
	for _, m := range x.subjectHints {
		if subject.Before(m) && !monthAfter(m, x.pub) {
			subject = m
		}
	}
	if subject.IsZero() {
	first:
		for _, s := range x.sents {
			for _, mn := range s.mentions {
				if mn.m != 0 && mn.day == 0 && !mn.start24() {
					if m := x.year(s, mn); !monthAfter(m, x.pub) {
						subject = m
						break first
					}
				}
			}
		}
	}
	x.res.Subject = subject
	for _, c := range x.cands {
		if c.metric == mNone || c.sent.cum {
			continue
		}
		t := x.toks[c.k]
		if c.theMonth && !c.bound && !subject.IsZero() {
			c.month, c.bound = subject, true
			c.note = strings.TrimPrefix(c.note+"; the month the update reports", "; ")
		}
		if !c.bound {
			x.warn(c.k, "%s %s: no month can be read for this number; not reported", t.text, c.dataMetric().Label())
			c.metric = mNone
			continue
		}
		if !x.cutOffOK(c) {
			c.metric = mNone
			continue
		}
		if monthAfter(c.month, x.pub) {
			pos, _ := x.doc.Pos(t.start)
			x.errs.Add(data.Errorf(pos, "", "figure %s %s for %s, a month after the publication date %s; a wrong year, or a wrong --published?", t.text, c.dataMetric().Label(), c.month.Label(), x.pub.Format("2006-01-02")))
		}
	}
	x.res.Published = data.Publication{Name: x.opt.Publication, Date: data.Date{Time: x.pub}}
	if x.res.Published.Name == "" {
		x.res.Published.Name = x.doc.Name
	}
	x.res.Source = x.opt.Source
	if x.res.Source == "" {
		x.res.Source = x.source
	}
	seen := map[keyT]int{}
	for _, c := range x.cands {
		if c.metric == mNone {
			continue
		}
		t := x.toks[c.k]
		f := Figure{Wording: c.wording, Group: c.group}
		pos, off := x.doc.Pos(t.start)
		f.Offset = off
		area := x.country
		if c.area != "" {
			area = c.area
		}
		f.Observation = data.Observation{Month: c.month, Area: area, Metric: c.dataMetric(), Value: c.val, Qualifier: c.qual,
			Published: x.res.Published, Source: x.res.Source, Note: c.note, Pos: pos, Text: t.text, Components: c.includes, FromDay: c.from, ToDay: c.to}
		for _, in := range c.includes {
			f.Note = strings.TrimPrefix(f.Note+"; "+in.Note, "; ")
		}
		if c.wording != "" {
			f.Note = strings.TrimSpace(c.wording + " " + t.text + "; " + f.Note)
			f.Note = strings.TrimSuffix(f.Note, ";")
		}
		switch {
		case c.sent.cum:
			f.Role = Cumulative
			f.Note = strings.TrimSuffix("cumulative total as of "+c.month.Label()+"; "+f.Note, "; ")
		case c.from != 0 && !(c.children || c.area != "" || c.group.Part()):
			// A national figure for some days: never to pass for the
			// month's (a part keeps its role and its days).
			f.Role = PartMonth
			f.Note = strings.TrimPrefix(f.Note+"; covers "+f.Covers()+" only, not the whole month", "; ")
		case c.month == subject.Add(-12):
			f.Role = SameMonthLastYear
		case c.month.Before(subject):
			f.Role = PreviousMonth // an earlier month, a breakdown's too
		case c.children || c.area != "" || c.group.Part():
			f.Role = Breakdown
		default:
			f.Role = Headline
		}
		f.Sentence = x.sentenceAround(c.sent, c.k)
		key := keyT{f.Area, c.month, f.Metric, f.Role == Cumulative, c.group, [2]int{c.from, c.to}}
		if i, ok := seen[key]; ok {
			o := &x.res.Figures[i]
			if o.Value == f.Value {
				continue // said twice: the title and the text
			}
			// A round figure and an exact one close to it are one figure
			// said twice: "nearly 1,000 injured" in the title, "916" in
			// the text. The exact one is the figure; the rounded one is
			// listed as such and never stored.
			if p, msg, ok := roundedPair(*o, f); ok {
				r := f
				if p.Offset == f.Offset {
					r, *o = *o, f
				}
				x.res.Warnings = append(x.res.Warnings, Warning{Pos: r.Pos, Offset: r.Offset, Msg: msg})
				x.res.Figures = append(x.res.Figures, roundedFigure(r, p))
				continue
			}
			if rounded, exact, ok := roundedOf(*o, f); ok {
				if exact.Offset == f.Offset {
					*o = f
				}
				x.res.Warnings = append(x.res.Warnings, Warning{Pos: rounded.Pos, Offset: rounded.Offset,
					Msg: fmt.Sprintf("%s %s for %s: a rounded wording (%s) of %s at %s; listed as rounded, not stored", rounded.Text, rounded.Metric.Label(), rounded.Month.Label(), rounded.Wording, exact.Text, exact.Pos)})
				x.res.Figures = append(x.res.Figures, roundedFigure(rounded, exact))
				continue
			}
			// Two different figures for one month and metric: the
			// larger is the total, the smaller a part (a city, a
			// weapon) the text does not name in words casualty reads.
			small, big := f, *o
			if f.Value > o.Value {
				small, big = *o, f
				*o = f
			}
			x.res.Warnings = append(x.res.Warnings, Warning{Pos: small.Pos, Offset: small.Offset,
				Msg: fmt.Sprintf("%s %s for %s: the text also gives %s at %s; the smaller is read as a part (an area, a weapon), not reported", small.Text, small.Metric.Label(), small.Month.Label(), big.Text, big.Pos)})
			continue
		}
		seen[key] = len(x.res.Figures)
		x.res.Figures = append(x.res.Figures, f)
	}
	sortFigures(x.res.Figures)
}
