/** A bounded FIFO of items waiting for delivery: when full, the oldest are dropped and counted. */

/** Items waiting to be sent. */
export interface Outbox<T> {
  /** Appends items; returns how many of the oldest were dropped to stay within the cap. */
  push(items: readonly T[]): number;
  /** Removes and returns up to `n` items from the front. */
  take(n: number): T[];
  /** Puts items taken earlier back at the front (a failed post), dropping the oldest beyond the cap. */
  putBack(items: readonly T[]): number;
  readonly size: number;
}

/** An outbox holding at most `cap` items. */
export function createOutbox<T>(cap: number): Outbox<T> {
  if (!(cap >= 1)) throw new RangeError(`outbox cap must be >= 1, got ${cap}`);
  // A plain array with a moving head: shift() per item would be quadratic on a large backlog.
  let items: T[] = [];
  let head = 0;
  const compact = () => {
    if (head > 1024 && head * 2 > items.length) {
      items = items.slice(head);
      head = 0;
    }
  };
  const trim = (): number => {
    const over = items.length - head - cap;
    if (over <= 0) return 0;
    head += over;
    compact();
    return over;
  };
  return {
    push(more) {
      for (const item of more) items.push(item);
      return trim();
    },
    take(n) {
      const out = items.slice(head, head + n);
      head += out.length;
      compact();
      return out;
    },
    putBack(back) {
      items = [...back, ...items.slice(head)];
      head = 0;
      return trim();
    },
    get size() {
      return items.length - head;
    },
  };
}
