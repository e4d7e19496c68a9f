/** A clock and timers that move only when the test says: `advance(ms)` runs what falls due, in order. */
export function fakeClock(start = 0) {
  let t = start;
  let due: Array<{ at: number; fn: () => void }> = [];
  return {
    now: () => t,
    setTimeout(fn: () => void, ms: number): unknown {
      const h = { at: t + ms, fn };
      due.push(h);
      return h;
    },
    clearTimeout(h: unknown) {
      due = due.filter((d) => d !== h);
    },
    /** Timers still waiting. */
    pending: () => due.length,
    advance(ms: number) {
      const until = t + ms;
      for (;;) {
        const next = due.filter((d) => d.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        due = due.filter((d) => d !== next);
        t = next.at;
        next.fn();
      }
      t = until;
    },
  };
}
