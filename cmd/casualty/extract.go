package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/data/extract"
)

func init() {
	register(command{name: "extract", summary: "read the figures an update states in prose (text, HTML, PDF), with evidence and checked percentages", run: runExtract})
}

// extractFlags are the flags of extract, shared with ingest for update
// texts.
type extractFlags struct {
	published   string
	publication string
	source      string
	encoding    string
	formatIn    string
	maxBytes    int64
}

func (e *extractFlags) register(fs interface {
	StringVar(*string, string, string, string)
	Int64Var(*int64, string, int64, string)
}, withEncoding bool) {
	fs.StringVar(&e.published, "published", "", "publication date `YYYY-MM-DD`, when the text states none")
	fs.StringVar(&e.publication, "publication", "", "the publication's `NAME` (default: the file's name)")
	fs.StringVar(&e.source, "source", "", "the publication's `URL` or citation (default: a source: line of the text)")
	if withEncoding {
		fs.StringVar(&e.encoding, "encoding", "", "text encoding: utf-8 (default), utf-16, windows-1251, windows-1252")
		fs.StringVar(&e.formatIn, "format-in", "", "force the input format: text, html or pdf (default: from the content)")
		fs.Int64Var(&e.maxBytes, "max-bytes", extract.DefaultMaxBytes, "refuse inputs larger than `N` bytes")
	}
}

func (e *extractFlags) options() (extract.Options, extract.ReadOptions, error) {
	var opt extract.Options
	if e.published != "" {
		d, err := data.ParseDate(e.published)
		if err != nil {
			return opt, extract.ReadOptions{}, usagef("--published must be YYYY-MM-DD, got %q", e.published)
		}
		opt.Published = d
	}
	opt.Publication, opt.Source = e.publication, e.source
	ro := extract.ReadOptions{Encoding: e.encoding, MaxBytes: e.maxBytes}
	switch e.formatIn {
	case "", "text", "html", "pdf":
		ro.Format = extract.Format(e.formatIn)
	default:
		return opt, ro, usagef("--format-in must be text, html or pdf, got %q", e.formatIn)
	}
	if e.maxBytes <= 0 && e.maxBytes != 0 {
		return opt, ro, usagef("--max-bytes must be a positive whole number, got %d", e.maxBytes)
	}
	return opt, ro, nil
}

// extractFile reads one update ("-" for standard input).
func extractFile(path string, stdin io.Reader, opt extract.Options, ro extract.ReadOptions) (*extract.Result, error) {
	name := path
	var r io.Reader
	if path == "-" {
		name, r = "stdin", stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	doc, err := extract.Read(r, name, ro)
	if err != nil {
		return nil, err
	}
	if opt.Publication == "" && path != "-" {
		base := filepath.Base(path)
		opt.Publication = strings.TrimSuffix(base, filepath.Ext(base))
	}
	return extract.Extract(doc, opt)
}

// runExtract prints the figures of each update given.
func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("extract", stderr)
	var ef extractFlags
	ef.register(fs, true)
	format := fs.String("format", "csv", "output `FORMAT`: csv (tidy rows plus role and evidence), json, or text")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: casualty extract [flags] FILE... (- for standard input)")
		fmt.Fprintln(stderr, "\nReads a monitoring mission's update as published (plain text, a saved web page, a PDF with a")
		fmt.Fprintln(stderr, "text layer) and prints the figures it states, each with its role and the sentence it came")
		fmt.Fprintln(stderr, "from, checks its stated percentages against its own figures, and warns about numbers near")
		fmt.Fprintln(stderr, "words about casualties that it cannot place.")
		printDefaults(fs)
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("extract: want at least one FILE (- for standard input)")
	}
	switch *format {
	case "csv", "json", "text":
	default:
		return usagef("--format must be csv, json or text, got %q", *format)
	}
	opt, ro, err := ef.options()
	if err != nil {
		return err
	}
	var results []*extract.Result
	var errs data.ErrorList
	for _, f := range files {
		res, err := extractFile(f, os.Stdin, opt, ro)
		if err != nil {
			errs.Add(err)
			continue
		}
		results = append(results, res)
	}
	if err := errs.Err(); err != nil {
		return err
	}
	// Render whole, then write: a failed render writes nothing.
	var out bytes.Buffer
	switch *format {
	case "csv":
		if err := writeExtractCSV(&out, results); err != nil {
			return err
		}
		for _, r := range results {
			writeExtractNotes(stderr, r)
		}
	case "json":
		if err := writeExtractJSON(&out, results); err != nil {
			return err
		}
	case "text":
		for i, r := range results {
			if i > 0 {
				out.WriteString("\n")
			}
			writeExtractText(&out, r)
		}
	}
	_, err = stdout.Write(out.Bytes())
	return err
}

