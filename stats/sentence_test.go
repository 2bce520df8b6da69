package stats

import (
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

// cmp builds a comparison of killed between two whole months from counts,
// as Compare would, without dispersion unless phi > 0.
func cmp(fromCount, toCount int64, fq, tq data.Qualifier, phi float64) *Comparison {
	from := Figure{Period: one(2025, 6), Count: fromCount, Qualifier: fq, Days: 30, PerDay: float64(fromCount) / 30}
	to := Figure{Period: one(2025, 7), Count: toCount, Qualifier: tq, Days: 31, PerDay: float64(toCount) / 31}
	d := Value{}
	if phi > 0 {
		d = Value{V: phi, Valid: true}
	}
	c := &Comparison{Area: "UA", Metric: data.Killed, Change: Between(from, to, d, DefaultOptions()), Options: DefaultOptions(), Wording: data.HRMMU}
	c.DispersionMonths = 12
	return c
}

// TestSentenceWording checks that the sentence names what the source
// counts: civilians only for a monitoring mission; event data's fatalities
// of all actors; a file with no declared source only people.
func TestSentenceWording(t *testing.T) {
	for _, c := range []struct {
		w    data.Source
		want string
	}{
		{data.HRMMU, "In July 2025, 150 civilians were killed, 50% fewer than in June 2025 (300). Per day, deaths fell 52%"},
		{data.UNAMI, "In July 2025, 150 civilians were killed, 50% fewer than in June 2025 (300). Per day, deaths fell 52%"},
		{data.ACLED, "In July 2025, 150 fatalities of all actors were reported, 50% fewer than in June 2025 (300). Per day, reported fatalities fell 52%"},
		{data.UserFile, "In July 2025, 150 people were killed, 50% fewer than in June 2025 (300). Per day, deaths fell 52%"},
	} {
		cm := cmp(300, 150, data.Exact, data.Exact, 0)
		cm.Wording = c.w
		if got := Sentence(cm); !strings.HasPrefix(got, c.want) {
			t.Errorf("%s: got\n%s\nwant it to start\n%s", c.w.Kind, got, c.want)
		}
	}
	one := cmp(9, 1, data.Exact, data.Exact, 0)
	one.Wording = data.ACLED
	if got, want := Sentence(one), "In July 2025, 1 fatality was reported, against 9"; !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want it to start %q", got, want)
	}
}

