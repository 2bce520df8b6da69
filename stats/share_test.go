package stats

import (
	"math/rand/v2"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

func TestShare(t *testing.T) {
	cases := []struct {
		part, whole int64
		want        float64
		valid       bool
	}{
		{25, 100, 25, true},     // 25/100·100
		{1, 3, 100.0 / 3, true}, // 33.33%
		{0, 10, 0, true},        // nothing is 0%
		{5, 0, 0, false},        // no share of nothing
		{11, 10, 0, false},      // a part larger than its whole is an error in the figures
	}
	for _, c := range cases {
		got := Share(c.part, c.whole)
		if got.Valid != c.valid || (c.valid && !near(got.V, c.want, 1e-12)) {
			t.Errorf("Share(%d, %d) = %+v, want %v", c.part, c.whole, got, c.want)
		}
	}
}

// areaSet builds a dataset with a national total and areas for two months,
// every figure from one publication.
func areaSet(t *testing.T, national map[data.Month]int64, areas map[string]map[data.Month]int64) *data.Dataset {
	t.Helper()
	d, err := data.ParseDate("2025-05-01")
	if err != nil {
		t.Fatal(err)
	}
	p := data.Publication{Name: "test", Date: d}
	var obs []data.Observation
	add := func(area string, m data.Month, v int64) {
		obs = append(obs, data.Observation{Month: m, Area: area, Metric: data.Killed, Value: v, Published: p})
	}
	for m, v := range national {
		add("UA", m, v)
	}
	for a, byMonth := range areas {
		for m, v := range byMonth {
			add(a, m, v)
		}
	}
	return &data.Dataset{Obs: obs, Areas: data.Ukraine()}
}

func TestRankAreas(t *testing.T) {
	feb, mar := month(2025, 2), month(2025, 3)
	ds := areaSet(t, map[data.Month]int64{feb: 100, mar: 200},
		map[string]map[data.Month]int64{
			"UA14": {feb: 50, mar: 80}, // 80/200 = 40%; (80-50)/50 = +60%
			"UA63": {feb: 40, mar: 80}, // 40%; (80-40)/40 = +100%
			"UA48": {feb: 5, mar: 40},  // 20%; base 5 < 10: no change
		})
	got, warns := RankAreas(ds, data.Killed, mar, DefaultOptions())
	if len(warns) != 0 {
		t.Errorf("warnings: %v", warns)
	}
	want := []struct {
		area       string
		rank       int
		share      float64
		changeRank int
	}{
		{"UA14", 1, 40, 2}, // ties share rank 1; order by code
		{"UA63", 1, 40, 1},
		{"UA48", 3, 20, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i, w := range want {
		g := got[i]
		if g.Area != w.area || g.Rank != w.rank || !near(g.Share.V, w.share, 1e-12) || g.ChangeRank != w.changeRank {
			t.Errorf("row %d: %+v, want %+v", i, g, w)
		}
	}
	if got[2].Change.Valid {
		t.Errorf("a change on base 5: %+v", got[2].Change)
	}
}

// TestSharesSumToNational: when the areas are complete (they add up to the
// national figure), their shares sum to 100%.
func TestSharesSumToNational(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	codes := []string{"UA05", "UA14", "UA18", "UA23", "UA32", "UA46", "UA48", "UA51", "UA59", "UA63", "UA65", "UA71"}
	m := month(2025, 1)
	for trial := 0; trial < 100; trial++ {
		areas := map[string]map[data.Month]int64{}
		var total int64
		for _, c := range codes[:1+r.IntN(len(codes))] {
			v := r.Int64N(1000)
			areas[c] = map[data.Month]int64{m: v}
			total += v
		}
		if total == 0 {
			continue
		}
		ds := areaSet(t, map[data.Month]int64{m: total}, areas)
		ranks, warns := RankAreas(ds, data.Killed, m, DefaultOptions())
		var sum float64
		var count int64
		for _, a := range ranks {
			sum += a.Share.V
			count += a.Count
		}
		if count != total || !near(sum, 100, 1e-9) || len(warns) != 0 {
			t.Fatalf("trial %d: shares sum to %v, counts to %d of %d, warnings %v", trial, sum, count, total, warns)
		}
	}
	// Areas adding up to more than the national figure are reported.
	ds := areaSet(t, map[data.Month]int64{m: 10}, map[string]map[data.Month]int64{"UA14": {m: 8}, "UA63": {m: 8}})
	if _, warns := RankAreas(ds, data.Killed, m, DefaultOptions()); len(warns) != 1 {
		t.Errorf("warnings %v, want one about the areas exceeding the total", warns)
	}
}

// TestMetricShare: April 2025 on the embedded data: children 19 killed +
// 78 injured = 97 (at least) of 1,389 casualties (221 killed + 1,168
// injured): 97/1389·100 = 6.983441%.
func TestMetricShare(t *testing.T) {
	ds := embedded()
	v, q := MetricShare(ds, "UA", data.ChildrenCasualties, data.Casualties, month(2025, 4))
	if !v.Valid || !near(v.V, 6.983441, 1e-6) || q != data.AtLeast {
		t.Errorf("share %+v %v, want 6.983441 at least", v, q)
	}
	// March 2025 has no children's figures: no share, and the reason.
	if v, _ := MetricShare(ds, "UA", data.ChildrenCasualties, data.Casualties, month(2025, 3)); v.Valid || v.Why == "" {
		t.Errorf("share without a figure: %+v", v)
	}
}

// TestRankAreasCoverage: an area's figure for 1–18 March against a
// national figure for the whole month is no share (40/200 would read as
// 20% of a month while covering 18 of its 31 days); an area over the same
// days as the national keeps its share (80/200 = 40%).
func TestRankAreasCoverage(t *testing.T) {
	mar := month(2025, 3)
	ds := areaSet(t, map[data.Month]int64{mar: 200}, map[string]map[data.Month]int64{"UA14": {mar: 80}, "UA63": {mar: 40}})
	for i := range ds.Obs {
		if ds.Obs[i].Area == "UA63" {
			ds.Obs[i].FromDay, ds.Obs[i].ToDay = 1, 18
		}
	}
	got, _ := RankAreas(ds, data.Killed, mar, DefaultOptions())
	if len(got) != 2 || got[0].Area != "UA14" || !near(got[0].Share.V, 40, 1e-12) || got[1].Share.Valid {
		t.Errorf("got %+v", got)
	}
}
