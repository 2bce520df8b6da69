package data

import (
	"errors"
	"io"
)

// These loaders are being written (HXL, workbook, cumulative); until then
// they refuse clearly rather than guess.
func loadXLSX(r io.Reader, name string, opt LoadOptions) (*Dataset, error) {
	return nil, &InputError{Pos: Pos{File: name}, Err: errors.New("workbook input is not available in this build")}
}

func loadHXL(t *table, opt LoadOptions) (*Dataset, error) {
	return nil, &InputError{Pos: t.hdrPos, Err: errors.New("HXL input is not available in this build")}
}

func loadCumulative(t *table, opt LoadOptions) (*Dataset, error) {
	return nil, &InputError{Pos: t.hdrPos, Err: errors.New("cumulative input is not available in this build")}
}
