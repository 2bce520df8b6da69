package store

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strconv"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/internal/atomicfile"
)

// indexHeader is the header of index.csv: one line per publication file,
// oldest publication first, with enough to notice a file that went missing
// or changed.
var indexHeader = []string{"file", "published", "publication", "figures", "months", "sha256"}

type indexEntry struct {
	File    string
	Pub     data.Publication
	Figures int
	Sum     string
}

// readIndex reads index.csv. It is only a summary of the publication
// files; figures are never read from it.
func (s *Store) readIndex() ([]indexEntry, error) {
	path := s.path(IndexFile)
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s is missing", path)
		}
		return nil, fmt.Errorf("%s: cannot read: %v", path, err)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = len(indexHeader)
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s is damaged: %v", path, err)
	}
	if len(recs) == 0 || fmt.Sprint(recs[0]) != fmt.Sprint(indexHeader) {
		return nil, fmt.Errorf("%s is damaged: want the header %v", path, indexHeader)
	}
	var out []indexEntry
	for i, rec := range recs[1:] {
		d, err := data.ParseDate(rec[1])
		n, err2 := strconv.Atoi(rec[3])
		if err != nil || err2 != nil {
			return nil, fmt.Errorf("%s:%d is damaged: want a date and a count, got %q and %q", path, i+2, rec[1], rec[3])
		}
		out = append(out, indexEntry{File: rec[0], Pub: data.Publication{Name: unsafeText(rec[2]), Date: d}, Figures: n, Sum: rec[5]})
	}
	return out, nil
}

// unsafeText undoes data.SafeText for a name the index itself wrote.
func unsafeText(s string) string {
	if len(s) > 1 && s[0] == '\'' && data.SafeText(s[1:]) == s {
		return s[1:]
	}
	return s
}

// writeIndex rebuilds index.csv from the publication files, atomically.
func (s *Store) writeIndex() error {
	files, err := s.readFiles()
	if err != nil {
		return err
	}
	return s.writeIndexOf(files)
}

// writeIndexOf writes index.csv listing files (as just read or written,
// under the lock), atomically.
func (s *Store) writeIndexOf(files []pubFile) error {
	sort.Slice(files, func(i, j int) bool { return files[i].Pub.Before(files[j].Pub) })
	var b bytes.Buffer
	cw := csv.NewWriter(&b)
	cw.Write(indexHeader)
	for _, f := range files {
		first, last := (&data.Dataset{Obs: f.Obs}).Span()
		cw.Write([]string{f.Name, f.Pub.Date.String(), data.SafeText(f.Pub.Name), strconv.Itoa(len(f.Obs)), first.String() + ".." + last.String(), f.Sum})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return atomicfile.Write(s.path(IndexFile), func(w io.Writer) error { return slowWrite(w, b.Bytes()) })
}

// OpenForRepair returns the store in dir even when its index is missing or
// damaged, so that Repair can rebuild it.
func OpenForRepair(dir string) (*Store, error) {
	s := &Store{Dir: dir}
	if st, err := os.Stat(s.path(PubDir)); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s is not a store: it has no %s/ folder; create one with `casualty init --store %s`", dir, PubDir, dir)
	}
	return s, nil
}