// extractHeader is the tidy header plus the evidence of each figure.
var extractHeader = append(append([]string(nil), data.TidyHeader...), "role", "file", "offset", "line", "column", "sentence")

// writeExtractCSV writes the month figures as tidy rows (a file casualty
// loads) with their role and evidence. Cumulative totals and totals of
// killed and injured are not rows of a tidy file — one would pass for a
// month's figure, the other is computed from its parts — and go with the
// notes to standard error.
func writeExtractCSV(w io.Writer, results []*extract.Result) error {
	cw := csv.NewWriter(w)
	cw.Write(extractHeader)
	for _, r := range results {
		for _, f := range r.Figures {
			if f.Role == extract.Cumulative || f.Metric.Derived() || f.Group != extract.Civilians || f.Rounded {
				continue
			}
			o := f.Observation
			cw.Write([]string{o.Month.String(), data.SafeText(o.Area), string(o.Metric), strconv.FormatInt(o.Value, 10),
				o.Qualifier.String(), "", "", coversDays(o), o.Published.Date.String(), data.SafeText(o.Published.Name),
				data.SafeText(o.Source), data.SafeText(o.Note), string(f.Role), data.SafeText(o.Pos.File),
				strconv.Itoa(f.Offset), strconv.Itoa(o.Pos.Line), strconv.Itoa(o.Pos.Col), data.SafeText(f.Sentence)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// coversDays is the tidy file's covers cell: "1-18" for a figure of some
// days of its month, empty for the whole month.
func coversDays(o data.Observation) string {
	if !o.PartMonth() {
		return ""
	}
	return strconv.Itoa(o.FromDay) + "-" + strconv.Itoa(o.ToDay)
}

// extractPeriod names a figure's month for people, or the days of it a
// part-month figure covers ("1-27 Nov 2016").
func extractPeriod(o data.Observation) string {
	if o.PartMonth() {
		return o.Covers()
	}
	return o.Month.Label()
}

// writeExtractNotes writes what the CSV does not hold: totals, checks and
// warnings, one per line.
func writeExtractNotes(w io.Writer, r *extract.Result) {
	for _, f := range r.Figures {
		switch {
		case f.Role == extract.Cumulative:
			fmt.Fprintf(w, "%s: cumulative: %s%s %s as of %s (not a month's figure)\n", f.Pos, f.Qualifier.Words(), data.FormatCount(f.Value), f.Metric.Label(), f.Month.Label())
		case f.Rounded:
			fmt.Fprintf(w, "%s: rounded: %s%s %s in %s (%s; %s)\n", f.Pos, f.Qualifier.Words(), data.FormatCount(f.Value), f.Metric.Label(), f.Month.Label(), f.Role, f.Note)
		case f.Group != extract.Civilians:
			fmt.Fprintf(w, "%s: %s: %s%s %s in %s (%s; not the mission's civilian figure, so no row of a tidy file)\n", f.Pos, f.Group, f.Qualifier.Words(), data.FormatCount(f.Value), f.Metric.Label(), f.Month.Label(), f.Role)
		case f.Metric.Derived():
			fmt.Fprintf(w, "%s: total: %s%s %s in %s (%s; a tidy file holds its parts)\n", f.Pos, f.Qualifier.Words(), data.FormatCount(f.Value), f.Metric.Label(), extractPeriod(f.Observation), f.Role)
		}
	}
	for _, c := range r.Checks {
		fmt.Fprintf(w, "%s: check: %s\n", c.Pos, c)
	}
	for _, wn := range r.Warnings {
		fmt.Fprintf(w, "warning: %s\n", wn.Error())
	}
}

func writeExtractText(w *bytes.Buffer, r *extract.Result) {
	fmt.Fprintf(w, "%s: published %s", r.Name, r.Published.Date.String())
	if !r.Subject.IsZero() {
		fmt.Fprintf(w, ", reports %s", r.Subject.Label())
	}
	if r.Source != "" {
		fmt.Fprintf(w, ", source %s", r.Source)
	}
	w.WriteString("\n")
	for _, f := range r.Figures {
		fmt.Fprintf(w, "  %-15s %-20s %12s  %-20s %s\n", extractPeriod(f.Observation), f.Metric.Label(), f.Qualifier.Words()+data.FormatCount(f.Value), f.Role, f.Pos)
		if f.Group != extract.Civilians {
			fmt.Fprintf(w, "      counts %s, apart from the month's civilian figure\n", f.Group)
		}
		if f.Rounded {
			fmt.Fprintf(w, "      a rounded wording of another figure of the text, not stored\n")
		}
		fmt.Fprintf(w, "      %q\n", f.Sentence)
	}
	if len(r.Checks) > 0 {
		w.WriteString("checks:\n")
		for _, c := range r.Checks {
			fmt.Fprintf(w, "  %s: %s\n", c.Pos, c)
		}
	}
	if len(r.Warnings) > 0 {
		w.WriteString("warnings:\n")
		for _, wn := range r.Warnings {
			fmt.Fprintf(w, "  %s\n", wn.Error())
		}
	}
}

type jsonExtractFigure struct {
	Month     string `json:"month"`
	Area      string `json:"area"`
	Metric    string `json:"metric"`
	Value     int64  `json:"value"`
	Qualifier string `json:"qualifier"`
	Wording   string `json:"wording,omitempty"`
	Role      string `json:"role"`
	Group     string `json:"group,omitempty"`   // whom it counts when not the mission's civilians
	Rounded   bool   `json:"rounded,omitempty"` // a rounded wording of another figure, never stored
	// Includes lists parts a total says it includes or leaves out
	// ("IQG01 included": Anbar's figures are part of it).
	Includes []string `json:"includes,omitempty"`
	Covers   string   `json:"covers,omitempty"` // the days of a part-month figure, "1-18"
	Note     string   `json:"note,omitempty"`
	File     string   `json:"file"`
	Offset   int      `json:"offset"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Text     string   `json:"text"`
	Sentence string   `json:"sentence"`
}

type jsonExtractCheck struct {
	Pos      string  `json:"pos"`
	Quote    string  `json:"quote"`
	Metric   string  `json:"metric"`
	Month    string  `json:"month,omitempty"`
	Against  string  `json:"against,omitempty"`
	Stated   float64 `json:"stated"`
	Bound    string  `json:"bound,omitempty"`
	Checked  bool    `json:"checked"`
	Value    int64   `json:"value,omitempty"`
	Base     int64   `json:"base,omitempty"`
	Change   float64 `json:"change_percent,omitempty"`
	Agreed   bool    `json:"agreed"`
	Why      string  `json:"why,omitempty"`
	Sentence string  `json:"says"`
}

type jsonExtract struct {
	File        string              `json:"file"`
	Published   string              `json:"published"`
	Publication string              `json:"publication"`
	Source      string              `json:"source,omitempty"`
	Reports     string              `json:"reports,omitempty"`
	Figures     []jsonExtractFigure `json:"figures"`
	Checks      []jsonExtractCheck  `json:"checks"`
	Warnings    []string            `json:"warnings"`
}

func writeExtractJSON(w io.Writer, results []*extract.Result) error {
	out := []jsonExtract{}
	for _, r := range results {
		j := jsonExtract{File: r.Name, Published: r.Published.Date.String(), Publication: r.Published.Name, Source: r.Source,
			Figures: []jsonExtractFigure{}, Checks: []jsonExtractCheck{}, Warnings: []string{}}
		if !r.Subject.IsZero() {
			j.Reports = r.Subject.String()
		}
		for _, f := range r.Figures {
			var includes []string
			for _, c := range f.Components {
				includes = append(includes, c.Area+" "+c.Inclusion.String())
			}
			j.Figures = append(j.Figures, jsonExtractFigure{Includes: includes, Month: f.Month.String(), Area: f.Area, Metric: string(f.Metric), Value: f.Value,
				Qualifier: f.Qualifier.String(), Wording: f.Wording, Role: string(f.Role), Group: string(f.Group), Rounded: f.Rounded, Covers: coversDays(f.Observation), Note: f.Note, File: f.Pos.File, Offset: f.Offset,
				Line: f.Pos.Line, Column: f.Pos.Col, Text: f.Text, Sentence: f.Sentence})
		}
		for _, c := range r.Checks {
			jc := jsonExtractCheck{Pos: c.Pos.String(), Quote: c.Quote, Metric: string(c.Metric), Stated: c.Stated, Bound: c.Bound,
				Checked: c.Checked, Value: c.Value, Base: c.Base, Agreed: c.Agreed, Why: c.Why, Sentence: c.String()}
			if !c.Month.IsZero() {
				jc.Month = c.Month.String()
			}
			if !c.Against.IsZero() {
				jc.Against = c.Against.String()
			}
			if c.Checked {
				jc.Change = float64(int64(c.Change*10+sign(c.Change)*0.5)) / 10
			}
			j.Checks = append(j.Checks, jc)
		}
		for _, wn := range r.Warnings {
			j.Warnings = append(j.Warnings, wn.Error())
		}
		out = append(out, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func sign(v float64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}
