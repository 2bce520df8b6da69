package workbook

import (
	"bytes"
	"io"
	"iter"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/casualty-tool/casualty/data"
)

// syntheticFigures yields n area-level figures, like an event export
// summed by day and oblast: 27 areas, four metrics, months from 1990 on,
// every tenth figure "at least", each with its own source. Deterministic.
func syntheticFigures(n int) iter.Seq[data.Observation] {
	codes := []string{"UA01", "UA05", "UA07", "UA12", "UA14", "UA18", "UA21", "UA23", "UA26", "UA32", "UA35",
		"UA44", "UA46", "UA48", "UA51", "UA53", "UA56", "UA59", "UA61", "UA63", "UA65", "UA68", "UA71", "UA73",
		"UA74", "UA80", "UA85"}
	metrics := []data.Metric{data.Killed, data.Injured, data.ChildrenKilled, data.ChildrenInjured}
	pub := data.Publication{Name: "synthetic export", Date: data.Date{Time: time.Date(2026, 2, 13, 0, 0, 0, 0, time.UTC)}}
	return func(yield func(data.Observation) bool) {
		start := data.NewMonth(1990, time.January)
		for i := 0; i < n; i++ {
			o := data.Observation{
				Month:     start.Add(i / (len(codes) * len(metrics)) % 400),
				Area:      codes[i%len(codes)],
				Metric:    metrics[(i/len(codes))%len(metrics)],
				Value:     int64((i * 7919) % 613),
				Published: pub,
				Source:    "https://example.org/events/" + strconv.Itoa(i),
			}
			if i%10 == 0 {
				o.Qualifier = data.AtLeast
			}
			if !yield(o) {
				return
			}
		}
	}
}

// byteCounter counts what it is given and keeps nothing, so the
// benchmark measures the workbook, not a buffer holding it.
type byteCounter struct{ n int64 }

func (w *byteCounter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// peakHeap samples the heap in use while f runs and returns the largest
// value seen, in MiB: a Go-side view of peak memory next to the process's
// maximum resident set that /usr/bin/time -v reports.
func peakHeap(f func()) float64 {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	return float64(peak.Load()) / (1 << 20)
}

// BenchmarkFiguresWorkbook1M writes a million figures on a streamed
// Monthly sheet. Run it alone for time and memory:
//
//	go test -run '^$' -bench FiguresWorkbook1M -benchtime 1x -benchmem ./report/
//	go test -c -o /tmp/report.test ./report/ && /usr/bin/time -v /tmp/report.test \
//	    -test.run '^$' -test.bench FiguresWorkbook1M -test.benchtime 1x
func BenchmarkFiguresWorkbook1M(b *testing.B) {
	const n = 1_000_000
	var w byteCounter
	var peak float64
	for b.Loop() {
		w.n = 0
		peak = max(peak, peakHeap(func() {
			if err := WriteFigures(&w, syntheticFigures(n), FiguresOptions{Title: "benchmark", Areas: data.Ukraine()}); err != nil {
				b.Fatal(err)
			}
		}))
	}
	b.ReportMetric(float64(w.n)/(1<<20), "file-MiB")
	b.ReportMetric(peak, "peak-heap-MiB")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkWorkbookEmbedded writes the analyst's workbook for the embedded
// dataset (48 months, 201 figures, ~1,000 formulas, 3 charts).
func BenchmarkWorkbookEmbedded(b *testing.B) {
	ds := data.Default()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, ds, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1024, "file-KiB")
}

var _ io.Writer = (*byteCounter)(nil)
