package extract

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// render writes a result as the golden files hold it: one line per
// figure, check and warning.
func render(r *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "published %s, reports %s, source %q\n", r.Published.Date, r.Subject, r.Source)
	for _, f := range r.Figures {
		fmt.Fprintf(&b, "figure %s %s %s %s %d %s at %s (offset %d)", f.Month, f.Area, f.Metric, f.Qualifier, f.Value, f.Role, f.Pos, f.Offset)
		if f.Group != Civilians {
			fmt.Fprintf(&b, " group %q", f.Group)
		}
		if f.Rounded {
			b.WriteString(" rounded")
		}
		for _, c := range f.Components {
			fmt.Fprintf(&b, " %s %s", c.Inclusion, c.Area)
		}
		if f.Note != "" {
			fmt.Fprintf(&b, " note %q", f.Note)
		}
		b.WriteString("\n")
	}
	for _, c := range r.Checks {
		fmt.Fprintf(&b, "check %s: %s\n", c.Pos, c)
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(&b, "warning %s\n", w.Error())
	}
	return b.String()
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		os.WriteFile(path+".got", []byte(got), 0o644)
		t.Errorf("%s differs from what extract gives now (see %s.got):\n%s", path, path, got)
	}
}

func extractFile(t *testing.T, name string, opt Options) (*Result, error) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(bytes.NewReader(b), name, ReadOptions{})
	if err != nil {
		return nil, err
	}
	return Extract(doc, opt)
}

// TestGolden reads each update of testdata and compares every figure,
// check and warning with its golden file (NAME.want; go test -update
// rewrites them after a change has been checked by eye).
func TestGolden(t *testing.T) {
	for _, name := range []string{"march2025_en.txt", "unami_list.txt", "chain_cut.txt", "june2024_uk.txt", "missing_noun.txt", "page.html", "update.pdf", "relative_uk.txt", "libya_range.txt", "entities.html", "variants.txt", "may2025_en.txt", "iraqis_part.txt", "region_chain.txt", "region_chain_uk.txt", "mixed_source.txt", "exceeded.txt", "exceeded_uk.txt", "children_part.txt", "children_part_uk.txt", "month_wordings.txt", "pair_aside.txt", "pair_aside_uk.txt", "since_month.txt", "since_month_uk.txt", "span_pairs.txt", "span_pairs_uk.txt", "aside_pair_uk.txt", "from_paren.txt", "from_paren_uk.txt", "retell_sept_en.txt", "retell_june_en.txt", "retell_iq_en.txt", "retell_iq_april_en.txt", "retell_iq_overall_en.txt", "part_against_en.txt", "qa_iq_en.txt", "unami_dateline_en.txt", "correction_en.txt", "backref_en.txt", "backref_total_en.txt", "mislabel_iq_en.txt", "qa_metric_en.txt", "table_en.txt", "victims_uk.txt", "page_counters_en.txt", "month_earlier_en.txt", "apposition_uk.txt", "labels_en.txt", "title_qualifier_en.txt", "aside_children_en.txt", "dash_list_iq.txt"} {
		t.Run(name, func(t *testing.T) {
			res, err := extractFile(t, name, Options{})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", name+".want"), render(res))
		})
	}
}

// figureKey finds a figure by month, area, metric and role.
func find(r *Result, month, area string, m data.Metric, role Role) (Figure, bool) {
	for _, f := range r.Figures {
		if f.Month.String() == month && f.Area == area && f.Metric == m && f.Role == role && f.Group == Civilians && !f.Rounded {
			return f, true
		}
	}
	return Figure{}, false
}

// figureCase is a hand-read figure of a test text.
type figureCase struct {
	file, month, area string
	metric            data.Metric
	role              Role
	value             int64
	qual              data.Qualifier
}

// checkFigures extracts each text once and finds each case's figure with
// its value and qualifier.
func checkFigures(t *testing.T, cases []figureCase) {
	t.Helper()
	results := map[string]*Result{}
	for _, c := range cases {
		r, ok := results[c.file]
		if !ok {
			var err error
			if r, err = extractFile(t, c.file, Options{}); err != nil {
				t.Fatalf("%s: %v", c.file, err)
			}
			results[c.file] = r
		}
		f, ok := find(r, c.month, c.area, c.metric, c.role)
		if !ok {
			t.Errorf("%s: no %s %s %s %s figure", c.file, c.month, c.area, c.metric, c.role)
			continue
		}
		if f.Value != c.value || f.Qualifier != c.qual {
			t.Errorf("%s: %s %s %s = %s%d, want %s%d", c.file, c.month, c.metric, c.role, f.Qualifier.Words(), f.Value, c.qual.Words(), c.value)
		}
	}
}

