package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/casualty-tool/casualty/data"
	"github.com/ledongthuc/pdf"
	"golang.org/x/net/html"
)

// Format is the kind of input an update comes as.
type Format string

const (
	FormatText Format = "text"
	FormatHTML Format = "html"
	FormatPDF  Format = "pdf"
)

// Document is an update's text as the extractor reads it, with the way
// back from a place in that text to the input file: for plain text the
// two are the same; for HTML a place maps to the text node it came from;
// for a PDF, to the line of its text layer.
type Document struct {
	Name   string
	Format Format
	Text   string
	src    []byte // the input as read (UTF-8), for line:column
	segs   []seg  // text offset -> source offset, sorted by text offset (HTML)

	lines                   []int // offsets where lines begin, made on first use
	colLine, colOff, colVal int   // the last column computed, to count on from
}

type seg struct{ text, src int }

// Pos returns where the text offset off is in the input: the byte offset
// and its line:column (columns count runes, from 1).
func (d *Document) Pos(off int) (data.Pos, int) {
	src := off
	if d.segs != nil {
		i := sort.Search(len(d.segs), func(i int) bool { return d.segs[i].text > off }) - 1
		if i >= 0 {
			src = d.segs[i].src + (off - d.segs[i].text)
		}
	}
	b := d.src
	if b == nil {
		b = []byte(d.Text)
	}
	if src > len(b) {
		src = len(b)
	}
	if d.lines == nil {
		d.colLine = -1
		d.lines = []int{0}
		for i, c := range b {
			if c == '\n' {
				d.lines = append(d.lines, i+1)
			}
		}
	}
	l := sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > src }) - 1
	ls := d.lines[l]
	// Columns count runes; on a very long line, count from the last
	// position asked for on it.
	col := 1
	from := ls
	if d.colLine == l && d.colOff <= src && d.colOff >= ls {
		from, col = d.colOff, d.colVal
	}
	col += utf8.RuneCount(b[from:src])
	d.colLine, d.colOff, d.colVal = l, src, col
	return data.Pos{File: d.Name, Line: l + 1, Col: col}, src
}

// DefaultMaxBytes caps an input file: monthly updates are a few pages.
const DefaultMaxBytes = 32 << 20

// ReadOptions say how to read an input.
type ReadOptions struct {
	Format   Format // "" to tell from the content
	Encoding string // for text and HTML; "" for UTF-8 or UTF-16 with a byte-order mark
	MaxBytes int64  // 0 for DefaultMaxBytes
}

// Read reads an update from r: plain text, an HTML page as a browser saves
// it, or a PDF with a text layer, told apart by their first bytes unless
// opt.Format says. Anything else (an image, a workbook, a PDF of scanned
// pages) is refused with a message naming the file and what it is.
func Read(r io.Reader, name string, opt ReadOptions) (*Document, error) {
	max := opt.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	raw, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, &data.InputError{Pos: data.Pos{File: name}, Err: err}
	}
	if int64(len(raw)) > max {
		return nil, &data.InputError{Pos: data.Pos{File: name}, Err: &data.LimitError{Limit: "MaxBytes", What: fmt.Sprintf("the file is larger than %d bytes; not a monthly update?", max)}}
	}
	f := opt.Format
	if f == "" {
		f, err = sniff(raw, name)
		if err != nil {
			return nil, err
		}
	}
	switch f {
	case FormatPDF:
		return readPDF(raw, name)
	case FormatHTML, FormatText:
		b, err := data.DecodeText(bytes.NewReader(raw), name, opt.Encoding, 0)
		if err != nil {
			return nil, err
		}
		if f == FormatHTML {
			return readHTML(b, name)
		}
		return &Document{Name: name, Format: FormatText, Text: string(b), src: b}, nil
	}
	return nil, errorf(name, "unknown input format %q; want text, html or pdf", f)
}

func errorf(name, format string, args ...any) error {
	return &data.InputError{Pos: data.Pos{File: name}, Err: fmt.Errorf(format, args...)}
}

// sniff tells the input's format from its first bytes.
func sniff(b []byte, name string) (Format, error) {
	head := b
	if len(head) > 512 {
		head = head[:512]
	}
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return FormatPDF, nil
	case bytes.HasPrefix(head, []byte("\x89PNG")), bytes.HasPrefix(head, []byte("\xFF\xD8\xFF")),
		bytes.HasPrefix(head, []byte("GIF8")), bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")),
		len(head) > 12 && bytes.Equal(head[:4], []byte("RIFF")) && bytes.Equal(head[8:12], []byte("WEBP")):
		return "", errorf(name, "this is an image, which has no text to read; give the update's text, its web page or a PDF with a text layer (run OCR on a scan first)")
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "", errorf(name, "this is a zip file (a workbook or a Word document?), not an update's text; read tables with casualty data --data, or save the document as PDF or text")
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "", errorf(name, "this is an old Office file (.doc or .xls), not an update's text; save it as PDF or text")
	}
	lh := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n"))
	for _, p := range [][]byte{[]byte("<!doctype html"), []byte("<html"), []byte("<head"), []byte("<body"), []byte("<?xml"), []byte("<!--")} {
		if bytes.HasPrefix(lh, p) {
			return FormatHTML, nil
		}
	}
	if bytes.Contains(lh, []byte("<html")) || bytes.Contains(lh, []byte("<p>")) || bytes.Contains(lh, []byte("<div")) {
		return FormatHTML, nil
	}
	return FormatText, nil
}

