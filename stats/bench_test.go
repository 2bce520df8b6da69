package stats

import (
	"testing"

	"github.com/casualty-tool/casualty/data"
)

func BenchmarkRateRatioTest(b *testing.B) {
	for b.Loop() {
		RateRatioTest(10522, 7870, 273, 274, 0.95)
	}
}

func BenchmarkCompare(b *testing.B) {
	ds := embedded()
	for b.Loop() {
		if _, err := Compare(ds, "UA", data.Casualties, one(2025, 2), one(2025, 3), DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkComputeTrend(b *testing.B) {
	ds := embedded()
	for b.Loop() {
		if _, err := ComputeTrend(ds, "UA", data.Casualties, data.Month{}, data.Month{}, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
