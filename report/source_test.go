package report

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/data/events"
)

// acledExport is a small export shaped as ACLED writes them (our own rows):
// Donetsk's fatalities by month, with two event types, for a report on
// April 2025 against March, and one event the filter leaves out.
//
// Violence against civilians in Donetsk: March 4+3+5 = 12 (3 events),
// April 6+8 = 14 (2 events); the battle of April (9) is left out by
// --where event_type=Violence against civilians.
const acledExport = "event_id_cnty,event_date,year,event_type,sub_event_type,actor1,admin1,admin2,location,fatalities\n" +
	"UKR101,2025-03-03,2025,Violence against civilians,Attack,Unidentified,Donetsk,Pokrovskyi,Myrnohrad,4\n" +
	"UKR102,2025-03-11,2025,Violence against civilians,Attack,Unidentified,Donetsk,Kramatorskyi,Kostiantynivka,3\n" +
	"UKR103,2025-03-27,2025,Violence against civilians,Attack,Unidentified,Donetsk,Kramatorskyi,Druzhkivka,5\n" +
	"UKR104,2025-04-05,2025,Violence against civilians,Attack,Unidentified,Donetsk,Pokrovskyi,Dobropillia,6\n" +
	"UKR105,2025-04-19,2025,Battles,Armed clash,Military Forces,Donetsk,Pokrovskyi,Pokrovsk,9\n" +
	"UKR106,2025-04-22,2025,Violence against civilians,Attack,Unidentified,Donetsk,Kramatorskyi,Sloviansk,8\n"

