/**
 * Keeps a step's output within a cap: the first half and the last half of the budget, with a marker
 * saying how much was dropped between them. The start shows what the command did, the end how it finished.
 */

/** Default budget per stream: 256 KiB (counted in characters). */
export const OUTPUT_CAP = 256 * 1024;

/** The marker put where output was dropped. */
export const truncationMarker = (dropped: number) => `\n[... ${dropped} characters truncated ...]\n`;

/** A capped text buffer: `append` chunks, `text()` returns head + marker + tail. */
export class CappedOutput {
  private head = '';
  private tail = '';
  private dropped = 0;
  /** Total characters appended, including the dropped ones. */
  total = 0;

  constructor(readonly cap: number = OUTPUT_CAP) {}

  /** Adds a chunk. */
  append(chunk: string): void {
    this.total += chunk.length;
    const half = Math.floor(this.cap / 2);
    if (this.head.length < half) {
      const take = chunk.slice(0, half - this.head.length);
      this.head += take;
      chunk = chunk.slice(take.length);
    }
    if (chunk === '') return;
    this.tail += chunk;
    const keep = this.cap - half;
    if (this.tail.length > keep) {
      this.dropped += this.tail.length - keep;
      this.tail = this.tail.slice(-keep);
    }
  }

  /** True once something was dropped. */
  get truncated(): boolean {
    return this.dropped > 0;
  }

  /** The kept text. */
  text(): string {
    return this.dropped > 0 ? this.head + truncationMarker(this.dropped) + this.tail : this.head + this.tail;
  }
}

/** Caps an already complete string the same way. */
export function capText(text: string, cap: number = OUTPUT_CAP): string {
  if (text.length <= cap) return text;
  const out = new CappedOutput(cap);
  out.append(text);
  return out.text();
}
