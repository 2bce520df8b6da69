package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/internal/atomicfile"
)

// pubHeader is the header of a publication file: the tidy columns plus the
// published range, so nothing a figure said is lost.
var pubHeader = []string{"month", "area", "metric", "value", "qualifier", "low", "high", "covers", "published", "publication", "source", "note"}

// encodePublication writes figures as a publication file.
func encodePublication(obs []data.Observation) ([]byte, error) {
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write(pubHeader)
	for _, o := range obs {
		low, high := "", ""
		if o.HasRange {
			low, high = strconv.FormatInt(o.Low, 10), strconv.FormatInt(o.High, 10)
		}
		cw.Write([]string{
			o.Month.String(), data.SafeText(o.Area), string(o.Metric), strconv.FormatInt(o.Value, 10),
			o.Qualifier.String(), low, high, covers(o), o.Published.Date.String(),
			data.SafeText(o.Published.Name), data.SafeText(o.Source), data.SafeText(o.Note),
		})
	}
	cw.Flush()
	return b.Bytes(), cw.Error()
}

func covers(o data.Observation) string {
	if !o.PartMonth() {
		return ""
	}
	return strconv.Itoa(o.FromDay) + "-" + strconv.Itoa(o.ToDay)
}

// readPublication loads one publication file.
func readPublication(path string) (pubFile, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return pubFile{}, fmt.Errorf("%s: cannot read: %v", path, err)
	}
	return parsePublication(b, path)
}

func parsePublication(b []byte, path string) (pubFile, error) {
	sum := sha256.Sum256(b)
	// No area table is given: each file loads with the country its
	// p-codes say (UA…, IQ…), so a store may hold any mission's series.
	ds, err := data.Load(bytes.NewReader(b), path, data.LoadOptions{Format: data.FormatTidy, Limits: storeLimits})
	if err != nil {
		return pubFile{}, err
	}
	pf := pubFile{Obs: ds.Obs, Sum: hex.EncodeToString(sum[:]), Size: int64(len(b)), Areas: ds.Areas}
	for i, o := range ds.Obs {
		// A figure casualty computed (the difference of two cumulative
		// totals) says so in its note, which is how a plain CSV keeps it.
		if strings.HasPrefix(o.Note, "derived:") {
			ds.Obs[i].Derived = true
		}
		if o.Published.Date.IsZero() {
			return pubFile{}, data.Errorf(o.Pos, "published", "want the publication date on every row of a stored publication, found none")
		}
		if i == 0 {
			pf.Pub = o.Published
		} else if o.Published != pf.Pub {
			return pubFile{}, data.Errorf(o.Pos, "published", "want one publication per file (%s, as on the first row), found %s", pf.Pub, o.Published)
		}
	}
	return pf, nil
}

// ukraine is the area table of a store with no publication yet.
var ukraine = sync.OnceValue(data.Ukraine)

// storeLimits are the load limits for files the store wrote itself: wider
// than for input, since a store grows by many ingests.
var storeLimits = data.Limits{MaxBytes: 1 << 30, MaxRows: 10_000_000, MaxLineBytes: 1 << 20}

// sameFigure reports whether two observations say the same thing: the
// fields a publication file keeps (not where each was read).
func sameFigure(a, b data.Observation) bool {
	return a.Month == b.Month && a.Area == b.Area && a.Metric == b.Metric && a.Value == b.Value &&
		a.Qualifier == b.Qualifier && a.HasRange == b.HasRange && a.Low == b.Low && a.High == b.High &&
		a.FromDay == b.FromDay && a.ToDay == b.ToDay && a.Published == b.Published &&
		a.Source == b.Source && a.Note == b.Note
}

// writePublication stores the figures of publication p in the file name
// within publications/ (see fileName). Before anything is written the encoded file is read
// back and must give exactly the figures meant: a publication that would
// not survive the trip (text spreadsheets would run as a formula, say) is
// refused rather than altered.
// It returns the file as written.
func (s *Store) writePublication(p data.Publication, in []data.Observation, name string) (pubFile, error) {
	obs := make([]data.Observation, len(in))
	for i, o := range in {
		o.Published = p
		// Text a spreadsheet would run is stored marked as text; the
		// figures themselves are never altered.
		o.Source, o.Note = data.SafeText(o.Source), data.SafeText(o.Note)
		obs[i] = o
	}
	b, err := encodePublication(obs)
	if err != nil {
		return pubFile{}, err
	}
	back, err := parsePublication(b, "encoded publication")
	if err != nil {
		return pubFile{}, fmt.Errorf("%s would not read back as written (%v); nothing was stored", p, err)
	}
	if len(back.Obs) != len(obs) {
		return pubFile{}, fmt.Errorf("%s: %d figures would read back as %d; nothing was stored", p, len(obs), len(back.Obs))
	}
	want := append([]data.Observation(nil), obs...)
	sortLike(want, back.Obs)
	for i := range want {
		if !sameFigure(want[i], back.Obs[i]) {
			return pubFile{}, data.Errorf(want[i].Pos, "", "%s %s would be stored as %q rather than %q (a publication name a spreadsheet would run as a formula is marked with an apostrophe); fix the text and ingest again",
				want[i].Key(), p, describe(back.Obs[i]), describe(want[i]))
		}
	}
	back.Name = name
	return back, atomicfile.Write(s.path(PubDir, name), func(w io.Writer) error { return slowWrite(w, b) })
}

func describe(o data.Observation) string {
	return fmt.Sprintf("%d %s, published %s %q, source %q, note %q", o.Value, o.Qualifier, o.Published.Date, o.Published.Name, o.Source, o.Note)
}

// sortLike orders want the way the loader ordered got (month, area,
// metric, part-month first): both hold one publication, so that order is
// total.
func sortLike(want, got []data.Observation) {
	rank := map[string]int{}
	for i, o := range got {
		rank[figureID(o)] = i
	}
	sorted := make([]data.Observation, len(want))
	used := make([]bool, len(want))
	var rest []data.Observation
	for _, o := range want {
		if i, ok := rank[figureID(o)]; ok && !used[i] {
			sorted[i], used[i] = o, true
		} else {
			rest = append(rest, o)
		}
	}
	for i := range sorted {
		if !used[i] && len(rest) > 0 {
			sorted[i], rest = rest[0], rest[1:]
		}
	}
	copy(want, sorted)
}

// figureID identifies a figure within one publication: its key and the
// days it covers.
func figureID(o data.Observation) string {
	return o.Key().String() + " " + covers(o)
}

// fileName picks the publication's file name: its date, then its name
// folded to lower-case letters, digits and dashes
// ("2025-04-09-hrmmu-update.csv"). existing maps names already taken by
// other publications; a clash gets a number.
func fileName(p data.Publication, existing map[string]bool) string {
	base := p.Date.String()
	if slug := slugify(p.Name); slug != "" {
		base += "-" + slug
	}
	name := base + ".csv"
	for n := 2; existing[name]; n++ {
		name = base + "-" + strconv.Itoa(n) + ".csv"
	}
	return name
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		ok := (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')
		if ok {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
		if b.Len() >= 60 {
			break
		}
	}
	return b.String()
}
