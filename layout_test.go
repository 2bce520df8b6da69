package casualty_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection keeps the layout honest: cmd → report → stats →
// data. data imports no sibling, stats imports only data (and never does
// I/O), report never imports cmd, and nothing imports cmd. Under report/,
// the page (report) may use its renderers (report/chart, report/workbook,
// report/table), but no renderer imports another or the page: each
// stands on stats and data alone. internal/ holds helpers any layer may
// use; they import no layer above data.
func TestDependencyDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-test", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/casualty-tool/casualty/"
	layer := func(pkg string) string {
		rest := strings.TrimPrefix(pkg, mod)
		return strings.SplitN(rest, "/", 2)[0]
	}
	rank := map[string]int{"internal": -1, "data": 0, "stats": 1, "report": 2, "cmd": 3}
	forbiddenInStats := []string{"os", "io/ioutil", "net/http", "os/exec"}
	seen := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		// With -test, a package's test variant reads "pkg [pkg.test] imports"
		// and its external tests "pkg_test [pkg.test] imports".
		pkg := strings.TrimSuffix(f[0], "_test")
		test := len(f) > 1 && strings.HasPrefix(f[1], "[")
		if !strings.HasPrefix(pkg, mod) || strings.HasSuffix(pkg, ".test") {
			continue
		}
		from, ok := rank[layer(pkg)]
		if !ok {
			continue
		}
		seen++
		for _, imp := range f[1:] {
			if strings.HasPrefix(imp, "[") {
				continue // the "[pkg.test]" of a test variant
			}
			if layer(pkg) == "stats" && !test {
				for _, bad := range forbiddenInStats {
					if imp == bad {
						t.Errorf("%s imports %s: stats is pure computation (no I/O, no clock)", pkg, imp)
					}
				}
			}
			if !strings.HasPrefix(imp, mod) {
				continue
			}
			to, ok := rank[layer(imp)]
			if ok && layer(pkg) == "internal" && to > rank["data"] {
				t.Errorf("%s imports %s: internal/ helpers stand below every layer but data", pkg, imp)
			}
			if ok && to > from && layer(pkg) != "internal" {
				t.Errorf("%s imports %s: dependencies run cmd → report → stats → data", pkg, imp)
			}
			if msg := reportRule(strings.TrimPrefix(pkg, mod), strings.TrimPrefix(imp, mod)); msg != "" {
				t.Errorf("%s imports %s: %s", pkg, imp, msg)
			}
		}
	}
	if seen == 0 {
		t.Fatal("go list named no package of the module")
	}
}

// reportRule says what is wrong with package from (under the module)
// importing to, by the rules within report/: the page imports its
// renderers; a renderer (report/NAME and anything below it) imports
// neither the page nor another renderer.
func reportRule(from, to string) string {
	renderer := func(p string) string {
		rest, ok := strings.CutPrefix(p, "report/")
		if !ok {
			return ""
		}
		return strings.SplitN(rest, "/", 2)[0]
	}
	rf := renderer(from)
	if rf == "" {
		return ""
	}
	if to == "report" {
		return "a renderer under report/ never imports the report page"
	}
	if rt := renderer(to); rt != "" && rt != rf {
		return "renderers under report/ do not import one another"
	}
	return ""
}

// TestReportRule checks reportRule on the cases it must tell apart.
func TestReportRule(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		bad      bool
	}{
		{"report", "report/chart", false},
		{"report", "report/workbook", false},
		{"report/chart", "report/chart/internal/raster", false},
		{"report/chart", "report", true},
		{"report/workbook", "report/chart", true},
		{"report/table", "report/workbook", true},
		{"report/chart/internal/raster", "report/table", true},
		{"report/table", "stats", false},
		{"cmd/casualty", "report/chart", false},
	} {
		if got := reportRule(tc.from, tc.to) != ""; got != tc.bad {
			t.Errorf("%s → %s: flagged %v, want %v", tc.from, tc.to, got, tc.bad)
		}
	}
}
