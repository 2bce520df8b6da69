package report

import (
	"bytes"
	"embed"
	"html/template"
	"io"
	"regexp"
	"strings"
)

//go:embed templates/*.tmpl
var reportTemplateFS embed.FS

// pageTemplate renders report.html: one self-contained file, CSS and
// charts inline, nothing fetched from anywhere, readable on a phone and
// printable with a page per section.
var pageTemplate = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"verdictClass": verdictClass,
	"inlineSVG":    inlineSVG,
	"isLink":       isLink,
}).ParseFS(reportTemplateFS, "templates/*.tmpl"))

// htmlPage is what the page template sees: the report, and the fonts of
// its charts, hoisted out of the SVGs so that the page carries each font
// once instead of once per chart.
type htmlPage struct {
	*Report
	FontCSS template.CSS
}

// WriteHTML writes the report as one HTML page.
func (r *Report) WriteHTML(w io.Writer) error {
	var faces []string
	for _, c := range r.Charts {
		for _, f := range fontFace.FindAll(c.SVG, -1) {
			faces = appendNew(faces, string(f))
		}
	}
	return pageTemplate.Execute(w, htmlPage{Report: r, FontCSS: template.CSS(strings.Join(faces, "\n"))})
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
	xmlDecl    = regexp.MustCompile(`^\s*<\?xml[^>]*\?>\s*`)
	docType    = regexp.MustCompile(`^\s*<!DOCTYPE[^>]*>\s*`)
	svgOpen    = regexp.MustCompile(`<svg\b[^>]*>`)
	svgWidth   = regexp.MustCompile(`\swidth="([0-9.]+)(pt|px)?"`)
	svgHeight  = regexp.MustCompile(`\sheight="([0-9.]+)(pt|px)?"`)
	hasViewBox = regexp.MustCompile(`\sviewBox=`)
	svgComment = regexp.MustCompile(`(?s)^\s*<!--.*?-->\s*`)
	svgStyle   = regexp.MustCompile(`(?s)<style>.*?</style>`)
	fontFace   = regexp.MustCompile(`(?s)@font-face\s*\{[^}]*\}`)
)

// inlineSVG prepares a chart's SVG file for inlining in HTML: it drops the
// XML declaration, doctype and comment, which have no place inside HTML,
// and the embedded fonts, which WriteHTML puts in the page once; and gives
// the root a viewBox (from its width and height) so that CSS can scale the
// chart to a phone's width. The SVG comes from our own chart renderer, so it
// is trusted markup.
func inlineSVG(svg []byte) template.HTML {
	s := xmlDecl.ReplaceAll(svg, nil)
	s = svgComment.ReplaceAll(s, nil)
	s = docType.ReplaceAll(s, nil)
	s = svgStyle.ReplaceAll(s, nil)
	if loc := svgOpen.FindIndex(s); loc != nil {
		open := s[loc[0]:loc[1]]
		if !hasViewBox.Match(open) {
			w := svgWidth.FindSubmatch(open)
			h := svgHeight.FindSubmatch(open)
			if w != nil && h != nil {
				vb := []byte(` viewBox="0 0 ` + string(w[1]) + ` ` + string(h[1]) + `"`)
				var b bytes.Buffer
				b.Write(s[:loc[1]-1])
				if bytes.HasSuffix(s[:loc[1]-1], []byte("/")) {
					b.Truncate(b.Len() - 1)
				}
				b.Write(vb)
				b.Write(s[loc[1]-1:])
				s = b.Bytes()
			}
		}
	}
	return template.HTML(bytes.TrimSpace(s))
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
