package data

import (
	_ "embed"
	"strings"
)

// hrmmuCSV is the national monthly series published by OHCHR and its Human
// Rights Monitoring Mission in Ukraine (HRMMU), every vintage we found, each
// row with its publication, qualifier and source. The figures are verified
// minimums: the true numbers are higher.
//
//go:embed hrmmu.csv
var hrmmuCSV string

// EmbeddedName is the name the default dataset goes by in messages and
// positions.
const EmbeddedName = "embedded:hrmmu.csv"

// Default returns the embedded HRMMU dataset. It panics if the embedded file
// does not load, which a test rules out.
func Default() *Dataset {
	ds, err := Load(strings.NewReader(hrmmuCSV), EmbeddedName, LoadOptions{Format: FormatTidy})
	if err != nil {
		panic("embedded dataset: " + err.Error())
	}
	return ds
}
