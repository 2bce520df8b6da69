// Casualty turns monitoring-mission civilian casualty figures into
// trustworthy monthly reports, charts and Excel workbooks.
//
// It reads monthly figures (killed, injured, children; nationally or by
// area) as missions such as the UN Human Rights Monitoring Mission in
// Ukraine (HRMMU) publish them: usually as "at least" lower bounds, and
// revised in later publications. Every figure keeps its qualifier, its
// publication (its vintage) and the place it was read. With no --data,
// commands use the embedded HRMMU national series, February 2022 to
// January 2026.
//
// Usage:
//
//	casualty COMMAND [flags]
//
// The commands:
//
//	report     the monthly report folder: HTML, Markdown, workbook, charts, data
//	compare    two months or ranges: counts, per-day rates, intervals, verdict, sentence
//	trend      a row per month: count, per day, change with interval, year on year, rolling means, cumulative
//	chart      one chart (monthly, per-day, change, cumulative, areas, same-month) as PNG, SVG or PDF
//	workbook   the analyst's Excel workbook: figures, live trend formulas, native charts, revisions, notes
//	validate   load and check files; a line per file
//	data       the dataset in tidy form (CSV, HXL or JSON) on stdout
//	aggregate  sum an event-level export (ACLED style) into monthly figures per area
//	extract    the figures an update states in prose (text, HTML, PDF), with evidence and checked percentages
//	init       create a store of publications (--from-embedded seeds it; --repair rebuilds its index)
//	ingest     add a publication's file to a store and show what it changed
//	revisions  every vintage of each figure, with its change from the one before
//	watch      ingest each file dropped in an inbox into a store and remake the report
//
// Every command that reads figures takes --data FILE (repeatable: files
// merge, and a conflict between them is an error), --events FILE (an event
// export, aggregated on the fly; --where COLUMN=VALUE keeps only matching
// rows, and the filter is named wherever the figures are cited), --store
// DIR (a store of publications) and --as-of YYYY-MM-DD (the data as it had
// been published by that day).
// Run casualty COMMAND --help for a command's flags.
//
// # Examples
//
// The sentence analysts write, for March 2025, from the numbers alone:
//
//	$ casualty compare --format sentence 2025-02 2025-03
//	In March 2025, at least 164 civilians were killed and 910 injured (1,074 casualties), 50% more than in February 2025 (at least 717, as revised). Per day, recorded casualties rose 35% (34.6 against 25.6 a day; 95% interval +23% to +49%). Allowing for the clustering of casualties (dispersion 61.0 over 12 months), the 95% interval is -35% to +183%, which includes no change.
//
// The comparison behind it. Both months come from the same publication
// (the 9 April 2025 update gives March and the revised February), so like
// is compared with like:
//
//	$ casualty compare 2025-02 2025-03
//	Casualties in Ukraine: March 2025 against February 2025
//	Basis: both months as published in HRMMU update 2025-04-09 (9 April 2025)
//
//	                    February 2025    March 2025
//	------------------  -------------  ------------
//	count                        ≥717        ≥1,074
//	days                           28            31
//	per day                     25.61         34.65
//	  of which killed            ≥129          ≥164
//	  of which injured           ≥588          ≥910
//	figure                    revised  first report
//
//	change in count          +357 (+49.8%)
//	change per day           +35.3% (rate ratio 1.3529)
//	95% interval, Poisson    +23% to +49% (ratio 1.2298 to 1.4892; exact conditional test)
//	95% interval, clustered  -35% to +183% (ratio 0.6466 to 2.8311; dispersion 61.0 from 12 months)
//	p-value                  2.9e-10
//	verdict                  ↑ rise in recorded casualties per day; not clear once clustering is allowed for
//
//	In March 2025, at least 164 civilians were killed and 910 injured (1,074
//	casualties), 50% more than in February 2025 (at least 717, as revised). Per
//	day, recorded casualties rose 35% (34.6 against 25.6 a day; 95% interval +23%
//	to +49%). Allowing for the clustering of casualties (dispersion 61.0 over 12
//	months), the 95% interval is -35% to +183%, which includes no change.
//
//	≥ at least (a verified minimum). The Poisson interval assumes casualties occur
//	independently; the clustered one widens it by the month-to-month variation
//	seen in the series (quasi-Poisson).
//
//	Notes:
//	[1] March 2025 is provisional: the newest month of HRMMU update 2025-04-09 (9 April 2025), not yet seen revised
//
// Month by month (≥ marks a lower bound; notes are numbered):
//
//	$ casualty trend --from 2025-01 --to 2025-04
//	Casualties in Ukraine by month (latest figures)
//
//	month    days   count  per day  change  change/day  95% interval     year on year   mean 3m  mean 12m  cumulative  notes
//	-------  ----  ------  -------  ------  ----------  ------------  -  ------------  --------  --------  ----------  -----
//	2025-01    31    ≥909    29.32  +46.8%      +46.8%  +32% to +63%  ↑        +41.8%    ≥860.0    ≥907.9
//	2025-02    28    ≥717    25.61  -21.1%      -12.7%   -21% to -4%  ↓        +40.0%    ≥748.3    ≥925.0
//	2025-03    31  ≥1,074    34.65  +49.8%      +35.3%  +23% to +49%  ↑        +71.3%    ≥900.0    ≥962.2              [1]
//	2025-04    30  ≥1,389    46.30  +29.3%      +33.6%  +23% to +45%  ↑        +97.6%  ≥1,060.0  ≥1,019.4
//
//	Trend 2025-01..2025-04: +6.00 casualties a day per month (95% interval -4.90 to +16.90; least squares on per-day rates).
//
//	≥ at least (a verified minimum): changes are changes in recorded figures.
//	change: on the previous month, in counts; change/day: in counts a day (months differ in length).
//	interval: exact Poisson 95% interval of the change per day; ↑ rise, ↓ fall, ~ within chance (the interval contains no change).
//	too few: no percentage on a base below 10. Gaps are left empty, never filled; days 18/30: a figure for 18 of the month's 30 days.
//	mean: of the counts of the last months (none over a gap or a part-month); cumulative: the total since the first month with a figure, none after a gap.
//
//	Notes:
//	[1] provisional: the newest month of its publication, not yet seen revised
//
// Period to date, January–September 2025 against the same months of 2024:
//
//	$ casualty compare --format sentence 2024-01..2024-09 2025-01..2025-09
//	In January–September 2025, at least 1,785 civilians were killed and 8,737 injured (10,522 casualties), 34% more than in January–September 2024 (at least 7,870, as revised). Per day, recorded casualties rose 34% (38.5 against 28.7 a day; 95% interval +30% to +38%). Allowing for the clustering of casualties (dispersion 70.0 over 12 months), the 95% interval is +5% to +71%.
//
// # Input formats
//
// The format is detected from the file's name and header, or forced with
// --format-in:
//
//   - tidy CSV: month,area,metric,value with optional qualifier, low,
//     high, covers (days of a part month, 24-28), published, publication,
//     source, note;
//   - wide CSV: a row per month (and area), a column per metric:
//     month,killed,injured,children_killed,children_injured;
//   - HXL-tagged CSV: tidy or wide with a hashtag row under the header
//     (#date, #adm1+code, #affected+killed, #affected+injured, +children);
//   - XLSX: a sheet (--sheet, or the first visible one) in the tidy or wide
//     shape, opened with size limits;
//   - cumulative series: as_of,killed,injured: totals since a start date,
//     turned into monthly figures by differences between month-end
//     cut-offs, each marked as derived;
//   - event exports (--events, casualty aggregate): ACLED-style rows with
//     event_date, admin1, fatalities (and injured when present). ACLED's
//     fatalities are reported deaths of all actors, not verified civilian
//     casualties, and every output made from them says so;
//   - an update as published (casualty extract; ingest and watch take it
//     too): plain text, a saved web page or a PDF's text layer, in English
//     or Ukrainian. Each figure keeps its sentence, position and role
//     (headline, previous_month, same_month_last_year, cumulative,
//     breakdown, part_month); cumulative totals are never stored as a
//     month; a figure for some days ("from 1 to 18 June") keeps its days
//     in the covers column; a count of another group than the mission's
//     civilians (UNAMI's "Iraqis", the security forces, the civilian
//     police among the civilians) is shown with its group and never
//     stored; governorates and oblasts become breakdowns with their
//     p-codes; numbers that cannot be placed are warnings, never guesses.
//
// --data embedded names the embedded series (--dataset picks which), so
// --data embedded --data feb2026.csv adds a month to it; --data without it
// says that the embedded series is not included.
//
// Real-world spellings load: UTF-8 with or without BOM, CRLF, ';' and tab
// delimiters, thousands separators (1,074 and 1 074), "at least 164" in a
// cell, months written 2025-03, March 2025, Mar 2025, 2025-03-01 or as an
// Excel date. An ambiguous date such as 03/04/2025 is an error, not a guess.
// Areas are OCHA p-codes (UA80 is Kyiv, the city) or their names; an ISO 3166-2
// code where a p-code belongs is refused with the p-code meant.
//
// # Statistics
//
// Months differ in length by up to 10%, so every change is given twice:
// on the raw counts (what publications quote) and on the per-day rate
// (count divided by the days the figure covers). A figure that covers part
// of a month (1-24 April) has its per-day rate over those days and is never
// presented as the whole month.
//
// A comparison takes both months from the latest publication that has
// both, unless --latest-vintages is given: HRMMU's "50% increase" for March
// 2025 is 1,074 against February's revised 717; against February's
// first-published 690 it would read +55.7%.
//
// The 95% interval of a change per day is the exact conditional interval
// for the ratio of two Poisson rates with days as exposure (as R's
// poisson.test). One strike can kill dozens, so casualties cluster and the
// Poisson interval is too narrow: a second interval is widened by the
// dispersion of the trailing 12 months (quasi-Poisson). "~" marks a change
// whose interval contains no change: indistinguishable from chance, never
// called a rise or a fall. No percentage is given on a base below 10.
//
// "At least" travels: a sum of lower bounds is a lower bound, shown with
// "at least" in words and "≥" in tables, and a change between lower bounds
// is a change in recorded casualties, and is worded so. Missing months are
// gaps, never zeros, and nothing is interpolated: trend shows a gap as a
// row with no figure, and compare refuses a month with no figure, saying
// why (none was published, it was published after --as-of, or it lies
// outside the data), as trend and chart do for a month outside the data.
// compare refuses two periods that share a month. A sum of parts covers
// the days every part covers: June 2023 casualties are 112 killed + 445
// injured over 1-18 June, with killed for the whole month (186) in a note.
// Data holding only areas' figures give no national figure: every command
// asks for --area rather than add the areas up.
//
// # Exit status
//
// 0 when the command succeeded; 1 when the input was bad or an output
// could not be written (the message names the file, the line or cell, the
// column, what was expected and what was found, and nothing is written);
// 2 when the command line was wrong.
package main
