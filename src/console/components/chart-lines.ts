/** Renders series as asciichart lines of an exact size: never wider than `width`, exactly `height` lines. */
import asciichart from 'asciichart';
import type { PanelModel, Series } from '../panels/model.js';

/** The axis label width; asciichart puts the axis two columns after it. */
const LABEL = 8;

/** Resamples to at most `n` points (the last value of each bucket) and fills gaps with the previous value. */
export function fitPoints(points: readonly number[], n: number): number[] {
  const valid = points.findIndex((x) => !Number.isNaN(x));
  if (valid < 0 || n <= 0) return [];
  const filled: number[] = [];
  let last = points[valid]!;
  for (const x of points) filled.push(Number.isNaN(x) ? last : (last = x));
  if (filled.length <= n) return filled;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(filled[Math.floor(((i + 1) * filled.length) / n) - 1]!);
  return out;
}

/** The axis label of `x` in `unit`, exactly LABEL columns wide. */
export function axisLabel(x: number, unit: PanelModel['unit']): string {
  const text =
    unit === 'ratio'
      ? `${(x * 100).toFixed(Math.abs(x) < 0.1 ? 2 : 1)}%`
      : unit === 'seconds'
        ? x < 1
          ? `${(x * 1000).toFixed(0)}ms`
          : `${x.toFixed(2)}s`
        : x >= 1000
          ? `${(x / 1000).toFixed(1)}k`
          : x.toFixed(x < 10 ? 2 : 1);
  return text.slice(0, LABEL).padStart(LABEL);
}

const SGR_RUN = new RegExp(
  `${String.fromCharCode(27)}\\[(\\d+)m([^${String.fromCharCode(27)}]*)${String.fromCharCode(27)}\\[0m`,
  'g',
);

/**
 * asciichart wraps every character in its colour and a reset (9 bytes of escapes per cell): one colour a
 * run instead. Each frame Ink tokenizes every escape, and each changed line goes to the terminal, so a
 * chart costs a fifth of the bytes and much less tokenizing. The colours of the cells are unchanged.
 */
export function mergeColorRuns(line: string): string {
  const esc = String.fromCharCode(27);
  let out = '';
  let open: string | null = null;
  let last = 0;
  for (const m of line.matchAll(SGR_RUN)) {
    const plain = line.slice(last, m.index);
    if (plain) {
      if (open) out += `${esc}[0m`;
      open = null;
      out += plain;
    }
    if (m[1] !== open) {
      if (open) out += `${esc}[0m`;
      out += `${esc}[${m[1]}m`;
      open = m[1]!;
    }
    out += m[2];
    last = m.index + m[0].length;
  }
  if (open) out += `${esc}[0m`;
  return out + line.slice(last);
}

/** Options of one chart. */
export interface ChartOptions {
  width: number;
  height: number;
  unit?: PanelModel['unit'];
  /** Warning and critical levels, drawn as flat lines. */
  levels?: { warning: number; critical: number } | undefined;
  /** asciichart colour codes per series (the levels come last); none for NO_COLOR. */
  colors?: string[];
}

/** The chart's lines; [] when there is nothing to draw or no room. */
export function chartLines(series: readonly Series[], o: ChartOptions): string[] {
  const n = o.width - LABEL - 2;
  if (n < 4 || o.height < 2) return [];
  const data = series.map((s) => fitPoints(s.points, n)).filter((p) => p.length > 0);
  if (data.length === 0) return [];
  const len = Math.max(...data.map((p) => p.length));
  const lines = o.levels
    ? [o.levels.warning, o.levels.critical].map((v) => new Array<number>(len).fill(v))
    : [];
  const all = [...data, ...lines];
  const plot = asciichart.plot(all, {
    height: o.height - 1,
    offset: 3,
    padding: ' '.repeat(LABEL),
    format: (x) => axisLabel(x, o.unit),
    ...(o.colors ? { colors: o.colors } : {}),
  });
  const out = plot
    .split('\n')
    .slice(0, o.height)
    .map((l) => (o.colors ? mergeColorRuns(l) : l));
  while (out.length < o.height) out.unshift('');
  return out;
}
