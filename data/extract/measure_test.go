package extract

import (
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data"
)

// TestMeasureReference measures the extractor on a folder of texts laid
// out as the project's reference set (NN_name.txt, expected.csv,
// decoys.csv). It runs only when CASUALTY_EXTRACT_TEXTS names the folder,
// by hand:
//
//	CASUALTY_EXTRACT_TEXTS=/work/shared/reference/texts go test ./data/extract -run TestMeasureReference -v
//
// A figure is right when the expected file lists the same month, metric
// and value, cumulative or not as the figure is, for the whole country (areas and tagged subgroups the
// extractor does not report count as misses). Precision is right figures
// over figures reported (cumulative totals included), recall is expected
// figures found over expected figures (percentages excluded: they are
// checks, not figures). A decoy reported as a month's figure fails the
// test.
func TestMeasureReference(t *testing.T) {
	dir := os.Getenv("CASUALTY_EXTRACT_TEXTS")
	if dir == "" {
		t.Skip("set CASUALTY_EXTRACT_TEXTS to a folder of reference texts to measure the extractor")
	}
	type row struct{ file, month, area, metric, value, qual, role string }
	exp := map[string][]row{}
	recs := readCSV(t, filepath.Join(dir, "expected.csv"))
	for _, r := range recs[1:] {
		exp[r[0]] = append(exp[r[0]], row{r[0], r[2], r[3], r[4], r[5], r[6], r[7]})
	}
	decoys := map[string][][]string{}
	if _, err := os.Stat(filepath.Join(dir, "decoys.csv")); err == nil {
		for _, r := range readCSV(t, filepath.Join(dir, "decoys.csv"))[1:] {
			decoys[r[0]] = append(decoys[r[0]], r)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(files)
	national := map[string]bool{"Ukraine": true, "Iraq": true, "Libya": true}
	var partReported, partRight, undated, rounded int
	var reported, right, expected, found, headExp, headFound, qualOK, roleOK, decoyHits, checks, checked, agreed int
	for _, path := range files {
		name := filepath.Base(path)
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Read(f, name, ReadOptions{})
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		res, err := Extract(doc, Options{})
		if errors.Is(err, ErrNoDate) {
			// The reference gives no date: take the 10th of the month after
			// the month in the file's name, as an analyst would pass it.
			res, err = Extract(doc, Options{Published: fallbackDate(name)})
		}
		want := exp[name]
		for _, w := range want {
			if w.role != "percentage" {
				expected++
				if w.role == "headline" || w.role == "previous" || w.role == "same_month_last_year" {
					headExp++
				}
			}
		}
		if err != nil {
			t.Logf("%s: %v", name, err)
			for _, w := range want {
				if w.role != "percentage" {
					t.Logf("%s: MISSED %s %s %s %s %s %s", name, w.month, w.area, w.metric, w.value, w.qual, w.role)
				}
			}
			continue
		}
		matched := map[int]bool{}
		for _, fig := range res.Figures {
			if fig.Role == PartMonth {
				// Kept with its days, never as the month's figure: right
				// when decoys.csv lists it for the same days.
				partReported++
				days := fmt.Sprintf("%s-%02d..%02d", fig.Month, fig.FromDay, fig.ToDay)
				ok := false
				for _, d := range decoys[name] {
					ok = ok || d[3] == strconv.FormatInt(fig.Value, 10) && d[2] == string(fig.Metric) && d[1] == days
				}
				if ok {
					partRight++
				} else {
					t.Logf("%s: PART-MONTH not in decoys.csv with these days: %s %s %d %s", name, days, fig.Metric, fig.Value, fig.Sentence)
				}
				continue
			}
			reported++
			hit := -1
			for i, w := range want {
				if !matched[i] && w.month == fig.Month.String() && w.metric == string(fig.Metric) && w.value == strconv.FormatInt(fig.Value, 10) && sameWho(w.area, fig, national) && (w.role == "cumulative") == (fig.Role == Cumulative) {
					hit = i
					break
				}
			}
			if fig.Rounded {
				// A rounded wording of a figure the text also gives
				// exactly ("nearly 1,000" and 916): listed, never stored;
				// counted apart, with the expected row it matches if any.
				rounded++
				reported--
				if hit >= 0 {
					matched[hit] = true
					expected--
					if w := want[hit]; w.role == "headline" || w.role == "previous" || w.role == "same_month_last_year" {
						headExp--
					}
				}
				continue
			}
			for _, d := range decoys[name] {
				if d[3] == strconv.FormatInt(fig.Value, 10) && d[2] == string(fig.Metric) && fig.Role != Cumulative {
					decoyHits++
					t.Errorf("%s: decoy reported as a month's figure: %s %s %d (%s)", name, fig.Month, fig.Metric, fig.Value, d[4])
				}
			}
			if hit < 0 && fig.Role == Cumulative && strings.Contains(fig.Note, "states no as-of date") {
				// A total the text does not date is dated by its
				// publication's month; the reference may date it by the
				// month the update reports. Counted apart, not as wrong.
				for i, w := range want {
					if !matched[i] && w.role == "cumulative" && w.metric == string(fig.Metric) && w.value == strconv.FormatInt(fig.Value, 10) {
						matched[i] = true
						undated++
						t.Logf("%s: UNDATED cumulative %s %d: as of %s (the publication's month), expected %s", name, fig.Metric, fig.Value, fig.Month, w.month)
						hit = -2
						break
					}
				}
				if hit == -2 {
					reported--
					expected--
					continue
				}
			}
			if hit < 0 {
				t.Logf("%s: WRONG %s %s %d %s %s at %s: %s", name, fig.Month, fig.Metric, fig.Value, fig.Qualifier, fig.Role, fig.Pos, fig.Sentence)
				continue
			}
			matched[hit] = true
			right++
			found++
			w := want[hit]
			if w.role == "headline" || w.role == "previous" || w.role == "same_month_last_year" {
				headFound++
			}
			wq := map[string]string{"at_least": "at_least", "more_than": "at_least", "nearly": "approx", "approximately": "approx", "estimated": "approx", "exact": "exact"}[w.qual]
			if wq == fig.Qualifier.String() {
				qualOK++
			} else {
				t.Logf("%s: qualifier %s %s %d: got %s, want %s", name, fig.Month, fig.Metric, fig.Value, fig.Qualifier, w.qual)
			}
			role := map[Role]string{Headline: "headline", PreviousMonth: "previous", SameMonthLastYear: "same_month_last_year", Cumulative: "cumulative", Breakdown: "breakdown"}[fig.Role]
			if role == w.role {
				roleOK++
			} else {
				t.Logf("%s: role %s %s %d: got %s, want %s", name, fig.Month, fig.Metric, fig.Value, fig.Role, w.role)
			}
		}
		for i, w := range want {
			if !matched[i] && w.role != "percentage" {
				t.Logf("%s: MISSED %s %s %s %s %s %s", name, w.month, w.area, w.metric, w.value, w.qual, w.role)
			}
		}
		for _, c := range res.Checks {
			t.Logf("%s: check %s", name, c)
			checks++
			if c.Checked {
				checked++
				if c.Agreed {
					agreed++
				}
			}
		}
	}
	t.Logf("part-month figures (kept with their days, not in precision): %d, of which %d match a part-month decoy's days", partReported, partRight)
	t.Logf("rounded wordings of figures the text also gives exactly (listed, never stored; left out of precision and recall): %d", rounded)
	t.Logf("cumulative totals the text does not date (dated by the publication's month, where the expected month differs; left out of precision and recall): %d", undated)
	t.Logf("precision %d/%d = %.1f%%; recall %d/%d = %.1f%%; headline, previous and same-month recall %d/%d = %.1f%%; qualifiers right %d/%d, roles right %d/%d; decoys reported %d; stated percentages %d, checked %d, agreed %d",
		right, reported, pctOf(right, reported), found, expected, pctOf(found, expected), headFound, headExp, pctOf(headFound, headExp), qualOK, right, roleOK, right, decoyHits, checks, checked, agreed)
}

// sameWho compares an expected area, with its tag for a subgroup
// ("Iraq [civilians+ISF]"), with a reported figure's area and group.
func sameWho(want string, f Figure, national map[string]bool) bool {
	tags := map[Group][]string{
		CiviliansAndSecurityForces: {"civilians+ISF"},
		SecurityForces:             {"ISF"},
		CivilianPolice:             {"civilian police"},
		ForeignCivilians:           {"foreign civilians", "foreign nationals"},
		CiviliansExcludingPolice:   {"civilians excl. police"},
	}[f.Group]
	for _, c := range f.Components {
		if c.Inclusion == data.Included && c.Area == "IQG01" && f.Group == Civilians {
			// The national civilian figure, with a note of what it takes
			// in: the reference sets tag it, or not.
			if sameArea(want, f.Observation, national) {
				return true
			}
			tags = []string{"civilians incl. Anbar"}
		}
	}
	if tags == nil {
		return sameArea(want, f.Observation, national)
	}
	base, tag, ok := strings.Cut(want, " [")
	if !ok || !national[base] || len(f.Area) != 2 {
		return false
	}
	for _, t := range tags {
		if strings.TrimSuffix(tag, "]") == t {
			return true
		}
	}
	return false
}

// sameArea compares an expected area (a name) with a reported figure's
// area (a p-code): the country, an oblast by any of its spellings
// ("Donetsk region" being "Donetsk Oblast"), or an Iraqi governorate by
// any of its spellings. "Anbar [Health Directorate]" is IQG01 as given by
// its Health Directorate, which the figure's note must say; a plain
// governorate must not be a Health Directorate's figure.
func sameArea(want string, fig data.Observation, national map[string]bool) bool {
	code := fig.Area
	if len(code) == 2 {
		return national[want]
	}
	tab := data.Ukraine()
	if strings.HasPrefix(code, "IQ") {
		tab = data.Iraq()
		hd := strings.Contains(fig.Note, "Health Directorate")
		if stem, ok := strings.CutSuffix(want, " [Health Directorate]"); ok {
			if !hd {
				return false
			}
			want = stem
		} else if hd {
			return false
		}
	}
	a, ok := tab.Get(code)
	if !ok || strings.Contains(want, "[") {
		return false
	}
	// "Donetsk region" is the oblast the table spells "Donetsk Oblast".
	lw := strings.ToLower(want)
	if stem, ok := strings.CutSuffix(lw, " region"); ok {
		lw = stem + " oblast"
	}
	for _, n := range append([]string{a.Name}, a.Aliases...) {
		if strings.Contains(lw, strings.ToLower(n)) {
			return true
		}
	}
	return false
}

func pctOf(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b) * 100
}

var reNameMonth = regexp.MustCompile(`(\d{4})-(\d{2})`)

func fallbackDate(name string) data.Date {
	ms := reNameMonth.FindAllStringSubmatch(name, -1)
	if len(ms) == 0 {
		return data.Date{}
	}
	m := ms[len(ms)-1]
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	return data.Date{Time: time.Date(y, time.Month(mo)+1, 10, 0, 0, 0, 0, time.UTC)}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(fmt.Errorf("%s: %v", path, err))
	}
	return recs
}
