package data

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// A workbook's zip and XML are read here by casualty itself, before and
// beside excelize: the zip within its limits (openZip), the parts located
// (workbookParts), and each sheet scanned to its end (scanSheet), because
// excelize reads a damaged or hostile sheet without saying so.

// xlsxCell is what the sheet's XML says about a cell beyond its value.
type xlsxCell struct {
	typ      string // t attribute: "", "n", "s", "str", "inlineStr", "b", "e", "d"
	formula  string // formula text ("" for a shared formula's followers: see hasF)
	hasF     bool
	hasV     bool
	nonEmpty bool // the value is not blank
	float    bool // a number written with a point or an exponent (11.0, 1E3)
	date     bool // a number with a date format
}

func (c xlsxCell) describe() string {
	if strings.TrimSpace(c.formula) == "" {
		return "a shared formula"
	}
	return "the formula =" + c.formula
}

// xlsxScan is the result of reading one sheet's XML to its end.
type xlsxScan struct {
	dimension  string
	lastRow    int            // r of the last <row> element
	lastValRow int            // last row with a cell value
	maxCol     int            // rightmost column with a cell
	merges     []string       // merged ranges, "B1:C1"
	shared     map[[2]int]int // shared-string cells: their index
	nShared    int            // strings in the shared-strings part
	cells      map[[2]int]xlsxCell
	err        error // the XML ended early or is malformed
	complete   bool  // </worksheet> was reached
}

// openZip checks that b is a zip within the limits, and says what it is
// when it is not a workbook.
func openZip(b []byte, name string, lim Limits) (*zip.Reader, error) {
	fail := func(format string, args ...any) error {
		return Errorf(Pos{File: name}, "", format, args...)
	}
	head := b[:min(len(b), 4096)]
	switch {
	case len(b) == 0:
		return nil, fail("the file is empty; want an .xlsx workbook")
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, fail("this is an Excel 97-2003 .xls workbook or a password-protected workbook, which casualty does not read; save it as .xlsx without a password, or as CSV (UTF-8)")
	case !bytes.HasPrefix(b, []byte("PK")):
		if utf8.Valid(head[:max(0, len(head)-3)]) && bytes.IndexByte(head, 0) < 0 {
			return nil, fail("this is text (CSV?), not an .xlsx workbook; give it a .csv name or pass --format-in tidy, wide, hxl or cumulative")
		}
		return nil, fail("this is not an .xlsx workbook (an .xlsx file is a zip archive)")
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fail("the workbook is damaged or truncated (%v); open it in Excel or LibreOffice and save it again", err)
	}
	if len(zr.File) > lim.MaxXLSXFiles {
		return nil, inputErr(Pos{File: name}, "", limitErr("MaxXLSXFiles", fmt.Sprintf("the workbook has %d zip entries, more than the limit of %d; refused before expanding",
			len(zr.File), lim.MaxXLSXFiles)))
	}
	var total uint64
	for _, zf := range zr.File {
		total += zf.UncompressedSize64
		if total > uint64(lim.MaxXLSXBytes) || total < zf.UncompressedSize64 {
			return nil, inputErr(Pos{File: name}, "", limitErr("MaxXLSXBytes", fmt.Sprintf("the workbook would expand to more than %d bytes (%d bytes compressed); refused before expanding, as a zip bomb would be",
				lim.MaxXLSXBytes, len(b))))
		}
	}
	if zipEntry(zr, "mimetype") != nil && zipEntry(zr, "content.xml") != nil {
		return nil, fail("this is an OpenDocument spreadsheet (.ods), which casualty does not read; save it as .xlsx or CSV (UTF-8)")
	}
	if zipEntry(zr, "[Content_Types].xml") == nil {
		return nil, fail("this zip archive is not an .xlsx workbook (it has no [Content_Types].xml)")
	}
	return zr, nil
}

// zipEntry finds an entry by name, in any case (as Excel does).
func zipEntry(zr *zip.Reader, name string) *zip.File {
	name = strings.TrimPrefix(name, "/")
	for _, f := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, "\\", "/"), name) {
			return f
		}
	}
	return nil
}

