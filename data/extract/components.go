package extract

// A total's parts: UNAMI's national civilian figures of 2015 took in, or
// left out, the figures Anbar's Health Directorate passed on. The text
// says which ("844 civilians were killed in July (27 civilian police and
// Anbar casualty figures included)", "both figures take in Anbar"), and the
// figure carries it as a data.Component, as the embedded series does.

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/casualty-tool/casualty/data"
)

// reIncludesAnbar says a total takes in Anbar's figures: "both include
// casualties in Anbar", "both figures take in Anbar", "the figure includes
// 27 civilian police and the casualties in Anbar", "including ... Anbar's
// casualties".
var reAnbarIncluded = regexp.MustCompile(`\b(with )?anbar('s)?( \pL+){0,3} (not )?(included|taken in)\b`)

var reIncludesAnbar = regexp.MustCompile(`\b(include|includes|included|including|take in|takes in|cover|covers)\b[^.;]{0,60}?\banbar\b(.{0,25})`)

// includesArea reads the words of parentheses that say a figure includes
// other figures ("27 civilian police and Anbar casualty figures
// included"): when they name a governorate of the figure's country whose
// figures the total takes in, the figure is the mission's total with that
// part included (data.Component), as UNAMI's releases of 2015 describe
// theirs; it reports whether it could read them so.
func (x *extractor) includesArea(c *cand, what string) bool {
	if x.country != "IQ" || c.area != "" || c.children {
		return false
	}
	t := data.Iraq()
	for _, w := range strings.FieldsFunc(what, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' }) {
		if len(w) < 4 || !unicode.IsUpper([]rune(w)[0]) {
			continue
		}
		a, err := t.Lookup(w)
		if err != nil || a.National() {
			continue
		}
		c.includes = append(c.includes, data.Component{Area: a.Code, Inclusion: data.Included,
			Note: "the text says the figure includes " + a.Name + "'s (" + strings.Join(strings.Fields(what), " ") + ")"})
	}
	if len(c.includes) == 0 {
		// "(41 civilian police and the health office's figures
		// included)" after a figure that named the office's governorate.
		for n := len(x.cands) - 1; n >= 0 && x.cands[n].sent == c.sent && len(c.includes) == 0; n-- {
			for _, in := range x.cands[n].includes {
				in.Note = "the text says the figure includes the same figures as the one before (" + strings.Join(strings.Fields(what), " ") + ")"
				c.includes = append(c.includes, in)
			}
		}
	}
	return len(c.includes) > 0
}

// anbarIncluded marks UNAMI's national civilian totals that the text says
// take in Anbar's figures — in their sentence, or in a sentence of its own
// right after them ("... injured another 1,456 in April 2015. ... both
// include casualties in Anbar") — as including that part
// (data.Component), as the embedded 2015 series does.
func (x *extractor) anbarIncluded() {
	if x.country != "IQ" {
		return
	}
	anbar, err := data.Iraq().Lookup("Anbar")
	if err != nil {
		return
	}
	national := func(s *sentence) []*cand {
		var cs []*cand
		for _, c := range x.cands {
			if c.sent == s && c.area == "" && c.group == Civilians && !c.children && c.metric != mNone && !c.sent.cum {
				cs = append(cs, c)
			}
		}
		return cs
	}
	for i, s := range x.sents {
		m := reIncludesAnbar.FindStringSubmatch(s.low)
		if m == nil {
			// "(27 of them civilian police, with Anbar included)"
			if a := reAnbarIncluded.FindStringSubmatch(s.low); a != nil && !strings.Contains(a[0], "not ") && !strings.Contains(a[0], "operations") {
				m = []string{a[0], "", ""}
			}
		}
		if m == nil || strings.Contains(m[2], "exclud") || strings.Contains(m[2], "not ") || strings.Contains(m[0], "operations") {
			continue
		}
		cs := national(s)
		if len(cs) == 0 && i > 0 {
			cs = national(x.sents[i-1])
		}
		for _, c := range cs {
			if len(c.includes) > 0 {
				continue
			}
			c.includes = append(c.includes, data.Component{Area: anbar.Code, Inclusion: data.Included,
				Note: "the text says the figure includes " + anbar.Name + "'s figures"})
		}
	}
}
