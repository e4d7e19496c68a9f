/** The interface every column accumulator implements, whether it infers its type or coerces to one. */
import type { Column } from './types.js';

/** Receives one column's cells in row order and builds the typed column at the end. */
export interface ColumnSink {
  readonly name: string;
  /** Cells received so far. */
  readonly length: number;
  /** True when a plain number is welcome as a number (CSV readers then skip making a string). */
  readonly acceptsNumbers: boolean;
  /** Appends a missing cell. */
  pushMissing(): void;
  /** Appends a parsed number; non-finite values are missing. */
  pushNumber(v: number): void;
  /** Appends raw text, as read from a CSV cell or a JSON string. */
  pushText(s: string): void;
  /** Appends a boolean. */
  pushBool(b: boolean): void;
  /** Appends missing cells until the column holds `n` cells. */
  padTo(n: number): void;
  /** The finished, typed column. */
  finish(): Column;
}

/** Appends any JS value: null/undefined are missing, Dates become ISO text, objects become their JSON. */
export function pushAny(sink: ColumnSink, v: unknown): void {
  if (v === null || v === undefined) sink.pushMissing();
  else if (typeof v === 'number') sink.pushNumber(v);
  else if (typeof v === 'string') sink.pushText(v);
  else if (typeof v === 'boolean') sink.pushBool(v);
  else if (typeof v === 'bigint') sink.pushNumber(Number(v));
  else if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) sink.pushMissing();
    else sink.pushText(v.toISOString());
  } else sink.pushText(JSON.stringify(v) ?? String(v));
}
