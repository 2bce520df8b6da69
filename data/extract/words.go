package extract

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/casualty-tool/casualty/data"
)

// The words the extractor reads, English and Ukrainian. Ukrainian words are
// matched by stem, since their endings change with case and number.

const (
	mNone = iota
	mKilled
	mInjured
	mCasualties
)

var killedWords = []string{"killed", "kill", "killing", "kills", "dead", "deaths", "death", "died", "die", "dies",
	"fatalities", "fatality", "perished", "lives"}
var killedStems = []string{"загин", "загибл", "вбит", "вбив", "вбил", "убит", "убив", "убил", "смерт", "життя", "полегл", "загибел"}
var injuredWords = []string{"injured", "injuring", "injuries", "injury", "injure", "injures", "wounded", "wounding", "wounds", "hurt"}
var injuredStems = []string{"поранен", "поранень", "поранил", "травмован"}
var casualtyWords = []string{"casualties", "casualty", "victims", "harmed"}
var casualtyStems = []string{"жертв", "постраждал"}

// metricWord says which metric a word names, if any.
func metricWord(w string) int {
	for _, k := range killedWords {
		if w == k {
			return mKilled
		}
	}
	for _, k := range injuredWords {
		if w == k {
			return mInjured
		}
	}
	for _, k := range casualtyWords {
		if w == k {
			return mCasualties
		}
	}
	for _, s := range killedStems {
		if strings.HasPrefix(w, s) {
			return mKilled
		}
	}
	for _, s := range injuredStems {
		if strings.HasPrefix(w, s) {
			return mInjured
		}
	}
	for _, s := range casualtyStems {
		if strings.HasPrefix(w, s) {
			return mCasualties
		}
	}
	return mNone
}

func childWord(w string) bool {
	return w == "children" || w == "child" || w == "kids" || strings.HasPrefix(w, "діт") || strings.HasPrefix(w, "дитин")
}

// subgroupWord names a part of the civilians that casualty does not keep
// as a metric (sex, age, police, security forces): a number it counts is
// a breakdown to warn about, never the total.
func subgroupWord(w string) bool {
	switch w {
	case "women", "men", "boys", "girls", "man", "woman", "boy", "girl", "чоловік", "жінка", "police", "policemen", "members", "soldiers", "older", "elderly",
		"farm", "workers", "journalists", "iraqis", "foreign", "security", "isf", "peshmerga", "federal", "adults", "infants", "servicemen", "personnel", "aged",
		"жінок", "жінки", "чоловіків", "чоловіки", "хлопчиків", "дівчаток", "поліцейських", "військових",
		"медиків", "людей похилого", "літніх", "рятувальників", "журналістів":
		return true
	}
	return false
}

// peopleWord is a noun for the people counted, which may stand between a
// number and its verb ("174 civilians were killed").
func peopleWord(w string) bool {
	switch w {
	case "civilians", "civilian", "people", "persons", "person", "others", "other", "more", "additional",
		"new", "newly", "were", "was", "have", "has", "had", "been", "being", "reported", "recorded", "verified",
		"confirmed", "documented", "cases", "of", "the", "in", "ukraine", "iraq", "libya", "a", "further",
		"iraqi", "ukrainian", "libyan", "lost", "their", "total", "also", "all",
		"цивільних", "цивільні", "цивільний", "мирних", "мирні", "жителів", "жителі", "мешканців", "мешканці",
		"осіб", "особи", "людей", "людини", "громадян", "українців", "було", "були", "ще", "дістали",
		"отримали", "зазнали", "в", "у", "україні", "цивільного", "населення", "українці":
		return true
	}
	return false
}

