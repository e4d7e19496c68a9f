/** Helpers for the store tests: an engine writing to a test PostgreSQL, and polling for what it wrote. */
import type { Config } from '../../../src/config/index.js';
import type { RunningEngine } from '../../../src/engine/index.js';
import { startTestEngine } from '../helpers/engine.js';

/** Polls `fn` until it returns a value for which `ok` holds (default: truthy); throws with the last value. */
export async function until<T>(
  fn: () => Promise<T>,
  ok: (v: T) => boolean = Boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await fn();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(last)}`);
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