// xlsxParts locates the parts of a workbook: each sheet's XML by sheet
// name (lower case) and the styles.
type xlsxParts struct {
	sheets map[string]string
	styles string
	shared string // the shared-strings part ("" when there is none)
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// readZipXML decodes a small XML part (at most 16 MiB).
func readZipXML(zr *zip.Reader, name string, v any) error {
	zf := zipEntry(zr, name)
	if zf == nil {
		return fmt.Errorf("the workbook has no %s part (it is damaged, or not an .xlsx workbook)", name)
	}
	rc, err := zf.Open()
	if err != nil {
		return fmt.Errorf("the workbook's %s cannot be read (%v)", name, err)
	}
	defer rc.Close()
	if err := xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(v); err != nil {
		return fmt.Errorf("the workbook's %s is damaged (%v)", name, err)
	}
	return nil
}

// resolve turns a relationship target into a zip path.
func resolve(base, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Clean(path.Join(path.Dir(base), target))
}

func workbookParts(zr *zip.Reader) (*xlsxParts, error) {
	wbPath := "xl/workbook.xml"
	var root xmlRels
	if readZipXML(zr, "_rels/.rels", &root) == nil {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = resolve("", r.Target)
			}
		}
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := readZipXML(zr, wbPath, &wb); err != nil {
		return nil, err
	}
	var rels xmlRels
	relPath := path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels")
	if err := readZipXML(zr, relPath, &rels); err != nil {
		return nil, err
	}
	p := &xlsxParts{sheets: map[string]string{}}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		targets[r.ID] = resolve(wbPath, r.Target)
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			p.shared = resolve(wbPath, r.Target)
		}
		if strings.HasSuffix(r.Type, "/styles") {
			p.styles = resolve(wbPath, r.Target)
		}
	}
	for _, s := range wb.Sheets {
		if t, ok := targets[s.RID]; ok {
			p.sheets[strings.ToLower(s.Name)] = t
		}
	}
	return p, nil
}

// sharedCount counts the strings of the shared-strings part, so that a
// cell pointing past them is caught (excelize reads it as empty).
func (p *xlsxParts) sharedCount(zr *zip.Reader, lim Limits) int {
	zf := zipEntry(zr, p.shared)
	if p.shared == "" || zf == nil {
		return 0
	}
	rc, err := zf.Open()
	if err != nil {
		return 0
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, lim.MaxXLSXBytes))
	n := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return n
		}
		if e, ok := tok.(xml.StartElement); ok && e.Name.Local == "si" {
			n++
		}
	}
}

// dateStyles returns the cell styles (indexes into cellXfs) whose number
// format shows a date, so that the numbers under them are read as dates.
func (p *xlsxParts) dateStyles(zr *zip.Reader) map[int]bool {
	out := map[int]bool{}
	if p.styles == "" {
		return out
	}
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if readZipXML(zr, p.styles, &st) != nil {
		return out
	}
	custom := map[int]string{}
	for _, n := range st.NumFmts {
		custom[n.ID] = n.Code
	}
	for i, xf := range st.Xfs {
		if code, ok := custom[xf.NumFmtID]; ok {
			out[i] = isDateFormat(code)
		} else {
			out[i] = builtinDateFormat(xf.NumFmtID)
		}
	}
	return out
}

// builtinDateFormat reports whether a built-in number format (ECMA-376
// 18.8.30, with the East Asian date formats) shows a date or time.
func builtinDateFormat(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
}

// isDateFormat reports whether a custom number format shows a date: it has
// d, m or y outside quoted text, escapes and [colour] sections.
func isDateFormat(code string) bool {
	inQ, inB := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQ:
			inQ = c != '"'
		case inB:
			inB = c != ']'
		case c == '"':
			inQ = true
		case c == '[':
			inB = true
		case c == '\\' || c == '_' || c == '*':
			i++
		default:
			switch c | 0x20 {
			case 'd', 'm', 'y':
				return true
			}
		}
	}
	return false
}

