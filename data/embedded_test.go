package data

import "testing"

// Headline figures typed in from their publications, so the embedded file
// cannot drift from the record without a test failing.
func TestEmbeddedHeadlines(t *testing.T) {
	ds := Default()
	mar25 := NewMonth(2025, 3)
	feb25 := NewMonth(2025, 2)
	apr9 := Publication{Name: "HRMMU update 2025-04-09", Date: mustDate(t, "2025-04-09")}
	mar13 := Publication{Name: "HRMMU update 2025-03-13", Date: mustDate(t, "2025-03-13")}
	cases := []struct {
		name string
		pub  Publication
		key  Key
		want int64
		q    Qualifier
	}{
		// HRMMU, 9 April 2025: "at least 164 people killed and 910 injured" in March 2025.
		{"Mar 2025 killed", apr9, Key{mar25, "UA", Killed}, 164, AtLeast},
		{"Mar 2025 injured", apr9, Key{mar25, "UA", Injured}, 910, AtLeast},
		// HRMMU, 13 March 2025: February 2025 as first published, 123 killed and 567 injured.
		{"Feb 2025 killed first", mar13, Key{feb25, "UA", Killed}, 123, AtLeast},
		{"Feb 2025 injured first", mar13, Key{feb25, "UA", Injured}, 567, AtLeast},
		// HRMMU, 9 April 2025: February revised to 129 killed and 588
		// injured, written without "at least" but minimums all the same:
		// HRMMU declares every count a verified minimum (issue 13 item 7).
		{"Feb 2025 killed revised", apr9, Key{feb25, "UA", Killed}, 129, AtLeast},
		{"Feb 2025 injured revised", apr9, Key{feb25, "UA", Injured}, 588, AtLeast},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := ds.In(c.pub)
			found := false
			for _, o := range in.Obs {
				if o.Key() == c.key {
					found = true
					if o.Value != c.want || o.Qualifier != c.q {
						t.Errorf("got %d %s, want %d %s", o.Value, o.Qualifier, c.want, c.q)
					}
				}
			}
			if !found {
				t.Fatalf("no figure for %s in %s", c.key, c.pub)
			}
		})
	}
	// The latest estimate of February 2025 is the revised one.
	if o, _ := ds.Figure(Key{feb25, "UA", Killed}); o.Value != 129 {
		t.Errorf("latest Feb 2025 killed = %d, want 129", o.Value)
	}
	for _, o := range ds.Obs {
		if o.Source == "" {
			t.Errorf("%s: figure %s has no source", o.Pos, o.Key())
		}
		if o.Published.Date.IsZero() {
			t.Errorf("%s: figure %s has no publication date", o.Pos, o.Key())
		}
	}
	if got := len(ds.Obs); got != 201 {
		t.Errorf("embedded rows = %d, want 201 (the reference file's rows)", got)
	}
}

func mustDate(t *testing.T, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
