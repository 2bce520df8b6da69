package report

import (
	"slices"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/internal/synth"
)

// TestRevisionRowsSmallChanges (issue 19): a revision that rounds to 0%
// shows one decimal on the page, and one that changes only the wording
// says so, as casualty revisions prints them.
func TestRevisionRowsSmallChanges(t *testing.T) {
	const in = "month,area,metric,value,qualifier,published,publication\n" +
		"2025-02,UA,killed,1000,exact,2025-03-10,update 1\n" +
		"2025-02,UA,injured,3000,exact,2025-03-10,update 1\n" +
		"2025-02,UA,killed,1004,exact,2025-04-10,update 2\n" + // +4: 4/1000 = +0.4%
		"2025-02,UA,injured,3000,at_least,2025-04-10,update 2\n" + // wording only
		"2025-03,UA,killed,900,exact,2025-04-10,update 2\n" +
		"2025-03,UA,injured,2500,exact,2025-04-10,update 2\n"
	ds, err := data.Load(strings.NewReader(in), "rev.csv", data.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Build(ds, Options{Month: data.NewMonth(2025, 3)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, row := range r.Revisions.Rows {
		got[row.Metric] = row.Change
	}
	want := map[string]string{"killed": "+4 (+0.4%)", "injured": "qualifier changed"}
	for m, w := range want {
		if got[m] != w {
			t.Errorf("%s: change %q, want %q (rows %+v)", m, got[m], w, r.Revisions.Rows)
		}
	}
}

// TestAreasGapsInNotes (issue 19): the areas chart summarises the areas'
// gaps in at most three footnote lines; the report's notes list each area
// whole, so nothing is lost from the page.
func TestAreasGapsInNotes(t *testing.T) {
	sparse := synth.SparseAreas()
	obs := slices.Clone(sparse.Obs)
	pub := obs[0].Published
	for m := data.NewMonth(2024, 10); !data.NewMonth(2025, 12).Before(m); m = m.Add(1) {
		obs = append(obs, // national figures beside the oblasts'
			data.Observation{Month: m, Area: "UA", Metric: data.Killed, Value: 150, Qualifier: data.AtLeast, Published: pub},
			data.Observation{Month: m, Area: "UA", Metric: data.Injured, Value: 700, Qualifier: data.AtLeast, Published: pub})
	}
	ds := &data.Dataset{Obs: obs, Areas: sparse.Areas, Files: sparse.Files}
	r, err := Build(ds, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.render(map[string]bool{"svg": true}, nil); err != nil {
		t.Fatal(err)
	}
	// synth: UA80 (Kyiv) has no figure from the sixth month of 15 on.
	want := "Kyiv: no figure for March–December 2025 (10 of 15 months)."
	if !slices.Contains(r.Notes, want) {
		t.Errorf("notes lack %q:\n%s", want, strings.Join(r.Notes, "\n"))
	}
}
