/** The one shape every panel formatter returns: a state, key figures, an optional chart and table. */
import type { Levels } from '../../monitor/index.js';
import type { PanelState } from './state.js';

/** The unit of a figure as data: a 0-1 ratio, seconds, events per second, a count, or a unitless score (PSI). */
export type Unit = 'ratio' | 'seconds' | 'per_second' | 'count' | 'score';

/** The levels a figure is judged against, as data (monitor's level, without its config bookkeeping). */
export interface StatLevels {
  warning: number;
  critical: number;
  direction: 'above' | 'below';
}

/** One key figure: "p95 87 ms", with its own state. */
export interface Stat {
  label: string;
  /** The figure as shown ("87 ms", "97.9%"). */
  value: string;
  state: PanelState;
  /** The figure itself (null: no data) and its unit: what `status --json` gives scripts. */
  number?: number | null;
  unit?: Unit;
  /** The levels `state` was judged against, when the figure has any. */
  levels?: StatLevels;
  /** What the figure is of, when it names something (the worst model). */
  labels?: Record<string, string>;
}

/** The data part of a figure: its number, unit and (when judged) levels, spread into a Stat. */
export function figure(
  n: number | null | undefined,
  unit: Unit,
  level?: Levels,
): Pick<Stat, 'number' | 'unit' | 'levels'> {
  const number = n === undefined || (typeof n === 'number' && Number.isNaN(n)) ? null : n;
  return {
    number,
    unit,
    ...(level
      ? { levels: { warning: level.warning, critical: level.critical, direction: level.direction } }
      : {}),
  };
}

/** A table row as data (numbers, booleans, null), beside the formatted row. */
export type DataRow = Record<string, string | number | boolean | null | Record<string, unknown>>;

/** One chart line. Points are evenly spaced over the time range; NaN is a gap. */
export interface Series {
  name: string;
  points: number[];
}

/** A table: column names and rows of cells (strings, already formatted). */
export interface Table {
  columns: string[];
  rows: Array<Record<string, string>>;
  /** Columns that give way first when the table is too wide (free text); the last column by default. */
  flex?: string[];
}

/** What a panel shows. */
export interface PanelModel {
  id: string;
  title: string;
  state: PanelState;
  stats: Stat[];
  series: Series[];
  /** Warning and critical levels drawn as flat lines on the chart. */
  levels?: { warning: number; critical: number };
  /** How the chart's axis labels read. */
  unit?: 'ratio' | 'seconds' | 'rate';
  table?: Table;
  /** The table's rows as data (numbers, not "97.9%"), for `status --json`. */
  records?: DataRow[];
  /** One line of context, e.g. "no data yet" or "dataset drifted". */
  note?: string;
}
