/** Group commit: appends queued while a write + fsync is in flight are written together by the next one. */

import type { EncodedBatch } from './entry.js';

/** Where committed bytes go: the segment files, or a fake in tests. */
export interface CommitSink {
  /** Writes every byte (one write for the group), or throws having written none that count. */
  write(data: Buffer, maxTs: number): Promise<void>;
  /** Makes the written bytes durable (fdatasync). */
  sync(): Promise<void>;
}

/** Counters of the commit loop. */
export interface CommitStats {
  /** Batches acknowledged. */
  batches: number;
  entries: number;
  bytes: number;
  /** write + fsync rounds; batches / commits is the coalescing factor. */
  commits: number;
  failures: number;
}

interface Waiter {
  batch: EncodedBatch;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Serialises appends through one writer. The first batch to arrive at an idle log is written at once (no
 * added latency); batches that arrive during its fsync wait and share the next write + fsync. One fsync
 * per group instead of per batch is what lets many concurrent clients ingest at disk bandwidth.
 */
export class GroupCommit {
  readonly stats: CommitStats = { batches: 0, entries: 0, bytes: 0, commits: 0, failures: 0 };
  private queue: Waiter[] = [];
  private running: Promise<void> | undefined;

  /** @param maxGroupBytes a group stops growing here, bounding the memory of one write. */
  constructor(
    private readonly sink: CommitSink,
    private readonly maxGroupBytes = 32 * 1024 * 1024,
  ) {}

  /** Resolves once the batch is written and fsynced; rejects if that failed (then it may or may not replay). */
  submit(batch: EncodedBatch): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Resolves when everything submitted so far is settled. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commit(this.takeGroup());
    } finally {
      this.running = undefined;
    }
  }

  private takeGroup(): Waiter[] {
    let bytes = 0;
    let n = 0;
    while (
      n < this.queue.length &&
      (n === 0 || bytes + this.queue[n]!.batch.data.length <= this.maxGroupBytes)
    ) {
      bytes += this.queue[n]!.batch.data.length;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async commit(group: Waiter[]): Promise<void> {
    const data = group.length === 1 ? group[0]!.batch.data : Buffer.concat(group.map((w) => w.batch.data));
    const maxTs = group.reduce((m, w) => Math.max(m, w.batch.maxTs), Number.NEGATIVE_INFINITY);
    try {
      await this.sink.write(data, maxTs);
      await this.sink.sync();
    } catch (e) {
      this.stats.failures++;
      for (const w of group) w.reject(e);
      return;
    }
    this.stats.commits++;
    this.stats.bytes += data.length;
    for (const w of group) {
      this.stats.batches++;
      this.stats.entries += w.batch.entries;
      w.resolve();
    }
  }
}
