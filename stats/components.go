package stats

import (
	"fmt"
	"sort"

	"github.com/casualty-tool/casualty/data"
)

// InclusionChange is a part of a total (an area) that one month's total
// counts and another's does not, or that only one of them says anything
// about: UNAMI's national figure for Iraq includes Anbar's in June 2015
// and leaves it out in October 2015, so the two totals cover different
// places and their difference is partly a difference of coverage.
type InclusionChange struct {
	Area         string // p-code of the part
	Name         string // its name, for people
	MonthA       data.Month
	MonthB       data.Month
	InA, InB     data.Inclusion
	NoteA, NoteB string
}

// Error says the difference in words, so it can stand as a warning.
func (c InclusionChange) Error() string {
	cover := "cover"
	if c.InA == data.InclusionUnstated || c.InB == data.InclusionUnstated {
		cover = "may cover" // one total does not say: a difference is possible, not known
	}
	return fmt.Sprintf("the totals %s different areas: %s is %s in %s's total and %s in %s's, so part of the change may be a change of coverage",
		cover, c.Name, phrase(c.InA), c.MonthA.Label(), phrase(c.InB), c.MonthB.Label())
}

func phrase(i data.Inclusion) string {
	switch i {
	case data.Included:
		return "included"
	case data.Excluded:
		return "left out"
	}
	return "not said to be included or left out"
}

// ComponentChanges compares what two months' figures say of their parts
// (see data.Observation.Components) and lists the parts whose inclusion
// differs, in p-code order. a and b are points of one series (for a
// derived metric such as casualties, each part's figure is looked at: a
// part is counted as included only if every figure says so). Two months
// that both leave the question unstated are not a difference: nothing
// says their coverage differs. names maps a p-code to its name (nil: the
// code is the name).
func ComponentChanges(a, b data.Point, names func(string) string) []InclusionChange {
	if !a.Present || !b.Present {
		return nil // a gap is reported as a gap, not as a change of coverage
	}
	ia, na := inclusions(a)
	ib, nb := inclusions(b)
	areas := map[string]bool{}
	for k := range ia {
		areas[k] = true
	}
	for k := range ib {
		areas[k] = true
	}
	var out []InclusionChange
	for area := range areas {
		x, y := ia[area], ib[area]
		if x == y {
			continue
		}
		name := area
		if names != nil {
			name = names(area)
		}
		out = append(out, InclusionChange{Area: area, Name: name, MonthA: a.Month, MonthB: b.Month,
			InA: x, InB: y, NoteA: na[area], NoteB: nb[area]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Area < out[j].Area })
	return out
}

// inclusions collects what a point's figures say of each part: excluded
// when any figure says so, included when every figure says so, otherwise
// unstated (and left out of the map: the same as saying nothing).
func inclusions(p data.Point) (map[string]data.Inclusion, map[string]string) {
	inc := map[string]data.Inclusion{}
	notes := map[string]string{}
	count := map[string]int{} // figures that say "included"
	for _, o := range p.Sources {
		for _, c := range o.Components {
			switch c.Inclusion {
			case data.Excluded:
				inc[c.Area] = data.Excluded
			case data.Included:
				count[c.Area]++
			}
			if notes[c.Area] == "" {
				notes[c.Area] = c.Note
			}
		}
	}
	for area, n := range count {
		if inc[area] != data.Excluded && n == len(p.Sources) {
			inc[area] = data.Included
		}
	}
	return inc, notes
}
