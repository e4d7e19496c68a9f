/** The file side of the log: appends to the active segment, rotating by size and UTC day, and fsyncs. */

import { type FileHandle, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommitSink } from './group-commit.js';
import { nextStartMs, type SegmentInfo, segmentName, shouldRotate } from './segments.js';

interface Active {
  info: SegmentInfo;
  fh: FileHandle;
}

/** Writes groups to `<dir>/events-<ms>.ndjson`, registering each segment it creates in `segments`. */
export class SegmentSink implements CommitSink {
  private active: Active | undefined;

  constructor(
    private readonly dir: string,
    private readonly segments: Map<string, SegmentInfo>,
    private readonly now: () => number,
    private readonly maxBytes: number,
  ) {}

  /** The segment being appended to, if one is open. */
  get activeName(): string | undefined {
    return this.active?.info.name;
  }

  async write(data: Buffer, maxTs: number): Promise<void> {
    const now = this.now();
    if (this.active && shouldRotate(this.active.info, now, data.length, this.maxBytes)) await this.close();
    this.active ??= await this.create(now);
    const { info, fh } = this.active;
    try {
      // One write call for the group; the loop only matters if the kernel returns a short write.
      for (let off = 0; off < data.length; )
        off += (await fh.write(data, off, data.length - off)).bytesWritten;
    } catch (e) {
      // Cut a partial group off so that the next line does not start mid-line, and keep appending to this
      // segment (O_APPEND writes at the cut): a fresh segment per failure left one empty file per failed
      // append through a disk-full outage (issue 17, defect 9: 483 of them). Only a failed cut gives it up.
      const cut = await fh.truncate(info.bytes).then(
        () => true,
        () => false,
      );
      if (!cut) await this.abandon();
      throw e;
    }
    info.bytes += data.length;
    info.mtimeMs = now;
    if (info.maxTs === undefined || maxTs > info.maxTs) info.maxTs = maxTs;
  }

  async sync(): Promise<void> {
    if (!this.active) return;
    try {
      await this.active.fh.datasync();
    } catch (e) {
      // After a failed fsync the page cache may have dropped the data (the "fsyncgate" lesson): never retry
      // on the same file as if nothing happened.
      await this.abandon();
      throw e;
    }
  }

  /** Closes the active segment; the next write opens a new one. */
  async close(): Promise<void> {
    const a = this.active;
    this.active = undefined;
    await a?.fh.close().catch(() => {});
  }

  /** Closes the active segment for good, deleting it when it holds nothing: no empty segment is left behind. */
  async abandon(): Promise<void> {
    const a = this.active;
    await this.close();
    if (a && a.info.bytes === 0) await this.remove(a.info.name);
  }

  private async remove(name: string): Promise<void> {
    this.segments.delete(name);
    await unlink(join(this.dir, name)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  private async create(now: number): Promise<Active> {
    let last: number | undefined;
    for (const s of this.segments.values()) if (last === undefined || s.startMs > last) last = s.startMs;
    const startMs = nextStartMs(now, last);
    const name = segmentName(startMs);
    // O_EXCL: never append to a segment from a past run. 0600: it holds every prediction (issue 17, defect 13).
    const fh = await open(join(this.dir, name), 'ax', 0o600);
    // A new file's directory entry is only durable once the directory is fsynced, or a crash can lose the file.
    try {
      const dirHandle = await open(this.dir, 'r');
      await dirHandle.sync().finally(() => dirHandle.close());
    } catch (e) {
      await fh.close();
      await this.remove(name);
      throw e;
    }
    const info: SegmentInfo = { name, startMs, bytes: 0, mtimeMs: now };
    this.segments.set(name, info);
    return { info, fh };
  }
}
