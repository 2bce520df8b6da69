package table

import (
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/stats"
)

// TestTableRenders writes one small table as text and as Markdown and
// compares both with the exact expected output.
func TestTableRenders(t *testing.T) {
	tb := &Table{
		Title: "Killed in Kyiv_city",
		Intro: []string{"Basis: as first published"},
		Head:  []string{"month", "count", "", "notes"},
		Rows:  [][]string{{"2025-02", "≥1,045", "", ""}, {"2025-03", "918", "", "[1]"}},
		Left:  []int{0, 3},
		After: []Block{
			{Facts: [][2]string{{"change", "-127"}, {"p-value", "0.004"}}},
			{Para: "Fewer were killed in March than in February.", Wrap: 20},
			{Lines: []string{"≥ at least", "| a bar"}},
		},
		Notes: []string{"a gap in 2023-09"},
	}
	var text, md strings.Builder
	if err := tb.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := tb.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	// The empty third column takes no room in text; "≥1,045" is 6 runes.
	wantText := `Killed in Kyiv_city
Basis: as first published

month     count  notes
-------  ------  -----
2025-02  ≥1,045
2025-03     918  [1]

change   -127
p-value  0.004

Fewer were killed in
March than in
February.

≥ at least
| a bar

Notes:
[1] a gap in 2023-09
`
	wantMD := `### Killed in Kyiv\_city

Basis: as first published

| month | count |  | notes |
| :--- | ---: | ---: | :--- |
| 2025-02 | ≥1,045 |  |  |
| 2025-03 | 918 |  | \[1\] |

- **change**: -127
- **p-value**: 0.004

Fewer were killed in March than in February.

- ≥ at least
- \| a bar

Notes:

1. a gap in 2023-09
`
	if text.String() != wantText {
		t.Errorf("text:\n%s\nwant:\n%s", text.String(), wantText)
	}
	if md.String() != wantMD {
		t.Errorf("Markdown:\n%s\nwant:\n%s", md.String(), wantMD)
	}
}

// TestTrendHeadingsUnique (issue 17): no two columns of the trend table
// share a heading.
func TestTrendHeadingsUnique(t *testing.T) {
	head, _, _ := trendCells(&stats.Trend{Options: stats.DefaultOptions()})
	seen := map[string]bool{}
	for _, h := range head {
		if h != "" && seen[h] {
			t.Errorf("two columns headed %q: %q", h, head)
		}
		seen[h] = true
	}
}
