package main

import (
	"flag"
	"strings"
)

// madeBy is the command line that remakes a command's output, as given:
// every flag the user set, in a fixed order, and the arguments, quoted for
// a POSIX shell. It is recorded in report.md, metadata.json and the
// workbook's About sheet, so a reader can remake the same files byte for
// byte. Flags that choose where the output goes or what is printed
// (skip: --out, --force, --quiet) are left out, so the content does not
// depend on where it was written.
func madeBy(fs *flag.FlagSet, skip ...string) string {
	words := []string{fs.Name()} // "casualty report"
	fs.Visit(func(f *flag.Flag) {
		for _, s := range skip {
			if f.Name == s {
				return
			}
		}
		if l, ok := f.Value.(*stringList); ok { // repeatable: each as given
			for _, v := range *l {
				words = append(words, "--"+f.Name, shellQuote(v))
			}
			return
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			if f.Value.String() == "true" {
				words = append(words, "--"+f.Name)
			} else {
				words = append(words, "--"+f.Name+"=false")
			}
			return
		}
		words = append(words, "--"+f.Name, shellQuote(f.Value.String()))
	})
	for _, a := range fs.Args() {
		words = append(words, shellQuote(a))
	}
	return strings.Join(words, " ")
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=,@%+-") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
