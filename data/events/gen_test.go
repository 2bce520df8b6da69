package events

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/casualty-tool/casualty/data"
)

// genArea is a spelling an event file may use and the p-code it means,
// written out here by hand (not taken from data.Ukraine) so the expected
// sums do not depend on the code under test.
type genArea struct{ spelling, pcode string }

var genAreas = []genArea{
	{"Donetsk", "UA14"}, {"Kyiv City", "UA80"}, {"Kyiv", "UA32"}, {"Kharkiv", "UA63"},
	{"Zaporizhia", "UA23"}, {"Kherson", "UA65"}, {"Luhansk", "UA44"}, {"Crimea", "UA01"},
	{"Odesa", "UA51"}, {"Sumy", "UA59"}, {"Lviv", "UA46"}, {"Ivano-Frankivsk", "UA26"},
	{"UA85", "UA85"}, {"donetsk", "UA14"}, {" Kharkiv ", "UA63"},
}

type genKey struct {
	month data.Month
	area  string
}

type genSums struct{ events, killed, injured int64 }

// genOptions shape a generated file.
type genOptions struct {
	rows   int
	seed   uint64
	crlf   bool // Windows line ends
	quotes bool // notes with commas, doubled quotes and line breaks
	words  bool // dates written 14 March 2025 and 14-March-2025 too
	plain  bool // no double quote anywhere (areas with a space too)
}

// genEvents writes an ACLED-like event file and returns, computed as it is
// written, what an aggregation must find: events, killed and injured per
// month and p-code. Rows of type "Protests" are listed separately so a
// filter can be checked.
func genEvents(o genOptions) (file []byte, all, notProtests map[genKey]genSums) {
	r := rand.New(rand.NewPCG(o.seed, 7))
	all, notProtests = map[genKey]genSums{}, map[genKey]genSums{}
	nl := "\n"
	if o.crlf {
		nl = "\r\n"
	}
	var b bytes.Buffer
	b.WriteString("event_id_cnty,event_date,year,event_type,admin1,notes,fatalities,injured" + nl)
	start := time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)
	types := []string{"Explosions/Remote violence", "Battles", "Protests", "Violence against civilians"}
	for i := 0; i < o.rows; i++ {
		day := start.AddDate(0, 0, i*900/max(o.rows, 1)+r.IntN(3))
		date := day.Format("2006-01-02")
		if o.words {
			switch r.IntN(3) {
			case 1:
				date = day.Format("2 January 2006")
			case 2:
				date = day.Format("02-January-2006")
			}
		}
		a := genAreas[r.IntN(len(genAreas))]
		typ := types[r.IntN(len(types))]
		killed := int64(0)
		if r.IntN(5) == 0 {
			killed = int64(r.IntN(40))
		}
		injured := int64(r.IntN(3) * r.IntN(20))
		area := a.spelling
		if !o.plain && (strings.Contains(area, " ") || r.IntN(4) == 0) {
			area = `"` + area + `"`
		}
		note := "Shelling reported."
		if o.quotes {
			switch r.IntN(5) {
			case 0:
				note = `"On 3 March, shelling hit a school, a clinic and homes."`
			case 1:
				note = `"Officials said ""at least 5"" were hurt."`
			case 2:
				note = `"First line of the note,` + nl + `second line; the day after` + nl + `a third."`
			case 3:
				note = `""`
			}
		}
		fmt.Fprintf(&b, "UKR%d,%s,%d,%s,%s,%s,%d,%d%s", i+1, date, day.Year(), typ, area, note, killed, injured, nl)
		k := genKey{data.MonthOf(day), a.pcode}
		s := all[k]
		s.events++
		s.killed += killed
		s.injured += injured
		all[k] = s
		if typ != "Protests" {
			t := notProtests[k]
			t.events++
			t.killed += killed
			t.injured += injured
			notProtests[k] = t
		}
	}
	return b.Bytes(), all, notProtests
}
