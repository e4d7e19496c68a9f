/**
 * Renders series as asciichart lines of an exact size: never wider than `width`, exactly `height` lines.
 * From the top: a legend (each series' and level's glyph), the plot with its y-axis labels and the levels'
 * tags at the right, and the time axis. The y-axis is chart-scale.ts's: every row's label is the value
 * drawn on it, and a level sits on its own row when the grid allows (else its tag says "≈").
 */
import asciichart from 'asciichart';
import type { Series } from '../panels/model.js';
import { type ChartUnit, levelText, numberStyle, styled } from './chart-format.js';
import { LEVEL_GLYPHS, LEVEL_NAMES, SERIES_SYMBOLS, seriesGlyph } from './chart-glyphs.js';
import { legend, render, type Seg, segLen } from './chart-paint.js';
import { type Axis, chooseAxis, exactRow, rowOf, rowValue } from './chart-scale.js';
import { durationText, type Tick, tickLine, timeTicks } from './chart-time.js';

/** asciichart's colours, one escape per run (chart-paint.ts). */
export { mergeColorRuns } from './chart-paint.js';

/** The axis label width; the plot starts two columns after it (a space and the axis). */
const LABEL = 8;
const PREFIX = LABEL + 2;
/** The narrowest plot that still gets the levels' tags at its right. */
const MIN_PLOT_WITH_TAGS = 24;

/**
 * Resamples to at most `n` points (the last value of each bucket) and fills gaps with the previous value.
 * Leading gaps stay NaN: before its first point a series is not drawn (never a made-up flat line).
 */
export function fitPoints(points: readonly number[], n: number): number[] {
  const valid = points.findIndex((x) => !Number.isNaN(x));
  if (valid < 0 || n <= 0) return [];
  const filled: number[] = [];
  let last = Number.NaN;
  for (const x of points) filled.push(Number.isNaN(x) ? last : (last = x));
  if (filled.length <= n) return filled;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(filled[Math.floor(((i + 1) * filled.length) / n) - 1]!);
  return out;
}

/** Options of one chart. */
export interface ChartOptions {
  width: number;
  height: number;
  unit?: ChartUnit;
  /** Warning and critical levels, drawn as dashed lines with a tag. */
  levels?: { warning: number; critical: number } | undefined;
  /** asciichart colour codes per series (the levels come last); none for NO_COLOR. */
  colors?: string[];
  /** The time range the points span (evenly, ending now); the time axis says it. */
  rangeSeconds?: number;
}

/** How the chart's lines are shared out: legend on its own line or in the time axis', plot rows, tags. */
export interface ChartLayout {
  legendLine: boolean;
  legendInAxis: boolean;
  axisLine: boolean;
  plotRows: number;
}

/** The layout of a chart `height` lines tall whose legend is `legendLen` columns and plot `cols` wide. */
export function chartLayout(height: number, legendLen: number, cols: number, startLen: number): ChartLayout {
  const axisLine = height >= 3;
  // the legend shares the time axis' line (between "-15m" and "now") when the chart is short and it fits
  const fitsAxis = axisLine && legendLen + startLen + 3 + 4 <= cols;
  const legendLine = height >= 8 || (!fitsAxis && height >= 5);
  const legendInAxis = !legendLine && fitsAxis;
  return { legendLine, legendInAxis, axisLine, plotRows: height - (axisLine ? 1 : 0) - (legendLine ? 1 : 0) };
}

/** The plot cells of one series on `axis`: asciichart draws it, row 0 of the result at the top. */
function seriesCells(points: readonly number[], axis: Axis, symbols: readonly string[]): string[][] {
  const start = points.findIndex((x) => !Number.isNaN(x));
  // in rows above the bottom one; asciichart rounds to the nearest row (chart-scale.ts rowOf)
  const rows = points.map((v) => (Number.isNaN(v) ? points[start]! : v) / axis.step - axis.first);
  const u = rows.map((r) => Math.min(axis.rows - 1, Math.max(0, r)));
  const plot = asciichart.plot(u, {
    min: 0,
    max: axis.rows - 1,
    height: axis.rows - 1,
    offset: 3,
    format: () => ' '.repeat(LABEL),
    symbols: [...symbols],
  });
  // column c is the stroke from point c to c + 1: the one into the first point is drawn flat at its value
  // (so a series of one point still shows), the ones before it are not drawn at all
  return plot.split('\n').map((l) => [...l.slice(PREFIX)].map((ch, c) => (c < start - 1 ? ' ' : ch)));
}

