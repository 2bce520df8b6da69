package data

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encodings lists the text encodings --encoding accepts, besides UTF-8.
// Analysts receive files saved by Excel on Windows: "Unicode text" is
// UTF-16 with a byte-order mark, and plain "CSV" is Windows-1251 on a
// Cyrillic system or Windows-1252 on a Western one.
var Encodings = []string{"utf-8", "utf-16", "utf-16le", "utf-16be", "windows-1251", "windows-1252"}

// textEncoding returns the decoder for an --encoding name (nil for UTF-8).
func textEncoding(enc string) (encoding.Encoding, bool) {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "", "utf-8", "utf8":
		return nil, true
	case "utf-16", "utf16", "unicode":
		// A byte-order mark decides; without one, little-endian, as
		// Windows writes it.
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), true
	case "utf-16le", "utf16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), true
	case "utf-16be", "utf16be":
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM), true
	case "windows-1251", "cp1251", "win1251":
		return charmap.Windows1251, true
	case "windows-1252", "cp1252", "win1252":
		return charmap.Windows1252, true
	}
	return nil, false
}

// decodeInput turns input text into UTF-8 for the CSV reader. With no
// encoding declared, UTF-16 with a byte-order mark (Excel's "Unicode text")
// is decoded, because the mark says what it is; anything else must be
// UTF-8, which checkText verifies and, when it is not, names the likely
// encoding. A declared encoding is checked against the start of the file,
// so a wrong --encoding is refused rather than turned into mojibake area
// names.
func decodeInput(r io.Reader, name, enc string) (io.Reader, error) {
	e, ok := textEncoding(enc)
	if !ok {
		return nil, Errorf(Pos{File: name}, "", "unknown --encoding %q; want one of %s", enc, strings.Join(Encodings, ", "))
	}
	br := bufio.NewReaderSize(r, 4096)
	head, err := br.Peek(4096)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, wrapReadErr(name, err)
	}
	fail := func(format string, args ...any) error {
		return Errorf(Pos{File: name}, "", format, args...)
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}) || bytes.HasPrefix(head, []byte{0, 0, 0xFE, 0xFF}) {
		return nil, fail("the file is UTF-32 text, which casualty does not read; save it as \"CSV UTF-8\"")
	}
	utf16BOM := bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF})
	switch {
	case e == nil && utf16BOM:
		e = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case e == nil:
		return crLineEnds(br), nil
	case isUTF16(e):
		if !utf16BOM && !looksUTF16(head) {
			return nil, fail("--encoding %s given, but the file does not look like UTF-16 (no byte-order mark, no NUL bytes between letters); drop --encoding", enc)
		}
	default: // an 8-bit Windows code page
		switch {
		case utf16BOM:
			return nil, fail("--encoding %s given, but the file is UTF-16 text (it starts with a UTF-16 byte-order mark); drop --encoding or pass --encoding utf-16", enc)
		case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")) || (hasHighBytes(head) && utf8.Valid(trimPartialRune(head))):
			return nil, fail("--encoding %s given, but the file is already UTF-8 text; drop --encoding", enc)
		}
	}
	return crLineEnds(e.NewDecoder().Reader(br)), nil
}

// crLineEnds reads text whose lines end with a carriage return alone, as
// Excel for Mac's "CSV (Macintosh)" writes it, as lines ending with a line
// feed; other text passes through. Without it the whole file would read as
// one line with an unrecognisable header.
func crLineEnds(r io.Reader) io.Reader {
	br := bufio.NewReaderSize(r, 4096)
	head, _ := br.Peek(4096)
	if bytes.IndexByte(head, '\r') < 0 || bytes.IndexByte(head, '\n') >= 0 {
		return br
	}
	return &crReader{r: br}
}

// crReader turns every carriage return into a line feed.
type crReader struct{ r io.Reader }

func (c *crReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

func isUTF16(e encoding.Encoding) bool {
	_, cm := e.(*charmap.Charmap)
	return !cm
}

// looksUTF16 reports whether text without a byte-order mark is probably
// UTF-16: ASCII letters then alternate with NUL bytes.
func looksUTF16(b []byte) bool {
	if len(b) < 2 {
		return false
	}
	nul := bytes.Count(b, []byte{0})
	return nul*4 >= len(b) // at least half the code units hold a NUL byte
}

func hasHighBytes(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// trimPartialRune drops a UTF-8 sequence cut by the end of a peek, so that
// valid text is not mistaken for invalid at the cut.
func trimPartialRune(h []byte) []byte {
	for i := 0; i < utf8.UTFMax-1 && len(h) > 0 && !utf8.Valid(h); i++ {
		h = h[:len(h)-1]
	}
	return h
}

// textEncodingError looks at the start of a file that should be UTF-8 text
// and, when it is not, says what it probably is, so the user knows how to
// re-save it or which --encoding to pass.
func textEncodingError(head []byte, name string) error {
	fail := func(msg string) error { return inputErr(Pos{File: name}, "", errors.New(msg)) }
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return fail("this is a zip file (an .xlsx or .ods workbook?), not CSV text; give it an .xlsx name or --format-in xlsx")
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return fail("this is an Excel 97-2003 .xls workbook, which casualty does not read; save it as .xlsx or CSV (UTF-8)")
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return fail("the file is UTF-16 text (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or pass --encoding utf-16")
	}
	h := trimPartialRune(head)
	if !utf8.Valid(h) {
		enc := guessLegacy(head)
		return fail("the file is not UTF-8 text; it looks like " + enc + " (" + legacyScript[enc] +
			"); save it as \"CSV UTF-8\" or pass --encoding " + enc)
	}
	if looksUTF16(h) {
		return fail("the file looks like UTF-16 text without a byte-order mark (NUL bytes between letters); save it as \"CSV UTF-8\" or pass --encoding utf-16le (or utf-16be)")
	}
	if bytes.IndexByte(h, 0) >= 0 {
		return fail("the file contains NUL bytes; it is binary, not CSV text")
	}
	return nil
}

var legacyScript = map[string]string{
	"windows-1251": "Cyrillic, as Excel saves CSV on a Russian or Ukrainian Windows",
	"windows-1252": "Latin, as Excel saves CSV on a Western European Windows",
}

// guessLegacy tells Windows-1251 (Cyrillic) from Windows-1252 (Latin) text.
// Cyrillic words are made wholly of high bytes, so in Windows-1251 most
// high bytes stand next to another; in Latin text an accented letter or a
// curly quote stands alone among ASCII letters.
func guessLegacy(b []byte) string {
	high, paired := 0, 0
	for i, c := range b {
		if c < 0x80 {
			continue
		}
		high++
		if (i > 0 && b[i-1] >= 0x80) || (i+1 < len(b) && b[i+1] >= 0x80) {
			paired++
		}
	}
	if high > 0 && paired*2 > high {
		return "windows-1251"
	}
	return "windows-1252"
}