// qualifierPhrases, longest first within each kind: the words before a
// number that say what it claims.
var qualifierPhrases = []struct {
	words string
	kind  string // at_least, more_than, approx
}{
	{"no fewer than", "at_least"}, {"no less than", "at_least"}, {"not less than", "at_least"},
	{"a minimum of", "at_least"}, {"minimum of", "at_least"}, {"at the very least", "at_least"}, {"at least", "at_least"},
	{"не менше ніж", "at_least"}, {"не менш як", "at_least"}, {"не менше", "at_least"}, {"щонайменше", "at_least"},
	{"принаймні", "at_least"}, {"мінімум", "at_least"},
	{"more than", "more_than"}, {"upwards of", "more_than"}, {"in excess of", "more_than"}, {"over", "more_than"},
	{"більш ніж на", "more_than"}, {"більше ніж на", "more_than"}, {"більш як на", "more_than"}, // a change: "більш ніж на 70% більше"
	{"більше ніж", "more_than"}, {"більш ніж", "more_than"}, {"більш як", "more_than"}, {"понад", "more_than"}, {"більше", "more_than"},
	{"перевищила", "more_than"}, {"перевищує", "more_than"}, {"перевищило", "more_than"}, {"перевищив", "more_than"},
	{"exceeded", "more_than"}, {"surpassed", "more_than"}, {"topped", "more_than"},
	{"nearly", "approx"}, {"almost", "approx"}, {"some", "approx"}, {"about", "approx"}, {"around", "approx"},
	{"approximately", "approx"}, {"roughly", "approx"}, {"close to", "approx"}, {"an estimated", "approx"},
	{"estimated", "approx"}, {"майже", "approx"}, {"близько", "approx"}, {"приблизно", "approx"}, {"орієнтовно", "approx"},
}

// unitWords after a number say it counts something other than people.
var unitWords = map[string]bool{
	"km": true, "kilometers": true, "kilometres": true, "kilometer": true, "kilometre": true, "miles": true,
	"metres": true, "meters": true, "years": true, "year": true, "year-old": true, "years-old": true, "hours": true,
	"hour": true, "minutes": true, "days": true, "day": true, "weeks": true, "week": true, "months": true, "month": true,
	"times": true, "attacks": true, "attack": true, "strikes": true, "strike": true, "drones": true, "missiles": true,
	"bombs": true, "rockets": true, "shells": true, "hotels": true, "buildings": true, "homes": true, "houses": true,
	"facilities": true, "schools": true, "hospitals": true, "settlements": true, "villages": true, "towns": true,
	"cities": true, "regions": true, "oblasts": true, "governorates": true, "percent": true, "per": true,
	"views": true, "comments": true, "incidents": true, "explosions": true, "a.m": true, "p.m": true, "am": true, "pm": true,
	"кілометрів": true, "км": true, "років": true, "роки": true, "рік": true, "року": true, "днів": true, "дні": true,
	"атак": true, "атаки": true, "ударів": true, "удари": true, "дронів": true, "ракет": true, "будинків": true,
	"шкіл": true, "переглядів": true, "переглядiв": true, "разів": true, "відсотків": true, "відсотка": true, "відсоток": true,
	"годин": true, "хвилин": true, "тижнів": true, "місяців": true, "населених": true, "обстрілів": true,
	"місяці": true, "місяць": true, "тижні": true, "тиждень": true, "доби": true, "добу": true, "діб": true,
}

// stopWords end a search for a number's metric: another clause begins.
var stopWords = map[string]bool{
	"and": true, "while": true, "but": true, "whereas": true, "compared": true, "with": true, "against": true,
	"than": true, "і": true, "й": true, "та": true, "а": true, "але": true, "тоді": true, "порівняно": true, "проти": true,
	"including": true, "among": true, "whom": true, "which": true, "що": true, "з": true, "із": true, "зі": true,
}