// skipped are the elements whose text is no part of an article: scripts,
// styles, navigation, page furniture.
var skipped = map[string]bool{"script": true, "style": true, "noscript": true, "nav": true, "header": true,
	"footer": true, "aside": true, "form": true, "button": true, "select": true, "svg": true, "template": true,
	"iframe": true, "head": true, "menu": true}

// blocks end a paragraph: their text becomes its own line.
var blocks = map[string]bool{"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "tr": true, "td": true, "th": true, "section": true, "article": true,
	"blockquote": true, "ul": true, "ol": true, "table": true, "figcaption": true, "time": true, "dd": true, "dt": true}

// readHTML keeps the text of a page's article: the <article> or <main>
// element when there is one, else the body, without scripts, styles and
// navigation. Each text piece remembers where it was in the page.
func readHTML(b []byte, name string) (*Document, error) {
	z := html.NewTokenizer(bytes.NewReader(b))
	var out strings.Builder
	var segs []seg
	var all, article []piece
	depth, inArticle := 0, 0
	skipDepth := 0
	off := 0
	newline := func(ps *[]piece) { *ps = append(*ps, piece{"\n", off}) }
	for {
		tt := z.Next()
		raw := z.Raw()
		start := off
		off += len(raw)
		switch tt {
		case html.ErrorToken:
			if !errors.Is(z.Err(), io.EOF) {
				return nil, errorf(name, "reading the HTML: %v", z.Err())
			}
			ps := all
			if len(article) > 0 {
				ps = article
			}
			for _, p := range ps {
				if p.text == "\n" {
					s := out.String()
					if s == "" || strings.HasSuffix(s, "\n") {
						continue
					}
				} else {
					segs = append(segs, seg{text: out.Len(), src: p.src})
				}
				out.WriteString(p.text)
			}
			text := out.String()
			if strings.TrimSpace(text) == "" {
				return nil, errorf(name, "the page has no text outside scripts, styles and navigation")
			}
			return &Document{Name: name, Format: FormatHTML, Text: text, src: b, segs: segs}, nil
		case html.StartTagToken, html.SelfClosingTagToken:
			tn, _ := z.TagName()
			t := string(tn)
			if skipped[t] && tt == html.StartTagToken {
				skipDepth++
			}
			if t == "article" || t == "main" {
				inArticle++
			}
			if blocks[t] {
				newline(&all)
				if inArticle > 0 {
					newline(&article)
				}
			}
			depth++
		case html.EndTagToken:
			tn, _ := z.TagName()
			t := string(tn)
			if skipped[t] && skipDepth > 0 {
				skipDepth--
			}
			if (t == "article" || t == "main") && inArticle > 0 {
				inArticle--
			}
			if blocks[t] {
				newline(&all)
				if inArticle > 0 {
					newline(&article)
				}
			}
		case html.TextToken:
			if skipDepth > 0 {
				continue
			}
			ps := textPieces(raw, start)
			if len(ps) == 0 {
				continue
			}
			// Keep a space between pieces so "<b>164</b>killed" does not
			// run together.
			ps = append(ps, piece{" ", start + len(raw)})
			all = append(all, ps...)
			if inArticle > 0 {
				article = append(article, ps...)
			}
		}
	}
}

// piece is a run of a page's text and where it starts in the page.
type piece struct {
	text string
	src  int
}

// textPieces decodes the raw text of an HTML text node that starts at
// offset src: literal runs keep their length (layout whitespace becomes
// spaces, so a line break in the source does not end a sentence), and each
// entity (&mdash;, &#8239;) is its own piece, so every place in the text
// maps back to the exact byte of the page. A node of whitespace alone
// gives nothing.
func textPieces(raw []byte, src int) []piece {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil
	}
	var ps []piece
	lit := func(b []byte, at int) {
		if len(b) == 0 {
			return
		}
		t := []byte(string(b))
		for i, c := range t {
			if c == '\n' || c == '\r' || c == '\t' {
				t[i] = ' '
			}
		}
		ps = append(ps, piece{string(t), at})
	}
	i := 0
	for i < len(raw) {
		amp := bytes.IndexByte(raw[i:], '&')
		if amp < 0 {
			lit(raw[i:], src+i)
			break
		}
		lit(raw[i:i+amp], src+i)
		j := i + amp
		semi := bytes.IndexByte(raw[j:min(len(raw), j+12)], ';')
		if semi < 0 {
			lit(raw[j:j+1], src+j)
			i = j + 1
			continue
		}
		ent := string(raw[j : j+semi+1])
		ps = append(ps, piece{html.UnescapeString(ent), src + j})
		i = j + semi + 1
	}
	return ps
}

