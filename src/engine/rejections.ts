/** Rejections of one batch: each record's bad field, listed up to a cap, and the 400's one-line error. */
import type { BatchResult, Rejection } from './records.js';

/** Collects rejections up to a cap, counting the rest. */
export class Rejections {
  readonly list: Rejection[] = [];
  total = 0;
  constructor(private readonly cap: number) {}
  add(index: number, field: string, reason: string): void {
    this.total++;
    if (this.list.length < this.cap) this.list.push({ index, field, reason });
  }
  result<T>(noun: string, records: T[]): BatchResult<T> {
    if (this.total === 0) return { ok: true, records };
    const first = this.list[0]!;
    const where = first.field ? `record ${first.index}, ${first.field}` : `record ${first.index}`;
    const more = this.total > this.list.length ? ` (${this.list.length} listed)` : '';
    const error = `${this.total} problem${this.total === 1 ? '' : 's'} in the ${noun} batch${more}; first: ${where}: ${first.reason}`;
    return { ok: false, error, rejected: this.list };
  }
}
