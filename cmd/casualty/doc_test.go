package main

import (
	"bytes"
	"context"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// TestDocExamples runs every `$ casualty ...` example in the command's
// manual (the package doc comment in doc.go) and checks that the output is
// exactly what the manual shows, so the manual cannot go stale.
func TestDocExamples(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		t.Fatal(err)
	}
	examples := docExamples(f.Doc.Text())
	if len(examples) < 3 {
		t.Fatalf("found %d examples in the manual, want at least 3", len(examples))
	}
	for _, ex := range examples {
		t.Run(strings.Join(ex.args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(context.Background(), ex.args, &out, &errOut)
			if err != nil {
				t.Fatalf("casualty %s: %v\n%s", strings.Join(ex.args, " "), err, errOut.String())
			}
			got := strings.TrimRight(out.String(), "\n")
			if got != ex.want {
				t.Errorf("casualty %s printed:\n%s\n\nthe manual shows:\n%s", strings.Join(ex.args, " "), got, ex.want)
			}
		})
	}
}

type docExample struct {
	args []string
	want string
}

// docExamples finds the indented blocks that start with "$ casualty" and
// takes the indented lines after the command as its expected output; a
// blank line followed by more indented output belongs to it, so outputs
// with paragraphs can be shown whole.
func docExamples(doc string) []docExample {
	var out []docExample
	lines := strings.Split(doc, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if !strings.HasPrefix(l, "\t$ casualty ") {
			continue
		}
		ex := docExample{args: strings.Fields(strings.TrimPrefix(l, "\t$ casualty "))}
		var want []string
		for i+1 < len(lines) {
			next := lines[i+1]
			if next == "" && i+2 < len(lines) && strings.HasPrefix(lines[i+2], "\t") && !strings.HasPrefix(lines[i+2], "\t$ ") {
				i++ // a blank line inside the output
				want = append(want, "")
				continue
			}
			if !strings.HasPrefix(next, "\t") || strings.HasPrefix(next, "\t$ ") {
				break
			}
			i++
			want = append(want, strings.TrimPrefix(next, "\t"))
		}
		ex.want = strings.Join(want, "\n")
		out = append(out, ex)
	}
	return out
}