// readPDF reads the text layer of a PDF with github.com/ledongthuc/pdf, a
// pure-Go reader. A PDF of scanned pages has no text layer and is refused;
// so is one the library cannot parse (it panics on some malformed files:
// that becomes an error here).
func readPDF(b []byte, name string) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, errorf(name, "the PDF cannot be read (%v); is it damaged or encrypted?", r)
		}
	}()
	r, err := pdf.NewReader(&guardedReaderAt{r: bytes.NewReader(b), budget: 256*int64(len(b)) + 1<<20}, int64(len(b)))
	if err != nil {
		return nil, errorf(name, "the PDF cannot be read: %v", err)
	}
	n := r.NumPage()
	if n <= 0 {
		return nil, errorf(name, "the PDF has no pages")
	}
	if n > 2000 {
		return nil, errorf(name, "the PDF has %d pages; not a monthly update?", n)
	}
	var out strings.Builder
	fonts := map[string]*pdf.Font{}
	for i := 1; i <= n; i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		for _, fn := range p.Fonts() {
			if _, ok := fonts[fn]; !ok {
				f := p.Font(fn)
				fonts[fn] = &f
			}
		}
		if err := checkStreams(p); err != nil {
			return nil, errorf(name, "page %d: the text cannot be read: %v", i, err)
		}
		t, err := p.GetPlainText(fonts)
		if err != nil {
			return nil, errorf(name, "page %d: the text cannot be read: %v", i, err)
		}
		out.WriteString(t)
		out.WriteString("\n\n")
	}
	text := out.String()
	if strings.TrimSpace(text) == "" {
		return nil, errorf(name, "the PDF has no text layer (%d page(s) of images?); run OCR on it first, or give the update's web page or text", n)
	}
	// A PDF breaks its lines where the page ends them: a sentence runs
	// on across a single line break, so that becomes a space. A blank
	// line still ends a paragraph.
	text = joinPDFLines(text)
	return &Document{Name: name, Format: FormatPDF, Text: text}, nil
}

// joinPDFLines turns single line breaks into spaces, keeping offsets.
func joinPDFLines(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] == '\n' && (i == 0 || b[i-1] != '\n') && (i+1 >= len(b) || b[i+1] != '\n') {
			b[i] = ' '
		}
	}
	return string(b)
}

// errPDFLoops stops the PDF library when a malformed file sends it round
// in circles over the file itself: a library's loop cannot be stopped from
// outside but by its reads. (Loops over a decoded stream never reach the
// file: checkStreams refuses the one such case known.)
var errPDFLoops = errors.New("its structure sends the reader round in circles")

// guardedReaderAt gives the PDF library the file, and panics with
// errPDFLoops (recovered by readPDF as a refusal) once the library has
// read far more than the file holds, or asked at its end many times:
// reading a well-formed PDF needs neither.
type guardedReaderAt struct {
	r             *bytes.Reader
	total, budget int64
	empty         int
}

func (g *guardedReaderAt) ReadAt(p []byte, off int64) (int, error) {
	n, err := g.r.ReadAt(p, off)
	g.total += int64(n)
	if n == 0 {
		g.empty++
	}
	if g.total > g.budget || g.empty > 10000 {
		panic(errPDFLoops)
	}
	return n, err
}

// checkStreams refuses a page whose content stream, or a font's ToUnicode
// map, ends inside a hex string ("<4a6f" with no ">"): the PDF library's
// lexer reads such a string for ever (a fuzzed file, FuzzPDF), and its
// stream readers cannot be stopped from outside.
func checkStreams(p pdf.Page) error {
	var streams []pdf.Value
	c := p.V.Key("Contents")
	if c.Kind() == pdf.Array {
		for k := 0; k < c.Len(); k++ {
			streams = append(streams, c.Index(k))
		}
	} else if !c.IsNull() {
		streams = append(streams, c)
	}
	fonts := p.Resources().Key("Font")
	for _, k := range fonts.Keys() {
		if tu := fonts.Key(k).Key("ToUnicode"); !tu.IsNull() {
			streams = append(streams, tu)
		}
	}
	for _, v := range streams {
		if v.Kind() != pdf.Stream {
			continue
		}
		rc := v.Reader()
		b, err := io.ReadAll(io.LimitReader(rc, 64<<20))
		rc.Close()
		if err != nil {
			return err
		}
		if err := hexStringsClosed(b); err != nil {
			return err
		}
	}
	return nil
}

// hexStringsClosed scans a content stream as the PDF lexer does (comments,
// literal strings with their nesting and escapes, << and >>) and says
// whether a hex string is left open at its end.
func hexStringsClosed(b []byte) error {
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case '(':
			depth := 1
			for i++; i < len(b) && depth > 0; i++ {
				switch b[i] {
				case '\\':
					i++
				case '(':
					depth++
				case ')':
					depth--
				}
			}
			i--
		case '<':
			if i+1 < len(b) && b[i+1] == '<' {
				i++
				continue
			}
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return fmt.Errorf("a text stream ends inside a hex string (opened at byte %d); the file is damaged", i)
			}
			i += j
		}
	}
	return nil
}
