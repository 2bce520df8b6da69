package events

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// Describe says where the figures come from, for notes and messages:
// "events.csv, rows where event_type is Battles; 3 bad rows skipped".
func (r *Result) Describe() string {
	var b strings.Builder
	b.WriteString(r.File)
	for i, f := range r.Where {
		if i == 0 {
			b.WriteString(", rows where ")
		} else {
			b.WriteString(" and ")
		}
		fmt.Fprintf(&b, "%s is %s", f.Column, strings.Join(quoteAll(f.Values), " or "))
	}
	if r.Skipped > 0 {
		fmt.Fprintf(&b, "; %d bad rows skipped (--skip-bad)", r.Skipped)
	}
	return b.String()
}

func quoteAll(v []string) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = strconv.Quote(s)
	}
	return out
}

// Observations turns the cells into figures: killed (and injured, when the
// file has that column) for each area and month, published as pub. Each
// figure's note says how many events it sums and from where.
func (r *Result) Observations(pub data.Publication) []data.Observation {
	desc := r.Describe()
	metrics := []data.Metric{data.Killed}
	if r.HasInjured {
		metrics = append(metrics, data.Injured)
	}
	obs := make([]data.Observation, 0, len(r.Cells)*len(metrics))
	for _, c := range r.Cells {
		note := fmt.Sprintf("sum of %d %s in %s", c.Events, plural(c.Events, "event", "events"), desc)
		for _, m := range metrics {
			v := c.Killed
			if m == data.Injured {
				v = c.Injured
			}
			obs = append(obs, data.Observation{Month: c.Month, Area: c.Area, Metric: m, Value: v,
				Published: pub, Source: r.File, Note: note, Pos: data.Pos{File: r.File}, Text: strconv.FormatInt(v, 10)})
		}
	}
	return obs
}

// Dataset returns the figures as a dataset, validated like any loaded
// file, carrying the warnings of a skipping aggregation.
func (r *Result) Dataset(pub data.Publication, areas *data.AreaTable) (*data.Dataset, error) {
	if areas == nil {
		areas = data.Ukraine()
	}
	if n := len(r.Cells); n > 0 && !pub.Date.IsZero() && pub.Date.Before(r.Cells[n-1].Month.First()) {
		last := r.Cells[n-1].Month
		return nil, fmt.Errorf("%s: the events run to %s, so a publication dated %s cannot report them; give the date of the export (--published)", r.File, last.Label(), pub.Date)
	}
	obs := r.Observations(pub)
	// The number of events behind each area's month is a figure of the
	// events metric, as when casualty aggregate's file is read back.
	for _, c := range r.Cells {
		obs = append(obs, data.Observation{Month: c.Month, Area: c.Area, Metric: data.Events, Value: c.Events,
			Published: pub, Source: r.File, Pos: data.Pos{File: r.File}, Text: strconv.FormatInt(c.Events, 10)})
	}
	var errs data.ErrorList
	data.Validate(obs, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return &data.Dataset{Obs: obs, Areas: areas, Warnings: append([]error(nil), r.Warnings...), Files: []string{r.File}, Format: "events"}, nil
}

// CSVHeader is the header WriteCSV writes: the tidy header (sums have no
// range and cover whole months, so low, high and covers stay empty) and an
// events column, which the tidy reader reads as figures of the events
// metric, so the file loads back as the same figures.
var CSVHeader = append(append([]string(nil), data.TidyHeader...), "events")

// WriteCSV writes the figures as a tidy CSV with the number of events
// behind each figure in a last column.
func WriteCSV(w io.Writer, r *Result, pub data.Publication) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	obs := r.Observations(pub)
	per := 1
	if r.HasInjured {
		per = 2
	}
	for i, o := range obs {
		events := r.Cells[i/per].Events
		cw.Write([]string{
			o.Month.String(), data.SafeText(o.Area), string(o.Metric), strconv.FormatInt(o.Value, 10),
			o.Qualifier.String(), "", "", "", o.Published.Date.String(), data.SafeText(o.Published.Name),
			data.SafeText(o.Source), data.SafeText(o.Note), strconv.FormatInt(events, 10),
		})
	}
	cw.Flush()
	return cw.Error()
}

func plural(n int64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
