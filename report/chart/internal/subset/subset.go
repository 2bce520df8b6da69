// Package subset cuts a TrueType font down to the glyphs a text uses, so
// that an SVG chart can embed its font in a few kilobytes rather than the
// whole file (Liberation Sans is 400 KB, 550 KB in base64).
//
// No maintained Go library writes fonts (golang.org/x/image/font/sfnt only
// reads them), so this is a small subsetter of our own for TrueType
// outlines (glyf/loca). It keeps what a renderer needs to draw the same
// text at the same positions:
//
//   - the glyphs of the runes asked for, .notdef, and every glyph a
//     composite glyph is built from, renumbered in their original order;
//   - their outlines (glyf, with composite glyphs' component indices
//     rewritten), a long-format loca, their advances and side bearings
//     (hmtx), and the font's names, copyright, licence and metrics (name,
//     OS/2, head, hhea, maxp);
//   - a format-4 cmap holding only the runes kept, post without glyph
//     names (version 3), and the kern table's pairs among the glyphs kept:
//     gonum/plot lays text out with the kern table alone, so a browser
//     given the same table places each glyph where gonum/plot measured it.
//
// It drops the OpenType layout tables (GPOS, GSUB, GDEF): gonum/plot does
// not apply them, so keeping them would make a browser kern and ligate
// text differently from the layout the chart was drawn with. It drops the
// hinting too (the glyphs' instructions and cvt, fpgm, prep, gasp), a
// third of what is left: an SVG is scaled to any size, where hinting for
// small pixel sizes does not apply, and the outlines are untouched.
package subset

import (
	"encoding/binary"
	"fmt"
	"slices"
	"sort"

	"golang.org/x/image/font/sfnt"
)

