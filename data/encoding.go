package data

import (
	"bytes"
	"errors"
	"unicode/utf8"
)

// textEncodingError looks at the start of a file that should be UTF-8 text
// and, when it is not, says what it probably is, so the user knows how to
// re-save it.
func textEncodingError(head []byte, name string) error {
	fail := func(msg string) error { return &InputError{Pos: Pos{File: name}, Err: errors.New(msg)} }
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return fail("this is a zip file (an .xlsx or .ods workbook?), not CSV text; give it an .xlsx name or --format-in xlsx")
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return fail("this is an Excel 97-2003 .xls workbook, which casualty does not read; save it as .xlsx or CSV (UTF-8)")
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return fail("the file is UTF-16 text (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or pass --encoding utf-16")
	}
	// Cut a rune split by the 4096-byte peek.
	h := head
	for i := 0; i < 3 && len(h) > 0 && !utf8.Valid(h); i++ {
		h = h[:len(h)-1]
	}
	if !utf8.Valid(h) {
		return fail("the file is not UTF-8 text; it looks like " + guessLegacy(head) +
			"; save it as \"CSV UTF-8\" or pass --encoding " + guessLegacy(head))
	}
	if bytes.IndexByte(h, 0) >= 0 {
		return fail("the file contains NUL bytes; it is binary, not CSV text")
	}
	return nil
}

// guessLegacy tells Windows-1251 (Cyrillic) from Windows-1252 (Latin) by
// the share of high bytes in the Cyrillic letter block.
func guessLegacy(b []byte) string {
	high, cyr := 0, 0
	for _, c := range b {
		if c >= 0x80 {
			high++
			if c >= 0xC0 {
				cyr++
			}
		}
	}
	if high > 0 && cyr*10 >= high*7 {
		return "windows-1251"
	}
	return "windows-1252"
}