/** The chart's lines; [] when there is nothing to draw or no room. */
export function chartLines(series: readonly Series[], o: ChartOptions): string[] {
  const maxPlot = o.width - PREFIX;
  if (maxPlot < 4 || o.height < 2) return [];
  const drawn = series.map((s, i) => ({ ...s, i })).filter((s) => s.points.some((x) => !Number.isNaN(x)));
  if (drawn.length === 0) return [];
  const colors = o.colors;
  const levelList = o.levels
    ? (['warning', 'critical'] as const).map((k, j) => ({
        k,
        v: o.levels![k],
        color: colors?.[series.length + j],
      }))
    : [];
  const start = o.rangeSeconds ? `-${durationText(o.rangeSeconds)}` : '';
  const entries = (withValues: boolean): Seg[][] => [
    ...drawn.map((s) => [{ text: seriesGlyph(s.i), color: colors?.[s.i] }, { text: ` ${s.name}` }]),
    ...levelList.map((l) => [
      { text: LEVEL_GLYPHS[l.k].repeat(2), color: l.color },
      { text: ` ${LEVEL_NAMES[l.k]}${withValues ? ` ${levelText(l.v, o.unit)}` : ''}` },
    ]),
  ];
  // the tags carry the levels' values when the plot keeps room for them; else the legend does
  const tagRoom = Math.max(
    0,
    ...levelList.map((l) => `${LEVEL_NAMES[l.k]} ≈${levelText(l.v, o.unit)}`.length + 1),
  );
  const tagsFit = levelList.length > 0 && maxPlot - tagRoom >= MIN_PLOT_WITH_TAGS;
  const legendLen = segLen(entries(!tagsFit).flatMap((e, i) => (i ? [{ text: '  ' }, ...e] : e)));
  const layout = chartLayout(o.height, legendLen, maxPlot - (tagsFit ? tagRoom : 0), start.length);
  if (layout.plotRows < 2) return [];
  const values = drawn.flatMap((s) => s.points.filter((x) => !Number.isNaN(x)));
  const axis = chooseAxis(
    values,
    levelList.map((l) => l.v),
    layout.plotRows,
  );
  // the levels' tags at the right of their rows: "crit 250ms", "warn ≈100ms" when between two rows
  const tags = levelList.map((l) => ({
    ...l,
    row: rowOf(axis, l.v),
    text: `${LEVEL_NAMES[l.k]} ${exactRow(axis, l.v) ? '' : '≈'}${levelText(l.v, o.unit)}`,
  }));
  // levels on one row (a step much coarser than their gap) share its tag
  const rowTag = (row: number) =>
    tags
      .filter((t) => t.row === row)
      .map((t) => t.text)
      .join(' ');
  const tagW = tags.length ? Math.max(...tags.map((t) => rowTag(t.row).length)) + 1 : 0;
  const withTags = tagsFit && maxPlot - tagW >= MIN_PLOT_WITH_TAGS;
  // one point more than columns: asciichart draws column c from point c to point c + 1
  const room = maxPlot - (withTags ? tagW : 0);
  const named = drawn.map((s) => {
    const points = fitPoints(s.points, room + 1);
    return { ...s, points: points.length === 1 ? [points[0]!, points[0]!] : points };
  });
  const cols = Math.max(...named.map((s) => s.points.length)) - 1;
  const top = axis.rows - 1;
  const style = numberStyle(
    o.unit,
    Math.max(Math.abs(rowValue(axis, 0)), Math.abs(rowValue(axis, top))),
    axis.step,
  );

  // the plot cells, top row first: the levels under the series, the first series on top
  const grid: Seg[][] = Array.from({ length: axis.rows }, () =>
    Array.from({ length: cols }, () => ({ text: ' ' })),
  );
  for (const t of tags)
    for (const cell of grid[top - t.row]!) Object.assign(cell, { text: LEVEL_GLYPHS[t.k], color: t.color });
  for (const s of [...named].reverse()) {
    const cells = seriesCells(s.points, axis, SERIES_SYMBOLS[s.i % SERIES_SYMBOLS.length]!);
    // indexed, not entries(): an iterator and a pair a cell, some 3,000 a chart
    for (let r = 0; r < cells.length; r++) {
      const row = cells[r]!;
      for (let c = 0; c < Math.min(cols, row.length); c++)
        if (row[c] !== ' ') grid[r]![c] = { text: row[c]!, color: colors?.[s.i] };
    }
  }
  const plot = grid.map((cells, r) => {
    const row = top - r;
    const label = styled(rowValue(axis, row), style).slice(0, LABEL).padStart(LABEL);
    const here = withTags ? tags.filter((t) => t.row === row) : [];
    const tag: Seg[] = here.length ? [{ text: ` ${rowTag(row)}`, color: here.at(-1)!.color }] : [];
    return render([{ text: `${label} ┤` }, ...cells, ...tag]);
  });
  const legendSegs = legend(entries(!withTags), o.width);
  const out: string[] = [];
  if (layout.legendLine) out.push(render(legendSegs));
  out.push(...plot);
  if (layout.axisLine)
    out.push(
      axisLine(
        o.rangeSeconds,
        cols,
        layout.legendInAxis ? legend(entries(!withTags), cols - start.length - 3 - 4) : null,
      ),
    );
  return out;
}

/** The time axis under the plot, with the legend between its ends when `inside` is given. */
function axisLine(rangeSeconds: number | undefined, cols: number, inside: Seg[] | null): string {
  const pad = `${' '.repeat(LABEL + 1)}└`;
  if (!rangeSeconds) return `${pad}${tickLine([{ text: 'now', col: Math.max(0, cols - 3) }], cols)}`;
  if (!inside) return `${pad}${tickLine(timeTicks(rangeSeconds, cols), cols)}`;
  const ends: Tick[] = timeTicks(rangeSeconds, cols).filter((_t, i, all) => i === 0 || i === all.length - 1);
  const plain = tickLine(ends, cols);
  const len = segLen(inside);
  const from = Math.max(ends[0]!.text.length + 2, Math.floor((cols - len) / 2));
  return render([{ text: pad + plain.slice(0, from) }, ...inside, { text: plain.slice(from + len) }]);
}
