package table

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/data/store"
	"github.com/casualty-tool/casualty/internal/golden"
)

// TestChangePct: hand-worked changes around the rounding to 0%.
func TestChangePct(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0, "0%"},
		{9.0 / 2400 * 100, "+0.4%"},   // 0.375%
		{-3.0 / 1000 * 100, "-0.3%"},  // -0.3%
		{3.0 / 9000 * 100, "+<0.1%"},  // 0.0333%: 0.0 at one decimal
		{-1.0 / 4000 * 100, "-<0.1%"}, // -0.025%
		{0.5, "+1%"},                  // rounds away from zero, as stats.FormatPct does
		{-3.0 / 588 * 100, "-1%"},     // -0.51%
		{6.0 / 129 * 100, "+5%"},      // 4.65%
	} {
		if got := ChangePct(tc.v); got != tc.want {
			t.Errorf("ChangePct(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

// TestRevisionsGolden lists a store's histories with changes under 1%,
// a qualifier change, a change from zero and an ordinary one, and holds
// the text to its golden file: no real revision reads "0%", and
// "qualifier changed" keeps to its column.
func TestRevisionsGolden(t *testing.T) {
	pub := func(name string, y int, m time.Month, d int) data.Publication {
		return data.Publication{Name: name, Date: data.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}}
	}
	a, b := pub("Update A", 2025, 3, 13), pub("Update B", 2025, 4, 9)
	obs := func(mo time.Month, area string, m data.Metric, v int64, q data.Qualifier, p data.Publication) data.Observation {
		return data.Observation{Month: data.NewMonth(2025, mo), Area: area, Metric: m, Value: v, Qualifier: q, Published: p}
	}
	pairs := [][2]data.Observation{
		// +9 on 2,400: 9/2400 = 0.375%, "+0.4%".
		{obs(1, "UA", data.Killed, 2400, data.Exact, a), obs(1, "UA", data.Killed, 2409, data.Exact, b)},
		// +3 on 9,000: 0.033%, "+<0.1%".
		{obs(1, "UA", data.Injured, 9000, data.Exact, a), obs(1, "UA", data.Injured, 9003, data.Exact, b)},
		// At least 164, then 164: the qualifier only.
		{obs(2, "UA", data.Killed, 164, data.AtLeast, a), obs(2, "UA", data.Killed, 164, data.Exact, b)},
		// -3 on 1,000: "-0.3%".
		{obs(2, "UA", data.Injured, 1000, data.Exact, a), obs(2, "UA", data.Injured, 997, data.Exact, b)},
		// +6 on 129: 4.65%, "+5%".
		{obs(3, "UA", data.Killed, 129, data.Exact, a), obs(3, "UA", data.Killed, 135, data.Exact, b)},
		// 0, then 5: no % on 0.
		{obs(3, "UA14", data.Killed, 0, data.Exact, a), obs(3, "UA14", data.Killed, 5, data.Exact, b)},
	}
	ds := &data.Dataset{Areas: data.Ukraine()}
	var hs []store.History
	for _, p := range pairs {
		ds.Obs = append(ds.Obs, p[0], p[1])
		hs = append(hs, store.History{Key: p[0].Key(), Vintages: []data.Observation{p[0], p[1]}})
	}
	var b2 bytes.Buffer
	if err := WriteRevisions(&b2, ds, hs, "text"); err != nil {
		t.Fatal(err)
	}
	got := b2.String()
	golden.Check(t, filepath.Join("testdata", "revisions-small.txt"), b2.Bytes())
	for _, want := range []string{"+9 (+0.4%)", "+3 (+<0.1%)", "-3 (-0.3%)", "+6 (+5%)", "+5 (n/a: no % change on 0)"} {
		if !strings.Contains(got, want) {
			t.Errorf("the listing lacks %q:\n%s", want, got)
		}
	}
	// Every vintage's publication starts in one column: no change text
	// overflows its column.
	col := -1
	for _, line := range strings.Split(got, "\n") {
		i := strings.Index(line, "Update ")
		if i < 0 {
			continue
		}
		n := utf8.RuneCountInString(line[:i])
		if col >= 0 && n != col {
			t.Errorf("publication at column %d, want %d: %q", n, col, line)
		}
		col = n
	}
	if strings.Contains(got, "(0%)") || strings.Contains(got, "(+0%)") {
		t.Errorf("a revision reads as 0%%:\n%s", got)
	}
}
