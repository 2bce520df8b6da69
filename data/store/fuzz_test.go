package store

import (
	"os"
	"testing"
)

// FuzzIndex: whatever index.csv holds, reading it gives entries or an
// error, never a panic, and a store whose index is garbage still loads
// (its figures come from the publication files; the index only warns).
func FuzzIndex(f *testing.F) {
	f.Add([]byte("file,published,publication,figures,months,sha256\n2025-04-09-hrmmu.csv,2025-04-09,HRMMU update,4,2025-02..2025-03,abc\n"))
	f.Add([]byte("file,published,publication,figures,months,sha256\n"))
	f.Add([]byte("file,published\n"))
	f.Add([]byte("\"unclosed\n"))
	dir := f.TempDir()
	s := &Store{Dir: dir}
	if err := os.MkdirAll(s.path(PubDir), 0o755); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if err := os.WriteFile(s.path(IndexFile), b, 0o644); err != nil {
			t.Fatal(err)
		}
		s.readIndex()
		if _, err := s.Load(); err != nil {
			t.Fatalf("an empty store with a damaged index does not load: %v", err)
		}
	})
}

// FuzzPublicationFile: a publication file edited by hand loads as one
// publication or is refused with an error, never a panic; storing what
// loaded either is refused (a name a spreadsheet would run as a formula
// would come back altered) or reads back as exactly the same figures.
func FuzzPublicationFile(f *testing.F) {
	f.Add([]byte("month,area,metric,value,qualifier,low,high,covers,published,publication,source,note\n2025-03,UA,killed,164,exact,,,,2025-04-09,HRMMU update,,\n"))
	f.Add([]byte("month,area,metric,value,qualifier,low,high,covers,published,publication,source,note\n2025-02,UA,killed,100,at_least,100,120,24-28,2025-04-09,'=x,,\n"))
	f.Add([]byte("month,metric,value,published\n2025-03,killed,164,2025-04-09\n2025-03,injured,910,2025-04-10\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		pf, err := parsePublication(b, "p.csv")
		if err != nil {
			return
		}
		s := &Store{Dir: t.TempDir()}
		os.MkdirAll(s.path(PubDir), 0o755)
		if _, err := s.writePublication(pf.Pub, pf.Obs, "p.csv"); err != nil {
			return
		}
		back, err := readPublication(s.path(PubDir, "p.csv"))
		if err != nil {
			t.Fatalf("a stored publication does not load: %v", err)
		}
		if len(back.Obs) != len(pf.Obs) {
			t.Fatalf("%d figures became %d", len(pf.Obs), len(back.Obs))
		}
		for i := range pf.Obs {
			a, b := pf.Obs[i], back.Obs[i]
			if a.Key() != b.Key() || a.Value != b.Value || a.Qualifier != b.Qualifier || a.Published != b.Published ||
				a.FromDay != b.FromDay || a.ToDay != b.ToDay || a.HasRange != b.HasRange || a.Low != b.Low || a.High != b.High {
				t.Fatalf("figure %d changed on the round trip: %+v became %+v", i, a, b)
			}
		}
	})
}
