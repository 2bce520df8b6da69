package report

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

// BenchmarkBuild measures the report model alone (statistics and
// wording) on the embedded data.
func BenchmarkBuild(b *testing.B) {
	ds := data.Default()
	for b.Loop() {
		if _, err := Build(ds, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteFolder measures `casualty report` on the embedded data
// without process start-up: the model, every chart as PNG and SVG, the
// workbook, the HTML and Markdown, data.csv and metadata.json, each file
// written and synced, the folder renamed into place. bench/report.sh
// times the whole command beside the pandas baseline.
func BenchmarkWriteFolder(b *testing.B) {
	ds := data.Default()
	base := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		dir := filepath.Join(base, strconv.Itoa(i))
		if _, err := WriteFolder(dir, ds, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFormats measures each output alone, to see where the time goes.
func BenchmarkFormats(b *testing.B) {
	ds := data.Default()
	for _, f := range Formats {
		b.Run(f, func(b *testing.B) {
			base := b.TempDir()
			i := 0
			for b.Loop() {
				i++
				dir := filepath.Join(base, strconv.Itoa(i))
				if _, err := WriteFolder(dir, ds, Options{Formats: []string{f}}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
