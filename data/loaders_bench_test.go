package data

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Loader benchmarks on a national-scale file: 27 oblasts x 48 months (2022-
// 2025) x 4 metrics = 5,184 figures, in each format. Made-up counts
// (deterministic, children at most the total); only the time matters.
//
//	go test -run - -bench Load -benchmem ./data

const benchMonths = 48

func benchValue(a, m, k int) int { return (a*37 + m*11 + k*5) % 300 }

func benchWide() string {
	var b strings.Builder
	b.WriteString("month,area,killed,injured,children_killed,children_injured\n")
	for m := 0; m < benchMonths; m++ {
		mo := NewMonth(2022, time.January).Add(m)
		for a, u := range Ukraine().Units {
			k, i := benchValue(a, m, 0), benchValue(a, m, 1)
			fmt.Fprintf(&b, "%s,%s,%d,%d,%d,%d\n", mo, u.Code, k, i, k/10, i/10)
		}
	}
	return b.String()
}

func benchTidy() string {
	var b strings.Builder
	b.WriteString("month,area,metric,value,qualifier,published,source\n")
	for m := 0; m < benchMonths; m++ {
		mo := NewMonth(2022, time.January).Add(m)
		pub := mo.Add(1).First().AddDate(0, 0, 9).Format("2006-01-02")
		for a, u := range Ukraine().Units {
			k, i := benchValue(a, m, 0), benchValue(a, m, 1)
			for _, f := range []struct {
				m Metric
				v int
			}{{Killed, k}, {Injured, i}, {ChildrenKilled, k / 10}, {ChildrenInjured, i / 10}} {
				fmt.Fprintf(&b, "%s,%s,%s,%d,at_least,%s,https://example.org/%s\n", mo, u.Code, f.m, f.v, pub, mo)
			}
		}
	}
	return b.String()
}

func benchCumulative() string {
	var b strings.Builder
	b.WriteString("as_of,area,killed,injured\n")
	for a, u := range Ukraine().Units {
		k, i := 0, 0
		for m := 0; m <= benchMonths; m++ {
			mo := NewMonth(2021, time.December).Add(m)
			if m > 0 {
				k += benchValue(a, m, 0)
				i += benchValue(a, m, 1)
			}
			fmt.Fprintf(&b, "%s,%s,%d,%d\n", mo.End().Format("2006-01-02"), u.Code, k, i)
		}
	}
	return b.String()
}

func benchXLSX(b *testing.B) []byte {
	f := excelize.NewFile()
	defer f.Close()
	lines := strings.Split(strings.TrimSpace(benchWide()), "\n")
	for r, line := range lines {
		cells := strings.Split(line, ",")
		row := make([]any, len(cells))
		for i, c := range cells {
			row[i] = c
			if r > 0 && i >= 2 {
				var v int
				fmt.Sscan(c, &v)
				row[i] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			b.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func benchLoad(b *testing.B, in []byte, name string, want int) {
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		ds, err := Load(bytes.NewReader(in), name, LoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(ds.Obs) != want {
			b.Fatalf("%d figures, want %d", len(ds.Obs), want)
		}
	}
	b.ReportMetric(float64(want)*float64(b.N)/b.Elapsed().Seconds(), "figures/s")
}

// 27 x 48 x 4 = 5,184 figures.
func BenchmarkLoadTidy(b *testing.B) { benchLoad(b, []byte(benchTidy()), "bench.csv", 5184) }
func BenchmarkLoadWide(b *testing.B) { benchLoad(b, []byte(benchWide()), "bench.csv", 5184) }
func BenchmarkLoadHXL(b *testing.B) {
	wide := benchWide()
	i := strings.IndexByte(wide, '\n')
	in := wide[:i+1] + "#date,#adm1+code,#affected+killed,#affected+injured,#affected+killed+children,#affected+injured+children\n" + wide[i+1:]
	benchLoad(b, []byte(in), "bench.csv", 5184)
}
func BenchmarkLoadXLSX(b *testing.B) { benchLoad(b, benchXLSX(b), "bench.xlsx", 5184) }

// 27 areas x 48 month-end differences x 2 metrics = 2,592 figures.
func BenchmarkLoadCumulative(b *testing.B) {
	benchLoad(b, []byte(benchCumulative()), "bench.csv", 2592)
}