// Scopes of a sentence that make its numbers something other than a
// month's figures.
var (
	reCumulative = regexp.MustCompile(`since (the )?(24 february|february 24)|since february 2022|since 2022|since the (start|beginning|outset) of (the )?(full[- ]scale |russian )?(invasion|war|aggression)|since (russia|the russian federation)('s)? (launched|began|started|full)|since the full[- ]scale|full[- ]scale (armed )?(attack|invasion) (began|started)|total toll|toll stood|toll stands|stood at|stands at|to date|cumulative|previously reported|за (весь |увесь )?час (війни|вторгнення|повномасштаб)|(з|від) початку (повномасштабн\pL* |широкомасштабн\pL* |російськ\pL* |великої )*(вторгнення|війни|агресії)|(роки|років|рік|днів|дні) (повномасштабн\pL* |широкомасштабн\pL* |великої )?(війни|вторгнення)|(з|від|since) 24[./]02[./]2022|станом на \d{1,2} \pL+|з 24 лютого 2022|відтоді,? як|загальна кількість|since the war|since the start of the war|(years?|months) of (russia's |the russian )?(large|full)[- ]scale|since the war escalated`)
	reYearScope  = regexp.MustCompile(`since the (start|beginning) of (the year|20\d\d|this year)|from january to|(first|past|last) (two|three|four|five|six|seven|eight|nine|ten|eleven|\d+) months|(whole|all|entire|course) of (20\d\d|the year)|(від|з) початку (20\d\d )?року|(від|з) початку 20\d\d|за (\d+|перші|минулі) (\pL+ )?місяц|annual|year[- ]to[- ]date|first half|in 20\d\d as a whole`)
	// A weak year scope may be about another number of the sentence ("the
	// highest monthly number so far in 2024"): numbers with a month of
	// their own stay.
	// So may several months ("за попередні шість місяців", "the
	// highest in the previous six months"): numbers of a month named in
	// the sentence stay, the others are the span's.
	reWeakYearScope = regexp.MustCompile(`this year|so far (this year|in 20\d\d)|(in|during|throughout|for) 20\d\d(?: ?[,.;)]| (?:as|overall|alone|in total))|у 20\d\d році|за 20\d\d рік|за (попередні|останні|минулі) (\pL+ )?місяц|(за|протягом) (\pL+ ){1,2}місяц(ів|і)(\PL|$)|(previous|preceding) (two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+) months|пів ?року|півріччя`)
	rePartMonth     = regexp.MustCompile(`(from|between) \d{1,2}( \pL+)? (to|and|-|–) \d{1,2}\b|(від|з) \d{1,2}( \pL+)? (до|по) \d{1,2}\b|\b\d{1,2}[-–]\d{1,2} \pL+|in (\d+|\pL+) days|first (\d+|\pL+) days|(за|протягом) (\d+|\pL+) (днів|дні|доби)|so far this month|since (the )?(start|beginning) of the month|з початку місяця|since (january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}(?:\D|$)|since \d{1,2} (january|february|march|april|may|june|july|august|september|october|november|december)`)
	// reSubgroup: sentences about security forces or a subgroup the
	// mission counts apart.
	reSubgroup    = regexp.MustCompile(`security forces|\bisf\b|\biraqis\b|peshmerga|other violations|foreign (civilians|nationals)|військовослужбовц|^через них|because of them|^by them|these weapons|such weapons`)
	reIncident    = regexp.MustCompile(`preliminary|these attacks|this attack|the attack|single attack|one attack|a strike on|the strike|попередніми даними|цієї атаки|цього удару|внаслідок удару`)
	reOtherSource = regexp.MustCompile(`ministry|prosecutor|міноборони|міністерств|прокурор|\bgovernors?\b|military administration|\bова\b|police said|health authorities|defence intelligence|defense intelligence|according to (local|ukrainian|russian|iraqi) (officials|authorities)`)
	reStanding    = regexp.MustCompile(`actual (numbers|figures|toll)|(figures|numbers) (are|is) (likely |probably )?(considerably |significantly |much )?higher|absolute minimum|all figures|реальна кількість|справжн\pL* (число|кількість)|значно вищ|набагато більш`)
)

