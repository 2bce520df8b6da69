package table

import "testing"

func TestTTMean(t *testing.T) {
	cases := []struct {
		v    float64
		want string
	}{
		{3554.0 / 3, "1,184.7"}, // 3554 / 3 = 1184.667, rounded once
		{900, "900.0"},
		{999.96, "1,000.0"}, // rounding carries into the thousands
		{12345678.04, "12,345,678.0"},
	}
	for _, c := range cases {
		if got := ttMean(c.v); got != c.want {
			t.Errorf("ttMean(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}
