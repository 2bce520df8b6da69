package workbook_test

import (
	"bytes"
	"fmt"

	"github.com/casualty-tool/casualty/data"
	"github.com/casualty-tool/casualty/report/workbook"
	"github.com/xuri/excelize/v2"
)

// The analyst's workbook for the embedded data, headline month March
// 2025. Commands write it to a file through internal/atomicfile:
//
//	atomicfile.Write(path, func(w io.Writer) error { return workbook.Write(w, ds, opt) })
func ExampleWrite() {
	var buf bytes.Buffer
	opt := workbook.Options{Month: data.NewMonth(2025, 3), Command: "casualty workbook --month 2025-03", Version: "0.1.0"}
	if err := workbook.Write(&buf, data.Default(), opt); err != nil {
		fmt.Println(err)
		return
	}
	f, _ := excelize.OpenReader(&buf)
	defer f.Close()
	fmt.Println(f.GetSheetList())
	v, _ := f.GetCellValue("Summary", "B5")
	fmt.Println("killed in March 2025:", v)
	// Output:
	// [About Summary Monthly Trends Revisions Notes Figures]
	// killed in March 2025: ≥ 164
}
