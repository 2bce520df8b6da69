package chart

import (
	"bytes"
	"sync"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data"
)

// TestShareDrawsTheSameCharts builds every chart from one shared input,
// all at once as a report does, and checks each SVG is the one New gives
// from the input alone: sharing the statistics changes nothing drawn. The
// month is set (as a report sets it), left to the data, and a gap.
func TestShareDrawsTheSameCharts(t *testing.T) {
	ds := data.Default()
	_, last := ds.Latest().Span()
	// September 2023 has no figure: the charts say so (sayGap).
	for _, in := range []Input{{Data: ds}, {Data: ds, To: last.Add(-2), Month: last.Add(-2)}, {Data: ds, Month: month(2023, time.September)}} {
		shared := Share(in)
		got := make([][]byte, len(Kinds))
		var wg sync.WaitGroup
		for i, k := range Kinds {
			if k == Areas {
				continue // needs figures by area; no statistic shared
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				if c, err := New(k, shared); err == nil {
					var b bytes.Buffer
					if err := Write(&b, c, "svg", WriteOptions{LinkFonts: true}); err == nil {
						got[i] = b.Bytes()
					}
				}
			}()
		}
		wg.Wait()
		for i, k := range Kinds {
			if k == Areas {
				continue
			}
			want := render(t, mustChart(t, k, in), "svg", WriteOptions{LinkFonts: true})
			if k != Cumulative && in.Month == month(2023, time.September) && !bytes.Contains(want, []byte("September 2023")) {
				t.Errorf("%s chart of a gap month does not name it", k)
			}
			if !bytes.Equal(got[i], want) {
				t.Errorf("%s chart (month %s): drawn from Share's input differs from New's alone", k, in.Month)
			}
		}
	}
}
