/** Small guards of the dispatcher: a caller's callback that throws, a send that never answers. */

/** Runs `fn`, swallowing what it throws: the callback that would report it is the one that threw. */
export function guard(fn: () => void): void {
  try {
    fn();
  } catch {
    // nothing sensible to do: the callback that would report this is the one that threw
  }
}

/** Runs `fn`, rejecting with `<who>: no answer within <ms> ms` when it takes longer than `ms`. */
export async function withTimeout(fn: () => Promise<void>, ms: number, who: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${who}: no answer within ${ms} ms`)), ms);
  });
  try {
    // Promise.resolve().then(fn): a send that throws synchronously becomes a rejection.
    await Promise.race([Promise.resolve().then(fn), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
