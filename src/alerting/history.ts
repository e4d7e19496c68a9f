/** Alert history: one entry per state change, kept in a bounded ring buffer. Pure. */
import type { AlertState, AlertStatus, Severity } from './types.js';

/** One state change of one alert. */
export interface HistoryEntry {
  /** Evaluation time, epoch ms. */
  ts: number;
  name: string;
  labels: Record<string, string>;
  severity: Severity | null;
  /** Set when a firing alert changed severity (from and to are then both 'firing'). */
  previousSeverity?: Severity;
  from: AlertStatus;
  to: AlertStatus;
  value: number | null;
}

/** Where history entries go; the engine passes a file-backed one (history-file.ts). */
export interface HistorySink {
  append(entry: HistoryEntry): void | Promise<void>;
}

/** An in-memory history of the latest `capacity` entries. */
export interface HistoryBuffer extends HistorySink {
  append(entry: HistoryEntry): void;
  /** Oldest first. */
  entries(): HistoryEntry[];
  readonly size: number;
  readonly capacity: number;
}

/** The default number of entries the engine keeps in memory for GET /alerts. */
export const DEFAULT_HISTORY_CAPACITY = 1000;

/** A ring buffer of history entries; older entries are overwritten once `capacity` is reached. */
export function createHistoryBuffer(
  capacity = DEFAULT_HISTORY_CAPACITY,
  initial: readonly HistoryEntry[] = [],
): HistoryBuffer {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError(`history capacity must be >= 1: ${capacity}`);
  const slots: HistoryEntry[] = new Array(capacity);
  let next = 0; // where the next entry goes
  let size = 0;
  const buffer: HistoryBuffer = {
    capacity,
    get size() {
      return size;
    },
    append(entry) {
      slots[next] = entry;
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
    },
    entries() {
      const start = (next - size + capacity) % capacity;
      return Array.from({ length: size }, (_, i) => slots[(start + i) % capacity]!);
    },
  };
  for (const e of initial) buffer.append(e);
  return buffer;
}

/**
 * The history entry for one step, or null when nothing worth recording changed.
 * Recorded: every change of state, and a severity change while firing. Not recorded: a resolved alert
 * aging out of retention (bookkeeping, not an event) and repeats (notifications, not changes).
 */
export function transitionOf(prev: AlertState | undefined, next: AlertState): HistoryEntry | null {
  const from = prev?.state ?? 'inactive';
  const base = { ts: next.updatedAt, name: next.name, labels: { ...next.labels }, value: next.value };
  if (from !== next.state) {
    if (from === 'resolved' && next.state === 'inactive') return null;
    const severity = next.state === 'inactive' ? (prev?.severity ?? null) : next.severity;
    return { ...base, severity, from, to: next.state };
  }
  if (from === 'firing' && prev?.severity && next.severity && prev.severity !== next.severity) {
    return { ...base, severity: next.severity, previousSeverity: prev.severity, from, to: next.state };
  }
  return null;
}