// percentWords after a number make it a percentage.
func percentAfter(toks []token, k int) (int, bool) {
	if k+1 < len(toks) && toks[k+1].isPunct("%") {
		return k + 1, true
	}
	if k+2 < len(toks) && toks[k+1].low == "per" && toks[k+2].low == "cent" {
		return k + 2, true
	}
	if k+1 < len(toks) && (toks[k+1].low == "percent" || strings.HasPrefix(toks[k+1].low, "відсот")) {
		return k + 1, true
	}
	return 0, false
}

var upWords = []string{"up", "higher", "increase", "increased", "increasing", "more", "rose", "rise", "risen", "jump", "jumped",
	"grew", "growth", "surge", "surged", "зросла", "зросло", "зросли", "зросте", "більше", "вище", "вищою", "вищим", "приріст", "збільшилася",
	"збільшилась", "збільшення", "зростання", "зріс", "більша", "більший", "більшою", "більшим", "перевищила", "перевищило", "перевищив", "перевищує"}
var downWords = []string{"down", "lower", "decrease", "decreased", "fewer", "less", "fell", "fall", "drop", "dropped", "decline",
	"declined", "менше", "менша", "менший", "меншою", "нижче", "нижчою", "зменшилася", "зменшилась", "знизилася", "знизилась", "скоротилася", "скоротилась", "зменшення", "падіння"}

func inList(w string, l []string) bool {
	for _, x := range l {
		if w == x {
			return true
		}
	}
	return false
}

// placeWords name a part of the country without naming which casualty
// has a code for: a figure next to one is a breakdown.
var placeWords = map[string]bool{"city": true, "town": true, "village": true, "oblast": true, "region": true,
	"governorate": true, "province": true, "district": true, "місті": true, "місто": true, "області": true,
	"область": true, "регіоні": true, "районі": true, "громаді": true, "селі": true, "there": true, "там": true}

// otherPlaces are first-level areas of the other missions' countries,
// which have no area table yet: a figure for one is a breakdown casualty
// cannot place, so it is warned about, never read as the country's.
var otherPlaces = map[string]bool{"baghdad": true, "ninewa": true, "nineveh": true, "anbar": true, "diyala": true,
	"salahuddin": true, "salah": true, "kirkuk": true, "babil": true, "babylon": true, "basra": true, "dhi": true,
	"najaf": true, "karbala": true, "wasit": true, "erbil": true, "dohuk": true, "sulaymaniyah": true, "maysan": true,
	"muthanna": true, "qadisiyah": true, "mosul": true, "tripoli": true, "benghazi": true, "derna": true,
	"sabratha": true, "murzuq": true, "misrata": true, "sirte": true, "zawiya": true, "al-zawiya": true,
	"sebha": true, "kufra": true, "ubari": true}

// reTheMonth: the month the update reports, named by reference.
var reTheMonth = regexp.MustCompile(`during the month|over the month|in the month\b|that month|\bthis month\b|за місяць|протягом місяця|за цей місяць|цього місяця`)

// reStrongIncident: words that always make a sentence an incident's.
var reStrongIncident = regexp.MustCompile(`preliminary|single attack|one attack|a strike on|попередніми даними|цього удару|внаслідок удару`)

// reWholeRange is a range of days that may be a whole month: "between 1
// April and 30 April 2017", "from 1 to 31 May", "з 1 по 30 квітня".
var reWholeRange = regexp.MustCompile(`(?:from|between|від|з) 1(?: (\pL+))? (?:to|and|до|по|-|–) (\d{1,2}) (\pL+)`)

// wholeMonthRange reports whether the sentence's range of days is a whole
// month: from the 1st to the month's last day.
func wholeMonthRange(low string) bool {
	m := reWholeRange.FindStringSubmatch(low)
	if m == nil {
		return false
	}
	mo := monthWord(m[3])
	if mo == 0 || m[1] != "" && monthWord(m[1]) != mo {
		return false
	}
	last := map[int]int{1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}[int(mo)]
	d := 0
	for _, c := range m[2] {
		d = d*10 + int(c-'0')
	}
	return d == last || mo == 2 && d == 29
}

