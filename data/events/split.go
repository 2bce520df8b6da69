package events

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
)

// chunk is a run of whole records handed to a worker. seq orders chunks in
// the file, so errors can be numbered by line once every chunk before them
// is known.
type chunk struct {
	seq int
	b   []byte // whole records
}

// source hands out the file in chunks cut at record boundaries. Workers
// take turns: each reads its next chunk into its own buffer under the
// lock, then parses it outside, so a chunk never changes hands (it is
// parsed where it was read, still in that core's cache) and a worker waits
// only while another reads and cuts. Where a chunk may end depends on
// every quote before it, hence the turns; a file without quotes is read
// in ranges, without them (parallel.go).
type source struct {
	mu        sync.Mutex
	ctx       context.Context
	r         io.Reader
	name      string
	maxRecord int
	carry     []byte // the start of an incomplete record, after the last chunk handed out
	seq       int
	done      bool
	err       error

	progress func(Progress)
	prog     Progress
}

// tooLongError is a record that would not fit in MaxRecordBytes. afterSeq
// is the chunk it follows, so its line can be worked out from the line
// counts of the chunks before it.
type tooLongError struct {
	afterSeq int
	limit    int
	quoted   bool
}

func (e *tooLongError) Error() string {
	if e.quoted {
		return fmt.Sprintf("a quoted field opened on this line is not closed within %d bytes; is a double quote missing or stray?", e.limit)
	}
	return fmt.Sprintf("a record longer than %d bytes; not an event file?", e.limit)
}

// next reports the chunk a worker has finished (parsed bytes and rows, for
// Options.Progress) and reads the next one into buf, which it may grow for
// a long record. ok is false when the input is used up or reading failed
// (s.err).
func (s *source) next(buf []byte, parsed int, rows int64) (c chunk, _ []byte, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if parsed > 0 || rows > 0 {
		s.prog.Bytes += int64(parsed)
		s.prog.Rows += rows
		if s.progress != nil {
			s.progress(s.prog)
		}
	}
	for !s.done && s.err == nil {
		if err := s.ctx.Err(); err != nil {
			s.err = err
			break
		}
		if len(s.carry) >= cap(buf)/2 {
			// A long record: grow so that reading still makes progress.
			if len(s.carry) >= s.maxRecord {
				s.err = &tooLongError{afterSeq: s.seq - 1, limit: s.maxRecord, quoted: bytes.Count(s.carry, []byte{'"'})%2 == 1}
				break
			}
			buf = make([]byte, 2*cap(buf)+len(s.carry))
		}
		buf = buf[:cap(buf)]
		n := copy(buf, s.carry)
		m, err := io.ReadFull(s.r, buf[n:])
		n += m
		switch {
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			s.done = true
		case err != nil:
			s.err = fmt.Errorf("%s: cannot read: %v", s.name, err)
			return chunk{}, buf, false
		}
		b := buf[:n]
		cut := n
		if !s.done {
			cut = boundary(b)
		}
		s.carry = append(s.carry[:0], b[cut:]...)
		if cut > 0 {
			c := chunk{seq: s.seq, b: b[:cut]}
			s.seq++
			return c, buf, true
		}
	}
	return chunk{}, buf, false
}

// boundary returns the length of the longest prefix of b made of whole
// records, given that b starts at a record boundary: the position after
// the last newline preceded by an even number of quotes. 0 means no record
// ends in b.
func boundary(b []byte) int {
	last := bytes.LastIndexByte(b, '\n')
	if last < 0 {
		return 0
	}
	if bytes.IndexByte(b[:last], '"') < 0 {
		return last + 1 // the usual case: no quotes at all
	}
	q := bytes.Count(b[:last], []byte{'"'})
	for q%2 == 1 {
		prev := bytes.LastIndexByte(b[:last], '\n')
		if prev < 0 {
			return 0
		}
		q -= bytes.Count(b[prev:last], []byte{'"'})
		last = prev
	}
	return last + 1
}
