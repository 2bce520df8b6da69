package report

import (
	"bytes"
	"embed"
	"html/template"
	"io"
	"regexp"
	"strings"

	"github.com/casualty-tool/casualty/report/chart"
)

//go:embed templates/*.tmpl
var reportTemplateFS embed.FS

// pageTemplate renders report.html: one self-contained file, CSS and
// charts inline, nothing fetched from anywhere, readable on a phone and
// printable.
var pageTemplate = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"verdictClass": verdictClass,
	"isLink":       isLink,
}).ParseFS(reportTemplateFS, "templates/*.tmpl"))

// htmlPage is what the page template sees: the report and its charts
// ready to inline.
type htmlPage struct {
	*Report
	Figures []htmlFigure
}

// htmlFigure is a chart as the page shows it.
type htmlFigure struct {
	ChartRef
	Inline template.HTML
}

// WriteHTML writes the report as one HTML page. The charts' fonts, which
// each SVG file embeds, are carried once by the page, in a style element
// of their own between the template's head and body: a megabyte of
// @font-face rules we made ourselves, written as they are rather than
// through the template engine.
func (r *Report) WriteHTML(w io.Writer) error {
	page := htmlPage{Report: r}
	var faces []string
	var svgs []*chart.SVG
	for _, c := range r.Charts {
		if c.SVG == nil {
			continue
		}
		body, rules := inlineSVG(c.SVG)
		for _, f := range rules {
			faces = appendNew(faces, f)
		}
		if c.svg != nil {
			svgs = append(svgs, c.svg)
		}
		page.Figures = append(page.Figures, htmlFigure{ChartRef: c, Inline: body})
	}
	if err := pageTemplate.ExecuteTemplate(w, "head", page); err != nil {
		return err
	}
	fonts, err := chart.FontFaces(svgs...)
	if err != nil {
		return err
	}
	if len(fonts) > 0 || len(faces) > 0 {
		if _, err := io.WriteString(w, "<style>\n"); err != nil {
			return err
		}
		if _, err := w.Write(fonts); err != nil {
			return err
		}
		for _, f := range faces {
			// Rules cut from SVGs made elsewhere: no closing tag can hide
			// in them, as inlineSVG cut them at the first "}".
			if _, err := io.WriteString(w, strings.ReplaceAll(f, "</", "<\\/")+"\n"); err != nil {
				return err
			}
		}
		if _, err := io.WriteString(w, "</style>\n"); err != nil {
			return err
		}
	}
	return pageTemplate.ExecuteTemplate(w, "body", page)
}

// DataSummary says how much data the report was built from: "201 figures
// from 44 publications".
func (r *Report) DataSummary() string {
	return txtPlural(r.Meta.Figures, "figure", "figures") + " from " + txtPlural(len(r.Meta.Publications), "publication", "publications")
}

func verdictClass(symbol string) string {
	switch symbol {
	case "↑":
		return "v-rise"
	case "↓":
		return "v-fall"
	case "~":
		return "v-same"
	}
	return "v-none"
}

var (
	svgWidth   = regexp.MustCompile(`\swidth="([0-9.]+)(pt|px)?"`)
	svgHeight  = regexp.MustCompile(`\sheight="([0-9.]+)(pt|px)?"`)
	hasViewBox = regexp.MustCompile(`\sviewBox=`)
)

// cutPrefixed drops a leading construct that starts with open and ends
// with close (after leading white space), if there is one.
func cutPrefixed(s []byte, open, close string) []byte {
	t := bytes.TrimLeft(s, " \t\r\n")
	if !bytes.HasPrefix(t, []byte(open)) {
		return s
	}
	i := bytes.Index(t, []byte(close))
	if i < 0 {
		return s
	}
	return t[i+len(close):]
}

// inlineSVG prepares a chart's SVG file for inlining in HTML. It drops the
// XML declaration, comment and doctype, which have no place inside HTML,
// and the style element with the embedded fonts, which it returns as
// @font-face rules for the page to carry once; and it gives the root a
// viewBox (from its width and height) so that CSS can scale the chart to
// a phone's width. The SVG comes from our own chart renderer, so it is
// trusted markup. The files are a megabyte each with their fonts, so this
// works with plain byte searches, not regular expressions.
func inlineSVG(svg []byte) (template.HTML, []string) {
	s := svg
	for {
		n := len(s)
		s = cutPrefixed(s, "<?xml", "?>")
		s = cutPrefixed(s, "<!--", "-->")
		s = cutPrefixed(s, "<!DOCTYPE", ">")
		if len(s) == n {
			break
		}
	}
	var out bytes.Buffer
	var faces []string
	if i := bytes.Index(s, []byte("<style>")); i >= 0 {
		if j := bytes.Index(s[i:], []byte("</style>")); j >= 0 {
			style := s[i+len("<style>") : i+j]
			for {
				k := bytes.Index(style, []byte("@font-face"))
				if k < 0 {
					break
				}
				end := bytes.IndexByte(style[k:], '}')
				if end < 0 {
					break
				}
				faces = append(faces, string(bytes.TrimSpace(style[k:k+end+1])))
				style = style[k+end+1:]
			}
			rest := s[i+j+len("</style>"):]
			s = append(append([]byte{}, s[:i]...), rest...)
		}
	}
	s = bytes.TrimSpace(s)
	if i := bytes.Index(s, []byte("<svg")); i >= 0 {
		if j := bytes.IndexByte(s[i:], '>'); j >= 0 {
			open := s[i : i+j+1]
			if !hasViewBox.Match(open) {
				w, h := svgWidth.FindSubmatch(open), svgHeight.FindSubmatch(open)
				if w != nil && h != nil {
					end := i + j
					if s[end-1] == '/' {
						end--
					}
					out.Write(s[:end])
					out.WriteString(` viewBox="0 0 ` + string(w[1]) + ` ` + string(h[1]) + `"`)
					out.Write(s[end:])
					return template.HTML(out.String()), faces
				}
			}
		}
	}
	return template.HTML(s), faces
}

// isLink reports whether a source is a plain web address that can be made
// a link: http or https, with no space or markup. Anything else is shown
// as text.
func isLink(s string) bool {
	if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
		return false
	}
	return !strings.ContainsAny(s, " \t\n<>\"'`")
}
