// Package store keeps a growing dataset as a folder of plain files that
// people can read, diff and keep under version control: one tidy CSV per
// publication, and an index.
//
//	STORE/
//	  index.csv                              one line per publication file
//	  publications/2025-04-09-hrmmu-update.csv  that publication's figures
//	  README.txt, .gitignore                 what the folder is
//	  .lock                                  held while an ingest runs
//
// Every vintage stays: the current view is data.Dataset.Latest of all
// publications together.
//
// # Commit protocol
//
// The publication file is the single commit point. An ingest takes the
// lock, writes the new publication file to a temporary file in
// publications/ and renames it into place (internal/atomicfile), then rewrites
// index.csv the same way. A crash before the rename leaves the store as it
// was (a stray temporary file, which loading ignores and the next ingest
// removes); a crash after it leaves the new publication in the store with
// an index that does not list it yet. The index is derived from the files
// (Repair rebuilds it), so loading always reads the publication files,
// reports an index that disagrees with them as a warning, and the next
// ingest (or `casualty init --repair`) brings it up to date.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/internal/atomicfile"
)

// Names of the files and folders of a store.
const (
	IndexFile = "index.csv"
	PubDir    = "publications"
	// SourceFile names who publishes the store's figures (a source ID
	// such as "hrmmu", one line), when the store declares one: a store
	// made from an embedded dataset keeps its source, so its figures are
	// worded, and qualified, as that source's. Delete it to declare none.
	SourceFile = "source.txt"
	LockFile   = ".lock"
)

// Store is a dataset folder.
type Store struct {
	Dir string
}

// Open returns the store in dir, checking that it is one.
func Open(dir string) (*Store, error) {
	st, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("store %s does not exist; create it with `casualty init --store %s`", dir, dir)
		}
		return nil, fmt.Errorf("store %s: %v", dir, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("store %s is a file; want the store's folder", dir)
	}
	s := &Store{Dir: dir}
	if _, err := os.Stat(s.path(PubDir)); err != nil {
		return nil, fmt.Errorf("%s is not a store: it has no %s/ folder; create one with `casualty init --store %s`", dir, PubDir, dir)
	}
	if _, err := os.Stat(s.path(IndexFile)); err != nil {
		return nil, fmt.Errorf("store %s has no %s; rebuild it with `casualty init --repair --store %s`", dir, IndexFile, dir)
	}
	return s, nil
}

// Init creates a store in dir (which may exist but must not hold a store
// already) and, when seed is not nil, stores each of its publications in
// its own file.
func Init(dir string, seed *data.Dataset) (*Store, error) {
	s := &Store{Dir: dir}
	if _, err := os.Stat(s.path(IndexFile)); err == nil {
		return nil, fmt.Errorf("%s is a store already (it has %s); use `casualty ingest` to add to it", dir, IndexFile)
	}
	if entries, err := os.ReadDir(s.path(PubDir)); err == nil && len(entries) > 0 {
		return nil, fmt.Errorf("%s has publication files but no index; rebuild it with `casualty init --repair --store %s`", dir, dir)
	}
	if err := os.MkdirAll(s.path(PubDir), 0o755); err != nil {
		return nil, fmt.Errorf("cannot create store: %v", err)
	}
	if err := atomicfile.WriteBytes(s.path("README.txt"), []byte(readme)); err != nil {
		return nil, err
	}
	if err := atomicfile.WriteBytes(s.path(".gitignore"), []byte(LockFile+"\n.*.tmp-*\n")); err != nil {
		return nil, err
	}
	if seed != nil && seed.Source.Declared() {
		if err := atomicfile.WriteBytes(s.path(SourceFile), []byte(seed.Source.ID+"\n")); err != nil {
			return nil, err
		}
	}
	if seed != nil {
		taken := map[string]bool{}
		for _, p := range seed.Publications() {
			obs := seed.In(p).Obs
			if p.Date.IsZero() {
				return nil, data.Errorf(obs[0].Pos, "published", "a store keeps dated publications; this figure has no publication date")
			}
			name := fileName(p, taken)
			taken[name] = true
			if _, err := s.writePublication(p, obs, name); err != nil {
				return nil, err
			}
		}
	}
	if err := s.writeIndex(); err != nil {
		return nil, err
	}
	return s, nil
}

