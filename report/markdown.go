package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the report as Markdown, for a repository or an
// e-mail: the same content as the HTML page, with the charts as PNG files
// beside it (charts/NAME.png) when images is true.
func (r *Report) WriteMarkdown(w io.Writer, images bool) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }

	p("# %s\n\n", mdText(r.Title))
	p("**%s**\n\n", mdText(r.Headline))
	for _, l := range r.Lead {
		p("%s\n\n", mdText(l))
	}
	if r.Provenance != "" {
		p("_%s_\n\n", mdText(r.Provenance))
	}
	if t := r.ToDate; t != nil {
		p("%s", mdText(t.Headline))
		for _, n := range t.Sources {
			p(" [%d]", n)
		}
		p("\n\n")
		if t.Sum != "" {
			p("%s\n\n", mdText(t.Sum))
		}
	}

	p("## Key figures\n\n")
	p("%s\n\n", strings.ReplaceAll(mdText(r.KeyHint), `\[n\]`, "[n]"))
	for _, kt := range r.KeyFigures {
		p("### %s\n\n", mdText(kt.Caption))
		p("| Month | Count | Per day | Change to %s | 95%% interval | Verdict |\n", r.Month.Short())
		p("|---|--:|--:|--:|--:|---|\n")
		for _, row := range kt.Rows {
			count := row.Count
			if row.Source > 0 {
				count += fmt.Sprintf(" [%d]", row.Source)
			}
			verdict := row.Verdict
			if row.Role == "This month" {
				verdict = "–"
			}
			p("| %s: %s | %s | %s | %s | %s | %s |\n", mdCell(row.Role), mdCell(row.Month), mdCell(count),
				mdCell(txtDash(row.PerDay)), mdCell(txtDash(row.Change)), mdCell(txtDash(row.Interval)), mdCell(verdict))
		}
		p("\n")
	}
	if len(r.Basis) > 0 {
		p("Where the compared figures come from:\n\n")
		for _, basis := range r.Basis {
			p("- %s\n", mdText(basis))
		}
		p("\n")
	}

	if images && len(r.Charts) > 0 {
		// Each PNG carries its own title, subtitle, notes and source; the
		// alt text gives the title to readers who cannot see it.
		p("## Charts\n\n")
		for _, c := range r.Charts {
			p("![%s](charts/%s.png)\n\n", mdText(c.Title), c.Name)
		}
	}

	if a := r.Areas; a != nil {
		p("## Areas\n\n### %s\n\n", mdText(a.Caption))
		p("| Rank | Area | Count | Share | Change on previous month |\n|--:|---|--:|--:|--:|\n")
		for _, row := range a.Rows {
			p("| %s | %s | %s | %s | %s |\n", mdCell(row.Rank), mdCell(row.Area), mdCell(row.Count), mdCell(row.Share), mdCell(row.Change))
		}
		p("\n")
		for _, n := range a.Notes {
			p("%s\n\n", mdText(n))
		}
	}

	p("## Revisions since the previous publication\n\n%s\n\n", mdText(r.Revisions.Summary))
	if len(r.Revisions.Rows) > 0 {
		p("| Month | Figure | Was | Now | Change | Note |\n|---|---|--:|--:|--:|---|\n")
		for _, row := range r.Revisions.Rows {
			p("| %s | %s | %s | %s | %s | %s |\n", mdCell(row.Month), mdCell(row.Metric), mdCell(row.Old), mdCell(row.New), mdCell(row.Change), mdCell(row.Note))
		}
		p("\n")
	}

	p("## Notes and warnings\n\n")
	if len(r.Notes) == 0 && len(r.DataWarnings) == 0 {
		p("None.\n\n")
	}
	for _, n := range r.Notes {
		p("- %s\n", mdText(n))
	}
	if len(r.Notes) > 0 {
		p("\n")
	}
	if len(r.DataWarnings) > 0 {
		p("Warnings raised while reading the data:\n\n")
		for _, n := range r.DataWarnings {
			p("- %s\n", mdText(n))
		}
		p("\n")
	}

	p("## Sources\n\n")
	for _, s := range r.Sources {
		p("%d. **%s**", s.N, mdText(s.Name))
		if s.Date != "" {
			p(", %s", s.Date)
		}
		p(".")
		for _, l := range s.Links {
			if isLink(l) {
				p(" <%s>", l)
			} else {
				p(" %s", mdText(l))
			}
		}
		p("\n")
	}
	if len(r.Sources) > 0 {
		p("\n")
	}
	p("Data: %s (%s, %s to %s).\n\n", mdText(strings.Join(r.Meta.Source, ", ")), r.DataSummary(),
		r.Meta.Covered.First.Label(), r.Meta.Covered.Last.Label())

	p("## Method\n\n")
	for _, m := range r.Method {
		p("%s\n\n", mdText(m))
	}
	p("---\n\nMade by casualty %s", r.Meta.Version)
	if r.Meta.Command != "" {
		p(" with `%s`", r.Meta.Command)
	}
	p(".\n")
	return b.Flush()
}

func txtDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// mdText escapes the characters that would turn prose into Markdown
// markup: a figure's note must not become a link, emphasis or HTML.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `&lt;`, ">", `&gt;`)

func mdText(s string) string { return mdEscaper.Replace(s) }

// mdCell escapes a table cell: prose escapes plus the column separator,
// and newlines, which would end the row.
func mdCell(s string) string {
	s = mdText(s)
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}
