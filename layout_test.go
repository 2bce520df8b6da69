package casualty_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection keeps the layout honest: cmd → report → stats →
// data. data imports no sibling, stats imports only data (and never does
// I/O), report never imports cmd, and nothing imports cmd.
func TestDependencyDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/casualty-tool/casualty/"
	layer := func(pkg string) string {
		rest := strings.TrimPrefix(pkg, mod)
		return strings.SplitN(rest, "/", 2)[0]
	}
	rank := map[string]int{"data": 0, "stats": 1, "report": 2, "cmd": 3}
	forbiddenInStats := []string{"os", "io/ioutil", "net/http", "os/exec"}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := f[0]
		if !strings.HasPrefix(pkg, mod) {
			continue
		}
		from, ok := rank[layer(pkg)]
		if !ok {
			continue
		}
		for _, imp := range f[1:] {
			if layer(pkg) == "stats" {
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
			if ok && to > from {
				t.Errorf("%s imports %s: dependencies run cmd → report → stats → data", pkg, imp)
			}
		}
	}
}
