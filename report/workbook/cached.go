package workbook

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"
)

// Cached values. excelize writes a formula cell with no stored result
// (t="str" and no <v>), so a reader that does not calculate (pandas,
// openpyxl with data_only, file previewers, casualty itself) sees a blank.
// Every formula's result is known: Go computed it (FormulaCell.Want). The
// file excelize wrote is therefore rewritten once, each formula cell given
// its value as a number, so the workbook holds both the live formula and
// the figure casualty computed.

// replaceFormulaCells returns x with each formula cell as excelize writes
// it, `<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="str"><f>([^<]*)</f></c>`,
// leftmost first and not overlapping, replaced by repl(ref, style,
// formula) (style with its leading space, or empty), or kept when repl
// returns nil. It gives what that regular expression's ReplaceAllFunc
// would (FuzzReplaceFormulaCells), scanned by hand: a sheet has thousands
// of cells, and the regular expression engine took a fifth of the
// workbook's time.
func replaceFormulaCells(x []byte, repl func(ref, style, formula []byte) []byte) []byte {
	const open = `<c r="`
	var out []byte
	done := 0 // x[:done] is in out
	for i := 0; ; {
		j := bytes.Index(x[i:], []byte(open))
		if j < 0 {
			break
		}
		start := i + j
		end, ref, style, formula, ok := matchFormulaCell(x, start+len(open))
		if !ok {
			i = start + 1
			continue
		}
		r := repl(ref, style, formula)
		if r == nil {
			i = end
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(x)+len(x)/8)
		}
		out = append(append(out, x[done:start]...), r...)
		done, i = end, end
	}
	if out == nil {
		return x
	}
	return append(out, x[done:]...)
}

// matchFormulaCell matches the rest of xlFormulaCell at x[i:], just after
// `<c r="`, returning the end of the match and its three groups.
func matchFormulaCell(x []byte, i int) (end int, ref, style, formula []byte, ok bool) {
	span := func(i int, in func(byte) bool) int {
		for i < len(x) && in(x[i]) {
			i++
		}
		return i
	}
	upper := func(c byte) bool { return 'A' <= c && c <= 'Z' }
	digit := func(c byte) bool { return '0' <= c && c <= '9' }
	lit := func(i int, s string) (int, bool) {
		if bytes.HasPrefix(x[i:], []byte(s)) {
			return i + len(s), true
		}
		return i, false
	}
	a := i
	b := span(a, upper)
	c := span(b, digit)
	if b == a || c == b {
		return 0, nil, nil, nil, false
	}
	ref = x[a:c]
	i, ok = lit(c, `"`)
	if !ok {
		return 0, nil, nil, nil, false
	}
	s0 := i
	if k, ok := lit(i, ` s="`); ok {
		if d := span(k, digit); d > k {
			if e, ok := lit(d, `"`); ok {
				i = e
			}
		}
	}
	style = x[s0:i]
	if i, ok = lit(i, ` t="str"><f>`); !ok {
		return 0, nil, nil, nil, false
	}
	f0 := i
	i = span(i, func(c byte) bool { return c != '<' })
	formula = x[f0:i]
	if i, ok = lit(i, `</f></c>`); !ok {
		return 0, nil, nil, nil, false
	}
	return i, ref, style, formula, true
}

// xlParts are the parts of a workbook as excelize writes them, in its
// order, not yet zipped: excelize's ZipWriter, set on the file, collects
// them (see writeWithCachedValues), so the formulas' values are put in
// before the one compression instead of unzipping and zipping the file
// again.
type xlParts struct {
	names []string
	data  map[string]*bytes.Buffer
}

func newXLParts() *xlParts { return &xlParts{data: map[string]*bytes.Buffer{}} }

// Create starts a part.
func (p *xlParts) Create(name string) (io.Writer, error) {
	if _, dup := p.data[name]; dup {
		return nil, fmt.Errorf("cached values: part %s written twice", name)
	}
	b := &bytes.Buffer{}
	p.names = append(p.names, name)
	p.data[name] = b
	return b, nil
}

