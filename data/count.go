package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Count is a figure as read from a cell: the whole number, what the text
// said about it, and a range when one was given.
type Count struct {
	Value     int64
	Qualifier Qualifier
	Low, High int64
	HasRange  bool
}

// Qualifier says what a published figure claims: exactly this many, at
// least this many (the usual wording of monitoring missions, whose counts
// are verified minimums), or about this many.
type Qualifier int

const (
	Exact Qualifier = iota
	AtLeast
	Approx
)

func (q Qualifier) String() string {
	switch q {
	case AtLeast:
		return "at_least"
	case Approx:
		return "approx"
	}
	return "exact"
}

// Words is the qualifier as it is written before a number in prose:
// "at least ", "about " or "".
func (q Qualifier) Words() string {
	switch q {
	case AtLeast:
		return "at least "
	case Approx:
		return "about "
	}
	return ""
}

// Combine is the qualifier of a sum: at least if any part is a lower
// bound, else approximate if any part is, else exact.
func (q Qualifier) Combine(o Qualifier) Qualifier {
	if q == AtLeast || o == AtLeast {
		return AtLeast
	}
	if q == Approx || o == Approx {
		return Approx
	}
	return Exact
}

// MarshalText writes the qualifier's name.
func (q Qualifier) MarshalText() ([]byte, error) { return []byte(q.String()), nil }

// ParseQualifier reads exact, at_least (also "at least", "minimum", ">=",
// "more than") or approx ("about", "approximately", "~"). An empty cell is
// exact.
func ParseQualifier(s string) (Qualifier, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = qualifierReplacer.Replace(k)
	k = strings.Join(strings.Fields(k), " ")
	switch k {
	case "", "exact", "=":
		return Exact, nil
	case "at least", "atleast", "minimum", "min", ">=", "more than", "over", "lower bound", "≥":
		return AtLeast, nil
	case "approx", "approx.", "approximately", "about", "around", "~", "estimate", "estimated", "c.", "circa":
		return Approx, nil
	}
	return Exact, fmt.Errorf("want a qualifier exact, at_least or approx, got %q", s)
}

// maxCount bounds counts to a number no casualty figure approaches, so that
// sums of millions of figures cannot overflow int64.
const maxCount = 1_000_000_000_000

var qualifierPrefixes = []struct {
	text string
	q    Qualifier
}{
	{"at least", AtLeast}, {"more than", AtLeast}, {"over", AtLeast}, {"minimum", AtLeast},
	{"min.", AtLeast}, {">=", AtLeast}, {"≥", AtLeast}, {">", AtLeast},
	{"approximately", Approx}, {"approx.", Approx}, {"approx", Approx}, {"about", Approx},
	{"around", Approx}, {"circa", Approx}, {"c.", Approx}, {"~", Approx}, {"≈", Approx},
}

// upperBounds are wordings of a maximum. A count that is only bounded from
// above says nothing about how many people were hurt, so it is refused.
var upperBounds = []string{"at most", "up to", "less than", "fewer than", "no more than", "not more than",
	"maximum", "max.", "max ", "under ", "below ", "<", "≤"}

// noFigure are what tables write in a cell that has no figure. They are
// refused with a hint, because a gap must be left empty, never read as 0.
var noFigure = map[string]bool{"-": true, "–": true, "—": true, "n/a": true, "na": true, "n.a.": true,
	"..": true, "...": true, "x": true, "?": true, "unknown": true, "none": true, "nil": true}

// cellText quotes a cell for a message, cut to its first 60 characters
// when longer, so that a hostile megabyte-long cell cannot flood the
// terminal 20 times over.
func cellText(s string) string {
	const keep = 60
	if utf8.RuneCountInString(s) <= keep+10 {
		return strconv.Quote(s)
	}
	cut, n := 0, 0
	for i := range s {
		if n == keep {
			cut = i
			break
		}
		n++
	}
	return fmt.Sprintf("%s... (%d characters)", strconv.Quote(s[:cut]), utf8.RuneCountInString(s))
}