// ordinalMonth: "the first month of 2016" is its January.
var ordinalMonth = map[string]time.Month{"first": time.January, "second": time.February, "third": time.March,
	"fourth": time.April, "fifth": time.May, "sixth": time.June, "seventh": time.July, "eighth": time.August,
	"ninth": time.September, "tenth": time.October, "eleventh": time.November, "twelfth": time.December}

// mentionUK reads two Ukrainian wordings of a month mention. "до 31
// січня 2026 року" (up to 31 January 2026), a day not closing a range, is
// a cut-off, as "станом на" is. "з грудня по травень", "від січня до
// вересня 2025 року" is a span of whole months: both months are the
// span's, and a number after them is its total, never a month's figure.
func (x *extractor) mentionUK(s *sentence, mn *mention) {
	p := x.tok(mn.i - 1)
	if mn.day != 0 && mn.m != 0 && p.low == "до" && !x.tok(mn.i-2).isNum() {
		rangeStart := false
		if n := len(s.mentions); n > 0 {
			f := s.mentions[n-1]
			rangeStart = f.day != 0 && !f.start24() && inList(x.tok(f.i-1).low, []string{"з", "від", "із"}) // "з 24 лютого 2022 року до 31 січня 2026 року" is up to a cut-off
		}
		mn.asOf = mn.asOf || !rangeStart
		return
	}
	if mn.day != 0 || mn.m == 0 || !inList(p.low, []string{"по", "до"}) || len(s.mentions) == 0 {
		return
	}
	f := &s.mentions[len(s.mentions)-1]
	if f.j != mn.i-2 || f.m == 0 || f.day != 0 || f.start24() || !inList(x.tok(f.i-1).low, []string{"з", "від", "із"}) {
		return
	}
	f.since, mn.since = true, true
	f.from, mn.from = f.i-1, f.i-1
	f.to, mn.to = mn.j, mn.j
}

// roundedPair reports whether one of two figures for the same month and
// metric is a rounded statement of the other — a title's "понад 600" or
// "майже тисяча" beside the text's 604 or 916 — and returns the precise
// one to keep and a warning for the rounded one. The rounded figure is a
// round number with a qualifier that the precise value satisfies: at
// least or more than below it (and more than half of it: "понад сто" for
// 126), nearly (майже, almost) at most 15% above it, about either side
// within 15%.
func roundedPair(a, b Figure) (precise Figure, msg string, ok bool) {
	r, p := a, b
	if !roundNumber(r) {
		r, p = b, a
	}
	if !roundNumber(r) || roundNumber(p) && p.Qualifier != data.Exact {
		return Figure{}, "", false
	}
	ok = false
	switch r.Qualifier {
	case data.AtLeast:
		ok = p.Value > r.Value && p.Value < 2*r.Value
	case data.Approx:
		d := p.Value - r.Value
		if d < 0 {
			d = -d
		}
		ok = d*100 <= r.Value*15 && (p.Value <= r.Value || !nearlyWord(r.Wording))
	}
	if !ok {
		return Figure{}, "", false
	}
	w := strings.TrimSpace(r.Wording + " " + r.Text)
	if strings.Contains(r.Wording, r.Text) {
		w = r.Wording
	}
	return p, fmt.Sprintf("%s %s for %s: a rounded form of %s at %s (%s%s); listed as rounded, not stored", w, r.Metric.Label(), r.Month.Label(), p.Text, p.Pos, p.Qualifier.Words(), data.FormatCount(p.Value)), true
}

// roundNumber: a count with a qualifier, written as a round number (600,
// 1 000, 15 тисяч, сто, 50).
func roundNumber(f Figure) bool {
	return f.Qualifier != data.Exact && f.Value > 0 && (f.Value%100 == 0 || f.Value < 100 && f.Value%10 == 0)
}

