/** A column accumulator that infers its type from the cells it sees (used when no schema names the column). */
import { isMissingText, isTimestampName, parseBoolText, parseIsoDate, parseNumberText } from './cells.js';
import type { ColumnSink } from './column-sink.js';
import { Float64Buffer } from './float64-buffer.js';
import type { Column } from './types.js';

/**
 * none: only missing cells so far. num: every present cell is a number. ts: every present cell is an
 * ISO-8601 date (or, for a timestamp-named column, a number of epoch ms). bool: pandas' true/false
 * spellings. str: anything else. A column only ever moves towards str.
 */
type State = 'none' | 'num' | 'ts' | 'bool' | 'str';

/**
 * Infers numeric (int64 when every present value is integral, else float64), timestamp, bool or string.
 * Numbers and timestamps accumulate in a Float64Buffer. When a numeric column meets text it becomes a
 * string column and its earlier numbers are rewritten as their canonical text (String(1.50) is '1.5'):
 * the one place inference loses formatting, traded for never holding a string per numeric cell.
 */
export class InferringColumn implements ColumnSink {
  readonly name: string;
  private readonly timestampNamed: boolean;
  private state: State = 'none';
  private missingOnly = 0;
  private nums: Float64Buffer | null = null;
  private strs: (string | null)[] | null = null;
  private integral = true;

  constructor(name: string) {
    this.name = name;
    this.timestampNamed = isTimestampName(name);
  }

  get length(): number {
    if (this.nums !== null) return this.nums.length;
    if (this.strs !== null) return this.strs.length;
    return this.missingOnly;
  }

  get acceptsNumbers(): boolean {
    return this.state === 'none' || this.state === 'num';
  }

  pushMissing(): void {
    if (this.nums !== null) this.nums.push(Number.NaN);
    else if (this.strs !== null) this.strs.push(null);
    else this.missingOnly++;
  }

  pushNumber(v: number): void {
    if (!Number.isFinite(v)) {
      this.pushMissing();
      return;
    }
    switch (this.state) {
      case 'none':
        this.become('num');
        this.pushNumber(v);
        return;
      case 'num':
        if (this.integral && !Number.isInteger(v)) this.integral = false;
        this.nums!.push(v);
        return;
      case 'ts':
        if (this.timestampNamed) this.nums!.push(v);
        else this.pushAsString(String(v));
        return;
      default:
        this.pushAsString(String(v));
    }
  }

  pushText(s: string): void {
    if (isMissingText(s)) {
      this.pushMissing();
      return;
    }
    if (this.state === 'str') {
      this.strs!.push(s);
      return;
    }
    if (this.state === 'bool') {
      if (parseBoolText(s) === null) this.state = 'str';
      this.strs!.push(s);
      return;
    }
    const n = parseNumberText(s);
    if (!Number.isNaN(n) && (this.state !== 'ts' || this.timestampNamed)) {
      this.pushNumber(n);
      return;
    }
    const t = parseIsoDate(s);
    if (!Number.isNaN(t) && (this.state === 'ts' || this.state === 'none' || this.timestampNamed)) {
      if (this.state !== 'ts') this.become('ts');
      this.nums!.push(t);
      return;
    }
    if (this.state === 'none' && parseBoolText(s) !== null) {
      this.become('bool');
      this.strs!.push(s);
      return;
    }
    this.pushAsString(s);
  }

  pushBool(b: boolean): void {
    if (this.state === 'none') this.become('bool');
    if (this.state === 'bool') this.strs!.push(b ? 'true' : 'false');
    else this.pushAsString(b ? 'true' : 'false');
  }

  padTo(n: number): void {
    if (this.nums !== null) this.nums.padTo(n);
    else if (this.strs !== null) while (this.strs.length < n) this.strs.push(null);
    else this.missingOnly = Math.max(this.missingOnly, n);
  }

  finish(): Column {
    const name = this.name;
    switch (this.state) {
      case 'none': {
        // pandas reads an all-missing column as float64 NaN, so it still counts as numeric.
        const values = new Float64Array(this.missingOnly).fill(Number.NaN);
        return { kind: 'numeric', name, dtype: 'float64', values, invalid: 0 };
      }
      case 'num': {
        const values = this.nums!.toArray();
        // A timestamp-named column of whole numbers holds epoch milliseconds (the engine's `ts`).
        if (this.timestampNamed && this.integral)
          return { kind: 'timestamp', name, dtype: 'datetime', values, invalid: 0 };
        return { kind: 'numeric', name, dtype: this.integral ? 'int64' : 'float64', values, invalid: 0 };
      }
      case 'ts':
        return { kind: 'timestamp', name, dtype: 'datetime', values: this.nums!.toArray(), invalid: 0 };
      case 'bool': {
        const values = this.strs!.map((s) => (s === null ? null : parseBoolText(s)));
        return { kind: 'categorical', name, dtype: 'bool', values, invalid: 0 };
      }
      case 'str':
        return { kind: 'categorical', name, dtype: 'string', values: this.strs!, invalid: 0 };
    }
  }

  private pushAsString(s: string): void {
    if (this.state !== 'str') this.become('str');
    this.strs!.push(s);
  }

  /** Moves to a new state, carrying the cells seen so far. */
  private become(next: State): void {
    const prev = this.state;
    this.state = next;
    if (next === 'num' || next === 'ts') {
      if (prev === 'none') {
        this.nums = new Float64Buffer();
        this.nums.padTo(this.missingOnly);
      }
      return;
    }
    if (prev === 'none') this.strs = new Array<string | null>(this.missingOnly).fill(null);
    else if (prev === 'num' || prev === 'ts') {
      const nums = this.nums!;
      const strs = new Array<string | null>(nums.length);
      for (let i = 0; i < nums.length; i++) {
        const v = nums.at(i);
        strs[i] = Number.isNaN(v) ? null : prev === 'ts' ? new Date(v).toISOString() : String(v);
      }
      this.strs = strs;
      this.nums = null;
    }
  }
}