// Font returns a TrueType font holding only the glyphs that the runes
// need (see the package comment). Runes the font has no glyph for are
// left out: they drew as .notdef in the full font and still do. The same
// font and runes, in any order and with repeats, give the same bytes.
func Font(src []byte, runes []rune) ([]byte, error) {
	f, err := sfnt.Parse(src)
	if err != nil {
		return nil, fmt.Errorf("subset: %v", err)
	}
	tabs, err := readTables(src)
	if err != nil {
		return nil, err
	}
	for _, tag := range []string{"head", "hhea", "hmtx", "maxp", "loca", "glyf", "post"} {
		if _, ok := tabs[tag]; !ok {
			return nil, fmt.Errorf("subset: the font has no %s table (only TrueType outlines can be subset)", tag)
		}
	}
	head, hhea, maxp := tabs["head"], tabs["hhea"], tabs["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, fmt.Errorf("subset: the head, hhea or maxp table is too short")
	}
	numGlyphs := int(u16(maxp, 4))
	loca, err := readLoca(tabs["loca"], int(int16(u16(head, 50))), numGlyphs, len(tabs["glyf"]))
	if err != nil {
		return nil, err
	}
	glyf := tabs["glyf"]
	glyph := func(g int) []byte { return glyf[loca[g]:loca[g+1]] }

	// The runes kept and their glyphs.
	var buf sfnt.Buffer
	rs := slices.Clone(runes)
	slices.Sort(rs)
	rs = slices.Compact(rs)
	type mapping struct {
		r rune
		g int
	}
	var cmap []mapping
	keep := map[int]bool{0: true}
	for _, r := range rs {
		if r > 0xFFFF {
			continue // format 4 holds the Basic Multilingual Plane; Liberation has nothing beyond it
		}
		g, err := f.GlyphIndex(&buf, r)
		if err != nil {
			return nil, fmt.Errorf("subset: rune %U: %v", r, err)
		}
		if g == 0 {
			continue
		}
		cmap = append(cmap, mapping{r, int(g)})
		keep[int(g)] = true
	}
	// Composite glyphs bring their components, which may be composite.
	todo := make([]int, 0, len(keep))
	for g := range keep {
		todo = append(todo, g)
	}
	for len(todo) > 0 {
		g := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if g >= numGlyphs {
			return nil, fmt.Errorf("subset: glyph %d is beyond the font's %d glyphs", g, numGlyphs)
		}
		comps, err := components(glyph(g))
		if err != nil {
			return nil, fmt.Errorf("subset: glyph %d: %v", g, err)
		}
		for _, c := range comps {
			if !keep[c.glyph] {
				keep[c.glyph] = true
				todo = append(todo, c.glyph)
			}
		}
	}
	old := make([]int, 0, len(keep)) // new index → old index
	for g := range keep {
		old = append(old, g)
	}
	sort.Ints(old)
	newIndex := make(map[int]int, len(old))
	for i, g := range old {
		newIndex[g] = i
	}

	// glyf and loca.
	var newGlyf []byte
	newLoca := make([]byte, 4*(len(old)+1))
	for i, g := range old {
		binary.BigEndian.PutUint32(newLoca[4*i:], uint32(len(newGlyf)))
		d, err := unhinted(glyph(g))
		if err != nil {
			return nil, fmt.Errorf("subset: glyph %d: %v", g, err)
		}
		comps, _ := components(d) // parsed without error above
		for _, c := range comps {
			if c.glyph >= numGlyphs {
				return nil, fmt.Errorf("subset: glyph %d is built from glyph %d, beyond the font's %d glyphs", g, c.glyph, numGlyphs)
			}
			binary.BigEndian.PutUint16(d[c.at:], uint16(newIndex[c.glyph]))
		}
		newGlyf = append(newGlyf, d...)
		for len(newGlyf)%4 != 0 { // each glyph on a 4-byte boundary
			newGlyf = append(newGlyf, 0)
		}
	}
	binary.BigEndian.PutUint32(newLoca[4*len(old):], uint32(len(newGlyf)))

	// hmtx: one full metric per glyph.
	hmtx := tabs["hmtx"]
	numH := int(u16(hhea, 34))
	if numH == 0 || numH > numGlyphs || len(hmtx) < 4*numH+2*(numGlyphs-numH) {
		return nil, fmt.Errorf("subset: the hmtx table is too short for %d glyphs", numGlyphs)
	}
	newHmtx := make([]byte, 4*len(old))
	for i, g := range old {
		adv := u16(hmtx, 4*min(g, numH-1))
		var lsb uint16
		if g < numH {
			lsb = u16(hmtx, 4*g+2)
		} else {
			lsb = u16(hmtx, 4*numH+2*(g-numH))
		}
		binary.BigEndian.PutUint16(newHmtx[4*i:], adv)
		binary.BigEndian.PutUint16(newHmtx[4*i+2:], lsb)
	}

	// cmap, format 4, one segment per rune: a chart uses a hundred runes
	// at most, so a segment each costs less than working out ranges.
	segs := len(cmap) + 1
	sub := make([]byte, 16+8*segs)
	binary.BigEndian.PutUint16(sub[0:], 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*segs))
	sr, es := 1, 0 // the largest power of two ≤ segs, and its log
	for sr*2 <= segs {
		sr *= 2
		es++
	}
	binary.BigEndian.PutUint16(sub[8:], uint16(2*sr))
	binary.BigEndian.PutUint16(sub[10:], uint16(es))
	binary.BigEndian.PutUint16(sub[12:], uint16(2*segs-2*sr))
	ends, starts := sub[14:], sub[16+2*segs:]
	deltas, offsets := sub[16+4*segs:], sub[16+6*segs:]
	for i, m := range cmap {
		binary.BigEndian.PutUint16(ends[2*i:], uint16(m.r))
		binary.BigEndian.PutUint16(starts[2*i:], uint16(m.r))
		binary.BigEndian.PutUint16(deltas[2*i:], uint16(newIndex[m.g]-int(m.r))) // modulo 65536
		binary.BigEndian.PutUint16(offsets[2*i:], 0)
	}
	last := segs - 1 // the closing segment 0xFFFF → .notdef
	binary.BigEndian.PutUint16(ends[2*last:], 0xFFFF)
	binary.BigEndian.PutUint16(starts[2*last:], 0xFFFF)
	binary.BigEndian.PutUint16(deltas[2*last:], 1)
	newCmap := make([]byte, 12, 12+len(sub))
	binary.BigEndian.PutUint16(newCmap[2:], 1)  // one encoding record
	binary.BigEndian.PutUint16(newCmap[4:], 3)  // Windows
	binary.BigEndian.PutUint16(newCmap[6:], 1)  // Unicode BMP
	binary.BigEndian.PutUint32(newCmap[8:], 12) // offset of the subtable
	newCmap = append(newCmap, sub...)

	out := map[string][]byte{
		"glyf": newGlyf,
		"loca": newLoca,
		"hmtx": newHmtx,
		"cmap": newCmap,
	}
	h := slices.Clone(head)
	binary.BigEndian.PutUint32(h[8:], 0) // checkSumAdjustment, set at the end
	binary.BigEndian.PutUint16(h[50:], 1)
	out["head"] = h
	hh := slices.Clone(hhea)
	binary.BigEndian.PutUint16(hh[34:], uint16(len(old)))
	out["hhea"] = hh
	mp := slices.Clone(maxp)
	binary.BigEndian.PutUint16(mp[4:], uint16(len(old)))
	out["maxp"] = mp
	post := tabs["post"]
	if len(post) < 32 {
		return nil, fmt.Errorf("subset: the post table is too short")
	}
	p := slices.Clone(post[:32])
	binary.BigEndian.PutUint32(p[0:], 0x00030000)
	out["post"] = p
	if k, ok := tabs["kern"]; ok {
		nk, err := subsetKern(k, newIndex)
		if err != nil {
			return nil, err
		}
		if nk != nil {
			out["kern"] = nk
		}
	}
	for _, tag := range []string{"OS/2", "name"} {
		if t, ok := tabs[tag]; ok {
			out[tag] = t
		}
	}
	return writeFont(out), nil
}

