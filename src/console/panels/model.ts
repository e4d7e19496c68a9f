/** The one shape every panel formatter returns: a state, key figures, an optional chart and table. */
import type { PanelState } from './state.js';

/** One key figure: "p95 87 ms", with its own state. */
export interface Stat {
  label: string;
  value: string;
  state: PanelState;
}

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
  /** One line of context, e.g. "no data yet" or "dataset drifted". */
  note?: string;
  /** Key figures as numbers (null = no data), for `status --json` readers that should not parse `stats`. */
  figures?: Record<string, number | null>;
}
