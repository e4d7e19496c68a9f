/** A column accumulator that coerces every cell to the schema's dtype and counts the cells that do not fit. */
import { isMissingText, parseBoolText, parseIsoDate, parseNumberText } from './cells.js';
import type { ColumnSink } from './column-sink.js';
import { Float64Buffer } from './float64-buffer.js';
import type { Column, DType } from './types.js';

/**
 * Like pandas' `to_numeric(errors='coerce')`: a cell that cannot become the expected type is stored as
 * missing and counted in `invalid`, so quality can report it as a type mismatch. 'abc' in a float64
 * column, 1.5 in an int64 column and 'yes' in a bool column are all invalid; missing tokens never are.
 */
export class CoercingColumn implements ColumnSink {
  readonly name: string;
  readonly dtype: DType;
  private readonly nums: Float64Buffer | null;
  private readonly strs: (string | null)[] | null;
  private invalid = 0;

  constructor(name: string, dtype: DType) {
    this.name = name;
    this.dtype = dtype;
    const numeric = dtype === 'float64' || dtype === 'int64' || dtype === 'datetime';
    this.nums = numeric ? new Float64Buffer() : null;
    this.strs = numeric ? null : [];
  }

  get length(): number {
    return this.nums !== null ? this.nums.length : this.strs!.length;
  }

  get acceptsNumbers(): boolean {
    return this.nums !== null;
  }

  pushMissing(): void {
    if (this.nums !== null) this.nums.push(Number.NaN);
    else this.strs!.push(null);
  }

  pushNumber(v: number): void {
    if (!Number.isFinite(v)) {
      this.pushMissing();
      return;
    }
    if (this.nums === null) {
      // A number is a fine string; it is never a bool.
      if (this.dtype === 'string') this.strs!.push(String(v));
      else this.pushInvalid();
    } else if (this.dtype === 'int64' && !Number.isInteger(v)) this.pushInvalid();
    else this.nums.push(v);
  }

  pushText(s: string): void {
    if (isMissingText(s)) {
      this.pushMissing();
      return;
    }
    switch (this.dtype) {
      case 'string':
        this.strs!.push(s);
        return;
      case 'bool': {
        const b = parseBoolText(s);
        if (b === null) this.pushInvalid();
        else this.strs!.push(b);
        return;
      }
      case 'datetime': {
        const t = parseIsoDate(s);
        if (Number.isNaN(t)) break;
        this.nums!.push(t);
        return;
      }
    }
    const n = parseNumberText(s);
    if (!Number.isNaN(n) && this.nums !== null) this.pushNumber(n);
    else this.pushInvalid();
  }

  pushBool(b: boolean): void {
    if (this.dtype === 'bool' || this.dtype === 'string') this.strs!.push(b ? 'true' : 'false');
    else this.pushInvalid();
  }

  padTo(n: number): void {
    if (this.nums !== null) this.nums.padTo(n);
    else while (this.strs!.length < n) this.strs!.push(null);
  }

  finish(): Column {
    const { name, invalid } = this;
    switch (this.dtype) {
      case 'float64':
      case 'int64':
        return { kind: 'numeric', name, dtype: this.dtype, values: this.nums!.toArray(), invalid };
      case 'datetime':
        return { kind: 'timestamp', name, dtype: 'datetime', values: this.nums!.toArray(), invalid };
      case 'bool':
      case 'string':
        return { kind: 'categorical', name, dtype: this.dtype, values: this.strs!, invalid };
    }
  }

  private pushInvalid(): void {
    this.invalid++;
    this.pushMissing();
  }
}