// component is one part of a composite glyph: the glyph it draws, and
// where in the glyph's data its index is.
type component struct {
	glyph int
	at    int
	end   int // where the component's record ends
}

// Composite glyph flags (OpenType glyf table).
const (
	argsAreWords     = 0x0001
	haveScale        = 0x0008
	moreComponents   = 0x0020
	haveXYScale      = 0x0040
	haveTwoByTwo     = 0x0080
	haveInstructions = 0x0100
	composedHeadLen  = 10
)

// components lists a composite glyph's parts; a simple or empty glyph
// has none.
func components(d []byte) ([]component, error) {
	if len(d) == 0 {
		return nil, nil
	}
	if len(d) < composedHeadLen {
		return nil, fmt.Errorf("glyph data too short")
	}
	if int16(u16(d, 0)) >= 0 {
		return nil, nil
	}
	var out []component
	for i := composedHeadLen; ; {
		if i+4 > len(d) {
			return nil, fmt.Errorf("composite glyph ends inside a component")
		}
		flags := u16(d, i)
		out = append(out, component{glyph: int(u16(d, i+2)), at: i + 2})
		i += 4
		if flags&argsAreWords != 0 {
			i += 4
		} else {
			i += 2
		}
		switch {
		case flags&haveScale != 0:
			i += 2
		case flags&haveXYScale != 0:
			i += 4
		case flags&haveTwoByTwo != 0:
			i += 8
		}
		if i > len(d) {
			return nil, fmt.Errorf("composite glyph ends inside a component")
		}
		out[len(out)-1].end = i
		if flags&moreComponents == 0 {
			return out, nil
		}
	}
}

// unhinted returns a copy of a glyph's data without its hinting
// instructions.
func unhinted(d []byte) ([]byte, error) {
	if len(d) == 0 {
		return nil, nil
	}
	if len(d) < composedHeadLen {
		return nil, fmt.Errorf("glyph data too short")
	}
	if n := int(int16(u16(d, 0))); n >= 0 {
		// Simple: header, endPtsOfContours[n], instructionLength,
		// instructions, then flags and coordinates.
		at := composedHeadLen + 2*n
		if at+2 > len(d) {
			return nil, fmt.Errorf("glyph data too short")
		}
		skip := int(u16(d, at))
		if at+2+skip > len(d) {
			return nil, fmt.Errorf("glyph instructions run past the glyph")
		}
		out := make([]byte, 0, len(d)-skip)
		out = append(out, d[:at]...)
		out = append(out, 0, 0)
		return append(out, d[at+2+skip:]...), nil
	}
	// Composite: the instructions follow the last component, flagged on it.
	comps, err := components(d)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(d)
	end := composedHeadLen
	for _, c := range comps {
		flags := u16(out, c.at-2)
		binary.BigEndian.PutUint16(out[c.at-2:], flags&^haveInstructions)
		end = c.end
	}
	return out[:end], nil
}

