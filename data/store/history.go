package store

import (
	"sort"

	"github.com/casualty-tool/casualty/data"
)

// History is every vintage of one figure (a month, area and metric, and
// the days it covers), oldest publication first.
type History struct {
	Key            data.Key
	FromDay, ToDay int
	Vintages       []data.Observation
}

// Revised reports whether the figure's value, qualifier or range changed
// between any two vintages.
func (h History) Revised() bool {
	for i := 1; i < len(h.Vintages); i++ {
		if !sameValue(h.Vintages[i-1], h.Vintages[i]) {
			return true
		}
	}
	return false
}

// Histories groups the figures of ds, every vintage, by figure: month,
// area, metric, then days covered (a figure for part of a month is a
// different figure from the whole month's).
func Histories(ds *data.Dataset) []History {
	type id struct {
		k        data.Key
		from, to int
	}
	at := map[id]int{}
	var out []History
	for _, o := range ds.Obs {
		k := id{o.Key(), o.FromDay, o.ToDay}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, History{Key: o.Key(), FromDay: o.FromDay, ToDay: o.ToDay})
		}
		out[i].Vintages = append(out[i].Vintages, o)
	}
	for _, h := range out {
		sort.SliceStable(h.Vintages, func(i, j int) bool { return h.Vintages[i].Published.Before(h.Vintages[j].Published) })
	}
	// ds.Obs is sorted by month, area, metric (data.Merge, the loaders);
	// keep that order, with part-month figures first as the data does.
	return out
}