// TestFigures holds the hand-read figures of the test texts: each value is
// what the text states, with the wording difficulty it tests.
func TestFigures(t *testing.T) {
	cases := []figureCase{
		// "at least 164 killed and 910 injured": at least covers both.
		{"march2025_en.txt", "2025-03", "UA", data.Killed, Headline, 164, data.AtLeast},
		{"march2025_en.txt", "2025-03", "UA", data.Injured, Headline, 910, data.AtLeast},
		// February as restated by this publication: a new vintage.
		{"march2025_en.txt", "2025-02", "UA", data.Killed, PreviousMonth, 129, data.Exact},
		{"march2025_en.txt", "2025-02", "UA", data.Injured, PreviousMonth, 588, data.Exact},
		// "(129 killed; 498 injured in March 2024)": the month comes after.
		{"march2025_en.txt", "2024-03", "UA", data.Killed, SameMonthLastYear, 129, data.Exact},
		{"march2025_en.txt", "2024-03", "UA", data.Injured, SameMonthLastYear, 498, data.Exact},
		// "a minimum of 852 ... a further 1793": the minimum is the first's only.
		{"unami_list.txt", "2013-10", "IQ", data.Killed, Headline, 852, data.AtLeast},
		{"unami_list.txt", "2013-10", "IQ", data.Injured, Headline, 1793, data.Exact},
		// "In June 2013685 civilians": the year runs into the count.
		{"unami_list.txt", "2013-06", "IQ", data.Killed, PreviousMonth, 685, data.Exact},
		{"unami_list.txt", "2013-06", "IQ", data.Injured, PreviousMonth, 1610, data.Exact},
		{"unami_list.txt", "2013-02", "IQ", data.Killed, PreviousMonth, 418, data.Exact},
		// Months chained without verbs, and a cut-off "Jun".
		{"chain_cut.txt", "2023-08", "UA", data.Killed, Headline, 147, data.Exact},
		{"chain_cut.txt", "2023-07", "UA", data.Killed, PreviousMonth, 161, data.Exact},
		{"chain_cut.txt", "2023-06", "UA", data.Killed, PreviousMonth, 186, data.Exact},
		{"chain_cut.txt", "2023-05", "UA", data.Killed, PreviousMonth, 174, data.Exact},
		{"chain_cut.txt", "2023-03", "UA", data.Killed, PreviousMonth, 181, data.Exact},
		{"chain_cut.txt", "2022-05", "UA", data.Killed, PreviousMonth, 550, data.Exact},
		{"chain_cut.txt", "2022-06", "UA", data.Killed, PreviousMonth, 429, data.Exact},
		// Ukrainian: "щонайменше 146 ..., а ще 672": at least covers both;
		// word numerals ("вісім дітей").
		{"june2024_uk.txt", "2024-06", "UA", data.Killed, Headline, 146, data.AtLeast},
		{"june2024_uk.txt", "2024-06", "UA", data.Injured, Headline, 672, data.AtLeast},
		{"june2024_uk.txt", "2024-06", "UA", data.ChildrenKilled, Breakdown, 8, data.Exact},
		{"june2024_uk.txt", "2024-06", "UA", data.ChildrenInjured, Breakdown, 57, data.Exact},
		{"june2024_uk.txt", "2024-05", "UA", data.Killed, PreviousMonth, 174, data.Exact},
		{"june2024_uk.txt", "2024-05", "UA", data.Injured, PreviousMonth, 690, data.Exact},
		// "killed and 1,220 in Ukraine": the noun is missing.
		{"missing_noun.txt", "2024-09", "UA", data.Killed, Headline, 208, data.AtLeast},
		{"missing_noun.txt", "2024-09", "UA", data.Injured, Headline, 1220, data.AtLeast},
		{"missing_noun.txt", "2024-09", "UA", data.ChildrenKilled, Breakdown, 9, data.Exact},
		{"missing_noun.txt", "2024-09", "UA", data.ChildrenInjured, Breakdown, 76, data.Exact},
		// A total since 24 February 2022 is cumulative, as of publication.
		{"missing_noun.txt", "2024-10", "UA", data.Killed, Cumulative, 11973, data.Exact},
		// HTML: the number in <b> reads with its sentence; the script's
		// numbers are never seen.
		{"page.html", "2026-01", "UA", data.Killed, Headline, 161, data.AtLeast},
		{"page.html", "2026-01", "UA", data.Injured, Headline, 757, data.AtLeast},
		{"page.html", "2025-12", "UA", data.Killed, PreviousMonth, 142, data.Exact},
		// "за місяць" (over the month): the month the update reports,
		// here named only in its title (квітень, April).
		{"relative_uk.txt", "2025-04", "UA", data.Killed, Headline, 209, data.AtLeast},
		{"relative_uk.txt", "2025-04", "UA", data.Injured, Headline, 1146, data.AtLeast},
		// "Between 1 April and 30 April": a whole month, not a part.
		{"libya_range.txt", "2017-04", "LY", data.Casualties, Headline, 28, data.Exact},
		{"libya_range.txt", "2017-04", "LY", data.Killed, Headline, 26, data.Exact},
		{"libya_range.txt", "2017-04", "LY", data.Injured, Headline, 2, data.Exact},
		// "killed in June (232)": the month between the verb and the number.
		{"variants.txt", "2025-06", "UA", data.Killed, PreviousMonth, 232, data.Exact},
		// "killed at least 209 and injured 1146": at least is the first's.
		{"variants.txt", "2025-04", "UA", data.Injured, PreviousMonth, 1146, data.Exact},
		{"variants.txt", "2025-07", "UA", data.Killed, Headline, 286, data.Exact},
		// "Feb. 2025": the abbreviation's full stop ends no sentence and
		// keeps the year.
		{"variants.txt", "2025-02", "UA", data.Injured, PreviousMonth, 588, data.Exact},
		// "From 1 to 31 May 2025": the whole month.
		{"may2025_en.txt", "2025-05", "UA", data.Killed, Headline, 183, data.Exact},
		{"may2025_en.txt", "2025-05", "UA", data.Casualties, Headline, 1001, data.Exact},
		// "(848: 118 killed and 730 injured)" after "April 2025".
		{"may2025_en.txt", "2025-04", "UA", data.Injured, PreviousMonth, 730, data.Exact},
		// "Of the total, 29 were children (7 killed, 22 injured)".
		{"may2025_en.txt", "2025-05", "UA", data.ChildrenInjured, Breakdown, 22, data.Exact},
		{"may2025_en.txt", "2024-05", "UA", data.Killed, SameMonthLastYear, 174, data.Exact},
		// HTML entities: "1&nbsp;388" is one count.
		{"entities.html", "2025-05", "UA", data.Injured, Headline, 1388, data.AtLeast},
		{"entities.html", "2025-05", "UA", data.Killed, Headline, 174, data.AtLeast}, // "at least X ... and Y" covers both
		// "1,302 Iraqis ... killed in February ... No fewer than 901 of
		// these were civilians": the civilians of a group total
		// (civilians and security forces) take its metric and month.
		{"iraqis_part.txt", "2017-02", "IQ", data.Killed, Headline, 901, data.AtLeast},
		{"iraqis_part.txt", "2017-02", "IQ", data.Injured, Headline, 1440, data.Exact},
		// "In the first month of 2017, 620 Iraqis were killed; 410
		// casualties were civilians": January 2017, killed.
		{"iraqis_part.txt", "2017-01", "IQ", data.Killed, PreviousMonth, 410, data.Exact},
		// A chain in one region: "in Zaporizhzhia region climbed from 96
		// ... in June to 131 in July and, in August 2024 — to 158": each
		// link keeps the region and takes its own month.
		{"region_chain.txt", "2024-06", "UA23", data.Casualties, PreviousMonth, 96, data.Exact},
		{"region_chain.txt", "2024-07", "UA23", data.Casualties, PreviousMonth, 131, data.Exact},
		{"region_chain.txt", "2024-08", "UA23", data.Casualties, Breakdown, 158, data.Exact},
		{"region_chain.txt", "2024-05", "UA74", data.Casualties, PreviousMonth, 20, data.Exact},
		{"region_chain.txt", "2024-06", "UA59", data.Casualties, PreviousMonth, 63, data.Exact},
		// The same in Ukrainian: "а в серпні 2024 року — до 158".
		{"region_chain_uk.txt", "2024-07", "UA23", data.Casualties, PreviousMonth, 131, data.Exact},
		{"region_chain_uk.txt", "2024-08", "UA23", data.Casualties, Breakdown, 158, data.Exact},
		{"region_chain_uk.txt", "2024-08", "UA", data.Injured, Headline, 856, data.AtLeast},
		// "(... figures of the Anbar health office, which were
		// included)": May's counts mix in another source's and are not
		// reported, but May is still the month the update reports, so
		// April, "(including 12 civilian police)", is the previous month.
		{"mixed_source.txt", "2015-04", "IQ", data.Killed, PreviousMonth, 740, data.Exact},
		{"mixed_source.txt", "2015-04", "IQ", data.Injured, PreviousMonth, 1280, data.Exact},
		// A verb qualifier links the number to the noun before it: "the
		// number of civilians ... killed ... exceeded 170", "кількість
		// мирних жителів, які загинули ..., перевищила 170 осіб".
		{"exceeded.txt", "2024-10", "UA", data.Killed, Headline, 170, data.AtLeast},
		{"exceeded.txt", "2024-10", "UA", data.Injured, Headline, 880, data.AtLeast},
		{"exceeded.txt", "2024-09", "UA", data.Killed, PreviousMonth, 150, data.AtLeast},
		{"exceeded_uk.txt", "2024-10", "UA", data.Killed, Headline, 170, data.AtLeast},
		{"exceeded_uk.txt", "2024-10", "UA", data.Injured, Headline, 880, data.AtLeast},
		{"exceeded_uk.txt", "2024-09", "UA", data.Killed, PreviousMonth, 150, data.AtLeast},
		// "Children made up nine of the dead and 61 of the wounded": the
		// clause before the number names whose part it is.
		{"children_part.txt", "2024-11", "UA", data.ChildrenKilled, Breakdown, 9, data.Exact},
		{"children_part.txt", "2024-11", "UA", data.ChildrenInjured, Breakdown, 61, data.Exact},
		{"children_part.txt", "2024-11", "UA", data.Killed, Headline, 190, data.Exact},
		// "загинули, зокрема, щонайменше 25 дітей": "in particular"
		// between the verb and the number.
		{"children_part_uk.txt", "2025-04", "UA", data.ChildrenKilled, Breakdown, 25, data.AtLeast},
		// "June's toll": a possessive names the month.
		{"month_wordings.txt", "2024-06", "UA", data.Killed, Headline, 180, data.AtLeast},
		{"month_wordings.txt", "2024-06", "UA", data.Injured, Headline, 830, data.AtLeast},
		// "In June ... up to 180, from 160 killed and 700 injured in
		// May": the month after a pair is both numbers'.
		{"month_wordings.txt", "2024-05", "UA", data.Killed, PreviousMonth, 160, data.Exact},
		{"month_wordings.txt", "2024-05", "UA", data.Injured, PreviousMonth, 700, data.Exact},
		// "In June last year": June of the year before (was read as
		// this June, a wrong headline figure).
		{"month_wordings.txt", "2023-06", "UA", data.Killed, SameMonthLastYear, 140, data.Exact},
		{"month_wordings.txt", "2023-06", "UA", data.Injured, SameMonthLastYear, 650, data.Exact},
		// "188 civilians, among them 11 children, were killed": the
		// aside between commas is the children's; the verb after it is
		// the 188's.
		{"pair_aside.txt", "2024-05", "UA", data.Killed, Headline, 188, data.AtLeast},
		{"pair_aside.txt", "2024-05", "UA", data.ChildrenKilled, Breakdown, 11, data.Exact},
		{"pair_aside.txt", "2024-05", "UA", data.Injured, Headline, 702, data.Exact},
		{"pair_aside.txt", "2024-05", "UA", data.ChildrenInjured, Breakdown, 39, data.Exact},
		// "188 killed and 702 injured compare with 131 and 585
		// respectively in April": a bare pair mirrors the pair before.
		{"pair_aside.txt", "2024-04", "UA", data.Killed, PreviousMonth, 131, data.Exact},
		{"pair_aside.txt", "2024-04", "UA", data.Injured, PreviousMonth, 585, data.Exact},
		{"pair_aside_uk.txt", "2024-04", "UA", data.Killed, PreviousMonth, 131, data.Exact},
		{"pair_aside_uk.txt", "2024-04", "UA", data.Injured, PreviousMonth, 585, data.Exact},
		// "Торік у травні" (last year in May): May of the year before.
		{"pair_aside_uk.txt", "2023-05", "UA", data.Killed, SameMonthLastYear, 151, data.Exact},
		// A total since a month stays out; the month's figures stay in.
		{"since_month.txt", "2025-03", "UA", data.Killed, Headline, 164, data.Exact},
		{"since_month.txt", "2025-03", "UA", data.Injured, Headline, 910, data.Exact},
		{"since_month_uk.txt", "2025-03", "UA", data.Killed, Headline, 164, data.Exact},
		// "the most since June 2023, when 198 were killed": June 2023's.
		{"span_pairs.txt", "2023-06", "UA", data.Killed, PreviousMonth, 198, data.Exact},
		// ", 23 and 85 of them were in Kharkiv region": the region is
		// the part's, not the national figure's before the comma.
		{"span_pairs.txt", "2024-05", "UA", data.Injured, Headline, 694, data.Exact},
		{"span_pairs.txt", "2024-05", "UA63", data.Killed, Breakdown, 23, data.Exact},
		{"span_pairs_uk.txt", "2024-05", "UA", data.Injured, Headline, 694, data.Exact},
		{"span_pairs_uk.txt", "2024-05", "UA63", data.Killed, Breakdown, 23, data.Exact},
		{"span_pairs_uk.txt", "2024-05", "UA63", data.Injured, Breakdown, 85, data.Exact},
		// "а 705, серед них 45 дітей, були поранені": the 705 has an
		// aside of its own, so it does not count children like the 15
		// before it (it was read as 705 children injured).
		{"aside_pair_uk.txt", "2024-05", "UA", data.Injured, Headline, 705, data.Exact},
		{"aside_pair_uk.txt", "2024-05", "UA", data.ChildrenInjured, Breakdown, 45, data.Exact},
		// "загинуло 181 і було поранено 705 ..., тоді як у травні 2023
		// року — 152 і 611": the bare pair mirrors the verbs before.
		{"aside_pair_uk.txt", "2023-05", "UA", data.Killed, SameMonthLastYear, 152, data.Exact},
		{"aside_pair_uk.txt", "2023-05", "UA", data.Injured, SameMonthLastYear, 611, data.Exact},
		// "rose to 1,237 (219 killed, 1,018 injured) from 805 in June
		// (174 killed, 631 injured)": 805 counts what 1,237 counts (it
		// was read as 805 injured, the metric of the parenthesis before).
		{"from_paren.txt", "2024-06", "UA", data.Casualties, PreviousMonth, 805, data.Exact},
		{"from_paren.txt", "2024-06", "UA", data.Injured, PreviousMonth, 631, data.Exact},
		{"from_paren.txt", "2024-07", "UA", data.Casualties, Headline, 1237, data.Exact},
		{"from_paren_uk.txt", "2024-06", "UA", data.Casualties, PreviousMonth, 805, data.Exact},
		{"from_paren_uk.txt", "2024-06", "UA", data.Injured, PreviousMonth, 631, data.Exact},
		// News retellings (figures of HRMMU's updates of June and
		// September 2025 and UNAMI's of April and September 2015).
		// "At Least 214 Civilians Killed, 916 Wounded": the qualifier
		// covers both; "Nearly 1,000" in the title is 916 rounded.
		{"retell_sept_en.txt", "2025-09", "UA", data.Injured, Headline, 916, data.AtLeast},
		// "September's death toll was up from 208 in August"
		{"retell_sept_en.txt", "2025-08", "UA", data.Killed, PreviousMonth, 208, data.Exact},
		// "a further 1,019 in May, of whom 183 were killed": the list
		// goes on from the figure before the parentheses; "the highest
		// monthly number since September 2024" is no span.
		{"retell_june_en.txt", "2025-05", "UA", data.Casualties, PreviousMonth, 1019, data.Exact},
		{"retell_june_en.txt", "2025-06", "UA", data.Killed, Headline, 232, data.Exact},
		// "Among the dead were 537 civilians, including 42 policemen,
		// and 180 members of the Iraqi security forces"
		{"retell_iq_en.txt", "2015-09", "IQ", data.Killed, Headline, 537, data.Exact},
		// "Another 925 civilians, 38 of them policemen, and 291 security
		// members were wounded": one verb for both.
		{"retell_iq_en.txt", "2015-09", "IQ", data.Injured, Headline, 925, data.Exact},
		// "With 1,165 civilian casualties (319 killed, 846 injured),
		// Baghdad was the governorate worst affected", after a sentence
		// on March: April's, Baghdad's.
		{"retell_iq_april_en.txt", "2015-04", "IQG08", data.Casualties, Breakdown, 1165, data.Exact},
		{"retell_iq_april_en.txt", "2015-04", "IQ", data.Killed, Headline, 535, data.Exact},
		// UNAMI's "overall casualties" in a sentence that counted the
		// security forces apart: civilians and security forces of March
		// 2016 (1,119 killed); April's 331 security forces members are
		// April's, "fell from the month of March" is a comparison.
		{"retell_iq_overall_en.txt", "2016-04", "IQ", data.Killed, Headline, 410, data.Exact},
		// A part month and a whole month in one sentence: 445 injured for
		// 1-18 June 2023 (HRMMU), 690 for May 2023, which keeps its month.
		{"part_against_en.txt", "2023-05", "UA", data.Injured, PreviousMonth, 690, data.Exact},
		// An interview: the question says "last month", the answer
		// gives UNAMI's February 2015 figures (611 killed, 1,353 injured)
		// and its governorates (Diyala 73 killed).
		{"qa_iq_en.txt", "2015-02", "IQ", data.Killed, Headline, 611, data.Exact},
		{"qa_iq_en.txt", "2015-02", "IQ", data.Injured, Headline, 1353, data.Exact},
		{"qa_iq_en.txt", "2015-02", "IQG10", data.Killed, Breakdown, 73, data.Exact},
		// "ERBIL, Kurdistan Region — ... 535 civilians killed and 1,456
		// injured ... in April 2015" (UNAMI): the dateline is no place of
		// the figures; "both figures take in Anbar" in the next sentence.
		{"unami_dateline_en.txt", "2015-04", "IQ", data.Killed, Headline, 535, data.Exact},
		// A correction withdraws "929 killed"; HRMMU's October 2025 is at
		// least 148 killed and (the qualifier covering both) 929 injured.
		{"correction_en.txt", "2025-10", "UA", data.Killed, Headline, 148, data.AtLeast},
		{"correction_en.txt", "2025-10", "UA", data.Injured, Headline, 929, data.AtLeast},
		{"correction_en.txt", "2025-10", "UA", data.Killed, Cumulative, 14534, data.Exact},
		// "Of the dead, 611 were civilians" (UNAMI, February 2015); "A
		// further 1,353 civilians were wounded" goes on in its month.
		{"backref_en.txt", "2015-02", "IQ", data.Killed, Headline, 611, data.Exact},
		{"backref_en.txt", "2015-02", "IQ", data.Injured, Headline, 1353, data.Exact},
		// "Children account for 755 of the dead" after HRMMU's running
		// total to the end of November 2025: a part of that total; "the
		// update of 5 September 2022" dates a publication, not an event.
		{"backref_total_en.txt", "2025-11", "UA", data.ChildrenKilled, Cumulative, 755, data.Exact},
		{"backref_total_en.txt", "2022-08", "UA", data.Killed, Headline, 294, data.Exact},
		// "Casualties ... reached 729 in March 2015, with a further 1,785
		// wounded": 729 are UNAMI's killed; "The Health Directorate in
		// Anbar told the mission that the governorate had 939" is Anbar's.
		{"mislabel_iq_en.txt", "2015-03", "IQ", data.Killed, Headline, 729, data.Exact},
		{"mislabel_iq_en.txt", "2015-03", "IQG01", data.Killed, Breakdown, 237, data.Exact},
		// An interview's answers take the metric of their question:
		// UNAMI's October 2015, 559 killed ("It counted 559") and 1,067
		// injured ("And injured?" — "1,067 civilians").
		{"qa_metric_en.txt", "2015-10", "IQ", data.Killed, Headline, 559, data.Exact},
		{"qa_metric_en.txt", "2015-10", "IQ", data.Injured, Headline, 1067, data.Exact},
		// A table written as text (OHCHR's 2023 months as its updates of
		// 1 May and 5 June 2023 gave them): a month's line, a metric's
		// column; the year from the caption.
		{"table_en.txt", "2023-01", "UA", data.Killed, PreviousMonth, 198, data.Exact},
		{"table_en.txt", "2023-03", "UA", data.Injured, PreviousMonth, 592, data.Exact},
		{"table_en.txt", "2023-05", "UA", data.Injured, Headline, 684, data.Exact},
		// "жертвами ... стали щонайменше 232 цивільні, ще 1 343 ... дістали
		// поранення": the victims beside "another N injured" are the dead
		// (HRMMU, June 2025); "Попереднього місяця": May, 183 and 836.
		{"victims_uk.txt", "2025-06", "UA", data.Killed, Headline, 232, data.AtLeast},
		{"victims_uk.txt", "2025-05", "UA", data.Killed, PreviousMonth, 183, data.Exact},
		{"victims_uk.txt", "2025-05", "UA", data.Injured, PreviousMonth, 836, data.Exact},
		// OHCHR's October 2022 (286 killed, 787 injured) under a page's
		// time and counter ("14:05   Views: 2 318"), "this month's".
		{"page_counters_en.txt", "2022-10", "UA", data.Killed, Headline, 286, data.Exact},
		// UNAMI's August 2015 (some 585 killed, 1,103 wounded), "down
		// from 844 killed and 1,616 wounded a month earlier": July's.
		{"month_earlier_en.txt", "2015-08", "IQ", data.Killed, Headline, 585, data.Approx},
		{"month_earlier_en.txt", "2015-07", "IQ", data.Killed, PreviousMonth, 844, data.Exact},
		{"month_earlier_en.txt", "2015-07", "IQ", data.Injured, PreviousMonth, 1616, data.Exact},
		// "понад півтори сотні цивільних — щонайменше 157, —": 157 is
		// the figure (HRMMU's December 2025), 150 its rounded wording.
		{"apposition_uk.txt", "2025-12", "UA", data.Killed, Headline, 157, data.AtLeast},
		// Label lines under a heading: "Victims (dead): 535", "Wounded:
		// 1,456" (UNAMI, April 2015).
		{"labels_en.txt", "2015-04", "IQ", data.Killed, Headline, 535, data.Exact},
		{"labels_en.txt", "2015-04", "IQ", data.Injured, Headline, 1456, data.Exact},
		// "KILL 146" in the title, "killed at least 146" in the text
		// (HRMMU, June 2024): one figure, at least; "641 civilians were
		// harmed" in January 2024 is killed and injured together.
		{"title_qualifier_en.txt", "2024-06", "UA", data.Killed, Headline, 146, data.AtLeast},
		{"title_qualifier_en.txt", "2024-01", "UA", data.Casualties, PreviousMonth, 641, data.Exact},
		// "including eight children killed and 57 injured": the aside's
		// children go on to the number joined to them (HRMMU, June 2024).
		{"aside_children_en.txt", "2024-06", "UA", data.ChildrenInjured, Breakdown, 57, data.AtLeast},
		// A list a governorate a line ("Baghdad – 335 killed, 756
		// injured"): no dateline; "with Anbar included" (UNAMI, July 2015).
		{"dash_list_iq.txt", "2015-07", "IQG08", data.Killed, Breakdown, 335, data.Exact},
		{"dash_list_iq.txt", "2015-07", "IQG10", data.Injured, Breakdown, 284, data.Exact},
		// PDF text layer.
		{"update.pdf", "2025-03", "UA", data.Killed, Headline, 164, data.AtLeast},
		{"update.pdf", "2025-02", "UA", data.Injured, PreviousMonth, 588, data.Exact},
	}
	checkFigures(t, cases)
}