// nearlyWord: a qualifier that puts the figure below the round number.
func nearlyWord(w string) bool {
	return inList(w, []string{"nearly", "almost", "майже", "close to"})
}

// bothMetricsBefore reports whether the metric word at i, read before a
// number, is the second of two joined by a conjunction — "загинули або
// дістали поранень щонайменше 604", "вбили й поранили понад 600",
// "killed or injured 40" — which count the killed and the injured
// together.
func (x *extractor) bothMetricsBefore(s *sentence, i, m int) bool {
	j := i - 1
	for j > s.s && inList(x.toks[j].low, []string{"дістали", "отримали", "зазнали", "були", "було", "were", "was"}) {
		j--
	}
	if j <= s.s || !inList(x.toks[j].low, []string{"або", "чи", "і", "й", "та", "or", "and"}) {
		return false
	}
	m2 := metricWord(x.toks[j-1].low)
	return x.toks[j-1].kind == kWord && m2 != mNone && m2 != m
}

// comparisonWords before a month make it the month of a comparison: "ніж
// у лютому", "порівняно з лютим", "than in February", "compared with".
var comparisonWords = []string{"ніж", "аніж", "порівняно", "порівнянні", "проти", "than", "compared", "against", "versus"}

// comparedCarry reports whether the figure o of the sentence before took
// its month from a comparison ("Це на 20% більше, ніж у лютому, коли
// місія зафіксувала 502 цивільні жертви."): the numbers of the next
// sentence are then not that month's but the month the update reports,
// unless the sentence points back to o ("З них…", "Of them…").
func (x *extractor) comparedCarry(s *sentence, o *cand) bool {
	if backReference(x.toks[s.s:s.e]) {
		return false
	}
	for _, mn := range o.sent.mentions {
		if mn.m != 0 && mn.j < o.k && x.year(o.sent, mn) == o.month && x.comparedMention(o.sent, mn) {
			return true
		}
	}
	return false
}

// comparedMention reports a month named as the other side of a
// comparison — after "ніж", "порівняно з", "than", "compared with" — or
// as a time described by a "when" clause ("найбільше з липня, коли
// загинули 219 людей", "the most since June 2023, when…"): the text
// names it to set this month's figures against it, so it is no month for
// the sentences after.
func (x *extractor) comparedMention(s *sentence, mn mention) bool {
	for i := mn.i - 1; i >= s.s && i >= mn.i-3; i-- {
		if inList(x.toks[i].low, comparisonWords) {
			return true
		}
	}
	return x.tok(mn.j+1).isPunct(",") && inList(x.tok(mn.j+2).low, []string{"коли", "when"})
}

// backReference: a sentence that opens by pointing at the figure before
// ("З них 12 — діти", "Серед них", "Of them", "Of these", "Among them").
func backReference(toks []token) bool {
	if len(toks) < 2 {
		return false
	}
	a, b := toks[0].low, toks[1].low
	return inList(a, []string{"з", "із", "серед", "зокрема"}) && inList(b, []string{"них", "цих", "яких"}) ||
		inList(a, []string{"of", "among"}) && inList(b, []string{"them", "these", "those", "whom"})
}

// childrenLead reports children named just before a colon that opens the
// number at k: "Серед них – діти: восьмеро загиблих і 57 поранених",
// "Children: 8 killed".
// leadOf is where a figure's words begin: its qualifier, else its number.
func (x *extractor) leadOf(c *cand) int {
	_, _, q := x.qualifierBefore(c.k, c.sent.s)
	return q
}

func (x *extractor) childrenLead(s *sentence, k int) bool {
	return k-2 >= s.s && x.toks[k-1].isPunct(":") && childWord(x.toks[k-2].low)
}

