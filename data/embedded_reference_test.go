package data

import (
	"testing"
	"time"
)

// TestEmbeddedReference checks data/hrmmu.csv against the reference it was
// built from (casualty's research notes, hrmmu_monthly.csv and its README,
// which tests may not read): the row count and headline figures typed in
// with the publication each was read in. A figure that drifts from the
// record fails here.
func TestEmbeddedReference(t *testing.T) {
	ds := Default()
	// The reference file has 202 lines: a header and 201 figures.
	if got := len(ds.Obs); got != 201 {
		t.Errorf("embedded figures = %d, want 201", got)
	}
	// 44 publications, February 2022 to January 2026 (README: "Coverage
	// (45 months, Feb 2022 - Jan 2026)", counting the partial February).
	if got := len(ds.Publications()); got != 44 {
		t.Errorf("publications = %d, want 44", got)
	}
	if first, last := ds.Span(); first != NewMonth(2022, time.February) || last != NewMonth(2026, time.January) {
		t.Errorf("span %s..%s, want 2022-02..2026-01", first, last)
	}
	type vintage struct {
		published string
		value     int64
		q         Qualifier
		covers    string
	}
	cases := []struct {
		name string
		key  Key
		// vintages that must be present, each with its value
		want []vintage
		// the figure as first published (whole month) and the latest
		first, latest int64
	}{
		{
			// README, "Confidence by period": "March 2022 killed went from
			// 3,182 (Aug 2022) to 4,289 (Feb 2024)". OHCHR update of
			// 29 August 2022 (silkway.news), HRMMU two-year update of
			// 22 February 2024 (ena.lu).
			name: "March 2022 killed", key: Key{NewMonth(2022, time.March), "UA", Killed},
			want:  []vintage{{"2022-08-29", 3182, Exact, ""}, {"2024-02-22", 4289, Exact, ""}},
			first: 3182, latest: 4289,
		},
		{
			// README: "Jan 2023 killed 177 -> 199". OHCHR updates of
			// 6 February 2023 and 22 May 2023.
			name: "January 2023 killed", key: Key{NewMonth(2023, time.January), "UA", Killed},
			want:  []vintage{{"2023-02-06", 177, Exact, ""}, {"2023-05-22", 199, Exact, ""}},
			first: 177, latest: 199,
		},
		{
			// README: "July 2023 killed 143 for 1-30 July, later 161".
			// OHCHR update of 31 July 2023 (part-month), then 14 August
			// 2023. The part-month figure is never "first published" for
			// the whole month.
			name: "July 2023 killed", key: Key{NewMonth(2023, time.July), "UA", Killed},
			want:  []vintage{{"2023-07-31", 143, AtLeast, "1-30 Jul 2023"}, {"2023-08-14", 161, Exact, ""}},
			first: 161, latest: 161,
		},
		{
			// Partial February 2022 (24-28 Feb): 342 killed in the OHCHR
			// update of 5 September 2022, 374 "at least" on 17 July 2023.
			name: "February 2022 killed", key: Key{NewMonth(2022, time.February), "UA", Killed},
			want:  []vintage{{"2022-09-05", 342, Exact, "24-28 Feb 2022"}, {"2023-07-17", 374, AtLeast, "24-28 Feb 2022"}},
			first: 342, latest: 374,
		},
		{
			// HRMMU update of 7 February 2024: January 2024, at least 158
			// killed and 483 injured (unn.ua).
			name: "January 2024 injured", key: Key{NewMonth(2024, time.January), "UA", Injured},
			want:  []vintage{{"2024-02-07", 483, AtLeast, ""}},
			first: 483, latest: 483,
		},
		{
			// README, "Coverage": Dec 2025 from news reports, "more than
			// 150 killed" (the dataset keeps 157), HRMMU year-end
			// statement of 12 January 2026.
			name: "December 2025 killed", key: Key{NewMonth(2025, time.December), "UA", Killed},
			want:  []vintage{{"2026-01-12", 157, AtLeast, ""}},
			first: 157, latest: 157,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, v := range c.want {
				found := false
				for _, o := range ds.Obs {
					if o.Key() == c.key && o.Published.Date.String() == v.published {
						found = true
						// v.q is the wording as published; every HRMMU
						// figure is a minimum all the same (Source.LowerBounds).
						if o.Value != v.value || o.StatedQualifier() != v.q || o.Covers() != v.covers {
							t.Errorf("%s as published %s: %d %s %q, want %d %s %q", c.key, v.published, o.Value, o.StatedQualifier(), o.Covers(), v.value, v.q, v.covers)
						}
						if o.Qualifier != AtLeast {
							t.Errorf("%s as published %s: qualifier %s, want at_least (HRMMU declares all its counts minimums)", c.key, v.published, o.Qualifier)
						}
					}
				}
				if !found {
					t.Errorf("no %s figure published %s", c.key, v.published)
				}
			}
			if o, _ := ds.FirstPublished().Figure(c.key); o.Value != c.first {
				t.Errorf("first published %d, want %d", o.Value, c.first)
			}
			if o, _ := ds.Figure(c.key); o.Value != c.latest {
				t.Errorf("latest %d, want %d", o.Value, c.latest)
			}
		})
	}
	// README, "Coverage": "Missing: Sep, Oct and Dec 2023" - gaps, never zeros.
	s := ds.Latest().Series("UA", Killed)
	for _, m := range []Month{NewMonth(2023, time.September), NewMonth(2023, time.October), NewMonth(2023, time.December)} {
		if p := s.At(m); p.Present {
			t.Errorf("%s killed present (%d); the reference has no figure", m, p.Value)
		}
	}
}