// TestNoDecoys: figures that look monthly but are not never come out as
// a month's civilian figure: part months, incidents, other sources, a
// single day, counts of other groups ("Iraqis", the security forces),
// which may come out only with their group.
func TestNoDecoys(t *testing.T) {
	decoys := []struct {
		file  string
		value int64
	}{
		{"march2025_en.txt", 19},           // one missile strike on 4 April
		{"march2025_en.txt", 74},           // the same strike
		{"march2025_en.txt", 6},            // one city, not the country
		{"march2025_en.txt", 66},           // the same city
		{"chain_cut.txt", 55},              // ten days of September
		{"june2024_uk.txt", 70},            // 1-15 June
		{"june2024_uk.txt", 18004},         // a page counter
		{"missing_noun.txt", 277},          // the Defence Ministry's count
		{"page.html", 999},                 // a script
		{"page.html", 12345},               // a script
		{"libya_range.txt", 22},            // men only
		{"libya_range.txt", 12},            // one incident, preliminary
		{"variants.txt", 1700},             // since the start of the year
		{"variants.txt", 1200},             // half a year
		{"region_chain.txt", 30},           // June and July together
		{"region_chain.txt", 41},           // "from 63 killed or injured in June to 41": no month of its own
		{"pair_aside.txt", 20},             // villages
		{"pair_aside.txt", 35},             // villages
		{"since_month.txt", 480},           // "the number killed since January": a span
		{"since_month.txt", 2300},          // "Since January, 2,300 ..."
		{"since_month.txt", 2100},          // civilians of a span's group total
		{"since_month_uk.txt", 480},        // "З січня загинули 480"
		{"span_pairs.txt", 310},            // "Over March and April": two months
		{"span_pairs.txt", 1150},           // "in March and April together"
		{"span_pairs_uk.txt", 310},         // "У березні та квітні"
		{"iraqis_part.txt", 1302},          // Iraqis: civilians and security forces
		{"iraqis_part.txt", 401},           // security forces
		{"iraqis_part.txt", 1790},          // Iraqis injured
		{"iraqis_part.txt", 620},           // Iraqis killed in January
		{"iraqis_part.txt", 210},           // security forces
		{"iraqis_part.txt", 4100},          // civilians of a year's total
		{"iraqis_part.txt", 6878},          // a year's total
		{"retell_sept_en.txt", 1000},       // 916 rounded, in the title
		{"retell_june_en.txt", 13580},      // since the invasion, to the end of June
		{"retell_iq_en.txt", 717},          // Iraqis: civilians and security forces
		{"retell_iq_overall_en.txt", 1119}, // overall: civilians and security forces
		{"unami_dateline_en.txt", 30},      // civilian police among the killed
		{"table_en.txt", 520},              // a table's total of three months
		{"table_en.txt", 1589},             // the same
		{"page_counters_en.txt", 2318},     // a page counter
		{"page_counters_en.txt", 14},       // a time of day
		{"retell_iq_overall_en.txt", 331},  // security forces
	}
	for _, d := range decoys {
		r, err := extractFile(t, d.file, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Figures {
			if f.Value == d.value && f.Role != Cumulative && f.Role != PartMonth && f.Group == Civilians && !f.Rounded {
				t.Errorf("%s: %d reported as a month's civilian figure (%s %s %s)", d.file, d.value, f.Month, f.Metric, f.Role)
			}
		}
	}
}

// TestSeedCheck is the check casualty was made for: the March 2025 update
// says 50 per cent; 1,074 against 717 is +49.8%, which rounds to 50.
func TestSeedCheck(t *testing.T) {
	r, err := extractFile(t, "march2025_en.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Checks) != 2 {
		t.Fatalf("got %d checks, want 2: %v", len(r.Checks), r.Checks)
	}
	// 164+910 = 1074; 129+588 = 717; (1074-717)/717 = 0.49791 -> +49.8%
	c := r.Checks[0]
	if !c.Checked || c.Value != 1074 || c.Base != 717 || !c.Agreed || c.Month.String() != "2025-03" || c.Against.String() != "2025-02" {
		t.Errorf("check %+v", c)
	}
	if s := c.String(); !strings.Contains(s, "1,074 against 717, +49.8%") || !strings.Contains(s, "50 per cent: agreed") {
		t.Errorf("check reads %q", s)
	}
	// 129+498 = 627; (1074-627)/627 = 0.71292 -> +71.3% > 70: agreed
	c = r.Checks[1]
	if !c.Checked || c.Base != 627 || c.Against.String() != "2024-03" || !c.Agreed || c.Bound != "more than" {
		t.Errorf("check %+v", c)
	}
}

// TestCheckMonthsBefore: both months named before the percentage ("1,355
// ... in April 2025, compared with 1,074 in March, a rise of 23 per
// cent"). HRMMU's update of 9 May 2025 said 23 per cent; against March as
// first published, (1355-1074)/1074 = 0.26164 -> +26.2%: not agreed (March
// was probably revised up in that update).
func TestCheckMonthsBefore(t *testing.T) {
	assertChecks(t, "check_before_en.txt", []checkCase{{"2025-04", "2025-03", 1355, 1074, "", false, "+26.2%"}})
}

// TestAgrees holds hand-worked verdicts.
func TestAgrees(t *testing.T) {
	cases := []struct {
		change, stated float64
		dec            int
		bound          string
		want           bool
	}{
		{49.79, 50, 0, "", true},          // 1074 vs 717
		{49.79, 49.8, 1, "", true},        // rounds to 49.8
		{49.79, 49.7, 1, "", false},       // one decimal: 49.8, not 49.7
		{37.2, 50, 0, "", false},          // far off
		{71.29, 70, 0, "more than", true}, // over 70
		{69.9, 70, 0, "more than", false}, // not over 70
		{24.6, 25, 0, "nearly", true},     // just under
		{-12.4, -12, 0, "", true},         // a fall stated as a fall
		{12.4, -12, 0, "", false},         // a rise stated as a fall
	}
	for _, c := range cases {
		if got := agrees(c.change, c.stated, c.dec, c.bound); got != c.want {
			t.Errorf("agrees(%v, %v, %d, %q) = %v, want %v", c.change, c.stated, c.dec, c.bound, got, c.want)
		}
	}
}

// TestRefusals: inputs that cannot give figures fail with a located
// message.
func TestRefusals(t *testing.T) {
	cases := []struct {
		file string
		opt  Options
		want string
	}{
		{"bad_no_figures.txt", Options{}, "bad_no_figures.txt: no casualty figures found"},
		{"bad_future_month.txt", Options{}, "bad_future_month.txt:3:22: figure 120 killed for May 2025, a month after the publication date 2025-04-09"},
		{"bad_no_date.txt", Options{}, "bad_no_date.txt: no publication date"},
	}
	for _, c := range cases {
		_, err := extractFile(t, c.file, c.opt)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error starting %q", c.file, err, c.want)
		}
		var ie *data.InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: error %T is not a located input error", c.file, err)
		}
	}
	// With --published, the text without a date reads.
	r, err := extractFile(t, "bad_no_date.txt", Options{Published: data.Date{Time: time.Date(2025, 4, 9, 0, 0, 0, 0, time.UTC)}})
	if err != nil || len(r.Figures) != 2 || r.Figures[0].Month.String() != "2025-03" {
		t.Errorf("with a publication date: %v %v", r, err)
	}
}

