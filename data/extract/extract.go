// Package extract reads the figures a monitoring mission's monthly update
// states in prose — "With at least 164 killed and 910 injured, March
// casualties were 50 per cent up on February 2025 (129 killed; 588
// injured)" — and returns them as observations, each with its evidence:
// the sentence, its place in the input, and its role in the update (the
// month reported, the previous month as restated, the same month a year
// earlier, a cumulative total, a breakdown).
//
// It reads plain text, HTML pages as browsers save them and the text layer
// of PDFs (Read), in English and Ukrainian. It never guesses: a number it
// sees near words about casualties but cannot place in a month, a metric
// and a scope becomes a warning with its position. Figures that look
// monthly but are not — part-month counts ("from 1 to 15 January"),
// year-to-date and annual totals, single incidents, estimates from other
// sources — are never reported as a month's figure; cumulative totals
// since February 2022 are kept with the cumulative role.
//
// Stated percentages ("50 per cent up on February 2025") are checked
// against the figures of the same publication (Check).
package extract

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/casualty-tool/casualty/data"
)

// Role is what a figure is in the update that states it.
type Role string

const (
	Headline          Role = "headline"             // the month the update reports
	PreviousMonth     Role = "previous_month"       // an earlier month, as this publication restates it
	SameMonthLastYear Role = "same_month_last_year" // the reported month a year earlier
	Cumulative        Role = "cumulative"           // a total since the start (24 February 2022), as of its month; never a month's figure
	Breakdown         Role = "breakdown"            // a part: children, an area
	PartMonth         Role = "part_month"           // some days of a month ("from 1 to 18 June"), kept with its days; never the month's figure
)

// Figure is one figure the text states, as an observation (month, area,
// metric, value, qualifier, publication, position) with its evidence.
type Figure struct {
	data.Observation
	Role     Role
	Sentence string // the sentence it was read from
	Offset   int    // byte offset of the number in the input
	Wording  string // the qualifier as written ("at least", "понад"), if any
	// Group is whom the figure counts when that is not the mission's
	// civilians (UNAMI's "Iraqis", the security forces): such a figure
	// is no row of a tidy file or a store.
	Group Group
	// Rounded marks a rounded wording of another figure of the text
	// ("nearly 1,000" in a title, 916 in the text): listed, never stored.
	Rounded bool
}

// Warning is something the extractor saw but would not report as a
// figure: a number near words about casualties that it cannot place, a
// part-month or year-to-date count, an incident. It is data, with its
// place, so nothing is dropped silently.
type Warning struct {
	Pos    data.Pos
	Offset int
	Msg    string
}

func (w Warning) Error() string { return w.Pos.String() + ": " + w.Msg }

// Result is what one update states.
type Result struct {
	Name      string
	Published data.Publication
	Source    string
	Subject   data.Month // the month the update reports
	Figures   []Figure
	Checks    []Check
	Warnings  []Warning
}

// Options tell the extractor what the text may not say itself.
type Options struct {
	// Published is the publication date when the text states none (a
	// dateline "Kyiv, 9 April 2025 —" or a "date:" line). When both are
	// given and differ, Published wins and a warning says so.
	Published   data.Date
	Publication string // the publication's name; default: the file's name
	Source      string // URL or citation; default: a "source:" line of the text
	Country     string // "UA", "IQ", "LY"; default: from the text
}

// ErrNoDate is wrapped by the error of a text that states no publication
// date when none is given: without one, "in March" has no year.
var ErrNoDate = fmt.Errorf("no publication date")

// Extract reads the figures of one update.
func Extract(doc *Document, opt Options) (*Result, error) {
	x := &extractor{doc: doc, opt: opt, warnedTok: -1}
	return x.run()
}

// Observations returns the figures that are a month's civilian figure —
// every role but cumulative, no total of parts, no other group's — as
// observations, for a store or a tidy file.
func (r *Result) Observations() []data.Observation {
	var obs []data.Observation
	for _, f := range r.Figures {
		if f.Role == Cumulative || f.Metric.Derived() || f.Group != Civilians || f.Rounded {
			continue
		}
		obs = append(obs, f.Observation)
	}
	return obs
}

// countries: words that name a mission's country, and the area code of its
// national figures.
var countries = []struct {
	code  string
	words []string
}{
	{"UA", []string{"ukraine", "україн", "hrmmu", "kyiv", "київ"}},
	{"IQ", []string{"iraq", "unami", "baghdad", "ірак"}},
	{"LY", []string{"libya", "unsmil", "tripoli", "лівія"}},
}

func detectCountry(text string) string {
	low := strings.ToLower(text)
	best, bestN := "UA", 0
	for _, c := range countries {
		n := 0
		for _, w := range c.words {
			n += strings.Count(low, w)
		}
		if n > bestN {
			best, bestN = c.code, n
		}
	}
	return best
}

// sortFigures orders figures by month, then position.
func sortFigures(fs []Figure) {
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].Offset < fs[j].Offset })
}

// monthAfter reports whether m begins after the day d.
func monthAfter(m data.Month, d time.Time) bool { return m.First().After(d) }
