package extract

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/casualty-tool/casualty/data"
)

// TestBreakdownGolden reads the Iraqi and Libyan breakdown texts of
// testdata (iq_*.txt, ly_*.txt) against their golden files, as TestGolden
// does for the others.
func TestBreakdownGolden(t *testing.T) {
	var names []string
	for _, g := range []string{"iq_*.txt", "ly_*.txt"} {
		m, _ := filepath.Glob(filepath.Join("testdata", g))
		names = append(names, m...)
	}
	if len(names) < 4 {
		t.Fatalf("want the four breakdown texts of testdata, found %v", names)
	}
	for _, path := range names {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			res, err := extractFile(t, name, Options{})
			if err != nil {
				t.Fatal(err)
			}
			golden(t, path+".want", render(res))
		})
	}
}

// TestBreakdownFigures holds the hand-read governorate figures of the
// breakdown texts: each value is what the text states, with the wording
// it tests.
func TestBreakdownFigures(t *testing.T) {
	cases := []struct {
		file, month, area string
		metric            data.Metric
		value             int64
		from, to          int    // part-month days
		note              string // a part of the note it must carry
	}{
		// "Ninawa, with 95 civilian casualties (40 killed, 55 injured)":
		// the place is named once for three numbers. 40 + 55 = 95.
		{"iq_governorates.txt", "2019-02", "IQG15", data.Casualties, 95, 0, 0, ""},
		{"iq_governorates.txt", "2019-02", "IQG15", data.Killed, 40, 0, 0, ""},
		{"iq_governorates.txt", "2019-02", "IQG15", data.Injured, 55, 0, 0, ""},
		// "while Salah al-Din 12 killed and 30 injured": no verb, two-word name.
		{"iq_governorates.txt", "2019-02", "IQG16", data.Killed, 12, 0, 0, ""},
		{"iq_governorates.txt", "2019-02", "IQG16", data.Injured, 30, 0, 0, ""},
		// "Thi-Qar", "in Babylon," "Kirkuk had": the table's aliases.
		{"iq_governorates.txt", "2019-02", "IQG17", data.Injured, 9, 0, 0, ""},
		{"iq_governorates.txt", "2019-02", "IQG07", data.Killed, 7, 0, 0, ""},
		{"iq_governorates.txt", "2019-02", "IQG13", data.Injured, 6, 0, 0, ""},
		// "its civilian death toll totalling 21 (9 dead and 12 wounded)":
		// 9 + 12 = 21, so the "death toll" is killed and injured together.
		{"iq_governorates.txt", "2019-02", "IQG11", data.Casualties, 21, 0, 0, "brackets give 9 killed and 12 injured"},
		{"iq_governorates.txt", "2019-02", "IQG11", data.Killed, 9, 0, 0, ""},
		{"iq_governorates.txt", "2019-02", "IQG10", data.Injured, 2, 0, 0, ""},
		// The Health Directorate's figures, to 26 February: days 1-26.
		{"iq_governorates.txt", "2019-02", "IQG01", data.Casualties, 48, 1, 26, "Health Directorate, passed on by UNAMI, not verified"},
		{"iq_governorates.txt", "2019-02", "IQG01", data.Killed, 20, 1, 26, "Health Directorate, passed on by UNAMI, not verified"},
		{"iq_governorates.txt", "2019-02", "IQG01", data.Injured, 28, 1, 26, "Health Directorate, passed on by UNAMI, not verified"},
		// The sentence after the figures says whose they are and how far
		// they run: Anbar's Health Directorate, to 27 February.
		{"iq_trailing.txt", "2019-02", "IQG01", data.Killed, 20, 1, 27, "Health Directorate, passed on by UNAMI, not verified"},
		{"iq_trailing.txt", "2019-02", "IQG01", data.Injured, 46, 1, 27, "Health Directorate, passed on by UNAMI, not verified"},
		// The next sentence's figures are the mission's, for the whole month.
		{"iq_trailing.txt", "2019-02", "IQG15", data.Killed, 14, 0, 0, ""},
		// "Jan Kubis" between is a man, not January: Kirkuk's 6 are February's.
		{"iq_trailing.txt", "2019-02", "IQG13", data.Killed, 6, 0, 0, ""},
		// "Baghdad's death toll was 30 (12 killed and 9 injured)": the 30
		// is contradicted and dropped; its parts stand.
		{"iq_ambiguous.txt", "2019-03", "IQG08", data.Killed, 12, 0, 0, ""},
		{"iq_ambiguous.txt", "2019-03", "IQG08", data.Injured, 9, 0, 0, ""},
		// "Wasit, with 50 civilian casualties (20 killed, 25 injured)":
		// 20 + 25 = 45, not 50; both kept as stated, with a warning.
		{"iq_ambiguous.txt", "2019-03", "IQG18", data.Casualties, 50, 0, 0, ""},
		{"iq_ambiguous.txt", "2019-03", "IQG14", data.Killed, 14, 0, 0, ""},
	}
	results := map[string]*Result{}
	for _, c := range cases {
		r := results[c.file]
		if r == nil {
			var err error
			if r, err = extractFile(t, c.file, Options{}); err != nil {
				t.Fatal(err)
			}
			results[c.file] = r
		}
		f, ok := find(r, c.month, c.area, c.metric, Breakdown)
		if !ok {
			t.Errorf("%s: no breakdown %s %s %s", c.file, c.month, c.area, c.metric)
			continue
		}
		if f.Value != c.value || f.FromDay != c.from || f.ToDay != c.to {
			t.Errorf("%s: %s %s %s = %d days %d-%d, want %d days %d-%d", c.file, c.month, c.area, c.metric, f.Value, f.FromDay, f.ToDay, c.value, c.from, c.to)
		}
		if !strings.Contains(f.Note, c.note) {
			t.Errorf("%s: %s %s %s: note %q, want it to say %q", c.file, c.month, c.area, c.metric, f.Note, c.note)
		}
	}
}

