package extract

import (
	"regexp"
	"time"

	"github.com/casualty-tool/casualty/data"
)

// reRunningTotal names a total since the start of the full-scale invasion
// in words reCumulative does not know: "over the entire full-scale war",
// "from the start of the full-scale invasion until the end of June", "two
// years into Russia's full-scale invasion".
var reRunningTotal = regexp.MustCompile(`over the (entire|whole|course of the) (full[- ]scale )?(war|invasion|conflict)` +
	`|(from|since) the (start|beginning|outset|onset) of (the )?(russian |russia's )?(full[- ]scale |large[- ]scale )?(armed )?(invasion|war|aggression|attack)` +
	`|(years?|months?) into (the |russia's |the russian )?(full[- ]scale|large[- ]scale) (war|invasion)` +
	`|throughout the (full[- ]scale )?(war|invasion)|in total since|since the invasion|\bin (\d|two|three|four|five) years\b` +
	`|between (24 february|february 24|feb\.? 24)|(від|з) лютого 2022`)

// reBackRef points back at the figures of the sentence before: "Children
// account for 755 of the dead", "Of the killed, 390 were children",
// "Among those killed were 352 children", "children in that running
// total", "Серед них".
var reBackRef = regexp.MustCompile(`\b(account|accounted) for\b|\bof the (dead|killed|injured|wounded)\b|\bamong (those|them|the dead|the killed|the injured|the wounded)\b|\bof them\b|running total|^серед (них|загиблих|поранених)|^з них|^(another|a further|further) \d`)

// reCorrection names a figure the text withdraws: "An earlier version of
// this story said that 929 civilians were killed".
var reCorrection = regexp.MustCompile(`earlier version|(incorrectly|wrongly|erroneously|mistakenly) (said|stated|reported|gave)|has been corrected|was corrected|раніше помилково|помилково (вказано|зазначено)`)

// scopeCorrection is why a withdrawn figure is not reported.
const scopeCorrection = "a figure the text withdraws (a correction of an earlier version), not the publication's"

// reNotRunning are words that look like a running total's but are not:
// a month's count that "stood at 729" ("the number killed in March stood
// at 729"), a record "since 2022" ("the deadliest year since 2022").
var reNotRunning = regexp.MustCompile(`in (january|february|march|april|may|june|july|august|september|october|november|december)( \d{4})? (stood|stands|was|is) at` +
	`|(deadliest|highest|lowest|worst|bloodiest|largest|most|fewest|least)[^.;]{0,80}?(since (20\d\d|the (start|beginning) of [^,.;]*)|in (\d+|two|three|four|five|six|several) (years|months))`)

// runningTotal reports whether a sentence's text speaks of a total since
// the start of the full-scale invasion.
func runningTotal(low string) bool {
	low = reNotRunning.ReplaceAllString(low, "")
	return reCumulative.MatchString(low) || reRunningTotal.MatchString(low)
}

// reLastYear names a year's total: "last year was the deadliest", "over
// the past year". Its figures are not a month's.
var reLastYear = regexp.MustCompile(`\blast year (was|saw|brought)|\b(over|during|throughout|in) the (past|last|previous) (year|twelve months|12 months)\b|\bin the whole of (last year|20\d\d)`)

// reEndOfYear is a total's cut-off at the end of a year that the text
// does not name: "by the end of the year", "at the close of last year".
var reEndOfYear = regexp.MustCompile(`(by|at|as of) the (end|close) of (the|last|that) year`)

// cutOffWords before a month make it a cumulative total's cut-off: "up to
// 15 February 2024", "through 31 May", "by the end of June".
func (x *extractor) cutOff(mn mention) bool {
	p, pp := x.tok(mn.i-1).low, x.tok(mn.i-2).low
	return mn.asOf || p == "to" && pp == "up" || inList(p, []string{"through", "until", "till", "by", "до", "по"})
}

// endOfYear returns the December a total "by the end of the year" runs
// to: the last December before the publication.
func (x *extractor) endOfYear() data.Month {
	y := x.pub.Year() - 1
	if x.pub.Month() == time.December && x.pub.Day() == 31 {
		y++
	}
	return data.NewMonth(y, time.December)
}
