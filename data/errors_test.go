package data

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestInputErrorsThroughHelpers keeps Errorf's promise: an InputError is
// built only by Errorf and inputErr in errors.go, so no loader can make one
// in another shape. It reads the package's own non-test sources; a literal
// anywhere else (with & or without) fails it with its place.
func TestInputErrorsThroughHelpers(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	literal := regexp.MustCompile(`\bInputError\{`) // as gofmt writes a composite literal
	inHelpers, files := 0, 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		files++
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if !literal.MatchString(line) {
				continue
			}
			if name == "errors.go" {
				inHelpers++
				continue
			}
			t.Errorf("%s:%d: InputError built by hand; use Errorf, or inputErr to keep a typed error: %s", name, i+1, strings.TrimSpace(line))
		}
	}
	// The two helpers themselves; fewer means the test no longer sees them
	// (and so would not see a hand-built one either).
	if files < 10 || inHelpers != 2 {
		t.Errorf("read %d source files and found %d literals in errors.go, want the package's files and 2 (Errorf, inputErr)", files, inHelpers)
	}
}

// TestLimitRefusalsStayTyped checks what inputErr is for: a refusal by a
// limit is an InputError (it has a place) that still unwraps to the
// *LimitError naming the limit, so a program can word how to raise it.
func TestLimitRefusalsStayTyped(t *testing.T) {
	csv := "month,killed\n2025-01,1\n2025-02,2\n2025-03,3\n"
	header := xrow(1, xs("A1", "month"), xs("B1", "killed"))
	rows := []string{header}
	for r := 2; r <= 5; r++ {
		rows = append(rows, xrow(r, xs(fmt.Sprintf("A%d", r), fmt.Sprintf("2025-%02d", r)), xn(fmt.Sprintf("B%d", r), "1")))
	}
	book := rawXLSX(t, rawSheet{name: "S", body: xsheet("A1:B5", rows...)})
	cases := []struct {
		name  string
		load  func() error
		limit string
		pos   Pos
	}{
		// 3 data rows against a limit of 2: refused at the third, line 4.
		{"csv rows", func() error {
			_, err := Load(strings.NewReader(csv), "f.csv", LoadOptions{Limits: Limits{MaxRows: 2}})
			return err
		}, "MaxRows", Pos{File: "f.csv", Line: 4}},
		{"csv bytes", func() error {
			_, err := Load(strings.NewReader(csv), "f.csv", LoadOptions{Limits: Limits{MaxBytes: 10}})
			return err
		}, "MaxBytes", Pos{File: "f.csv"}},
		// 4 data rows against a limit of 3: the scan sees values down to
		// row 5, past 3+1, and refuses the sheet.
		{"xlsx rows", func() error {
			_, err := loadXLSXBytes(book, "book.xlsx", LoadOptions{Limits: Limits{MaxRows: 3}})
			return err
		}, "MaxRows", Pos{File: "book.xlsx", Sheet: "S"}},
		{"xlsx entries", func() error {
			_, err := loadXLSXBytes(book, "book.xlsx", LoadOptions{Limits: Limits{MaxXLSXFiles: 3}})
			return err
		}, "MaxXLSXFiles", Pos{File: "book.xlsx"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.load()
			var ie *InputError
			var le *LimitError
			if !errors.As(err, &ie) || !errors.As(err, &le) {
				t.Fatalf("got %v (%T), want an InputError wrapping a LimitError", err, err)
			}
			if le.Limit != c.limit || ie.Pos != c.pos {
				t.Errorf("got limit %s at %+v, want %s at %+v (%v)", le.Limit, ie.Pos, c.limit, c.pos, err)
			}
		})
	}
}
