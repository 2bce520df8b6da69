package data

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"strings"
)

// SafeText neutralises text that a spreadsheet would run as a formula:
// text starting with =, +, -, @, tab or carriage return gets a leading
// apostrophe, which spreadsheets show as text. Only text passes through
// here; numbers are written as numbers and never altered.
func SafeText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// TidyHeader is the header of the tidy files casualty writes.
var TidyHeader = []string{"month", "area", "metric", "value", "qualifier", "low", "high", "covers", "published", "publication", "source", "note"}

// TidyHXL is the HXL hashtag row that goes under TidyHeader, so the file
// loads into HDX tools.
var TidyHXL = []string{"#date+month", "#adm1+code", "#indicator+type", "#affected+num", "#meta+qualifier", "#meta+low", "#meta+high", "#date+covers", "#date+published", "#meta+publication", "#meta+source", "#meta+note"}

func coversCell(o Observation) string {
	if !o.PartMonth() {
		return ""
	}
	return strconv.Itoa(o.FromDay) + "-" + strconv.Itoa(o.ToDay)
}

// WriteTidyCSV writes figures as a tidy CSV that casualty and spreadsheets
// read back, with the HXL hashtag row when hxl is set. Text fields are
// neutralised (SafeText); values are plain integers.
func WriteTidyCSV(w io.Writer, obs []Observation, hxl bool) error {
	cw := csv.NewWriter(w)
	cw.Write(TidyHeader)
	if hxl {
		cw.Write(TidyHXL)
	}
	for _, o := range obs {
		low, high := "", ""
		if o.HasRange {
			low, high = strconv.FormatInt(o.Low, 10), strconv.FormatInt(o.High, 10)
		}
		cw.Write([]string{
			o.Month.String(), SafeText(o.Area), string(o.Metric), strconv.FormatInt(o.Value, 10),
			o.Qualifier.String(), low, high, coversCell(o), o.Published.Date.String(),
			SafeText(o.Published.Name), SafeText(o.Source), SafeText(o.Note),
		})
	}
	cw.Flush()
	return cw.Error()
}

// jsonFigure is the JSON form of an observation.
type jsonFigure struct {
	Month       Month  `json:"month"`
	Area        string `json:"area"`
	Metric      Metric `json:"metric"`
	Value       int64  `json:"value"`
	Qualifier   string `json:"qualifier"`
	Low         *int64 `json:"low,omitempty"`
	High        *int64 `json:"high,omitempty"`
	Covers      string `json:"covers,omitempty"`
	Days        int    `json:"days"`
	Published   string `json:"published,omitempty"`
	Publication string `json:"publication,omitempty"`
	Source      string `json:"source,omitempty"`
	Note        string `json:"note,omitempty"`
	Derived     bool   `json:"derived,omitempty"`
	Pos         string `json:"pos,omitempty"`
}

// WriteJSON writes figures as a JSON array, one object per figure.
func WriteJSON(w io.Writer, obs []Observation) error {
	out := make([]jsonFigure, len(obs))
	for i, o := range obs {
		f := jsonFigure{Month: o.Month, Area: o.Area, Metric: o.Metric, Value: o.Value, Qualifier: o.Qualifier.String(),
			Covers: coversCell(o), Days: o.Days(), Published: o.Published.Date.String(), Publication: o.Published.Name,
			Source: o.Source, Note: o.Note, Derived: o.Derived, Pos: o.Pos.String()}
		if o.HasRange {
			lo, hi := o.Low, o.High
			f.Low, f.High = &lo, &hi
		}
		out[i] = f
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// Describe summarises a dataset in one line for `casualty validate`:
// months covered, areas, metrics, publications and warnings.
func (d *Dataset) Describe() string {
	first, last := d.Span()
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(d.Obs)))
	b.WriteString(" figures, ")
	b.WriteString(first.String() + ".." + last.String())
	b.WriteString(", areas ")
	areas := d.AreaCodes()
	if len(areas) > 6 {
		b.WriteString(strings.Join(areas[:6], " ") + " ... (" + strconv.Itoa(len(areas)) + ")")
	} else {
		b.WriteString(strings.Join(areas, " "))
	}
	ms := d.Metrics()
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = string(m)
	}
	b.WriteString(", metrics " + strings.Join(names, " "))
	b.WriteString(", " + strconv.Itoa(len(d.Publications())) + " publications")
	b.WriteString(", " + strconv.Itoa(len(d.Warnings)) + " warnings")
	return b.String()
}