func TestSentence(t *testing.T) {
	cases := []struct {
		name string
		c    *Comparison
		want string
	}{
		// 300/30 = 10.0 a day → 150/31 = 4.84 a day: ratio 0.483871,
		// -51.6% per day (rounded -52%), raw (150-300)/300 = -50%.
		// Exact interval 0.395060–0.590586 (Clopper–Pearson of 150 of 450 by
		// bisection on exact binomial tails in Python) → -60% to -41%.
		{"fall", cmp(300, 150, data.Exact, data.Exact, 0),
			"In July 2025, 150 civilians were killed, 50% fewer than in June 2025 (300). Per day, deaths fell 52% (4.8 against 10.0 a day; 95% interval -60% to -41%)."},
		// 10 → 15: +50% raw; per day (15/31)/(10/30) = 1.451613, +45%;
		// exact interval 0.610064–3.613181 (Python, as above) → -39% to
		// +261%: it contains 1, so the change is not called a rise.
		{"noise", cmp(10, 15, data.Exact, data.AtLeast, 0),
			"In July 2025, at least 15 civilians were killed, 50% more than in June 2025 (10). Per day, the change in recorded deaths, +45% (0.5 against 0.3 a day; 95% interval -39% to +261%), is within what chance alone would give."},
		// Base 9 < 10.
		{"too few", cmp(9, 1, data.AtLeast, data.Exact, 0),
			"In July 2025, 1 civilian was killed, against at least 9 in June 2025 (too few to compare)."},
		// No change in counts at all: 31 → 31.
		{"same", cmp(31, 31, data.Exact, data.Exact, 0),
			"In July 2025, 31 civilians were killed, as many as in June 2025 (31)."},
		// With dispersion 4: se = sqrt(4·(1/150 + 1/300)) = 0.2, z·se =
		// 0.391993, 0.483871·exp(∓0.391993) = 0.326956 … 0.716094 →
		// -67% to -28%.
		{"clustered", cmp(300, 150, data.Exact, data.Exact, 4),
			"Allowing for the clustering of deaths (dispersion 4.0 over 12 months), the 95% interval is -67% to -28%."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Sentence(c.c)
			if !strings.HasPrefix(got, c.want) && !strings.HasSuffix(got, c.want) {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			if c.c.Verdict == NoChange && (strings.Contains(got, "rose") || strings.Contains(got, "fell")) {
				t.Errorf("a ~ change called a rise or fall: %s", got)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	cases := []struct{ got, want string }{
		{FormatCount(0), "0"},
		{FormatCount(999), "999"},
		{FormatCount(1074), "1,074"},
		{FormatCount(-1234567), "-1,234,567"},
		{FormatRate(34.645161), "34.6"}, // 1074/31, rounded once
		{FormatRate(25.607143), "25.6"}, // 717/28
		{FormatPct(49.790795), "+50%"},  // 357/717
		{FormatPct(-0.4), "0%"},
		{FormatPct(-12.6), "-13%"},
		{FormatRatioPct(1.2297707), "+23%"},
		{FormatRatioPct(1.4891519), "+49%"},
		{FormatLevel(0.95), "95%"},
		{FormatLevel(0.9), "90%"},
		{FormatLevel(0.995), "99.5%"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestSentenceParts(t *testing.T) {
	f := Figure{Period: one(2025, 3), Count: 1074, Qualifier: data.AtLeast, Days: 31,
		Parts: []Part{{data.Killed, 164, data.AtLeast}, {data.Injured, 910, data.Exact}}}
	// Different qualifiers on the parts: each keeps its own.
	if got := figurePhrase(data.Casualties, f); got != "at least 164 civilians were killed and 910 injured (1,074 casualties)" {
		t.Errorf("got %q", got)
	}
	f.Parts[1].Qualifier = data.Approx
	if got := figurePhrase(data.Casualties, f); got != "at least 164 civilians were killed and about 910 injured (1,074 casualties)" {
		t.Errorf("got %q", got)
	}
	g := Figure{Period: one(2025, 3), Count: 1, Days: 31}
	if got := figurePhrase(data.ChildrenKilled, g); got != "1 child was killed" {
		t.Errorf("got %q", got)
	}
}

// TestFormatSigned: changes in counts, with their sign and separators.
func TestFormatSigned(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{-127, "-127"},   // HRMMU killed, March 2025 against February: 918 - 1045
		{4, "+4"},        // 161 - 157
		{0, "0"},         // no change has no sign
		{1234, "+1,234"}, // separators as FormatCount
		{-35000, "-35,000"},
	} {
		if got := FormatSigned(tc.n); got != tc.want {
			t.Errorf("FormatSigned(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// TestCompareNoPublication: figures that name no publication (a user's
// file) are never said to be "as published in unknown publication".
func TestCompareNoPublication(t *testing.T) {
	ds, err := data.Load(strings.NewReader("month,area,metric,value\n2025-02,UA,killed,40\n2025-03,UA,killed,52\n"), "mine.csv", data.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compare(ds, "", data.Killed, Period{data.NewMonth(2025, 2), data.NewMonth(2025, 2)}, Period{data.NewMonth(2025, 3), data.NewMonth(2025, 3)}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if want := "both months from the same figures, which name no publication"; c.Basis != want {
		t.Errorf("basis %q, want %q", c.Basis, want)
	}
	all := c.Basis + c.Sentence
	for _, w := range c.Warnings {
		all += w.Error()
	}
	if strings.Contains(all, "unknown publication") {
		t.Errorf("says unknown publication: %s", all)
	}
}
