package stats

import (
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

// TestCoverageJune2023 (issue 13, item 5): HRMMU's killed figures for
// June–August 2023 cover the whole month, injured only part of it, so the
// casualties of those months are sums over the days both cover, and each
// part is shown with what it covers. Before, a row read Killed 186,
// Injured 445, Casualties 557: three figures over two spans of days.
func TestCoverageJune2023(t *testing.T) {
	latest := embedded().Latest()
	cases := []struct {
		mo                    data.Month
		ownKilled, ownInjured int64 // each part's own current figure
		wholeKilled           bool
		inKilled, inInjured   int64 // the parts the sum adds
		sum                   int64
		days                  int
		note                  string
	}{
		// Update of 11 Sep 2023: killed 186 for June; update of 19 June:
		// 112 killed and 445 injured for 1–18 June; 112 + 445 = 557. HRMMU
		// declares every count a minimum, so each carries "at least".
		{month(2023, 6), 186, 445, true, 112, 445, 557, 18,
			"killed for the whole month (at least 186), injured for 1-18 Jun 2023 only (at least 445); casualties are summed over the days they share, 1-18 Jun 2023: at least 112 killed + at least 445 injured = at least 557"},
		// Killed 161 for July (11 Sep 2023); 143 + 605 = 748 for 1–30 July
		// (update of 31 July, at least).
		{month(2023, 7), 161, 605, true, 143, 605, 748, 30,
			"killed for the whole month (at least 161), injured for 1-30 Jul 2023 only (at least 605); casualties are summed over the days they share, 1-30 Jul 2023: at least 143 killed + at least 605 injured = at least 748"},
		// Killed at least 147 for August; 108 + 477 = 585 for 1–27 August.
		{month(2023, 8), 147, 477, true, 108, 477, 585, 27,
			"killed for the whole month (at least 147), injured for 1-27 Aug 2023 only (at least 477); casualties are summed over the days they share, 1-27 Aug 2023: at least 108 killed + at least 477 injured = at least 585"},
	}
	for _, c := range cases {
		cv := CoverageOf(latest, "", data.Casualties, c.mo)
		if !cv.Mixed || len(cv.Parts) != 2 || !cv.Sum.Present {
			t.Fatalf("%s: %+v", c.mo, cv)
		}
		k, i := cv.Parts[0], cv.Parts[1]
		if k.Metric != data.Killed || k.Own.Value != c.ownKilled || k.Whole() != c.wholeKilled || i.Own.Value != c.ownInjured || i.Whole() {
			t.Errorf("%s own parts: killed %d (whole %v), injured %d (whole %v)", c.mo, k.Own.Value, k.Whole(), i.Own.Value, i.Whole())
		}
		// The sum and its parts cover the same days, and add up.
		if k.InSum.Value != c.inKilled || i.InSum.Value != c.inInjured || cv.Sum.Value != c.sum ||
			k.InSum.Value+i.InSum.Value != cv.Sum.Value || cv.Sum.Days != c.days || k.InSum.Days != c.days || i.InSum.Days != c.days {
			t.Errorf("%s sum: %d + %d = %d over %d/%d/%d days", c.mo, k.InSum.Value, i.InSum.Value, cv.Sum.Value, k.InSum.Days, i.InSum.Days, cv.Sum.Days)
		}
		if got := cv.Note(); got != c.note {
			t.Errorf("%s note\n%s\nwant\n%s", c.mo, got, c.note)
		}
	}
	// March 2025: both parts for the whole month, nothing to say.
	// 164 + 910 = 1,074.
	cv := CoverageOf(latest, "", data.Casualties, month(2025, 3))
	if cv.Mixed || cv.Note() != "" || cv.Sum.Value != 1074 || cv.Parts[0].InSum.Value != 164 || cv.Parts[1].InSum.Value != 910 {
		t.Errorf("March 2025: %+v", cv)
	}
	// A stored metric has no parts.
	if cv := CoverageOf(latest, "", data.Killed, month(2023, 6)); cv.Mixed || len(cv.Parts) != 0 || cv.Sum.Value != 186 {
		t.Errorf("killed June 2023: %+v", cv)
	}
	// Parts that share no day: no sum, and the note says why.
	cv = CoverageOf(partsSet(t, 445, 1, 18).Latest(), "", data.Casualties, month(2025, 6))
	if cv.Sum.Present || !cv.Mixed || cv.Note() != "killed for the whole month (90), injured for 1-18 Jun 2025 only (445); no casualties figure, since its parts share no days" {
		t.Errorf("no shared days: %+v %q", cv, cv.Note())
	}
}

// TestCoverageInTrendAndCompare: the trend row and the comparison carry
// the same note for June 2023, so every output can show it.
func TestCoverageInTrendAndCompare(t *testing.T) {
	ds := embedded()
	tr, err := ComputeTrend(ds, "", data.Casualties, month(2023, 5), month(2023, 7), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if tr.Rows[0].Coverage != nil || tr.Rows[1].Coverage == nil || tr.Rows[1].Coverage.Sum.Value != 557 {
		t.Fatalf("coverage of May, June 2023 rows: %v, %v", tr.Rows[0].Coverage, tr.Rows[1].Coverage)
	}
	note := tr.Rows[1].Coverage.Note()
	if !strings.Contains(warningsText(tr.Rows[1].Warnings), note) {
		t.Errorf("June 2023 row warnings %v lack %q", tr.Rows[1].Warnings, note)
	}
	c, err := Compare(ds, "", data.Casualties, one(2023, 5), one(2023, 6), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(c.To.Mixed) != 1 || c.To.Mixed[0].Month != month(2023, 6) || len(c.From.Mixed) != 0 {
		t.Errorf("mixed months: to %v, from %v", c.To.Mixed, c.From.Mixed)
	}
	if !strings.Contains(warningsText(c.Warnings), "June 2023: "+note) {
		t.Errorf("comparison warnings %v lack %q", c.Warnings, note)
	}
	// The sentence's parts are the sum's: 112 killed, not 186.
	if !strings.Contains(c.Sentence, "112 civilians were killed and 445 injured (557 casualties)") {
		t.Errorf("sentence: %s", c.Sentence)
	}
}
