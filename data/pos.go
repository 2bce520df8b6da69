package data

import "fmt"

// Pos is where a figure was read: a file and line (and column) for text
// files, a file, sheet and cell for workbooks. Every figure keeps its Pos so
// that any output can point back to its source.
type Pos struct {
	File  string `json:"file,omitempty"`
	Line  int    `json:"line,omitempty"`
	Col   int    `json:"col,omitempty"`
	Sheet string `json:"sheet,omitempty"`
	Cell  string `json:"cell,omitempty"`
}

func (p Pos) String() string {
	switch {
	case p.Sheet != "" && p.Cell != "":
		return fmt.Sprintf("%s: sheet %q cell %s", p.File, p.Sheet, p.Cell)
	case p.Sheet != "":
		return fmt.Sprintf("%s: sheet %q", p.File, p.Sheet)
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}