// scanSheet reads a sheet's XML to its end, recording the dimension, the
// last row, and the formula, TRUE/FALSE and date cells.
func scanSheet(zr *zip.Reader, name string, dateStyles map[int]bool, lim Limits) *xlsxScan {
	s := &xlsxScan{cells: map[[2]int]xlsxCell{}, shared: map[[2]int]int{}}
	zf := zipEntry(zr, name)
	if zf == nil {
		s.err = fmt.Errorf("its part %s is missing", name)
		return s
	}
	rc, err := zf.Open()
	if err != nil {
		s.err = err
		return s
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, lim.MaxXLSXBytes))
	row, col := 0, 0
	var cur xlsxCell
	var curAt [2]int
	inCell, inF, inV, inIs := false, false, false, false
	vtext := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return s
		}
		if err != nil {
			s.err = err
			return s
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "dimension":
				s.dimension = attr(e, "ref")
			case "mergeCell":
				if len(s.merges) >= 100_000 {
					s.err = errors.New("more than 100000 merged ranges")
					return s
				}
				s.merges = append(s.merges, strings.ToUpper(attr(e, "ref")))
			case "row":
				if n, err := strconv.Atoi(attr(e, "r")); err == nil && n > 0 {
					row = n
				} else {
					row++
				}
				col = 0
				s.lastRow = row
			case "c":
				col++
				if c, r, err := excelize.CellNameToCoordinates(attr(e, "r")); err == nil {
					col, row = c, r
				}
				inCell = true
				curAt = [2]int{row, col}
				cur = xlsxCell{typ: attr(e, "t")}
				vtext = ""
				if st, err := strconv.Atoi(attr(e, "s")); err == nil && dateStyles[st] {
					cur.date = true
				}
			case "f":
				if inCell {
					cur.hasF = true
					inF = true
				}
			case "v":
				if inCell {
					inV = true
					cur.hasV = true
				}
			case "is":
				if inCell {
					inIs = true
					cur.hasV = true
				}
			}
		case xml.CharData:
			if inF && len(cur.formula) < 1024 {
				cur.formula += string(e)
			}
			if inV && len(vtext) < 64 {
				vtext += string(e)
			}
			if (inV || inIs) && strings.TrimSpace(string(e)) != "" {
				cur.nonEmpty = true
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "f":
				inF = false
			case "v":
				inV = false
			case "is":
				inIs = false
			case "c":
				inCell = false
				if curAt[1] > s.maxCol {
					s.maxCol = curAt[1]
				}
				if cur.nonEmpty && curAt[0] > s.lastValRow {
					s.lastValRow = curAt[0]
				}
				cur.float = (cur.typ == "" || cur.typ == "n") && strings.ContainsAny(vtext, ".eE")
				if cur.typ == "s" && cur.hasV {
					i, err := strconv.Atoi(strings.TrimSpace(vtext))
					if err != nil {
						i = -1
					}
					if len(s.shared) >= 4*lim.MaxRows {
						s.err = limitErr("MaxRows", fmt.Sprintf("more than %d text cells", 4*lim.MaxRows))
						return s
					}
					s.shared[curAt] = i
				}
				if cur.hasF || cur.float || cur.typ == "b" || cur.typ == "d" || cur.date && (cur.typ == "" || cur.typ == "n") {
					if len(s.cells) >= 4*lim.MaxRows {
						s.err = limitErr("MaxRows", fmt.Sprintf("more than %d formula or date cells", 4*lim.MaxRows))
						return s
					}
					s.cells[curAt] = cur
				}
			case "worksheet":
				s.complete = true
			}
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// dimensionLastRow is the last row of a <dimension ref="A1:D20">, 0 when
// there is none.
func dimensionLastRow(ref string) int {
	if ref == "" {
		return 0
	}
	parts := strings.Split(ref, ":")
	_, r, err := excelize.CellNameToCoordinates(parts[len(parts)-1])
	if err != nil {
		return 0
	}
	return r
}
