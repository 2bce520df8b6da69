// Package stats computes the figures casualty reports: changes between
// months on counts and on per-day rates, their uncertainty, rolling means,
// cumulative totals, shares, rankings, trends and revisions, and the
// sentence an analyst writes. It is pure computation on package data and
// gonum: no files, no clock, no printing.
//
// # Conventions
//
// Counts stay whole numbers (int64). A figure that cannot be computed is a
// Value with Valid false and a reason, never a NaN or a zero. Percentages
// are in percent (49.8 means +49.8%) and unrounded; rounding happens once,
// at display (FormatPct, FormatRate, FormatCount).
//
// # Like with like
//
// Compare takes both periods from the newest publication that gives every
// month of both (data.Dataset.LatestCommonPublication), so a month is not
// set against a neighbour that has had more time to be verified. With
// Options.LatestVintages each month's latest vintage is used; Basis says
// which was done, and a warning says when a figure used was later revised.
//
// # Per-day rates
//
// Months differ in length (28 to 31 days): a 10% rise from February to
// March is mostly calendar. Every change is also given on per-day rates,
// count ÷ days covered; a figure covering part of a month has its rate
// over the days it covers and its count is never compared with a whole
// month's.
//
// # Uncertainty
//
// The change of rate is tested as a ratio of two Poisson rates with days
// as exposure: the exact conditional test (RateRatioTest), as R's
// poisson.test, with the Clopper–Pearson interval. Deaths cluster (one
// strike kills dozens), so monthly counts vary far more than Poisson
// counts. Dispersion estimates the quasi-Poisson dispersion phi from the
// trailing Options.DispersionMonths months (Pearson χ² around a
// log-linear trend, over its degrees of freedom, floored at 1), and
// Overdispersed widens the Wald interval of the log rate ratio by
// sqrt(phi). Both intervals are reported; the verdict (↑, ↓, or ~ when the
// exact interval contains no change) follows the exact one, and outputs
// say when the clustered interval contains no change.
//
// # Qualifiers
//
// Most published counts are verified minimums ("at least"). A sum that
// includes a lower bound is a lower bound (data.Qualifier.Combine), and a
// change between lower bounds is a change in recorded casualties, which
// the sentence says. A count on a base below Options.MinBase gets no
// percentage ("too few to compare"), and a base of 0 never does.
//
// # Gaps
//
// A month without a figure is a gap: nothing is interpolated, and every
// figure that needs the month (a change, a rolling mean, a cumulative
// total, a sum over a range) is invalid with its reason. A gap is never a
// zero: a change over it has no number at all (Change.Computed), and the
// periods a user asks to compare are refused (Options.RefuseGaps) with a
// *GapError that says why the month has no figure: never published,
// first published after the date the data are seen as of
// (data.Dataset.AsOf), or outside the data. Gap gives the same reason for
// any month, for renderers that show a gap in place. Two periods that
// share a month are not compared (Overlap).
//
// # Coverage
//
// A figure and its sum cover the same days. When the parts of a derived
// metric were published over different days (HRMMU's June 2023: killed
// for the whole month, injured for 1–18 June), the sum is given over the
// days they share, and CoverageOf gives the sum with each part both as
// the sum uses it and as its own figure, so that every output shows the
// same thing.
//
// # National figures
//
// Data that hold only areas' figures have no national total, and none is
// made by adding the areas up: Area refuses it with a *NoNationalError
// naming the areas, the same refusal for every command.
package stats
