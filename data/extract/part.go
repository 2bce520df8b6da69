package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/casualty-tool/casualty/data"
)

// A part-month figure counts some days of one month: "from 1 to 18 June
// 2023, 445 civilians were injured", "з 1 по 15 січня". HRMMU published
// such figures when an update came out before the month ended, and
// casualty keeps them with their days (data.Observation's FromDay and
// ToDay), never as the month's figure: a per-day rate divides by the days
// they cover, and a comparison with a whole month says so.

// reDayRange finds a range of days in one month, as the sentence's lower
// case text has it: "from 1 to 18 june", "between 1 and 15 january", "1-15
// june", "з 1 по 15 січня", "від 1 до 15 січня", "june 1-18", "from june
// 1 to june 18".
var reDayRange = regexp.MustCompile(`(?:from|between|від|з) (\d{1,2})(?: (\pL+))? (?:to|and|until|till|до|по|-|–) (\d{1,2}) (\pL+)` +
	`|\b(\d{1,2}) ?[-–] ?(\d{1,2}) (\pL+)` +
	`|\b(\pL+) (\d{1,2}) ?(?:[-–]|to|through) ?(?:(\pL+) )?(\d{1,2})\b`)

// reSomeDays names some days of a month without their dates: "the first
// fortnight of February", "the first half of the month", "in the past
// week", "the first ten days of June". Its figures are neither the month's
// nor, with no days to keep, a part-month figure: they are warned about.
var reSomeDays = regexp.MustCompile(`\b(first|second|last|past|previous) (fortnight|week|two weeks|three weeks|half of (the month|january|february|march|april|may|june|july|august|september|october|november|december)|(\d+|\pL+) days)\b|\bfortnight\b|mid-(january|february|march|april|may|june|july|august|september|october|november|december)\b`)

// scopePartMonth is why the numbers of a sentence about some days whose
// dates it does not give are not reported.
const scopePartMonth = "part of a month or several months, not a whole month's figure"

// hasPart reports whether a sentence names one range of days in a month.
func hasPart(low string) bool {
	_, ok := partOfMonth(low)
	return ok
}

// dayRange is the part of a month a sentence's figures cover.
type dayRange struct {
	from, to int
	month    time.Month
}

// partOfMonth reads the one range of days a sentence names in one month,
// if it names exactly one and it is less than the whole month.
func partOfMonth(low string) (dayRange, bool) {
	var found []dayRange
	for _, m := range reDayRange.FindAllStringSubmatch(low, -1) {
		var from, to string
		var mo time.Month
		switch {
		case m[1] != "":
			from, to, mo = m[1], m[3], monthWord(m[4])
			if m[2] != "" && monthWord(m[2]) != mo {
				continue
			}
		case m[5] != "":
			from, to, mo = m[5], m[6], monthWord(m[7])
		default:
			from, to, mo = m[9], m[11], monthWord(m[8])
			if m[10] != "" && monthWord(m[10]) != mo {
				continue
			}
		}
		f, _ := strconv.Atoi(from)
		t, _ := strconv.Atoi(to)
		if mo == 0 || f < 1 || t <= f || t > 31 {
			continue
		}
		r := dayRange{f, t, mo}
		if len(found) == 0 || found[0] != r {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		return dayRange{}, false
	}
	r := found[0]
	// The whole month is no part: "from 1 to 31 May".
	if r.from == 1 && r.to >= 28 && r.to == data.NewMonth(2001, r.month).Days() || r.month == time.February && r.from == 1 && r.to >= 28 {
		return dayRange{}, false
	}
	return r, true
}

// bindPart gives a number in a sentence about some days of a month that
// month and those days.
//
// A number with another month of its own in the sentence keeps it: in "from 1 to 15
// March 50 were killed, against 200 in February", 200 is February's.
func (x *extractor) bindPart(s *sentence, c *cand) {
	if s.part == nil || c.since != "" {
		return
	}
	if c.bound && !strings.Contains(c.note, "month from the sentence before") && c.month.Month != s.part.month && !x.partGoverns(s, c.k) {
		return // a month of its own, named in this sentence
	}
	c.takes = -1
	c.note = strings.TrimSpace(strings.Replace(c.note, "month from the sentence before", "", 1))
	c.theMonth = false
	for _, mn := range s.mentions {
		if mn.m == s.part.month && !mn.start24() {
			c.month, c.bound = x.year(s, mn), true
			c.from, c.to = s.part.from, s.part.to
			if c.to > c.month.Days() {
				c.bound = false // "1-30 February": no such days
			}
			return
		}
	}
}

// partGoverns reports whether the range of days is the month named
// nearest the number at k: "From 1 to 18 June 2023 the mission recorded
// 445 injured, against 690 injured in the whole of May 2023" gives 445 the
// days of June and leaves 690 May's.
func (x *extractor) partGoverns(s *sentence, k int) bool {
	best, dist := time.Month(0), 1<<30
	for _, mn := range s.mentions {
		if mn.m == 0 || mn.start24() || x.datelineAt(mn) || mn.day != 0 && mn.m != s.part.month {
			continue
		}
		d := k - mn.j
		if mn.i > k {
			d = mn.i - k
		}
		if d < dist {
			best, dist = mn.m, d
		}
	}
	return best == s.part.month
}
