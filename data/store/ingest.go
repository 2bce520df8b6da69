package store

import (
	"fmt"
	"sort"
	"strings"

	"github.com/casualty-tool/casualty/data"
)

// Options control an ingest.
type Options struct {
	// Replace lets a file replace a publication already stored with
	// different figures (a corrected release). Without it that is an error:
	// a stored vintage is never overwritten by accident.
	Replace bool
	// AllowDrop lets a replacement leave out figures the stored version
	// had. Without it, a figure that disappears is an error.
	AllowDrop bool
}

// Revision is a figure whose value changed: Old as the store had it (the
// latest vintage before the new publication, or the stored version of the
// same publication when it is replaced), New as the file gives it.
type Revision struct {
	Old, New data.Observation
}

// Plan is what an ingest will do, worked out before anything is written:
// the figures compared one by one with the store.
type Plan struct {
	Pub  data.Publication
	File string // file name within publications/
	Obs  []data.Observation
	// Same is true when the store holds this publication with exactly
	// these figures: committing changes nothing.
	Same bool
	// Replaces is true when the publication is stored already and the file
	// replaces it (Options.Replace).
	Replaces bool
	// NewMonths are months for which the store had no figure at all.
	NewMonths []data.Month
	// Added are figures for which the store had no earlier vintage.
	Added []data.Observation
	// Revised are figures whose value, qualifier or range changed.
	Revised []Revision
	// Unchanged counts figures the store had with the same value.
	Unchanged int
	// Dropped are figures of a replaced publication missing from the file.
	Dropped []data.Observation
	// Relabelled are figures of a replaced publication whose count is the
	// same but whose source or note changed: not a revision of the count,
	// but the file differs from the stored one.
	Relabelled []Revision
	// Newer lists stored publications dated after this one: the current
	// view of figures they give stays theirs.
	Newer []data.Publication
	// SameDay lists other stored publications of the same date: where two
	// give a figure, data.Publication.Before makes the one whose name
	// sorts last current, which the user should know.
	SameDay []data.Publication

	store *Store
	files []pubFile // the store's files when planned (under the lock)
}

// PublicationOf works out the publication the figures of one input file
// belong to. Rows that name no publication were stamped with given by the
// loader (data.LoadOptions.Publication). Every row must then be of given
// (or, when given is zero, of the one publication the rows name): an input
// file is one publication.
func PublicationOf(in *data.Dataset, given data.Publication) (data.Publication, error) {
	if len(in.Obs) == 0 {
		return given, fmt.Errorf("%s: no figures to ingest", strings.Join(in.Files, ", "))
	}
	want := given
	if want.Date.IsZero() {
		want = in.Obs[0].Published
		if want.Date.IsZero() {
			return want, data.Errorf(in.Obs[0].Pos, "published", "want a publication date: give --published YYYY-MM-DD or a published column, found none")
		}
	}
	var errs data.ErrorList
	for _, o := range in.Obs {
		if o.Published != want {
			errs.Add(data.Errorf(o.Pos, "published", "want every figure of one file to be of one publication, %s; this row is of %s (ingest each publication as its own file)", want, o.Published))
		}
	}
	return want, errs.Err()
}

// checkContradictions finds figures of one publication that cannot both be
// true, beyond those the loader refuses (the same figure twice, a part
// above its total): a count for some days of a month above the count for
// the whole month.
func checkContradictions(obs []data.Observation) error {
	whole := map[data.Key]data.Observation{}
	for _, o := range obs {
		if !o.PartMonth() {
			whole[o.Key()] = o
		}
	}
	var errs data.ErrorList
	for _, o := range obs {
		if w, ok := whole[o.Key()]; ok && o.PartMonth() && o.Value > w.Value {
			errs.Add(data.Errorf(o.Pos, "value", "%s for %s (%d) is above the whole month's figure (%d at %s) in the same publication", o.Metric, o.Covers(), o.Value, w.Value, w.Pos))
		}
	}
	return errs.Err()
}

// sameValue reports whether two vintages of a figure give the same count:
// value, qualifier and range. Source and note may differ.
func sameValue(a, b data.Observation) bool {
	return a.Value == b.Value && a.Qualifier == b.Qualifier && a.HasRange == b.HasRange && a.Low == b.Low && a.High == b.High
}

