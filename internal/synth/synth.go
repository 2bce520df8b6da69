// Package synth makes synthetic datasets for tests: figures that follow
// no publication, shaped to exercise what the real data lacks.
package synth

import (
	"time"

	"github.com/casualty-tool/casualty/data"
)

// Areas is a synthetic dataset with figures for several areas and a
// national total, January 2024 to December 2025, with a gap (Khersonska,
// March 2025). Values come from a fixed linear congruential sequence, so
// the data is the same on every run.
func Areas() *data.Dataset {
	pub := data.Publication{Name: "Synthetic update", Date: data.Date{Time: time.Date(2026, 1, 10, 0, 0, 0, 0, time.UTC)}}
	areas := []struct {
		code  string
		scale int64
	}{{"UA14", 220}, {"UA63", 120}, {"UA65", 90}, {"UA23", 70}, {"UA12", 45}, {"UA59", 40}, {"UA80", 25}, {"UA48", 15}, {"UA51", 12}, {"UA74", 5}, {"UA46", 1}}
	var obs []data.Observation
	seed := uint32(7)
	rnd := func() int64 { seed = seed*1664525 + 1013904223; return int64(seed>>16) % 100 }
	for m := data.NewMonth(2024, 1); !data.NewMonth(2025, 12).Before(m); m = m.Add(1) {
		var nk, ni int64
		for _, a := range areas {
			if a.code == "UA65" && m == data.NewMonth(2025, 3) {
				continue
			}
			k := a.scale * (60 + rnd()) / 100
			i := 4 * a.scale * (60 + rnd()) / 100
			if a.code == "UA46" {
				k, i = 0, rnd()%3
			}
			nk += k
			ni += i
			obs = append(obs,
				data.Observation{Month: m, Area: a.code, Metric: data.Killed, Value: k, Qualifier: data.AtLeast, Published: pub},
				data.Observation{Month: m, Area: a.code, Metric: data.Injured, Value: i, Qualifier: data.AtLeast, Published: pub})
		}
		obs = append(obs,
			data.Observation{Month: m, Area: "UA", Metric: data.Killed, Value: nk + 30, Qualifier: data.AtLeast, Published: pub},
			data.Observation{Month: m, Area: "UA", Metric: data.Injured, Value: ni + 100, Qualifier: data.AtLeast, Published: pub})
	}
	return &data.Dataset{Obs: obs, Areas: data.Ukraine(), Files: []string{"synthetic"}}
}

// SparseAreas is a synthetic oblast file of the shape issue 19 saw: the
// 27 oblast-level units of Ukraine, October 2024 to December 2025 (15
// months), no national total, and a different set of areas with no
// figure each month, as when a source reports only the oblasts with
// casualties. Area i (in p-code order) has no figure in month j (0-based)
// when (i+j)%4 == 0 for the first eight areas, and in every month from
// the sixth on for UA80 (Kyiv, the city), which stopped being reported.
// Every month thus lists two areas or more with no figure, and no two
// consecutive months the same ones.
func SparseAreas() *data.Dataset {
	pub := data.Publication{Name: "Synthetic oblast file", Date: data.Date{Time: time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)}}
	codes := []string{"UA01", "UA05", "UA07", "UA12", "UA14", "UA18", "UA21", "UA23", "UA26", "UA32",
		"UA35", "UA44", "UA46", "UA48", "UA51", "UA53", "UA56", "UA59", "UA61", "UA63",
		"UA65", "UA68", "UA71", "UA73", "UA74", "UA80", "UA85"}
	var obs []data.Observation
	j := 0
	for m := data.NewMonth(2024, 10); !data.NewMonth(2025, 12).Before(m); m = m.Add(1) {
		for i, code := range codes {
			if i < 8 && (i+j)%4 == 0 || code == "UA80" && j >= 5 {
				continue
			}
			k := int64(3 + (i*7+j*3)%17)
			obs = append(obs,
				data.Observation{Month: m, Area: code, Metric: data.Killed, Value: k, Qualifier: data.AtLeast, Published: pub},
				data.Observation{Month: m, Area: code, Metric: data.Injured, Value: 4 * k, Qualifier: data.AtLeast, Published: pub})
		}
		j++
	}
	return &data.Dataset{Obs: obs, Areas: data.Ukraine(), Files: []string{"synthetic-oblasts.csv"}}
}
