package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMadeByRemakes (issue 14): the command recorded in metadata.json is
// the command as given, each flag included, and running it again makes
// the same files byte for byte.
func TestMadeByRemakes(t *testing.T) {
	cases := [][]string{
		{"--month", "2025-03"},
		{"--as-of", "2025-04-10", "--area", "UA"},
		{"--data", "../../testdata/tidy.csv", "--format-in", "tidy"},
		{"--data", "../../testdata/monthly.xlsx", "--sheet", "2024"},
		{"--data", "../../testdata/bad/ok-windows-1251.csv", "--encoding", "windows-1251", "--formats", "md,csv"},
		{"--dataset", "unami", "--month", "2015-06", "--formats", "md,html"},
	}
	for _, args := range cases {
		dir := t.TempDir()
		first := filepath.Join(dir, "first")
		var out, errOut bytes.Buffer
		if err := run(context.Background(), append([]string{"report", "--quiet", "--out", first}, args...), &out, &errOut); err != nil {
			t.Errorf("%q: %v\n%s", args, err, errOut.String())
			continue
		}
		var meta struct{ Command string }
		b, err := os.ReadFile(filepath.Join(first, "metadata.json"))
		if err == nil {
			err = json.Unmarshal(b, &meta)
		}
		if err != nil {
			// --formats without json: the Markdown's "Made by" line.
			md, merr := os.ReadFile(filepath.Join(first, "report.md"))
			if merr != nil {
				t.Fatalf("%q: neither metadata.json nor report.md: %v", args, err)
			}
			meta.Command = madeByLine(t, string(md))
		}
		for i := 0; i < len(args); i += 2 {
			if !strings.Contains(meta.Command, args[i]+" "+shellQuote(args[i+1])) {
				t.Errorf("%q: recorded %q lacks %s %s", args, meta.Command, args[i], args[i+1])
			}
		}
		words := splitShell(t, meta.Command)
		if len(words) < 2 || words[0] != "casualty" || words[1] != "report" {
			t.Fatalf("recorded %q", meta.Command)
		}
		second := filepath.Join(dir, "second")
		if err := run(context.Background(), append([]string{"report", "--quiet", "--out", second}, words[2:]...), &out, &errOut); err != nil {
			t.Fatalf("%q: %v", meta.Command, err)
		}
		a, b2 := readDir(t, first), readDir(t, second)
		if len(a) != len(b2) {
			t.Errorf("%q: %d files, then %d", args, len(a), len(b2))
		}
		for name, content := range a {
			if !bytes.Equal(content, b2[name]) {
				t.Errorf("%q: %s differs when remade by its recorded command", args, name)
			}
		}
	}
}

// madeByLine finds the command in report.md's "Made by" line.
func madeByLine(t *testing.T, md string) string {
	t.Helper()
	for _, l := range strings.Split(md, "\n") {
		if i := strings.Index(l, "`casualty report"); i >= 0 {
			rest := l[i+1:]
			if j := strings.Index(rest, "`"); j >= 0 {
				return rest[:j]
			}
		}
	}
	t.Fatalf("no command in report.md")
	return ""
}

// splitShell splits a command line quoted by shellQuote.
func splitShell(t *testing.T, s string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	in, any := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			in, any = !in, true
		case r == ' ' && !in:
			if any {
				words = append(words, cur.String())
			}
			cur.Reset()
			any = false
		case r == '\\' && !in:
			// shellQuote writes '\'' for a quote: the backslash is
			// followed by the quote, taken literally.
		default:
			cur.WriteRune(r)
			any = true
		}
	}
	if in {
		t.Fatalf("unbalanced quotes in %q", s)
	}
	if any {
		words = append(words, cur.String())
	}
	return words
}

func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestShellQuote: a recorded command pastes back into a shell.
func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"2025-03":        "2025-03",
		"../a b.csv":     "'../a b.csv'",
		"":               "''",
		"it's":           `'it'\''s'`,
		"event_type=X Y": "'event_type=X Y'",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