// TestPlaces runs one-line texts whose place decides whether a number is
// a governorate's, the country's, or a warning. want is "AREA metric
// value" for a figure that must be reported; warn is a part of a warning
// that must be given; never is an area prefix no figure may have
// ("=IQ": that area exactly).
func TestPlaces(t *testing.T) {
	cases := []struct {
		name, text string
		want, warn []string
		never      string
	}{
		{"an oblast in an Iraqi text is no place of casualty's",
			"date: 2019-03-03\n\nIn February 2019, UNAMI counted 120 civilians killed across Iraq. In Kharkiv, 5 civilians were killed.\n",
			[]string{"IQ killed 120"}, []string{"5 killed: a figure for a place (Kharkiv)"}, "UA"},
		{"a governorate in a Ukrainian text is no oblast",
			"date: 2024-07-09\n\nIn June 2024, HRMMU recorded 174 civilians killed in Ukraine. In Baghdad, 5 civilians were killed.\n",
			[]string{"UA killed 174"}, []string{"(Baghdad)"}, "IQ"},
		{"a dateline names no figure's place",
			"Baghdad, 3 March 2019 – In February, UNAMI counted 120 civilians killed and 300 injured.\n",
			[]string{"IQ killed 120", "IQ injured 300"}, nil, "IQG"},
		{"where a speaker was names no figure's place",
			"date: 2019-03-03\n\nSpeaking in Basra, the UNAMI envoy said 120 civilians were killed in February 2019.\n",
			[]string{"IQ killed 120"}, nil, "IQG"},
		{"a place after the number wins over one before",
			"date: 2019-03-03\n\nUNAMI: in February 2019, 30 civilians were killed in Baghdad and 12 were killed in Ninewa.\n",
			[]string{"IQG08 killed 30", "IQG15 killed 12"}, nil, ""},
		{"a place after a pair is both numbers'",
			"date: 2019-03-03\n\nUNAMI: in February 2019, 152 civilians were killed and 581 injured in Baghdad.\n",
			[]string{"IQG08 killed 152", "IQG08 injured 581"}, nil, "=IQ"},
		{"a place in another figure's brackets is not this one's",
			"date: 2019-03-03\n\nIn February 2019, UNAMI says 300 civilians were killed (Anbar figures included), and 500 civilians were injured.\n",
			[]string{"IQ injured 500"}, nil, "IQG"},
		{"a possessive governorate",
			"date: 2019-03-03\n\nUNAMI: in February 2019, Diyala's toll was 17 killed and 15 injured.\n",
			[]string{"IQG10 killed 17", "IQG10 injured 15"}, nil, ""},
		{"spellings of IQ.csv: Diwaniya, Sulaimaniyah, Dhi Qar",
			"date: 2019-03-03\n\nUNAMI: in February 2019, Diwaniya had 2 killed, Sulaimaniyah 1 killed and Dhi Qar 6 killed.\n",
			[]string{"IQG05 killed 2", "IQG06 killed 1", "IQG17 killed 6"}, nil, ""},
		{"the mission's count after a governorate is the country's",
			"date: 2019-03-03\n\nBaghdad was again the worst-hit governorate in February 2019, and UNAMI recorded 900 civilians killed.\n",
			[]string{"IQ killed 900"}, nil, "IQG"},
		{"overall after a governorate is the country's",
			"date: 2019-03-03\n\nUNAMI: Baghdad was again the worst-hit governorate in February 2019, while overall 900 civilians were killed.\n",
			[]string{"IQ killed 900"}, nil, "IQG"},
		{"an incident's toll is no governorate's month",
			"date: 2019-03-03\n\nUNAMI: in February 2019, a suicide bombing in Baghdad killed 30 civilians.\n",
			nil, []string{"30 killed: the sentence is about an incident (suicide)"}, "IQG"},
		{"two governorates named together",
			"date: 2019-03-03\n\nUNAMI: in February 2019, fighting in Ninewa and Salahadin left 50 civilians killed.\n",
			nil, []string{"50: a figure for places named together (Ninewa and Salahadin)"}, "IQ"},
		{"a governorate named too far back",
			"date: 2019-03-03\n\nUNAMI: Baghdad, which for the second month running and despite the easing of violence elsewhere in the centre and the south of the land saw heavy fighting, recorded 300 civilians killed in February 2019.\n",
			nil, []string{"300: Baghdad is named too far before the number"}, "IQ"},
		{"a governorate's city is not the governorate",
			"date: 2019-03-03\n\nUNAMI: in February 2019, in the city of Kirkuk, 7 civilians were killed.\n",
			nil, []string{"7 killed: a figure for a place (city of Kirkuk)"}, "IQG"},
		{"Libya has no area table: its cities are warnings",
			"date: 2018-01-05\n\nIn December 2017 UNSMIL recorded 5 civilians killed in Libya, and civilian casualties in Benghazi (three deaths and one injury).\n",
			nil, []string{"three killed: a figure for a place (Benghazi)", "one injured: a figure for a place (Benghazi)"}, "LY0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Read(strings.NewReader(c.text), "t.txt", ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			r, err := Extract(doc, Options{})
			if err != nil && len(c.want) > 0 {
				t.Fatal(err)
			}
			var got []string
			if r != nil {
				for _, f := range r.Figures {
					got = append(got, f.Area+" "+string(f.Metric)+" "+itoa(f.Value))
					if never, exact := strings.CutPrefix(c.never, "="); c.never != "" && (exact && f.Area == never || !exact && strings.HasPrefix(f.Area, never)) {
						t.Errorf("figure for %s: %s %s %d", f.Area, f.Month, f.Metric, f.Value)
					}
				}
			}
			for _, w := range c.want {
				if !inList(w, got) {
					t.Errorf("want %q among %q", w, got)
				}
			}
			var warns []string
			if r != nil {
				for _, w := range r.Warnings {
					warns = append(warns, w.Msg)
				}
			} else if err != nil {
				warns = append(warns, err.Error())
			}
			for _, w := range c.warn {
				if !strings.Contains(strings.Join(warns, "\n"), w) {
					t.Errorf("want a warning with %q, got:\n%s", w, strings.Join(warns, "\n"))
				}
			}
		})
	}
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// TestGivenName: "Jan Kubis" (UNAMI's head, quoted in its releases) is no
// January; read as one, he would date the figures of his sentence.
func TestGivenName(t *testing.T) {
	doc, err := Read(strings.NewReader("date: 2019-03-03\n\nUNAMI recorded 180 civilians killed in February 2019.\nJan Kubis, the envoy, said 70 more were injured.\n"), "t.txt", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Extract(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Figures {
		if f.Month.String() != "2019-02" {
			t.Errorf("%s %s %d dated %s, want 2019-02", f.Area, f.Metric, f.Value, f.Month)
		}
	}
	if len(r.Figures) != 2 {
		t.Errorf("want 2 figures (180 killed, 70 injured), got %d", len(r.Figures))
	}
}

// TestBracketsDecide: a national total the text calls a death toll, whose
// brackets give killed and injured adding up to it, is casualties (174 +
// 690 = 864), never 864 killed.
func TestBracketsDecide(t *testing.T) {
	doc, err := Read(strings.NewReader("date: 2025-06-09\n\nIn May 2025 the civilian death toll in Ukraine, totalling 864 (174 killed, 690 injured), rose again.\n"), "t.txt", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Extract(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, f := range r.Figures {
		got[f.Area+" "+string(f.Metric)] = f.Value
	}
	want := map[string]int64{"UA casualties": 864, "UA killed": 174, "UA injured": 690}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %d, want %d (all: %v)", k, got[k], v, got)
		}
	}
}
