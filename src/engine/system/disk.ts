/** Which filesystem holds a path, and how full it is. */
import { sep } from 'node:path';
import type { FsEntry } from './types.js';

/** The entry whose mount point is the longest prefix of `path` (an absolute, resolved path); undefined if none. */
export function filesystemOf(entries: readonly FsEntry[], path: string): FsEntry | undefined {
  let best: FsEntry | undefined;
  for (const e of entries) {
    const m = e.mount;
    // '/data' holds '/data' and '/data/x' but not '/database'.
    const holds = m === path || m === sep || path.startsWith(m.endsWith(sep) ? m : m + sep);
    if (holds && (best === undefined || m.length > best.mount.length)) best = e;
  }
  return best;
}

/**
 * used / (used + available), 0-1: df's Use% and psutil's disk_usage().percent. Not used / size: the blocks
 * reserved for root are neither, and an ordinary process sees the disk full when `available` reaches 0.
 * Falls back to df's rounded `use` when the byte counts are missing.
 */
export function diskRatioOf(entry: FsEntry): number | null {
  const denominator = entry.used + entry.available;
  if (Number.isFinite(denominator) && denominator > 0) return clampRatio(entry.used / denominator);
  return Number.isFinite(entry.use) ? clampRatio(entry.use / 100) : null;
}

/** Clamps a ratio into [0, 1]; null for NaN, an infinity or a non-number. */
export function clampRatio(x: number): number | null {
  if (typeof x !== 'number' || !Number.isFinite(x)) return null;
  return Math.min(1, Math.max(0, x));
}