// acledDataset sums acledExport as casualty --events does, with the
// filter: the export, filter included, is the figures' publication.
func acledDataset(t testing.TB) *data.Dataset {
	t.Helper()
	res, err := events.Aggregate(context.Background(), strings.NewReader(acledExport), "acled-donetsk.csv",
		events.Options{Where: []events.Filter{{Column: "event_type", Values: []string{"Violence against civilians"}}}})
	if err != nil {
		t.Fatal(err)
	}
	ds, err := res.Dataset(data.Publication{Name: res.Describe()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// userFile is a file with no declared source: national figures for three
// months, in our own numbers.
const userFile = "month,area,metric,value\n" +
	"2025-01,UA,killed,40\n2025-01,UA,injured,120\n" +
	"2025-02,UA,killed,52\n2025-02,UA,injured,131\n" +
	"2025-03,UA,killed,61\n2025-03,UA,injured,150\n"

// renderText builds a report and renders it as Markdown and HTML, with
// no charts (their words are the chart renderer's and its tests').
func renderText(t *testing.T, ds *data.Dataset, opt Options) (*Report, string) {
	t.Helper()
	opt.Version, opt.Command = "test", "casualty report"
	r, err := Build(ds, opt)
	if err != nil {
		t.Fatal(err)
	}
	var md, page bytes.Buffer
	if err := r.WriteMarkdown(&md, false); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	meta := strings.Join(append([]string{r.Meta.Headline}, r.Meta.Warnings...), "\n")
	return r, md.String() + "\n" + htmlText(page.String()) + "\n" + meta
}

// TestReportBySource renders a report for each embedded source, for an
// event export and for a user's file with no declared source, and checks
// that each takes its words from its own source: none names another
// source, the UNAMI report says nothing of Ukraine, the event report
// never calls its figures civilians killed nor verified, and each carries
// its source's method text.
func TestReportBySource(t *testing.T) {
	hrmmu, err := data.Embedded("hrmmu")
	if err != nil {
		t.Fatal(err)
	}
	unami, err := data.Embedded("unami")
	if err != nil {
		t.Fatal(err)
	}
	user, err := data.Load(strings.NewReader(userFile), "my-figures.csv", data.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	all := []data.Source{data.HRMMU, data.UNAMI, data.ACLED}
	cases := []struct {
		name  string
		ds    *data.Dataset
		opt   Options
		src   data.Source
		want  []string
		never []string
	}{
		{"hrmmu", hrmmu, Options{}, data.HRMMU,
			[]string{"Civilian casualties in Ukraine: January 2026", "civilians were killed", data.HRMMU.Method,
				"HRMMU's own running total to 31 January 2026: at least 15,172 civilians killed and at least 41,378 injured."},
			[]string{"Iraq", "governorate", "fatalities of all actors"}},
		{"unami", unami, Options{Month: data.NewMonth(2015, 6)}, data.UNAMI,
			[]string{"Civilian casualties in Iraq: June 2015", "civilians were killed", data.UNAMI.Method, "Baghdad (IQG08)"},
			[]string{"Ukrain", "Kyiv", "oblast", "Oblast", "running total"}},
		{"user file", user, Options{}, data.UserFile,
			[]string{"Casualties in Ukraine: March 2025", "people were killed", data.UserFile.Method, "Figures as given in my-figures.csv, which does not say who counted them or how."},
			[]string{"civilian", "Civilian", "monitoring mission", "verified", "running total", "unknown publication"}},
		{"events", acledDataset(t), Options{Area: "UA14"}, data.ACLED,
			[]string{"Reported fatalities, all actors (ACLED), in Donetska: April 2025", "fatalities of all actors were reported",
				data.ACLED.Method, `acled-donetsk.csv, rows where event_type is "Violence against civilians"`,
				"events dated March 2025 to April 2025"},
			[]string{"civilians were killed", "Civilians killed", `"at least"`, "verified minimums:", "monitoring mission", "unknown publication",
				"2025–2025", "is provisional", "running total"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, text := renderText(t, c.ds, c.opt)
			if r.Meta.Wording.Kind != c.src.Kind.String() || r.Meta.Wording.Counts != c.src.Counts {
				t.Errorf("metadata.json's wording %+v, want %s's", r.Meta.Wording, c.name)
			}
			if r.Wording.ID != c.src.ID || r.Wording.Kind != c.src.Kind {
				t.Errorf("worded by %q (%v), want %q (%v)", r.Wording.ID, r.Wording.Kind, c.src.ID, c.src.Kind)
			}
			for _, other := range all {
				if other.ID == c.src.ID {
					continue
				}
				for _, name := range []string{other.Name, other.Short, other.Method} {
					if strings.Contains(text, name) {
						t.Errorf("the %s report names another source: %q", c.name, name)
					}
				}
			}
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("the %s report lacks %q", c.name, w)
				}
			}
			for _, n := range c.never {
				if strings.Contains(text, n) {
					t.Errorf("the %s report says %q", c.name, n)
				}
			}
		})
	}
}

// TestEventReportGolden checks report.md for the ACLED-shaped export,
// filtered to violence against civilians, on Donetsk. The figures by
// hand: April 6+8 = 14, March 4+3+5 = 12 (both bases of 10 or more);
// per day 14/30 = 0.47 against 12/31 = 0.39, +21%; counts +2.
func TestEventReportGolden(t *testing.T) {
	r, err := Build(acledDataset(t), Options{Area: "UA14", Version: "test",
		Command: "casualty report --events acled-donetsk.csv --where 'event_type=Violence against civilians' --area Donetsk"})
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := r.WriteMarkdown(&md, false); err != nil {
		t.Fatal(err)
	}
	goldenPage(t, "acled.md", md.Bytes())
	if got := r.KeyFigures[0].Rows[0].Count; got != "14" {
		t.Errorf("April's count %q, want 14 (6 + 8; the battle's 9 is filtered out)", got)
	}
	if got := r.KeyFigures[0].Rows[1].Count; got != "12" {
		t.Errorf("March's count %q, want 12 (4 + 3 + 5)", got)
	}
}

// TestMixedCoverageAgrees: June 2023 on the embedded data has killed for
// the whole month (186) but injured only for 1-18 June (445), so the
// headline's sum is 112 killed (to 18 June) + 445 = 557 over 1-18 June.
// The headline, the lead and the notes must say the same thing: the
// coverage note comes right after the headline and once in the notes.
func TestMixedCoverageAgrees(t *testing.T) {
	r, err := Build(data.Default(), Options{Month: data.NewMonth(2023, 6)})
	if err != nil {
		t.Fatal(err)
	}
	note := "In June 2023, killed for the whole month (at least 186), injured for 1-18 Jun 2023 only (at least 445); " +
		"casualties are summed over the days they share, 1-18 Jun 2023: at least 112 killed + at least 445 injured = at least 557."
	if !strings.Contains(r.Headline, "at least 112 civilians were killed and 445 injured (557 casualties)") {
		t.Errorf("headline: %s", r.Headline)
	}
	if len(r.Lead) == 0 || !strings.HasSuffix(r.Lead[0], note) {
		t.Errorf("the paragraph after the headline does not state the coverage:\n%q", r.Lead)
	}
	n := 0
	for _, s := range r.Notes {
		if strings.Contains(s, "killed for the whole month (at least 186)") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the coverage note is in the notes %d times, want once:\n%s", n, strings.Join(r.Notes, "\n"))
	}
	if got := r.KeyFigures[0].Rows[0].Month; got != "June 2023 (1-18 Jun 2023)" {
		t.Errorf("casualties row month %q, want the days it covers", got)
	}
}

// TestRunningTotal: the headline total is HRMMU's own, to 31 January
// 2026 (15,172 killed, 41,378 injured: hrmmu_totals.csv, the fact sheet
// of 16 February 2026), and the sum of the monthly figures is given
// beside it as what it is: 14,133 killed over 45 months, missing
// September, October and December 2023.
func TestRunningTotal(t *testing.T) {
	r, err := Build(data.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rt := r.ToDate
	if rt == nil {
		t.Fatal("no running total")
	}
	if rt.Figures[data.Killed] != 15172 || rt.Figures[data.Injured] != 41378 || !rt.AtMonthEnd || rt.AsOf.String() != "2026-01-31" {
		t.Errorf("running total %+v, want 15,172 killed and 41,378 injured to 31 January 2026", rt)
	}
	for _, want := range []string{"at least 14,133 killed", "over the 45 months from February 2022 to January 2026 that have a figure",
		"September 2023, October 2023 and December 2023 have none", "so it is lower than the running total"} {
		if !strings.Contains(rt.Sum, want) {
			t.Errorf("sum of months lacks %q: %s", want, rt.Sum)
		}
	}
	if len(rt.Sources) != 1 || !strings.Contains(r.Sources[rt.Sources[0]-1].Name, "four years") {
		t.Errorf("running total cites %v", rt.Sources)
	}
	// A report on an area has no national running total.
	areas, err := Build(data.Default(), Options{Area: "UA"})
	if err != nil || areas.ToDate == nil {
		t.Errorf("national by code: %v", err)
	}
}

// TestBreakdownsInKeyFigures: breakdowns beyond children (by weapon, by
// control of territory) get key-figure tables of their own when the data
// have them for the month, after the totals, and stay out of the lead.
func TestBreakdownsInKeyFigures(t *testing.T) {
	const file = "month,area,metric,value\n" +
		"2025-01,UA,killed,100\n2025-01,UA,injured,300\n2025-01,UA,long_range_killed,40\n2025-01,UA,occupied_killed,10\n2025-01,UA,gov_controlled_killed,90\n" +
		"2025-02,UA,killed,120\n2025-02,UA,injured,310\n2025-02,UA,long_range_killed,50\n2025-02,UA,occupied_killed,12\n2025-02,UA,gov_controlled_killed,108\n"
	ds, err := data.Load(strings.NewReader(file), "weapons.csv", data.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(ds, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Killed by long-range missiles and loitering munitions": "50",
		"Killed in government-controlled territory":             "108",
		"Killed in occupied territory":                          "12",
	}
	for _, kt := range r.KeyFigures {
		if c, ok := want[kt.Caption]; ok {
			if kt.Rows[0].Count != c || kt.Rows[1].Count != map[string]string{"50": "40", "108": "90", "12": "10"}[c] {
				t.Errorf("%s: February %s, January %s", kt.Caption, kt.Rows[0].Count, kt.Rows[1].Count)
			}
			delete(want, kt.Caption)
		}
	}
	if len(want) > 0 {
		t.Errorf("key figures lack %v", want)
	}
	for _, l := range r.Lead {
		if strings.Contains(l, "long-range") || strings.Contains(l, "territory") {
			t.Errorf("a breakdown in the lead: %s", l)
		}
	}
}

// TestCumulativeCaption: on the page, the cumulative chart is headlined by
// HRMMU's own total, and the chart's sum of months is named as such.
func TestCumulativeCaption(t *testing.T) {
	r, err := Build(data.Default(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.render(map[string]bool{"svg": true}, nil); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range r.Charts {
		if c.Name != "cumulative" {
			continue
		}
		found = true
		// The chart itself headlines the source's total; its subtitle
		// names the sum of months (14,133) as what it is.
		if want := "HRMMU's own running total to 31 January 2026: at least 15,172 civilians killed and at least 41,378 injured"; c.Title != want {
			t.Errorf("cumulative chart title %q, want %q", c.Title, want)
		}
		if strings.Contains(c.Title, "14,133") || !strings.HasPrefix(c.Caption, "The lines add up the monthly figures: at least 14,133") {
			t.Errorf("the sum of months headlined or unnamed: %q / %q", c.Title, c.Caption)
		}
	}
	if !found {
		t.Error("no cumulative chart")
	}
}

// TestEventCount: when event data keep the number of events behind each
// figure (the events metric), the report says how many the month sums.
func TestEventCount(t *testing.T) {
	const file = "month,area,metric,value\n" +
		"2025-03,UA14,killed,12\n2025-03,UA14,events,3\n2025-04,UA14,killed,14\n2025-04,UA14,events,2\n"
	ds, err := data.Load(strings.NewReader(file), "acled-monthly.csv", data.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(ds.WithSource(data.ACLED), Options{Area: "UA14"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(r.Provenance, " The April 2025 figures sum 2 events.") {
		t.Errorf("provenance: %s", r.Provenance)
	}
	for _, kt := range r.KeyFigures {
		if kt.Metric == data.Events {
			t.Error("the number of events is shown as a count of people")
		}
	}
}

// TestInclusionInReport: UNAMI's national total includes Anbar in
// September 2015 and leaves it out in October 2015 (no figures could be
// obtained); the October report says so beside its change and in its
// notes.
func TestInclusionInReport(t *testing.T) {
	ds, err := data.Embedded("unami")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(ds, Options{Month: data.NewMonth(2015, 10)})
	if err != nil {
		t.Fatal(err)
	}
	const want = "Al-Anbar is included in September 2015's total and left out in October 2015's, so part of the change may be a change of coverage"
	if !strings.Contains(strings.Join(r.Lead, " "), want) {
		t.Errorf("the lead does not say Anbar's inclusion differs:\n%s", strings.Join(r.Lead, "\n"))
	}
	if !strings.Contains(strings.Join(r.Notes, "\n"), want) {
		t.Errorf("the notes do not say Anbar's inclusion differs:\n%s", strings.Join(r.Notes, "\n"))
	}
}

// TestUNAMIGolden checks report.md for UNAMI's June 2015 (the charts are
// the chart renderer's to test). June: 665 killed + 1,032 injured =
// 1,697; May: 665 + 1,313 = 1,978 (UNAMI's releases, unami.csv).
func TestUNAMIGolden(t *testing.T) {
	ds, err := data.Embedded("unami")
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(ds, Options{Month: data.NewMonth(2015, 6), Version: "test", Command: "casualty report --dataset unami --month 2015-06"})
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := r.WriteMarkdown(&md, false); err != nil {
		t.Fatal(err)
	}
	goldenPage(t, "unami-2015-06.md", md.Bytes())
}
