package extract

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
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
	rel      int    // "the previous month": months before the one reported
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
	x.readTables()
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
	x.anbarIncluded()
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

func (x *extractor) tok(i int) token {
	if i < 0 || i >= len(x.toks) {
		return token{kind: kPunct}
	}
	return x.toks[i]
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
		if x.readCivilianPart(s, k, prev) {
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
		// "children: at least 4 killed, at least 35 injured": the lead
		// covers the list after it.
		if !c.children && last != nil && last.children && last.how != "children of" && qstart == last.last+2 && x.toks[last.last+1].isPunct(",") && x.childrenLead(s, x.leadOf(last)) {
			c.children = true
		}
		x.readMetric(s, c, qstart, last)
		x.questionMetric(s, c)
		x.casualtiesMislabelled(s, c)
		if c.how == "subgroup" {
			x.warn(k, "%s: a count of a part of the civilians (%s) that casualty keeps no metric for; not reported", t.text, c.note)
			continue
		}
		if c.metric == mNone {
			x.nounBefore(s, c, qstart)
		}
		if c.metric == mNone {
			x.apposition(s, c, qstart, last)
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
		// An aside's children go on only when nothing closes the aside
		// first: "including eight children killed and 57 injured", not
		// "174 killed, including 9 children, and 690 injured".
		if last != nil && last.children && last.how != "children of" && !c.children && c.how == "after" && !c.aside && (!isAsideOpener(x.tok(last.k-1).low) || x.tok(last.last+1).low == "and") && x.joined(last, qstart) && !x.namesPeople(c.k, c.last) {
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
		x.readMonth(s, c, prev)
		x.bindPart(s, c)
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

// window bounds how far from a number the extractor looks for its month
// or parentheses, so that a text of one endless sentence (a table pasted
// as prose) is read in linear time.
const window = 60

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
