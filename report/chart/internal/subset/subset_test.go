package subset

import (
	"bytes"
	"slices"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// chartText holds what charts write: digits, thousands separators (thin
// space), signs, dashes, "≥" and "≈", accented area names (Ukrainian
// transliterations and Cyrillic), and "中", which Liberation Sans lacks
// (drawn as .notdef in the font and in the subset alike).
const chartText = "Civilians killed and injured, Feb 2022–Jan 2026: 1 074 −12% ≥5 ≈3 · Kyïv Львів Zaporizka Čé ñ «» 中"

// TestSubsetDrawsTheSame subsets both faces charts use and checks, rune by
// rune, that the subset parses with x/image's sfnt, maps every rune the
// full font maps, and gives the same outline, advance and kerning.
func TestSubsetDrawsTheSame(t *testing.T) {
	for name, src := range map[string][]byte{"regular": liberationsansregular.TTF, "bold": liberationsansbold.TTF} {
		t.Run(name, func(t *testing.T) {
			sub, err := Font(src, []rune(chartText))
			if err != nil {
				t.Fatal(err)
			}
			if len(sub) > len(src)/10 {
				t.Errorf("subset is %d bytes of the font's %d; want a tenth at most", len(sub), len(src))
			}
			full, err := sfnt.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			part, err := sfnt.Parse(sub)
			if err != nil {
				t.Fatalf("the subset does not parse: %v", err)
			}
			var fb, pb sfnt.Buffer
			ppem := fixed.Int26_6(full.UnitsPerEm())
			runes := []rune(chartText)
			composite := 0
			for i, r := range runes {
				fg, _ := full.GlyphIndex(&fb, r)
				pg, err := part.GlyphIndex(&pb, r)
				if err != nil {
					t.Fatalf("%q: %v", r, err)
				}
				if (fg == 0) != (pg == 0) {
					t.Fatalf("%q: glyph %d in the font, %d in the subset", r, fg, pg)
				}
				if fg == 0 {
					continue
				}
				fs, err1 := full.LoadGlyph(&fb, fg, ppem, nil)
				ps, err2 := part.LoadGlyph(&pb, pg, ppem, nil)
				if err1 != nil || err2 != nil {
					t.Fatalf("%q: %v, %v", r, err1, err2)
				}
				if !slices.Equal(fs, ps) {
					t.Errorf("%q: the outline differs", r)
				}
				fa, _ := full.GlyphAdvance(&fb, fg, ppem, font.HintingNone)
				pa, _ := part.GlyphAdvance(&pb, pg, ppem, font.HintingNone)
				if fa != pa {
					t.Errorf("%q: advance %v in the font, %v in the subset", r, fa, pa)
				}
				if c, _ := components(glyphData(t, src, int(fg))); len(c) > 0 {
					composite++
				}
				if i > 0 {
					prevF, _ := full.GlyphIndex(&fb, runes[i-1])
					prevP, _ := part.GlyphIndex(&pb, runes[i-1])
					fk, _ := full.Kern(&fb, prevF, fg, ppem, font.HintingNone)
					pk, _ := part.Kern(&pb, prevP, pg, ppem, font.HintingNone)
					if fk != pk {
						t.Errorf("%q%q: kerning %v in the font, %v in the subset", runes[i-1], r, fk, pk)
					}
				}
			}
			if composite == 0 {
				t.Error("no composite glyph in the text: the test does not cover them")
			}
			// Pairs the font kerns must kern in the subset too.
			for _, pr := range [][2]rune{{'A', 'v'}, {'L', 'T'}, {'P', ','}} {
				sub, err := Font(src, pr[:])
				if err != nil {
					t.Fatal(err)
				}
				part, _ := sfnt.Parse(sub)
				a, _ := full.GlyphIndex(&fb, pr[0])
				b, _ := full.GlyphIndex(&fb, pr[1])
				fk, _ := full.Kern(&fb, a, b, ppem, font.HintingNone)
				a, _ = part.GlyphIndex(&pb, pr[0])
				b, _ = part.GlyphIndex(&pb, pr[1])
				pk, _ := part.Kern(&pb, a, b, ppem, font.HintingNone)
				if fk != pk {
					t.Errorf("%q%q: kerning %v in the font, %v in the subset", pr[0], pr[1], fk, pk)
				}
			}
		})
	}
}

// TestSubsetKernsSomething makes sure the kerning check above can fail:
// Liberation Sans kerns "AV".
func TestSubsetKernsSomething(t *testing.T) {
	sub, err := Font(liberationsansregular.TTF, []rune("AV"))
	if err != nil {
		t.Fatal(err)
	}
	f, _ := sfnt.Parse(sub)
	var b sfnt.Buffer
	a, _ := f.GlyphIndex(&b, 'A')
	v, _ := f.GlyphIndex(&b, 'V')
	k, err := f.Kern(&b, a, v, fixed.Int26_6(f.UnitsPerEm()), font.HintingNone)
	if err != nil || k == 0 {
		t.Fatalf("AV kerning in the subset: %v, %v; want a negative kern", k, err)
	}
}

// TestSubsetDeterministic: the same runes in any order give the same bytes.
func TestSubsetDeterministic(t *testing.T) {
	a, err := Font(liberationsansregular.TTF, []rune("abc123"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Font(liberationsansregular.TTF, []rune("3c2b1aab"))
	if !bytes.Equal(a, b) {
		t.Fatal("the same runes in another order give another font")
	}
	if sum := checksum(a); sum != 0xB1B0AFBA {
		t.Errorf("the font sums to %#x, want 0xB1B0AFBA", sum)
	}
}

func TestSubsetRefusesNonTrueType(t *testing.T) {
	if _, err := Font([]byte("OTTO not a font"), []rune("a")); err == nil {
		t.Fatal("no error for a file that is not a TrueType font")
	}
}

func glyphData(t *testing.T, src []byte, g int) []byte {
	tabs, err := readTables(src)
	if err != nil {
		t.Fatal(err)
	}
	head := tabs["head"]
	loca, err := readLoca(tabs["loca"], int(int16(u16(head, 50))), int(u16(tabs["maxp"], 4)), len(tabs["glyf"]))
	if err != nil {
		t.Fatal(err)
	}
	return tabs["glyf"][loca[g]:loca[g+1]]
}