// AddFS is not used by excelize's WriteTo.
func (p *xlParts) AddFS(fs.FS) error {
	return fmt.Errorf("cached values: adding a file system is not supported")
}

// Close ends the parts.
func (p *xlParts) Close() error { return nil }

// Open reads a part, for xlSheetPaths.
func (p *xlParts) Open(name string) (io.Reader, error) {
	b, ok := p.data[name]
	if !ok {
		return nil, fmt.Errorf("cached values: no part %s", name)
	}
	return bytes.NewReader(b.Bytes()), nil
}

// xlRewrittenModified is the modification time the rewritten sheets
// carry: the zero MS-DOS date and time read back, as an earlier version
// of this pass copied it from excelize's zip, so that the bytes stay the
// same.
var xlRewrittenModified = time.Date(1980, 0, 0, 0, 0, 0, 0, time.UTC)

// writeWithCachedValues zips parts into w as excelize would, giving every
// formula of the ledger its value. A formula in the file with no value in
// the ledger, or a ledger entry not found in the file, is an error: no
// formula is left blank and no value is put on the wrong cell.
func writeWithCachedValues(w io.Writer, parts *xlParts, ledger []FormulaCell) error {
	paths, err := xlSheetPaths(parts.Open)
	if err != nil {
		return err
	}
	bySheet := map[string]map[string]FormulaCell{} // part path → cell → formula
	sheetOf := map[string]string{}                 // part path → sheet name
	for name, p := range paths {
		sheetOf[p] = name
	}
	for _, fc := range ledger {
		p, ok := paths[fc.Sheet]
		if !ok {
			return fmt.Errorf("cached values: no sheet %s", fc.Sheet)
		}
		if bySheet[p] == nil {
			bySheet[p] = map[string]FormulaCell{}
		}
		bySheet[p][fc.Cell] = fc
	}
	zw := zip.NewWriter(w)
	for _, name := range parts.names {
		x := parts.data[name].Bytes()
		cells, ok := bySheet[name]
		if !ok {
			fw, err := zw.Create(name)
			if err != nil {
				return err
			}
			if _, err := fw.Write(x); err != nil {
				return err
			}
			continue
		}
		found := 0
		var bad error
		x = replaceFormulaCells(x, func(ref, style, formula []byte) []byte {
			fc, ok := cells[string(ref)]
			if !ok {
				if bad == nil {
					bad = fmt.Errorf("cached values: %s!%s holds a formula with no computed value", sheetOf[name], ref)
				}
				return nil
			}
			found++
			v := strconv.FormatFloat(fc.Want, 'g', -1, 64)
			return fmt.Appendf(nil, `<c r="%s"%s><f>%s</f><v>%s</v></c>`, ref, style, formula, v)
		})
		if bad != nil {
			return bad
		}
		if found != len(cells) {
			return fmt.Errorf("cached values: %d formulas written on %s, %d found in the file", len(cells), name, found)
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: xlRewrittenModified})
		if err != nil {
			return err
		}
		if _, err := fw.Write(x); err != nil {
			return err
		}
	}
	return zw.Close()
}

// xlSheetPaths maps each sheet's name to its part in the zip
// ("xl/worksheets/sheet3.xml"), from the workbook and its relationships.
func xlSheetPaths(open func(name string) (io.Reader, error)) (map[string]string, error) {
	var wbx struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	read := func(name string, v any) error {
		f, err := open(name)
		if err != nil {
			return err
		}
		return xml.NewDecoder(f).Decode(v)
	}
	if err := read("xl/workbook.xml", &wbx); err != nil {
		return nil, err
	}
	if err := read("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wbx.Sheets {
		out[s.Name] = target[s.RID]
	}
	return out, nil
}
