package data

import "testing"

// FuzzAreaResolver: any cell, in any convention, gives an area of the
// table or an error, never a panic; a resolved area is one of the table's.
func FuzzAreaResolver(f *testing.F) {
	for _, s := range []string{"Kyiv", "Київ", "Kyiv City", "UA80", "ua-30", "Kyiv region", "Salah al-Din", "IQG08", "", " ", "Kiev oblast", "\xff"} {
		f.Add(s, s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, name, code string, conv uint8) {
		for _, tab := range []*AreaTable{Ukraine(), Iraq()} {
			r := tab.Resolver(Convention(conv % 3))
			if a, err := r.Name(name); err == nil {
				if _, ok := tab.Get(a.Code); !ok {
					t.Fatalf("Name(%q) = %q, not in the table", name, a.Code)
				}
			}
			if a, err := r.Code(code, name); err == nil {
				if _, ok := tab.Get(a.Code); !ok || !tab.IsSpelling(a.Code, code) {
					t.Fatalf("Code(%q, %q) = %q", code, name, a.Code)
				}
			}
			tab.DetectConvention([]string{name, code})
		}
		DetectCountry([]string{name, code})
	})
}
