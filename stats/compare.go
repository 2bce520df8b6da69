package stats

import (
	"fmt"

	"github.com/casualty-tool/casualty/data"
)

// Compare compares one area's metric over two periods (months or ranges of
// months), like with like.
//
// By default both periods come from one publication: the newest that gives
// every month of both (data.Dataset.LatestCommonPublication). HRMMU's
// update of 9 April 2025 gives March 2025 and February 2025 as revised
// (717), so the change reads +49.8%, not the +55.7% a comparison with
// February as first published (690) would give. With opt.LatestVintages,
// or when no publication gives every month, each month's latest vintage is
// used instead, and Basis and Warnings say so.
//
// The dispersion that widens CIOverdispersed is estimated (see
// Dispersion) from the latest vintages of the opt.DispersionMonths months
// ending with the last month of to.
//
// Nothing is compared over a month with no figure: a gap is never a zero.
// With opt.RefuseGaps, Compare returns a *GapError for the first such
// month of either period, saying why it has none (never published,
// published after the date the data are seen as of, or beyond the data's
// first or last month); without it, the comparison is Unavailable and its
// Gap holds that error. Periods
// that share a month are refused with an *OverlapError, and national
// figures asked of data that hold only areas' with a *NoNationalError
// (see Area).
func Compare(ds *data.Dataset, area string, m data.Metric, from, to Period, opt Options) (*Comparison, error) {
	for _, p := range []Period{from, to} {
		if p.To.Before(p.From) {
			return nil, fmt.Errorf("period %s..%s ends before it starts", p.From, p.To)
		}
	}
	if err := Overlap(from, to); err != nil {
		return nil, err
	}
	area, err := Area(ds, area)
	if err != nil {
		return nil, err
	}
	latest := ds.Latest()
	cur := latest.Series(area, m)
	if len(cur.Points) == 0 {
		return nil, noFigures(ds, area, m)
	}
	var gap *GapError
	for _, p := range []Period{from, to} {
		if g := checkPeriod(ds, area, m, p); g != nil {
			if opt.RefuseGaps {
				return nil, g
			}
			if gap == nil {
				gap = g
			}
		}
	}
	c := &Comparison{Area: area, Metric: m, Options: opt, Wording: ds.Wording()}
	view := latest
	var warns []error
	if !opt.LatestVintages {
		var months []data.Month
		for _, p := range []Period{from, to} {
			for mo := p.From; !p.To.Before(mo); mo = mo.Add(1) {
				months = append(months, mo)
			}
		}
		if pub, ok := ds.LatestCommonPublication(area, m, months...); ok {
			view = ds.In(pub)
			c.Common = true
			c.Basis = fmt.Sprintf("both %s as published in %s", unit(from, to), pubWords(pub))
			if pub.IsZero() {
				c.Basis = fmt.Sprintf("both %s from the same figures, which name no publication", unit(from, to))
			}
		} else {
			warns = append(warns, fmt.Errorf("no single publication gives every month of %s and %s; each month's latest vintage is used instead", from.Label(), to.Label()))
		}
	}
	if !c.Common {
		c.Basis = fmt.Sprintf("each month's latest vintage (as of %s)", pubWords(ds.LatestPublication()))
	}
	s := view.Series(area, m)
	first := ds.FirstPublished().Series(area, m)
	ff, tf := FigureOf(s, from), FigureOf(s, to)
	markRevised(&ff, first, s)
	markRevised(&tf, first, s)
	phi := Dispersion(trailing(cur, to.To, opt.DispersionMonths))
	c.Change = Between(ff, tf, phi, opt)
	c.Gap = gap
	c.DispersionMonths = len(trailing(cur, to.To, opt.DispersionMonths))
	if !phi.Valid {
		c.Warnings = append(c.Warnings, fmt.Errorf("no interval allowing for clustering: %s", phi.Why))
	}
	if c.To.Complete() && provisional(ds, area, to.To, s.At(to.To).Published) {
		c.To.Provisional = true
		c.Warnings = append(c.Warnings, fmt.Errorf("%s is provisional: the newest month of %s, not yet seen revised", to.To.Label(), pubWords(s.At(to.To).Published)))
	}
	if m.Derived() {
		// A part published for more days than the sum covers is shown
		// beside it, so that the sum is read as over the common days.
		coverage := Coverages(view, area, m)
		for _, f := range []*Figure{&c.From, &c.To} {
			for mo := f.Period.From; !f.Period.To.Before(mo); mo = mo.Add(1) {
				if cv := coverage(mo); cv.Mixed && cv.Sum.Present {
					f.Mixed = append(f.Mixed, cv)
					c.Warnings = append(c.Warnings, fmt.Errorf("%s: %s", mo.Label(), cv.Note()))
				}
			}
		}
	}
	if c.Common {
		for _, p := range []Period{from, to} {
			for mo := p.From; !p.To.Before(mo); mo = mo.Add(1) {
				used, now := s.At(mo), cur.At(mo)
				if used.Present && now.Present && (used.Value != now.Value || used.Qualifier != now.Qualifier) {
					c.Warnings = append(c.Warnings, fmt.Errorf("%s: %s%s as used here was later revised to %s%s (%s); --latest-vintages compares the current figures",
						mo.Label(), used.Qualifier.Words(), FormatCount(used.Value), now.Qualifier.Words(), FormatCount(now.Value), now.Published))
				}
			}
		}
	}
	if from.Single() && to.Single() {
		c.Inclusion = ComponentChanges(s.At(from.From), s.At(to.From), ds.AreaName)
		for _, ic := range c.Inclusion {
			c.Warnings = append(c.Warnings, ic)
		}
	}
	c.Warnings = append(warns, c.Warnings...)
	c.Sentence = Sentence(c)
	return c, nil
}

// pubWords names a publication in a sentence; figures that name none
// are "the figures given", never an "unknown publication".
func pubWords(p data.Publication) string {
	if p.IsZero() {
		return "the figures given"
	}
	return p.String()
}

// unit names what is compared: "months" or "periods".
func unit(from, to Period) string {
	if from.Single() && to.Single() {
		return "months"
	}
	return "periods"
}

// trailing returns the points of s in the n months ending with last.
func trailing(s data.Series, last data.Month, n int) []data.Point {
	var out []data.Point
	for _, p := range s.Points {
		if !last.Before(p.Month) && last.Add(-n).Before(p.Month) && p.Present {
			out = append(out, p)
		}
	}
	return out
}

// newestMonth is the newest month a publication gives for an area: the
// provisional one, which the next publication is likely to revise.
func newestMonth(ds *data.Dataset, pub data.Publication, area string) data.Month {
	var last data.Month
	for _, o := range ds.Obs {
		if o.Published == pub && o.Area == area && last.Before(o.Month) {
			last = o.Month
		}
	}
	return last
}