// hasPrefixFold reports whether s starts with prefix, ignoring case,
// without lower-casing s (which can change its length in bytes).
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// ParseCount reads a count as people write it in tables: 1074, 1,074,
// 1 074 (with a space, no-break or thin space), "at least 164", "more than
// 150" or "200+" (a lower bound), "about 100" or "approx. 100" (qualifier approx),
// or a range "100-120" (kept as a range: Low 100, High 120; its value is
// the low end, and it is a lower bound). It refuses negative, fractional,
// exponent (1e3) and absurdly large numbers, upper bounds ("at most 5"),
// placeholders for a missing figure ("-", "n/a"), footnote marks ("164*"),
// and anything else, saying what it found.
func ParseCount(s string) (Count, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return Count{}, fmt.Errorf("want a whole number, got an empty cell")
	}
	for _, p := range upperBounds {
		if hasPrefixFold(t, p) {
			return Count{}, fmt.Errorf("want a count or a lower bound, got an upper bound %s", cellText(s))
		}
	}
	if noFigure[strings.ToLower(t)] {
		return Count{}, fmt.Errorf("want a whole number, got %s; leave the cell empty when there is no figure (a gap is not a zero)", cellText(s))
	}
	if i := strings.LastIndexAny(t, "0123456789"); i >= 0 && i < len(t)-1 {
		if mark := strings.TrimSpace(t[i+1:]); strings.Trim(mark, "*†‡¹²³⁴⁵⁶⁷⁸⁹⁰") == "" {
			return Count{}, fmt.Errorf("want a whole number, got %s (a footnote mark? put the note in a note column)", cellText(s))
		}
	}
	c := Count{}
	for _, p := range qualifierPrefixes {
		if hasPrefixFold(t, p.text) {
			c.Qualifier = p.q
			t = strings.TrimSpace(t[len(p.text):])
			break
		}
	}
	if strings.HasSuffix(t, "+") && c.Qualifier == Exact {
		// "200+": at least 200.
		c.Qualifier = AtLeast
		t = strings.TrimSpace(strings.TrimSuffix(t, "+"))
	}
	// A range: "100-120", "100–120", "100 to 120".
	for _, sep := range []string{"–", "—", " to ", "-"} {
		if i := strings.Index(t, sep); i > 0 {
			lo, err1 := parseWhole(t[:i], s)
			hi, err2 := parseWhole(t[i+len(sep):], s)
			if err1 != nil {
				return Count{}, err1
			}
			if err2 != nil {
				return Count{}, err2
			}
			if hi < lo {
				return Count{}, fmt.Errorf("want a range low-high, got %s (high below low)", cellText(s))
			}
			return Count{Value: lo, Qualifier: AtLeast, Low: lo, High: hi, HasRange: true}, nil
		}
	}
	v, err := parseWhole(t, s)
	if err != nil {
		return Count{}, err
	}
	c.Value = v
	return c, nil
}

// pointHint says what a number with a decimal point probably is, since
// counts are whole: thousands written with dots (1.074) or a formula's
// rounding remainder
// (164.00000000000003, which a spreadsheet shows as 164). "" for a plain
// fraction. None is accepted: each could be read two ways.
func pointHint(t string) string {
	groups := strings.Split(t, ".")
	thousands := len(groups[0]) >= 1 && len(groups[0]) <= 3
	for _, g := range groups[1:] {
		thousands = thousands && len(g) == 3
	}
	if thousands && allDigits(strings.Join(groups, "")) {
		return fmt.Sprintf("dots as thousands separators? write %s or %s; or, if a fraction, counts are whole", strings.Join(groups, ""), strings.Join(groups, ","))
	}
	f, err := strconv.ParseFloat(t, 64)
	switch {
	case err != nil:
		return ""
	case f >= 1 && f != math.Round(f) && math.Abs(f-math.Round(f)) < 1e-9*f:
		return fmt.Sprintf("a formula's rounding remainder? a spreadsheet shows %.0f; round the cell with ROUND or type the number", math.Round(f))
	}
	return ""
}

