/**
 * Pure: a chart's time axis, the line under the plot: "-15m" under the first column, "now" under the last,
 * and ticks between them at a round interval when there is room. Column c of a plot of `cols` columns ends
 * at (c + 1) / cols of the range, since the charts' points are evenly spaced over it.
 */

/** Round tick intervals, seconds. */
const TICKS = [10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/** A duration as a tick says it: "30s", "5m", "1h", "1h30m", "1d". */
export function durationText(s: number): string {
  if (s % 86_400 === 0) return `${s / 86_400}d`;
  if (s % 3600 === 0) return `${s / 3600}h`;
  if (s >= 3600) return `${Math.floor(s / 3600)}h${Math.round((s % 3600) / 60)}m`;
  if (s % 60 === 0) return `${s / 60}m`;
  return `${Math.round(s)}s`;
}

/** One tick: its text and the column it is written at (its first character). */
export interface Tick {
  text: string;
  col: number;
}

/** The ticks of a `cols`-column plot over `rangeSeconds`, at least `gap` columns apart (ends included). */
export function timeTicks(rangeSeconds: number, cols: number, gap = 3): Tick[] {
  const start = `-${durationText(rangeSeconds)}`;
  if (cols < start.length + 4 + gap) return cols >= 3 ? [{ text: 'now', col: cols - 3 }] : [];
  const first: Tick = { text: start, col: 0 };
  const last: Tick = { text: 'now', col: cols - 3 };
  // the finest round interval whose ticks leave `gap` columns between labels
  for (const every of TICKS) {
    if (every >= rangeSeconds) break;
    const mid: Tick[] = [];
    for (let ago = Math.floor((rangeSeconds - 1) / every) * every; ago > 0; ago -= every) {
      const text = `-${durationText(ago)}`;
      const end = Math.round(((rangeSeconds - ago) / rangeSeconds) * cols) - 1;
      mid.push({ text, col: Math.max(0, end - Math.floor(text.length / 2)) });
    }
    const all = [first, ...mid, last];
    if (all.every((t, i) => i === 0 || t.col >= all[i - 1]!.col + all[i - 1]!.text.length + gap)) return all;
  }
  return [first, last];
}

/** The ticks written into a line of `cols` columns. */
export function tickLine(ticks: readonly Tick[], cols: number): string {
  const cells = new Array<string>(cols).fill(' ');
  for (const t of ticks)
    for (const [i, ch] of [...t.text].entries()) if (t.col + i < cols) cells[t.col + i] = ch;
  return cells.join('');
}
