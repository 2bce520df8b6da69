package data

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"
)

// DecodeText reads a whole text input (an update's prose, not a table) in
// the declared encoding, or, with none, UTF-8 or UTF-16 with a byte-order
// mark, and returns it as UTF-8. It applies the loaders' rules: a wrong
// --encoding is refused, and text that is not UTF-8 is refused with the
// likely encoding named. max caps the bytes read (0: no cap).
func DecodeText(r io.Reader, name, enc string, max int64) ([]byte, error) {
	dr, err := decodeInput(r, name, enc)
	if err != nil {
		return nil, err
	}
	if max > 0 {
		dr = io.LimitReader(dr, max+1)
	}
	b, err := io.ReadAll(dr)
	if err != nil {
		return nil, wrapReadErr(name, err)
	}
	if max > 0 && int64(len(b)) > max {
		return nil, inputErr(Pos{File: name}, "", limitErr("MaxBytes", fmt.Sprintf("the text is longer than %d bytes", max)))
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(b) {
		i := 0
		for i < len(b) {
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		line := 1 + bytes.Count(b[:i], []byte("\n"))
		enc := guessLegacy(b)
		return nil, Errorf(Pos{File: name, Line: line}, "", "the text is not UTF-8 (byte 0x%02X at offset %d); it looks like %s (%s); pass --encoding %s", b[i], i, enc, legacyScript[enc], enc)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return nil, Errorf(Pos{File: name}, "", "the file contains NUL bytes; it is binary, not text")
	}
	return b, nil
}
