package store

import (
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

// TestReplaceListsRevised: a corrected release (--replace) lists a changed
// count as revised, never as new; a figure whose count is the same but
// whose note changed is neither revised nor new, yet the file is replaced.
func TestReplaceListsRevised(t *testing.T) {
	s := seeded(t)
	p1 := data.Publication{Name: "HRMMU update", Date: date(t, "2025-03-13")}
	// pub1 with one count corrected (148 -> 150) and a note on another.
	text := strings.Replace(pub1, "148", "150", 1)
	text = strings.Replace(text, "month,metric,value\n", "month,metric,value,note\n", 1)
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	for i := 1; i < len(lines); i++ {
		lines[i] += ","
	}
	lines[len(lines)-1] += "checked against the PDF"
	text = strings.Join(lines, "\n") + "\n"
	plan, err := s.Prepare(load(t, text, p1), p1, Options{Replace: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Added) != 0 || len(plan.Revised) != 1 || plan.Revised[0].Old.Value != 148 || plan.Revised[0].New.Value != 150 {
		t.Errorf("added %v, revised %v; want only 148 -> 150 revised", plan.Added, plan.Revised)
	}
	if len(plan.Relabelled) != 1 || plan.Same {
		t.Errorf("relabelled %v, same %v; want the noted figure relabelled and the file to be replaced", plan.Relabelled, plan.Same)
	}
	if plan.Unchanged != len(lines)-2 {
		t.Errorf("unchanged %d, want %d", plan.Unchanged, len(lines)-2)
	}
	// Only a note changed: not the same file, nothing revised.
	noteOnly := strings.Replace(text, "150", "148", 1)
	plan, err = s.Prepare(load(t, noteOnly, p1), p1, Options{Replace: true})
	if err != nil || plan.Same || len(plan.Revised) != 0 || len(plan.Relabelled) != 1 {
		t.Errorf("a note changed: err %v, plan %+v", err, plan)
	}
	// Without --replace, a changed note alone is refused like any change.
	if _, err := s.Prepare(load(t, noteOnly, p1), p1, Options{}); err == nil || !strings.Contains(err.Error(), "1 with another source or note") {
		t.Errorf("without --replace: %v", err)
	}
}