// pointZeros reads a whole number written with a decimal point and one or
// two zeros after it ("129.0", "129.00"), as pandas writes a column of
// counts that has a gap (its counts become floats) and as spreadsheets
// export a number formatted with decimals. It returns the number before
// the point. Three zeros ("1.000") are not taken: that is a thousand
// written with a dot as often as it is one.
func pointZeros(t string) (string, bool) {
	i := strings.IndexByte(t, '.')
	if i < 1 || !allDigits(t[:i]) {
		return "", false
	}
	frac := t[i+1:]
	if frac != "0" && frac != "00" {
		return "", false
	}
	return t[:i], true
}

// parseWhole reads a non-negative whole number with optional thousands
// separators (comma, space, no-break space, thin space, apostrophe) in
// groups of three.
func parseWhole(t, orig string) (int64, error) {
	t = strings.TrimSpace(t)
	if t == "" {
		return 0, fmt.Errorf("want a whole number, got %s", cellText(orig))
	}
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "−") {
		return 0, fmt.Errorf("want a non-negative whole number, got %s", cellText(orig))
	}
	if strings.HasPrefix(t, "+") {
		t = t[1:]
	}
	if strings.ContainsAny(t, "eE") {
		if _, err := strconv.ParseFloat(t, 64); err == nil {
			return 0, fmt.Errorf("want a whole number written out, got %s (exponent notation)", cellText(orig))
		}
	}
	digits := make([]byte, 0, len(t))
	group := -1 // digits since the last separator; -1 before any separator
	sepSeen := false
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
			if group >= 0 {
				group++
			}
		case r == ',' || r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\'':
			if len(digits) == 0 || (sepSeen && group != 3) {
				return 0, fmt.Errorf("want a whole number, got %s (misplaced separator)", cellText(orig))
			}
			if !sepSeen && len(digits) > 3 {
				return 0, fmt.Errorf("want a whole number, got %s (misplaced separator)", cellText(orig))
			}
			sepSeen = true
			group = 0
		case r == '.':
			if whole, ok := pointZeros(t); ok {
				return parseWhole(whole, orig)
			}
			if why := pointHint(t); why != "" {
				return 0, fmt.Errorf("want a whole number, got %s (%s)", cellText(orig), why)
			}
			return 0, fmt.Errorf("want a whole number, got %s (a fraction)", cellText(orig))
		default:
			if unicode.IsSpace(r) {
				return 0, fmt.Errorf("want a whole number, got %s", cellText(orig))
			}
			return 0, fmt.Errorf("want a whole number, got %s", cellText(orig))
		}
	}
	if sepSeen && group != 3 {
		if group == 1 || group == 2 {
			return 0, fmt.Errorf("want a whole number, got %s (a decimal comma? counts are whole)", cellText(orig))
		}
		return 0, fmt.Errorf("want a whole number, got %s (misplaced separator)", cellText(orig))
	}
	if len(digits) == 0 {
		return 0, fmt.Errorf("want a whole number, got %s", cellText(orig))
	}
	for len(digits) > 1 && digits[0] == '0' {
		digits = digits[1:] // 0074 is 74; only length counts below
	}
	if len(digits) > 13 {
		return 0, fmt.Errorf("want a count below %d, got %s (too large)", int64(maxCount), cellText(orig))
	}
	v, err := strconv.ParseInt(string(digits), 10, 64)
	if err != nil || v > maxCount {
		return 0, fmt.Errorf("want a count below %d, got %s (too large)", int64(maxCount), cellText(orig))
	}
	return v, nil
}

// FormatCount writes a whole number with thousands separators: 1,074.
// Every count casualty shows to people goes through it (stats.FormatCount
// and the extractor's messages call it).
func FormatCount(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
