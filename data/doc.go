// Package data is casualty's model of published casualty figures, and the
// loaders that read them from the files people bring.
//
// # The model
//
// A figure is an [Observation]: one month, one area, one [Metric], one
// whole count, as one [Publication] gave it. Everything a reader needs to
// trust the number travels with it: the [Qualifier] the publication used
// ("at least", "about", a range), the days it covers when it is not the
// whole month, its source, and the file position and cell text it was read
// from ([Pos]), so that any figure shown can be traced back.
//
// A [Dataset] keeps every vintage of every figure: monitoring missions
// revise past months in later publications, and a comparison is only fair
// between figures of one vintage. Views pick one figure per month, area and
// metric — [Dataset.Latest], [Dataset.FirstPublished], [Dataset.In] one
// publication, [Dataset.AsOf] a date — and are made from the figures as they
// are when asked, never kept, so an edit is always seen. A [Series] is one
// area's metric month by month; a month with no figure is a gap in it, never
// a zero, and a derived metric (casualties = killed + injured) exists for a
// month only when all its parts do, over the same days.
//
// Who published the figures is a [Source]: a monitoring mission whose counts
// are verified minimums, event data whose counts are reported fatalities of
// all actors, or a user's file that declares nothing. Renderers take their
// wording from it; a source that declares all its counts lower bounds makes
// every figure "at least", whatever a news report's wording was.
//
// Areas are read through an [AreaTable] per country, built from OCHA's common
// operational datasets: p-codes, OCHA's names and the spellings found in the
// wild. A few names mean different units under different conventions (Kyiv is
// the city in OCHA's names and the oblast in ACLED's); a file is read with the
// convention its other names show, and a name that stays ambiguous is refused
// with the p-codes to choose from.
//
// # Loading
//
// [LoadFile] and [Load] read tidy, wide, HXL-tagged and cumulative tables as
// CSV (any delimiter, UTF-8 or UTF-16 with a byte-order mark, a Windows code
// page when named) or as a sheet of a workbook. The shape is detected from
// the header, or forced. Every refusal is an [InputError] built by [Errorf]
// (or, for a refusal by a limit, one wrapping a [LimitError]):
// it names the file, the line and column (or the sheet and cell), what was
// wanted and what was found, and a load reports all its bad cells (up to
// [LoadOptions.MaxErrors]) before failing. [Limits] bound the bytes, rows,
// line length and workbook size a load will read, so a hostile file fails
// fast instead of exhausting memory.
//
// What loads has passed [Validate]: no figure given twice, no breakdown above
// its total, no publication dated before the month it reports on.
//
// # Related packages
//
// data/store keeps figures as one file per publication, every vintage kept;
// data/events sums event-level exports (ACLED) into monthly figures per area;
// data/extract reads the figures stated in a mission's update as published.
// Package stats computes on datasets and never reads files.
package data
