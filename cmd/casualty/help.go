package main

// examples holds one real command line for each command's help, printed
// after its synopsis (compare and trend print theirs in their own usage).
// Each runs as written on the embedded data or on files named for what
// they hold.
var examples = map[string]string{
	"aggregate": "casualty aggregate --where event_type=Explosions/Remote\\ violence --out monthly.csv acled-ukraine.csv",
	"chart":     "casualty chart --kind monthly --from 2024-01 --out monthly.svg",
	"data":      "casualty data --format hxl > hrmmu.csv",
	"extract":   "casualty extract --format text update-2025-03.html",
	"ingest":    "casualty ingest --store figures --published 2025-04-09 --dry-run update-2025-04-09.csv",
	"init":      "casualty init --store figures --from-embedded",
	"report":    "casualty report --month 2025-03 --out march-2025",
	"revisions": "casualty revisions --month 2025-02",
	"validate":  "casualty validate oblasts-2025.csv",
	"watch":     "casualty watch --store figures --inbox inbox --out reports",
	"workbook":  "casualty workbook --out hrmmu.xlsx",
}
