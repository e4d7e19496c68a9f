/** Helpers for the store tests: an engine writing to a test PostgreSQL, and polling for what it wrote. */
import type { Config } from '../../../src/config/index.js';
import type { RunningEngine } from '../../../src/engine/index.js';
import { startTestEngine } from '../helpers/engine.js';

/**
 * Polls `fn` until it returns a value for which `ok` holds (default: truthy); throws with the last value, or
 * the last error. An error is retried until then: the engine creates its tables once its store connects,
 * a moment after it answers, so a query may find no `predictions` yet (seen once in a full-suite run).
 */
export async function until<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean = Boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: { value: T } | { error: unknown } | null = null;
  for (;;) {
    try {
      const value = await fn();
      if (ok(value)) return value;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() > deadline) {
      if (last && 'error' in last) throw last.error;
      throw new Error(`timed out; last value ${JSON.stringify(last?.value)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** An engine in `dir` whose store writes to `url` in small, quick batches; its log lines land in `lines`. */
export function storeEngine(
  dir: string,
  url: string,
  lines: string[] = [],
  edit: (c: Config) => void = () => undefined,
): Promise<RunningEngine> {
  return startTestEngine(dir, {
    log: (l) => lines.push(l),
    edit: (c) => {
      c.storage.database_url = url;
      c.storage.batch_size = 50;
      c.storage.buffer_size = 200;
      c.storage.collection_interval_seconds = 0.2;
      edit(c);
    },
  });
}