const readme = `This folder is a casualty store: every publication of figures ingested,
each in its own tidy CSV under publications/ (one row per figure, with the
publication's name and date), and index.csv listing them with a checksum.
Earlier vintages are never overwritten: the current figures are the latest
vintage of each. Add a publication with

    casualty ingest --store DIR --published YYYY-MM-DD --name TEXT FILE

and read the history of a figure with casualty revisions --store DIR.
source.txt, when present, names who publishes the figures (hrmmu, unami):
their wording and "at least" follow that source. Delete it to declare none.
If index.csv is lost or out of date: casualty init --repair --store DIR.
`

func (s *Store) path(parts ...string) string {
	return filepath.Join(append([]string{s.Dir}, parts...)...)
}

// pubFile is one publication file as found on disk.
type pubFile struct {
	Name string // file name within publications/
	Pub  data.Publication
	Obs  []data.Observation
	Sum  string // sha256 of the content, hex
	Size int64
	// Areas is the table of the country the file's p-codes belong to.
	Areas *data.AreaTable
}

// isTemp reports whether a file name is a temporary file left by an
// interrupted write (atomicfile names them ".NAME.tmp-RANDOM").
func isTemp(name string) bool { return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-") }

// readFiles loads every publication file, checking each holds exactly one
// publication and no publication is in two files.
func (s *Store) readFiles() ([]pubFile, error) {
	entries, err := os.ReadDir(s.path(PubDir))
	if err != nil {
		return nil, fmt.Errorf("store %s: %v", s.Dir, err)
	}
	var files []pubFile
	var errs data.ErrorList
	where := map[data.Publication]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || !strings.EqualFold(filepath.Ext(name), ".csv") {
			continue
		}
		pf, err := readPublication(s.path(PubDir, name))
		if err != nil {
			errs.Add(err)
			continue
		}
		pf.Name = name
		if other, dup := where[pf.Pub]; dup {
			errs.Add(data.Errorf(data.Pos{File: s.path(PubDir, name)}, "", "%s is also stored in %s; a publication lives in one file (remove one of them)", pf.Pub, other))
			continue
		}
		where[pf.Pub] = name
		files = append(files, pf)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Pub.Before(files[j].Pub) })
	return files, nil
}

// Load reads every publication in the store into one dataset holding every
// vintage. Its warnings include gaps in the current view and any
// disagreement between the index and the files (which the next ingest or
// Repair mends).
func (s *Store) Load() (*data.Dataset, error) {
	files, err := s.readFiles()
	if err != nil {
		return nil, err
	}
	ds := datasetOf(files)
	st, err := s.status(files)
	if err != nil {
		return nil, err
	}
	if src, ok, err := s.source(); err != nil {
		return nil, err
	} else if ok {
		ds = ds.WithSource(src)
	}
	ds.Warnings = append(st.Problems, ds.Warnings...)
	return ds, nil
}

// datasetOf builds the dataset of the publication files.
func datasetOf(files []pubFile) *data.Dataset {
	ds := &data.Dataset{Areas: storeAreas(files), Format: data.FormatTidy}
	for _, f := range files {
		ds.Obs = append(ds.Obs, f.Obs...)
		ds.Files = append(ds.Files, f.Name)
	}
	// Publications are disjoint (checked in readFiles), so Merge cannot
	// find a conflict; it sorts the figures.
	merged, err := data.Merge(ds)
	if err != nil {
		panic("store: publications overlap after being checked: " + err.Error())
	}
	merged.Format = data.FormatTidy
	merged.Warnings = gapWarnings(merged)
	return merged
}

// gapWarnings says which months have no current figure between an area's
// first and last month, as the loaders do for a single file: a gap stays a
// gap, never a zero.
func gapWarnings(d *data.Dataset) []error {
	var out []error
	latest := d.Latest()
	for _, a := range latest.AreaCodes() {
		for _, m := range latest.Metrics() {
			miss := latest.Series(a, m).Missing()
			if len(miss) == 0 {
				continue
			}
			names := make([]string, len(miss))
			for i, mo := range miss {
				names[i] = mo.String()
			}
			out = append(out, fmt.Errorf("%s %s: no figure for %s (left as a gap, not zero)", a, m, strings.Join(names, ", ")))
		}
	}
	return out
}

