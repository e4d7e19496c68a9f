/**
 * The baseline in memory, kept in step with its file (baseline-store.ts). A change takes effect in memory at
 * once, so an evaluation running meanwhile sees it and does not adopt its own first window over the
 * operator's; its write is queued behind any other. A failed write puts back what the file holds: not the
 * value before the change, which may itself be a write that had not landed yet (set A, set B, both writes
 * fail: memory must say what the file says, not A).
 */
import type { BaselineRecord, BaselineStore } from './baseline-store.js';

/** What the evaluator reads and changes. */
export interface BaselineHolder {
  /** The baseline, read from its file the first time (a read never overwrites a change made meanwhile). */
  get(): Promise<BaselineRecord | null>;
  /** The baseline as last set or read, without waiting; undefined before the first read. */
  peek(): BaselineRecord | null | undefined;
  /** Sets (or, with null, removes) the baseline: in memory now, in the file when the write lands. */
  set(next: BaselineRecord | null): Promise<void>;
}

/** A holder over `store`. */
export function baselineHolder(store: BaselineStore): BaselineHolder {
  // undefined: not read yet (or unknown after a failed write: read the file again)
  let current: BaselineRecord | null | undefined;
  // what the file holds as far as this process knows: the last write that landed, or the last read
  let persisted: BaselineRecord | null | undefined;
  const get = async (): Promise<BaselineRecord | null> => {
    if (current === undefined) {
      const loaded = await store.load();
      if (persisted === undefined) persisted = loaded;
      if (current === undefined) current = loaded;
    }
    return current ?? null;
  };
  return {
    get,
    peek: () => current,
    async set(next) {
      current = next;
      try {
        await (next === null ? store.remove() : store.save(next));
        persisted = next;
      } catch (err) {
        // the store runs its writes one at a time: every earlier one has landed or failed by now
        if (current === next) current = persisted;
        throw err;
      }
    },
  };
}
