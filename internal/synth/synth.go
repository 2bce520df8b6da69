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
