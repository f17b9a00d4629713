// Geometry shared by the time axis and the waterfall rows, which must line up exactly.

/** Name column, then the timeline. Percentages resolve against the full row width. */
// Narrower names on a phone, so the timeline keeps room for its labels.
export const waterfallColumns =
  "grid grid-cols-[clamp(9rem,40%,32rem)_minmax(0,1fr)] sm:grid-cols-[clamp(14rem,36%,32rem)_minmax(0,1fr)]";

/** Fixed row height: what lets the list render only the rows in view. */
export const rowHeightPx = 28;
export const axisHeightPx = 32;

/** Above this many rows only the visible window (plus overscan) is in the DOM. */
export const windowingThreshold = 500;
export const overscanRows = 15;

/** Deeper spans stop indenting further, so a 1,000-deep chain still leaves room for names. */
export const maxIndentDepth = 24;
export const indentPx = 14;

/** Margins of the timeline column; axis, grid lines and bars all use it. */
export const timelineInset = "ml-2 mr-4";