// Prepare compares the figures of in, as publication pub (see
// PublicationOf), with the store and returns the plan of the ingest.
// Nothing is written. The caller holds the lock until Commit.
func (s *Store) Prepare(in *data.Dataset, given data.Publication, opt Options) (*Plan, error) {
	pub, err := PublicationOf(in, given)
	if err != nil {
		return nil, err
	}
	if err := checkContradictions(in.Obs); err != nil {
		return nil, err
	}
	files, err := s.readFiles()
	if err != nil {
		return nil, err
	}
	// One store, one country: a mission's series and another's do not
	// mix, since a report on the store is about one country.
	if in.Areas != nil && len(files) > 0 {
		if have := storeAreas(files); have.Country.Code != in.Areas.Country.Code {
			return nil, fmt.Errorf("the store holds %s's figures (%s) and this publication gives %s's (%s): one store keeps one country's series; ingest it into another store (casualty init --store DIR)", have.Country.Name, have.Country.Code, in.Areas.Country.Name, in.Areas.Country.Code)
		}
	}
	p := &Plan{Pub: pub, store: s, files: files}
	for _, o := range in.Obs {
		o.Source, o.Note = data.SafeText(o.Source), data.SafeText(o.Note)
		p.Obs = append(p.Obs, o)
	}
	taken := map[string]bool{}
	var stored *pubFile
	for i, f := range files {
		taken[f.Name] = true
		if f.Pub == pub {
			stored = &files[i]
		}
		if pub.Before(f.Pub) {
			p.Newer = append(p.Newer, f.Pub)
		}
		if f.Pub != pub && f.Pub.Date.Equal(pub.Date.Time) {
			p.SameDay = append(p.SameDay, f.Pub)
		}
	}
	if stored != nil {
		return p, p.compareStored(*stored, opt)
	}
	p.File = fileName(pub, taken)
	// Compare with the figures as known just before this publication.
	prior := map[string]data.Observation{}
	months := map[data.Month]bool{}
	for _, f := range files {
		if !f.Pub.Before(pub) {
			continue
		}
		for _, o := range f.Obs { // files are oldest first: later vintages win
			prior[figureID(o)] = o
			months[o.Month] = true
		}
	}
	// A store whose source declares every count a minimum (HRMMU's) reads
	// "161" and "at least 161" alike: a wording without "at least" is no
	// revision of a figure stored with it.
	src, declared, err := s.source()
	if err != nil {
		return nil, err
	}
	asRead := func(o data.Observation) data.Observation {
		if declared {
			o.Qualifier = src.Qualifier(o.Qualifier)
		}
		return o
	}
	newMonths := map[data.Month]bool{}
	for _, o := range p.Obs {
		old, ok := prior[figureID(o)]
		switch {
		case !ok:
			p.Added = append(p.Added, o)
		case !sameValue(asRead(old), asRead(o)):
			p.Revised = append(p.Revised, Revision{Old: old, New: o})
		default:
			p.Unchanged++
		}
		if !months[o.Month] {
			newMonths[o.Month] = true
		}
	}
	for m := range newMonths {
		p.NewMonths = append(p.NewMonths, m)
	}
	sort.Slice(p.NewMonths, func(i, j int) bool { return p.NewMonths[i].Before(p.NewMonths[j]) })
	return p, nil
}

// compareStored compares the file with the stored version of the same
// publication.
func (p *Plan) compareStored(stored pubFile, opt Options) error {
	p.File = stored.Name
	old := map[string]data.Observation{}
	for _, o := range stored.Obs {
		old[figureID(o)] = o
	}
	for _, o := range p.Obs {
		was, ok := old[figureID(o)]
		delete(old, figureID(o))
		switch {
		case !ok:
			p.Added = append(p.Added, o)
		case !sameValue(was, o):
			// The count, its qualifier or range changed: a correction.
			p.Revised = append(p.Revised, Revision{Old: was, New: o})
		case !sameFigure(was, o):
			p.Unchanged++
			p.Relabelled = append(p.Relabelled, Revision{Old: was, New: o})
		default:
			p.Unchanged++
		}
	}
	for _, o := range stored.Obs {
		if _, gone := old[figureID(o)]; gone {
			p.Dropped = append(p.Dropped, o)
		}
	}
	if len(p.Added)+len(p.Revised)+len(p.Dropped)+len(p.Relabelled) == 0 {
		p.Same = true
		return nil
	}
	if !opt.Replace {
		return fmt.Errorf("%s is in the store already (%s/%s) with different figures (%s); a stored publication is not overwritten: pass --replace if this file corrects it, or give the new release its own --published/--name",
			p.Pub, PubDir, p.File, p.differences())
	}
	p.Replaces = true
	if len(p.Dropped) > 0 && !opt.AllowDrop {
		return fmt.Errorf("replacing %s would drop %d figure(s) it gave (%s); nothing was written; pass --allow-drop if they were withdrawn", p.Pub, len(p.Dropped), listFigures(p.Dropped, 5))
	}
	return nil
}

// differences sums up how the file differs from the stored publication.
func (p *Plan) differences() string {
	var parts []string
	for i, r := range p.Revised {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("%d more changed", len(p.Revised)-3))
			break
		}
		parts = append(parts, fmt.Sprintf("%s was %d, file says %d", figureID(r.New), r.Old.Value, r.New.Value))
	}
	if len(p.Added) > 0 {
		parts = append(parts, fmt.Sprintf("%d new: %s", len(p.Added), listFigures(p.Added, 3)))
	}
	if len(p.Relabelled) > 0 {
		parts = append(parts, fmt.Sprintf("%d with another source or note", len(p.Relabelled)))
	}
	if len(p.Dropped) > 0 {
		parts = append(parts, fmt.Sprintf("%d missing: %s", len(p.Dropped), listFigures(p.Dropped, 3)))
	}
	return strings.Join(parts, "; ")
}

func listFigures(obs []data.Observation, max int) string {
	var s []string
	for i, o := range obs {
		if i == max {
			s = append(s, fmt.Sprintf("and %d more", len(obs)-max))
			break
		}
		s = append(s, strings.TrimSpace(figureID(o)))
	}
	return strings.Join(s, ", ")
}

// Commit writes the planned publication: the publication file (the commit
// point), then the index. It does nothing when the plan is Same.
func (p *Plan) Commit() error {
	if p.Same {
		return nil
	}
	mark("commit")
	written, err := p.store.writePublication(p.Pub, p.Obs, p.File)
	if err != nil {
		return err
	}
	pause()
	files := []pubFile{written}
	for _, f := range p.files {
		if f.Name != written.Name {
			files = append(files, f)
		}
	}
	return p.store.writeIndexOf(files)
}

// Ingest repairs what an interrupted ingest may have left (stray
// temporary files, an index behind the files), plans the ingest of in and
// commits it. The caller holds the lock. On error nothing was written.
func (s *Store) Ingest(in *data.Dataset, given data.Publication, opt Options) (*Plan, error) {
	if _, err := s.Repair(); err != nil {
		return nil, err
	}
	p, err := s.Prepare(in, given, opt)
	if err != nil {
		return nil, err
	}
	return p, p.Commit()
}
