/** Pure layout arithmetic: how the terminal's rows are shared, so nothing is ever taller than the screen. */

/** The header and footer take a line each; one more line stays free, because Ink clears the whole screen
 * (and redraws everything) whenever a frame is as tall as the terminal. */
export const CHROME_LINES = 3;

/** The body's height for a terminal of `rows` rows (at least 1). */
export function bodyHeight(rows: number): number {
  return Math.max(1, rows - CHROME_LINES);
}

/** Splits `total` lines into parts proportional to `weights`, each at least its minimum (when it fits). */
export function split(total: number, weights: readonly number[], mins: readonly number[] = []): number[] {
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  const out = weights.map((w, i) => Math.max(mins[i] ?? 0, Math.floor((total * w) / sum)));
  // give back what the minimums overdrew, from the largest part
  let over = out.reduce((a, b) => a + b, 0) - total;
  while (over > 0) {
    const i = out.indexOf(Math.max(...out));
    if (out[i]! <= 0) break;
    out[i]! -= 1;
    over -= 1;
  }
  // hand out the rounding remainder from the first part
  let rest = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % out.length, rest--) out[i]! += 1;
  return out;
}

/** Column widths for `n` side-by-side panels with one space between them. */
export function columns(width: number, n: number): number[] {
  const inner = width - (n - 1);
  return Array.from({ length: n }, (_, i) => Math.floor(inner / n) + (i < inner % n ? 1 : 0));
}

/** How many panels the overview has (the eight of PANEL_ORDER). */
const OVERVIEW_PANELS = 8;

/**
 * The overview's plan: summary lines (in one or two columns), a chart row and the alerts. A panel drawn in
 * full below (a chart's, the alerts') already has its title line there, so it is not repeated as a summary
 * line; it goes back to the summary only when its full box does not fit.
 */
export function overviewPlan(width: number, height: number) {
  const twoCol = width >= 120;
  const lines = (n: number) => Math.min(height, twoCol ? Math.ceil(n / 2) : n);
  const charts = width >= 100 ? 2 : 1;
  let summaryPanels = OVERVIEW_PANELS - charts - 1;
  let rest = height - lines(summaryPanels);
  const chart = rest >= 8 ? Math.min(14, Math.floor(rest * 0.55)) : 0;
  if (chart === 0) {
    summaryPanels += charts;
    rest = height - lines(summaryPanels);
  }
  const alerts = Math.max(0, rest - chart);
  if (alerts === 0) summaryPanels += 1;
  return {
    twoCol,
    /** Lines the summary takes, and how many panels it lists. */
    summary: lines(summaryPanels),
    summaryPanels,
    chart,
    /** Charts drawn (0 when there is no room for the chart row). */
    charts: chart > 0 ? charts : 0,
    alerts,
  };
}
