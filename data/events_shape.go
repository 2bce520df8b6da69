package data

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Event data aggregated by month: ACLED's monthly files on HDX (Month,
// Year, Admin1 Pcode, Admin2, Events, Fatalities) and HDX HAPI's
// conflict-event tables (admin1_code, admin2_code, event_type, events,
// fatalities, reference_period_start, reference_period_end). Their
// "fatalities" count every reported death in the events, combatants
// included, as reported in the news and by others: event data, not a
// monitoring mission's verified civilian counts. They load as the killed
// metric, with a warning that says what they are.
//
// The dataset is marked as ACLED's (data.ACLED: event data, all actors),
// so every output words its figures as such.
//
// HAPI gives one row per event type, and its types overlap: civilian
// targeting is a part of political violence, not an addition to it. So
// the types are never summed: the political_violence rows are read (all
// violent events, all actors), and the other types' rows are named in a
// warning with their fatalities; a file of one other type alone is read
// as that type. Several types without political_violence are refused.

// eventDataWarning says what a fatalities column counts.
func eventDataWarning(t *table, cols columns) error {
	i, ok := cols["metric:killed"]
	if !ok || normHeader(t.header[i]) != "fatalities" {
		return nil
	}
	return Errorf(t.hdrPos, t.header[i],
		"read as killed: these are reported fatalities of all actors from event data (ACLED), combatants included, not verified civilian counts")
}

// eventTypeRows picks the event type whose rows a table with an
// event_type column is read for, and says what is left out. keep is ""
// when the table has no such column.
func eventTypeRows(t *table, cols columns) (keep string, warns []error, err error) {
	ei, ok := cols["event_type"]
	if !ok {
		return "", nil, nil
	}
	fi, hasF := cols["metric:killed"]
	sums := map[string]int64{}
	rows := map[string]int{}
	var types []string
	for _, r := range t.rows {
		et := strings.TrimSpace(r.cell(ei))
		if _, seen := rows[et]; !seen {
			types = append(types, et)
		}
		rows[et]++
		if hasF {
			if c, err := ParseCount(r.cell(fi)); err == nil {
				sums[et] += c.Value
			}
		}
	}
	sort.Strings(types)
	const wide = "political_violence"
	switch {
	case len(types) == 1:
		keep = types[0]
	case rows[wide] > 0:
		keep = wide
	default:
		q := make([]string, len(types))
		for i, et := range types {
			q[i] = strconv.Quote(et)
		}
		return "", nil, Errorf(t.hdrPos, t.header[ei],
			"rows of %d event types (%s), and their fatalities may overlap (civilian targeting is a part of political violence): keep the rows of one type",
			len(types), strings.Join(q, ", "))
	}
	var left []string
	for _, et := range types {
		if et != keep {
			if hasF {
				left = append(left, fmt.Sprintf("%q (%s, %d fatalities)", et, plural(rows[et], "row"), sums[et]))
			} else {
				left = append(left, fmt.Sprintf("%q (%s)", et, plural(rows[et], "row")))
			}
		}
	}
	msg := fmt.Sprintf("read the rows of event type %q only", keep)
	if len(left) > 0 {
		msg += "; not added to them, since the types overlap: " + strings.Join(left, ", ")
	}
	return keep, []error{Errorf(t.hdrPos, t.header[ei], "%s", msg)}, nil
}

// plural writes n with its noun: "1 row", "2 rows".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