// pronounMetric reads "У квітні їх було 1 389": "їх" (them) stands for
// the noun of the sentence before ("…зафіксувала 1 019 цивільних
// жертв."), so the number counts that noun's metric when the sentence
// before names exactly one (and no children). It reports whether the
// number is such a pronoun's; when the noun is not certain it warns with
// the position, so that nothing is guessed and nothing dropped silently.
func (x *extractor) pronounMetric(s *sentence, c *cand, qstart int) bool {
	at := -1
	for i := qstart - 1; i >= s.s && i >= qstart-3; i-- {
		t := x.toks[i]
		if t.low == "їх" {
			at = i
			break
		}
		if !inList(t.low, []string{"було", "стало", "налічувалося", "налічувалось", "нараховувалося", "нараховувалось", "є", "вже"}) {
			break
		}
	}
	if at < 0 {
		return false
	}
	var metrics []int
	kids := false
	seen := map[int]bool{}
	count := func(from, to int) {
		for i := from; i < to; i++ {
			if m := metricWord(x.toks[i].low); m != mNone && !seen[m] {
				seen[m] = true
				metrics = append(metrics, m)
			}
			kids = kids || childWord(x.toks[i].low)
		}
	}
	// The noun nearest back: in the sentence itself ("У квітні загиблих
	// було більше: їх було 221"), else in the sentence before.
	from := s.s
	for i := at - 1; i > s.s; i-- {
		if x.toks[i].isNum() && !x.consumed[i] {
			from = i + 1
			break
		}
	}
	count(from, at)
	where := "the sentence before"
	if len(metrics) > 0 || kids {
		where = "its sentence"
	} else if s.idx > 0 {
		b := x.sents[s.idx-1]
		count(b.s, b.e)
	}
	if len(metrics) != 1 || kids {
		x.warn(c.k, "%s: \"%s\" points back to %s, which does not name exactly one kind of casualty; not reported", x.toks[c.k].text, x.toks[at].text, where)
		return true
	}
	c.metric, c.how = metrics[0], "pronoun"
	c.note = strings.TrimSpace(c.note + fmt.Sprintf(" %q read as the %s of %s", x.toks[at].text, c.dataMetric().Label(), where))
	return false
}

// cutOffAfter returns the cut-off a cumulative total's next sentence
// states when that sentence gives no figures of its own: "…загинули
// щонайменше 15 172 мирні жителі… Цифри охоплюють період до 31 січня
// 2026 року."
func (x *extractor) cutOffAfter(s *sentence) (data.Month, bool) {
	if s.idx+1 >= len(x.sents) {
		return data.Month{}, false
	}
	n := x.sents[s.idx+1]
	for _, c := range x.cands {
		if c.sent == n {
			return data.Month{}, false
		}
	}
	for _, mn := range n.mentions {
		if mn.asOf && mn.m != 0 {
			if m := x.year(n, mn); !monthAfter(m, x.pub) {
				return m, true
			}
		}
	}
	return data.Month{}, false
}

// shareCutOff dates the cumulative totals a text states without a cut-off
// (a title's "понад 15 тисяч") by the one cut-off it states for its other
// totals; with none, or several, they stay as of the publication.
func shareCutOff(cutOffs map[data.Month]bool, undated []*cand) {
	if len(cutOffs) != 1 {
		return
	}
	for m := range cutOffs {
		for _, c := range undated {
			c.month, c.bound = m, true
			c.note = strings.Replace(c.note, "the text states no as-of date: the publication's month", "as of the one cut-off the text states for its totals, "+m.Label(), 1)
		}
	}
}

// againstMention reports a month a change is measured against: after an
// against word ("than February", "than in February", "ніж у лютому") or
// "порівняно з" ("порівняно з лютим 2024 року").
func (x *extractor) againstMention(mn mention) bool {
	p, pp := x.tok(mn.i-1).low, x.tok(mn.i-2).low
	return inList(p, againstWords) || inList(p, []string{"in", "у", "в"}) && inList(pp, againstWords) ||
		inList(p, []string{"з", "із", "зі"}) && inList(pp, []string{"порівняно", "порівнянні"})
}

