/** A growable Float64Array: columns accumulate here while streaming, never as arrays of row objects. */

/** Appends doubles, doubling its capacity when full. */
export class Float64Buffer {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(16, capacity));
  }

  /** Appends one value. */
  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }

  /** Appends NaN (missing) until the buffer holds `n` values. */
  padTo(n: number): void {
    if (n <= this.length) return;
    if (n > this.data.length) this.grow(n);
    this.data.fill(Number.NaN, this.length, n);
    this.length = n;
  }

  /** The value at `i` (no bounds check beyond the typed array's own). */
  at(i: number): number {
    return this.data[i]!;
  }

  /**
   * The values. A view when at most a quarter of the capacity is unused (copying 8 MB per column costs
   * more than the slack), else a right-sized copy. Either way `byteOffset` is 0 and `length` is exact.
   */
  toArray(): Float64Array {
    if (this.length * 4 >= this.data.length * 3) return this.data.subarray(0, this.length);
    return this.data.slice(0, this.length);
  }

  private grow(min: number): void {
    let capacity = this.data.length * 2;
    while (capacity < min) capacity *= 2;
    const next = new Float64Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}
