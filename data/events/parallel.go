package events

import (
	"bytes"
	"context"
	"io"
	"sync"
	"sync/atomic"
)

// The source (split.go) hands out chunks in turn: where a chunk ends
// depends on every quote before it, so reading is serialised under a lock.
// On a machine shared with other work, a worker the OS deschedules while
// it holds that lock stalls the others, and two workers can then be slower
// than one.
//
// A file that can be read at any offset and holds no double quote needs
// no turns: a record starts after every newline, so the data can be cut
// into fixed byte ranges that workers claim with an atomic counter and
// read in parallel (io.ReaderAt). A range owns the records that start in
// it: it begins after the first newline at or after its first byte's
// predecessor, and ends at the first newline at or after its last byte,
// reading on past its end for that. The parse of a range meets any quote
// in it (worker.quoted); the first quote (or a record longer than
// MaxRecordBytes) abandons the whole attempt, and the file is read again
// in turns, from its first data byte, by the careful machinery (the
// ranges parsed so far are wasted: little for an export that quotes as a
// rule, since its first rows have quotes, and never more than one pass for
// a file whose first quote comes late). Both ways give the same figures,
// lines and messages (FuzzParseEvents compares one worker with three,
// FuzzFastPathMatchesCSV both with encoding/csv, TestRangedMatchesTurns
// and TestFileInRanges the two ways).

// ranged aggregates in[0:size] in fixed ranges on opt.Workers workers,
// returning the workers and the lines each range spans. ok is false when
// the file must be read in turns instead (a quote, an overlong record, a
// read error: the careful path reports each as it should); err is the
// context's error.
func ranged(ctx context.Context, in io.ReaderAt, size int64, lay *layout, opt Options) (workers []*worker, lines []int, ok bool, err error) {
	chunkSize := int64(opt.ChunkSize)
	n := int((size + chunkSize - 1) / chunkSize)
	var next atomic.Int64
	var abandon atomic.Bool
	var progMu sync.Mutex
	var prog Progress
	workers = make([]*worker, opt.Workers)
	var wg sync.WaitGroup
	for i := range workers {
		w := newWorker(lay)
		workers[i] = w
		wg.Go(func() {
			var buf []byte
			for !abandon.Load() && ctx.Err() == nil {
				k := next.Add(1) - 1
				if k >= int64(n) {
					return
				}
				b, ok := ownRecords(in, size, k, chunkSize, opt.MaxRecordBytes, &buf)
				if !ok {
					abandon.Store(true)
					return
				}
				lines, rows := w.chunk(chunk{seq: int(k), b: b})
				if w.quoted > 0 {
					abandon.Store(true) // found while parsing: no pass of its own
					return
				}
				w.chunkLines = append(w.chunkLines, seqLines{int(k), lines})
				if opt.Progress != nil {
					progMu.Lock()
					prog.Bytes += int64(len(b))
					prog.Rows += rows
					opt.Progress(prog)
					progMu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, nil, false, err
	}
	if abandon.Load() {
		return nil, nil, false, nil
	}
	lines = make([]int, n)
	for _, w := range workers {
		for _, sl := range w.chunkLines {
			lines[sl.seq] = sl.lines
		}
	}
	return workers, lines, true, nil
}

// ownRecords reads the records that start in range k of the data, into
// *buf (grown as needed). ok is false when a record runs past maxRecord or
// reading fails.
func ownRecords(data io.ReaderAt, size, k, chunkSize int64, maxRecord int, buf *[]byte) (b []byte, ok bool) {
	lo, hi := k*chunkSize, min((k+1)*chunkSize, size)
	from := max(lo-1, 0) // the byte before the range says whether a record starts at lo
	want := hi - from + 4096
	for {
		want = min(want, size-from)
		if int64(cap(*buf)) < want {
			*buf = make([]byte, want)
		}
		b = (*buf)[:want]
		if n, _ := data.ReadAt(b, from); int64(n) != want {
			return nil, false // the careful path reports the error
		}
		// First record: at 0 for the first range, else after the first
		// newline at or after lo-1.
		first := 0
		if k > 0 {
			q := bytes.IndexByte(b, '\n')
			if q < 0 {
				if from+want == size {
					return nil, true // inside a record that started earlier, to the end
				}
				if want > int64(maxRecord)+chunkSize {
					return nil, false
				}
				want *= 2
				continue
			}
			first = q + 1
			if from+int64(first) >= hi {
				return nil, true // no record starts here
			}
		}
		// Last: up to the first newline at or after hi-1.
		end := -1
		if tail := hi - 1 - from; tail >= int64(first) {
			if q := bytes.IndexByte(b[tail:], '\n'); q >= 0 {
				end = int(tail) + q + 1
			}
		}
		if end < 0 {
			if from+want < size {
				if want > int64(maxRecord)+chunkSize {
					return nil, false
				}
				want *= 2
				continue
			}
			end = int(want) // the file's last record, without a newline
		}
		return b[first:end], true
	}
}