// Status is how the index compares with the publication files.
type Status struct {
	Publications int
	Figures      int
	// Problems are disagreements between index and files, and stray
	// temporary files: none changes the figures, which come from the
	// publication files; Repair clears them.
	Problems []error
	// Stale is true when the index must be rewritten.
	Stale bool
	// Temps lists temporary files left by interrupted writes.
	Temps []string
}

// Check loads the store and compares the index with the files.
func (s *Store) Check() (Status, error) {
	files, err := s.readFiles()
	if err != nil {
		return Status{}, err
	}
	return s.status(files)
}

func (s *Store) status(files []pubFile) (Status, error) {
	st := Status{Publications: len(files)}
	for _, f := range files {
		st.Figures += len(f.Obs)
	}
	idx, err := s.readIndex()
	if err != nil {
		st.Stale = true
		st.Problems = append(st.Problems, fmt.Errorf("%v; figures are read from the publication files (`casualty init --repair --store %s` rebuilds the index)", err, s.Dir))
		idx = nil
	}
	listed := map[string]indexEntry{}
	for _, e := range idx {
		listed[e.File] = e
	}
	for _, f := range files {
		e, ok := listed[f.Name]
		switch {
		case !ok && idx != nil:
			st.Stale = true
			st.Problems = append(st.Problems, fmt.Errorf("%s/%s (%s) is not in %s yet (an ingest was interrupted after storing it); its figures are included, and the next ingest or `casualty init --repair` indexes it", PubDir, f.Name, f.Pub, IndexFile))
		case ok && e.Sum != f.Sum:
			st.Stale = true
			st.Problems = append(st.Problems, fmt.Errorf("%s/%s changed since it was indexed (checksum differs); its figures as now written are used; `casualty init --repair` accepts the change", PubDir, f.Name))
		}
		delete(listed, f.Name)
	}
	var gone []string
	for name := range listed {
		gone = append(gone, name)
	}
	sort.Strings(gone)
	for _, name := range gone {
		st.Stale = true
		st.Problems = append(st.Problems, fmt.Errorf("%s lists %s/%s (%s, %d figures) but the file is gone: those figures are missing from the store; restore the file, or accept the loss with `casualty init --repair`", IndexFile, PubDir, name, listed[name].Pub, listed[name].Figures))
	}
	for _, dir := range []string{s.Dir, s.path(PubDir)} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if isTemp(e.Name()) {
				st.Temps = append(st.Temps, filepath.Join(dir, e.Name()))
			}
		}
	}
	return st, nil
}

// Repair rebuilds the index from the publication files and removes
// temporary files left by interrupted writes. The caller holds the lock.
func (s *Store) Repair() (Status, error) {
	files, err := s.readFiles()
	if err != nil {
		return Status{}, err
	}
	st, err := s.status(files)
	if err != nil {
		return st, err
	}
	for _, t := range st.Temps {
		if err := os.Remove(t); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return st, fmt.Errorf("cannot remove %s: %v", t, err)
		}
	}
	if st.Stale {
		if err := s.writeIndexOf(files); err != nil {
			return st, err
		}
	}
	return st, nil
}

// source reads the store's declared source (SourceFile), if it has one.
func (s *Store) source() (data.Source, bool, error) {
	b, err := os.ReadFile(s.path(SourceFile))
	if errors.Is(err, fs.ErrNotExist) {
		return data.Source{}, false, nil
	}
	if err != nil {
		return data.Source{}, false, err
	}
	src, err := data.SourceByID(strings.TrimSpace(string(b)))
	if err != nil {
		return data.Source{}, false, fmt.Errorf("%s: %v", s.path(SourceFile), err)
	}
	return src, true, nil
}

// storeAreas is the area table of a store's country: its publications'
// (one store holds one country's series; Prepare refuses another's), or
// Ukraine's while it holds none.
func storeAreas(files []pubFile) *data.AreaTable {
	for _, f := range files {
		if f.Areas != nil && len(f.Obs) > 0 {
			return f.Areas
		}
	}
	return ukraine()
}