// againstBefore takes the month compared with from before the percentage
// when none follows it: "порівняно з лютим 2024 року (153 загиблих, 359
// поранених) жертв стало на 35% більше".
func (x *extractor) againstBefore(s *sentence, p *pct) {
	if p.hasAgainst {
		return
	}
	for _, mn := range s.mentions {
		if mn.j >= p.k || mn.m == 0 {
			continue
		}
		// Only a comparison's own words: "from January to September"
		// is a span, not a month compared with.
		w, ww := x.tok(mn.i-1).low, x.tok(mn.i-2).low
		if inList(w, []string{"у", "в", "in"}) {
			w, ww = ww, x.tok(mn.i-3).low
		}
		if inList(w, []string{"than", "against", "ніж", "аніж", "проти", "відносно", "щодо"}) ||
			inList(w, []string{"with", "to"}) && ww == "compared" || inList(w, []string{"з", "із", "зі"}) && inList(ww, []string{"порівняно", "порівнянні"}) {
			p.against, p.hasAgainst = mn, true
		}
	}
}

// qualifierOverAside carries the qualifier of a figure over the aside
// that follows it to the figure joined after the aside: "загинули
// щонайменше 15 172 мирні жителі, серед них 766 дітей, ще 41 378 людей
// … дістали поранення" is at least 41 378, as "at least 174 killed and
// 690 others injured" is at least 690. The aside's own count keeps its
// wording.
func (x *extractor) qualifierOverAside(c, aside *cand, qstart int) {
	if c.qual != data.Exact || aside == nil || aside.wording != "" || !isAsideOpener(x.tok(aside.k-1).low) || !x.joined(aside, qstart) {
		return
	}
	n := len(x.cands)
	if n < 2 || x.cands[n-1] != aside {
		return
	}
	if head := x.cands[n-2]; head.sent == aside.sent && head.wording != "" && head.k < aside.k && !head.children {
		c.qual, c.wording = head.qual, head.wording
	}
}

// nounBefore reads a number whose noun stands before it with the month or
// a recording verb between, in Ukrainian word order: "Поранених у травні
// – 836", "Цивільних жертв у травні місія нарахувала 1 019". Only words
// of those kinds may stand between, so that no other clause's noun is
// taken.
func (x *extractor) nounBefore(s *sentence, c *cand, qstart int) {
	for i, n := qstart-1, 0; i >= s.s && n < 9; i, n = i-1, n+1 {
		t := x.toks[i]
		// "Victims (dead): 535": a label's bracket says what it counts.
		if t.isPunct(")") && n <= 1 {
			o := i - 1
			for o > s.s && !x.toks[o].isPunct("(") && i-o < 6 {
				o--
			}
			if o > s.s && x.toks[o].isPunct("(") {
				for j := o + 1; j < i; j++ {
					if m := metricWord(x.toks[j].low); m != mNone {
						c.metric, c.how = m, "noun"
						return
					}
				}
				i = o
				continue
			}
		}
		if m := metricWord(t.low); m != mNone && t.kind == kWord {
			if n == 0 {
				return // next to the number: readMetric's own case
			}
			c.metric, c.how = m, "noun"
			if x.bothMetricsBefore(s, i, m) {
				c.metric = mCasualties
			}
			if i > s.s && childWord(x.toks[i-1].low) {
				c.children = true
			}
			return
		}
		switch {
		case t.isPunct("–—-:"), t.kind == kWord && monthAt(t) != 0, isYearTok(t) && x.consumed[i],
			inList(t.low, []string{"у", "в", "року", "р", "місія", "оон", "ммплу", "було", "нарахувала", "зафіксувала",
				"зареєструвала", "задокументувала", "підтвердила", "налічує", "нараховує", "становила", "склала"}),
			peopleWord(t.low) && t.kind == kWord:
		default:
			return
		}
	}
}
