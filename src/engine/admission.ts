/**
 * The checks of a valid batch against the window, on the engine thread: a batch is acknowledged only when
 * every record will count (issue 17, defects 4, 5, 15). Pure: the window's state comes in as functions.
 */
import { formatDuration } from '../config/index.js';
import type { RecordColumns } from './record-columns.js';
import type { BatchResult } from './records.js';
import { Rejections } from './rejections.js';

/** What admission reads from the window. */
export interface AdmissionLimits {
  /** Epoch ms the batch was received at. */
  receivedAt: number;
  /** engine.window.max_age in ms: an older ts would never be counted. */
  maxAgeMs: number;
  /** engine.window.max_future_skew in ms. */
  maxFutureMs: number;
  /** engine.window.max_features: names held besides the reserved (reference) ones. */
  maxFeatures: number;
  /** True when the name is held or reserved. */
  hasFeature: (name: string) => boolean;
  /** Held names that count against maxFeatures. */
  countedFeatures: number;
}

/** Every reason the batch cannot be acknowledged as it is; ok when there is none. */
export function admit(c: RecordColumns, limits: AdmissionLimits, maxRejections = 100): BatchResult<never> {
  const rej = new Rejections(maxRejections);
  checkTimes(c, limits, rej);
  checkDuplicateIds(c, rej);
  checkFeatureCap(c, limits, rej);
  return rej.result('prediction', []);
}

const iso = (ms: number) => new Date(ms).toISOString();
const dur = (ms: number) => formatDuration(ms / 1000);

// Refused rather than clamped: a clamped ts would file a record at a time it was not made, and the window
// would judge latency, drift and errors at the wrong minute. A refusal names the bound, and the client
// fixes its clock or resends what is still worth counting.
function checkTimes(c: RecordColumns, l: AdmissionLimits, rej: Rejections): void {
  const latest = l.receivedAt + l.maxFutureMs;
  const earliest = l.receivedAt - l.maxAgeMs;
  for (let i = 0; i < c.rows; i++) {
    const ts = c.ts[i]!;
    if (ts > latest)
      rej.add(
        i,
        'ts',
        `${iso(ts)} is ${dur(ts - l.receivedAt)} ahead of the engine's clock; at most ` +
          `engine.window.max_future_skew (${dur(l.maxFutureMs)}) ahead is accepted, so no later than ${iso(latest)}`,
      );
    else if (ts < earliest)
      rej.add(
        i,
        'ts',
        `${iso(ts)} is older than the window (engine.window.max_age ${dur(l.maxAgeMs)}) and would never ` +
          `be counted; the earliest accepted now is ${iso(earliest)}`,
      );
  }
}

// Within one batch an id must be unique: an actual could only ever reach one of the two. Across batches a
// repeated id is a new record (a retry after a lost answer, or a re-scored prediction); actuals attach to the
// latest (README "The engine").
function checkDuplicateIds(c: RecordColumns, rej: Rejections): void {
  const first = new Map<string, number>();
  for (let i = 0; i < c.rows; i++) {
    const id = c.id[i]!;
    if (id === '') continue; // the engine assigns one
    const seen = first.get(id);
    if (seen === undefined) first.set(id, i);
    else
      rej.add(i, 'id', `duplicate id ${JSON.stringify(id)}: records ${seen} and ${i} of this batch share it`);
  }
}

// A batch that would take the window past max_features is refused whole, instead of its values being dropped
// silently; reserved (reference) names never count, so junk cannot crowd them out.
function checkFeatureCap(c: RecordColumns, l: AdmissionLimits, rej: Rejections): void {
  const room = l.maxFeatures - l.countedFeatures;
  const fresh = new Set<number>();
  for (let i = 0; i < c.rows; i++) {
    for (let k = c.keyStart[i]!, end = c.keyStart[i + 1]!; k < end; k++) {
      const fi = c.keys[k]!;
      if (fresh.has(fi) || l.hasFeature(c.featureNames[fi]!)) continue;
      fresh.add(fi);
      if (fresh.size > room) {
        const total = c.featureNames.filter((n) => !l.hasFeature(n)).length;
        rej.add(
          i,
          `features.${c.featureNames[fi]}`,
          `the batch brings ${total} new feature names and the window has room for ${Math.max(room, 0)} ` +
            `(engine.window.max_features ${l.maxFeatures}, ${l.countedFeatures} held besides the reference's)`,
        );
        return;
      }
    }
  }
}