// TestReadRefusals: inputs that are not an update's text.
func TestReadRefusals(t *testing.T) {
	cases := []struct {
		name string
		b    []byte
		want string
	}{
		{"photo.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "photo.png: this is an image"},
		{"scan.pdf", makePDF(nil), "scan.pdf: the PDF has no text layer"},
		{"cut.pdf", makePDF([]string{"At least 164 killed"})[:200], "cut.pdf: the PDF cannot be read"},
		{"book.xlsx", []byte("PK\x03\x04rest"), "book.xlsx: this is a zip file"},
		{"cp1251.txt", []byte("\xd3 \xe1\xe5\xf0\xe5\xe7\xed\xb3 164"), "cp1251.txt:1: the text is not UTF-8"},
		{"empty.html", []byte("<html><body><script>var a = 1;</script></body></html>"), "empty.html: the page has no text"},
	}
	for _, c := range cases {
		_, err := Read(bytes.NewReader(c.b), c.name, ReadOptions{})
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error starting %q", c.name, err, c.want)
		}
	}
}

// TestPositions: the offset and line:column of a figure point at its
// number in the input, for text and for HTML.
func TestPositions(t *testing.T) {
	for _, name := range []string{"march2025_en.txt", "page.html", "june2024_uk.txt", "entities.html"} {
		b, _ := os.ReadFile(filepath.Join("testdata", name))
		r, err := extractFile(t, name, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Figures {
			first, _, _ := strings.Cut(f.Text, " ") // "1 388" is written 1&nbsp;388
			if !bytes.HasPrefix(b[f.Offset:], []byte(first)) {
				t.Errorf("%s: figure %q at offset %d, where the input has %q", name, f.Text, f.Offset, b[f.Offset:min(len(b), f.Offset+10)])
			}
			lines := bytes.Split(b, []byte("\n"))
			line := []rune(string(lines[f.Pos.Line-1]))
			if got := string(line[f.Pos.Col-1:]); !strings.HasPrefix(got, first) {
				t.Errorf("%s: figure %q at %s, where the line has %q", name, f.Text, f.Pos, got)
			}
		}
	}
}

// TestUpdatePDF keeps testdata/update.pdf (a text layer) and
// testdata/scanned.pdf (none) what makePDF writes.
func TestUpdatePDF(t *testing.T) {
	for name, want := range map[string][]byte{"update.pdf": makePDF(pdfLines), "scanned.pdf": makePDF(nil)} {
		path := filepath.Join("testdata", name)
		if *update {
			os.WriteFile(path, want, 0o644)
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("testdata/%s is not what makePDF writes (go test -update)", name)
		}
	}
}

var pdfLines = []string{
	"Monthly update on the protection of civilians",
	"Kyiv, 9 April 2025 - In March at least 164 civilians were killed and",
	"910 injured. In February 2025 the mission recorded 129 civilians killed",
	"and 588 injured.",
}

// makePDF writes a one-page PDF whose text layer holds lines (none: a page
// with a drawing and no text, as a scan has).
func makePDF(lines []string) []byte {
	var content bytes.Buffer
	if len(lines) == 0 {
		content.WriteString("0 0 m 200 200 l S\n")
	} else {
		content.WriteString("BT /F1 11 Tf 14 TL 72 720 Td\n")
		for _, l := range lines {
			l = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l)
			fmt.Fprintf(&content, "(%s) Tj T*\n", l)
		}
		content.WriteString("ET\n")
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// TestWithdrawnAndIncluded: a figure a correction withdraws is never a
// figure ("An earlier version of this story said that 929 civilians were
// killed": warned, and no 929 killed), and national totals a next sentence
// says take in Anbar carry that part.
func TestWithdrawnAndIncluded(t *testing.T) {
	r, err := extractFile(t, "correction_en.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Figures {
		if f.Value == 929 && f.Metric == data.Killed {
			t.Errorf("the withdrawn 929 killed is reported: %+v", f.Observation)
		}
	}
	warned := false
	for _, w := range r.Warnings {
		warned = warned || strings.Contains(w.Msg, "withdraws")
	}
	if !warned {
		t.Errorf("no warning for the withdrawn figure: %v", r.Warnings)
	}
	// "The UN: 585 civilian victims in August" over "Some 585 civilians
	// were killed": the victims are the dead, not killed and injured.
	r, err = extractFile(t, "month_earlier_en.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Figures {
		if f.Value == 585 && f.Metric == data.Casualties {
			t.Errorf("585 victims reported as casualties: %+v", f.Observation)
		}
	}
	r, err = extractFile(t, "unami_dateline_en.txt", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Figures {
		if f.Area == "IQ" && f.Group == Civilians {
			if c, ok := f.Component("IQG01"); !ok || c.Inclusion != data.Included {
				t.Errorf("%d %s: Anbar not marked included: %+v", f.Value, f.Metric, f.Components)
			}
		}
	}
}
