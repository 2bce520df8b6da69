package stats

import (
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

// TestNoFiguresSaysWhatThereIs: a trend of casualties on a file of
// killed figures alone is refused naming the metric the data do give.
func TestNoFiguresSaysWhatThereIs(t *testing.T) {
	ds, err := data.Load(strings.NewReader("month,area,killed\n2025-03,UA63,3\n2025-04,UA63,2\n"), "k.csv", data.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ComputeTrend(ds, "UA63", data.Casualties, data.Month{}, data.Month{}, DefaultOptions())
	if want := "no casualties figures for Kharkivska; the data give killed for it"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}
