package events

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
)

// chunk is a run of whole records handed to a worker. seq orders chunks in
// the file, so errors can be numbered by line once every chunk before them
// is known.
type chunk struct {
	seq    int
	offset int64  // byte offset of b[0] in the file
	b      []byte // whole records
	buf    []byte // the pooled buffer b lives in (returned after parsing)
	last   bool   // the final chunk: its last record may lack a newline
}

// splitter reads r into pooled buffers and cuts them at record boundaries.
type splitter struct {
	r         io.Reader
	name      string
	chunkSize int
	maxRecord int
	free      chan []byte
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

// run sends chunks to out until the input ends, ctx is done or reading
// fails. It closes out.
func (s *splitter) run(ctx context.Context, out chan<- chunk) error {
	defer close(out)
	var carry []byte // the start of an incomplete record, copied out of the previous buffer
	var offset int64
	seq := 0
	for {
		var buf []byte
		select {
		case buf = <-s.free:
		case <-ctx.Done():
			return ctx.Err()
		}
		if len(carry) >= cap(buf)/2 {
			// A long record: grow so that reading still makes progress.
			if len(carry) >= s.maxRecord {
				return &tooLongError{afterSeq: seq - 1, limit: s.maxRecord, quoted: bytes.Count(carry, []byte{'"'})%2 == 1}
			}
			buf = make([]byte, 2*cap(buf)+len(carry))
		}
		buf = buf[:cap(buf)]
		n := copy(buf, carry)
		m, err := io.ReadFull(s.r, buf[n:])
		n += m
		eof := false
		switch {
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			eof = true
		case err != nil:
			return fmt.Errorf("%s: cannot read: %v", s.name, err)
		}
		b := buf[:n]
		cut := n
		if !eof {
			cut = boundary(b)
		}
		carry = append(carry[:0], b[cut:]...)
		if cut > 0 || eof {
			select {
			case out <- chunk{seq: seq, offset: offset, b: b[:cut], buf: buf, last: eof}:
			case <-ctx.Done():
				return ctx.Err()
			}
			seq++
			offset += int64(cut)
		} else {
			s.free <- buf[:0]
		}
		if eof {
			return nil
		}
	}
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