// subsetKern keeps the pairs of a version-0 kern table's format-0
// subtables whose glyphs are both kept, renumbered. It returns nil when no
// pair is left, and drops subtables of other formats, which gonum/plot
// does not read either.
func subsetKern(k []byte, newIndex map[int]int) ([]byte, error) {
	if len(k) < 4 || u16(k, 0) != 0 {
		return nil, nil // not the version-0 table gonum/plot reads
	}
	type pair struct {
		key uint32
		v   uint16
	}
	var tables [][]byte
	off := 4
	for range int(u16(k, 2)) {
		if off+6 > len(k) {
			return nil, fmt.Errorf("subset: the kern table is too short")
		}
		length, coverage := int(u16(k, off+2)), u16(k, off+4)
		if length < 6 || off+length > len(k) {
			return nil, fmt.Errorf("subset: a kern subtable runs past the table")
		}
		st := k[off : off+length]
		off += length
		if coverage>>8 != 0 { // format 0 only
			continue
		}
		if len(st) < 14 {
			return nil, fmt.Errorf("subset: a kern subtable is too short")
		}
		n := int(u16(st, 6))
		if 14+6*n > len(st) {
			return nil, fmt.Errorf("subset: a kern subtable is shorter than its %d pairs", n)
		}
		var pairs []pair
		for i := range n {
			p := st[14+6*i:]
			l, lok := newIndex[int(u16(p, 0))]
			r, rok := newIndex[int(u16(p, 2))]
			if lok && rok {
				pairs = append(pairs, pair{uint32(l)<<16 | uint32(r), u16(p, 4)})
			}
		}
		if len(pairs) == 0 {
			continue
		}
		sort.Slice(pairs, func(i, j int) bool { return pairs[i].key < pairs[j].key })
		t := make([]byte, 14+6*len(pairs))
		binary.BigEndian.PutUint16(t[2:], uint16(len(t)))
		binary.BigEndian.PutUint16(t[4:], coverage)
		binary.BigEndian.PutUint16(t[6:], uint16(len(pairs)))
		sr, es := 1, 0
		for sr*2 <= len(pairs) {
			sr *= 2
			es++
		}
		binary.BigEndian.PutUint16(t[8:], uint16(6*sr))
		binary.BigEndian.PutUint16(t[10:], uint16(es))
		binary.BigEndian.PutUint16(t[12:], uint16(6*(len(pairs)-sr)))
		for i, p := range pairs {
			binary.BigEndian.PutUint32(t[14+6*i:], p.key)
			binary.BigEndian.PutUint16(t[18+6*i:], p.v)
		}
		tables = append(tables, t)
	}
	if len(tables) == 0 {
		return nil, nil
	}
	out := make([]byte, 4)
	binary.BigEndian.PutUint16(out[2:], uint16(len(tables)))
	for _, t := range tables {
		out = append(out, t...)
	}
	return out, nil
}

func u16(b []byte, i int) uint16 { return binary.BigEndian.Uint16(b[i:]) }

// readTables reads a TrueType font's table directory.
func readTables(src []byte) (map[string][]byte, error) {
	if len(src) < 12 || binary.BigEndian.Uint32(src) != 0x00010000 {
		return nil, fmt.Errorf("subset: not a TrueType font (only glyf outlines can be subset)")
	}
	n := int(u16(src, 4))
	if 12+16*n > len(src) {
		return nil, fmt.Errorf("subset: the table directory runs past the font")
	}
	tabs := make(map[string][]byte, n)
	for i := range n {
		r := src[12+16*i:]
		off, length := binary.BigEndian.Uint32(r[8:]), binary.BigEndian.Uint32(r[12:])
		if uint64(off)+uint64(length) > uint64(len(src)) {
			return nil, fmt.Errorf("subset: table %q runs past the font", r[:4])
		}
		tabs[string(r[:4])] = src[off : off+length]
	}
	return tabs, nil
}

// readLoca returns the numGlyphs+1 glyph offsets of a loca table in short
// (0) or long (1) format.
func readLoca(b []byte, format, numGlyphs, glyfLen int) ([]int, error) {
	out := make([]int, numGlyphs+1)
	switch format {
	case 0:
		if len(b) < 2*(numGlyphs+1) {
			return nil, fmt.Errorf("subset: the loca table is too short")
		}
		for i := range out {
			out[i] = 2 * int(u16(b, 2*i))
		}
	case 1:
		if len(b) < 4*(numGlyphs+1) {
			return nil, fmt.Errorf("subset: the loca table is too short")
		}
		for i := range out {
			out[i] = int(binary.BigEndian.Uint32(b[4*i:]))
		}
	default:
		return nil, fmt.Errorf("subset: unknown loca format %d", format)
	}
	for i := 1; i < len(out); i++ {
		if out[i] < out[i-1] || out[i] > glyfLen {
			return nil, fmt.Errorf("subset: the loca table is out of order at glyph %d", i-1)
		}
	}
	return out, nil
}

// writeFont writes tables as a TrueType file: the directory sorted by
// tag, each table on a 4-byte boundary with its checksum, and head's
// checkSumAdjustment set so the whole file sums to 0xB1B0AFBA.
func writeFont(tabs map[string][]byte) []byte {
	tags := make([]string, 0, len(tabs))
	for t := range tabs {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	out := make([]byte, 12+16*n)
	binary.BigEndian.PutUint32(out[0:], 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(16*(n-sr)))
	headAt := -1
	for i, tag := range tags {
		t := tabs[tag]
		r := out[12+16*i:]
		copy(r, tag)
		binary.BigEndian.PutUint32(r[4:], checksum(t))
		binary.BigEndian.PutUint32(r[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(r[12:], uint32(len(t)))
		if tag == "head" {
			headAt = len(out)
		}
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// checksum is the OpenType table checksum: the sum of big-endian uint32s,
// the last padded with zeros.
func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
