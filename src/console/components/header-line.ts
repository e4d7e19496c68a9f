/** The header's text segments, pure: overall state, each source's health and data age, routines, clock. */

import { coarseAge } from '../panels/format.js';
import { type PanelState, STATE_TEXT } from '../panels/state.js';
import type { SourceName, SourceStatus } from '../store.js';

/** One piece of the header; `state` colours it. */
export interface Segment {
  text: string;
  state?: PanelState;
  bold?: boolean;
}

const SHORT: Record<SourceName, string> = {
  prometheus: 'prom',
  alertmanager: 'am',
  engine: 'engine',
  host: 'host',
};

/**
 * A source's state: "not configured" when nobody configured it; ✔ and the data age; UNREACHABLE with the reason when it never answered (there is no
 * data to be stale); STALE with the reason and how long when it answered before; ? while waiting.
 */
export function sourceSegment(name: SourceName, s: SourceStatus, now: number, compact = false): Segment {
  // nobody configured it (no engine beside Prometheus): a fact, not a failure, so no colour and no ✖
  if (s.configured === false) return { text: `${SHORT[name]} – ${compact ? 'off' : 'not configured'}` };
  // an answer that is not the source's API (truncated JSON, an HTML error page): it is up, but useless
  if (s.stale?.reason === 'bad-response') {
    const why = compact || !s.error ? '' : ` ${s.error.slice(0, 40)}`;
    return { text: `${SHORT[name]} ✖ BAD RESPONSE${why}`, state: 'critical' };
  }
  if (s.stale && s.fetchedAt === null) {
    // "UNREACHABLE unreachable" says nothing twice: only a reason beyond the word itself (timeout, http 502)
    const why = compact || s.stale.reason === 'unreachable' ? '' : ` ${s.stale.reason}`;
    return { text: `${SHORT[name]} ✖ UNREACHABLE${why}`, state: 'critical' };
  }
  if (s.stale) {
    const why = compact ? '' : ` ${s.stale.reason}`;
    return { text: `${SHORT[name]} ✖ STALE${why} ${coarseAge(now - s.stale.since)}`, state: 'critical' };
  }
  if (s.fetchedAt === null) return { text: `${SHORT[name]} ? …`, state: 'unknown' };
  return { text: `${SHORT[name]} ✔ ${coarseAge(now - s.fetchedAt)}`, state: 'ok' };
}

/** A source's segment in full and in its compact form (no reason). */
export interface SourceView {
  full: Segment;
  compact: Segment;
}

/** Both forms of a source's segment at `now`. */
export function sourceView(name: SourceName, s: SourceStatus, now: number): SourceView {
  return { full: sourceSegment(name, s, now), compact: sourceSegment(name, s, now, true) };
}

/** What the header shows. */
export interface HeaderInput {
  overall: PanelState;
  sources: Readonly<Record<SourceName, SourceView>>;
  now: number;
  rangeSeconds: number;
  intervalMs: number;
  paused: boolean;
  width: number;
  /** "routines d✔ w▲ m✖" with its worst state; absent when the console has no runbooks. */
  routines?: Segment | null;
}

// HH:MM: a per-second clock would rewrite the frame every second for nothing.
const clock = (ms: number) => new Date(ms).toTimeString().slice(0, 5);

/** The segments, dropped from the least important end until they fit `width` (joined by two spaces). */
export function headerSegments(h: HeaderInput): Segment[] {
  const head: Segment[] = [
    { text: 'mmops', bold: true },
    { text: STATE_TEXT[h.overall], state: h.overall, bold: true },
  ];
  const names = Object.keys(h.sources) as SourceName[];
  const sources = (compact: boolean) =>
    names.map((n) => (compact ? h.sources[n].compact : h.sources[n].full));
  const tail: Segment[] = [
    {
      text: h.paused ? '⏸ PAUSED' : `⟳ ${h.intervalMs / 1000}s`,
      ...(h.paused ? { state: 'warning' as const } : {}),
    },
    { text: `range ${rangeText(h.rangeSeconds)}` },
    ...(h.routines ? [h.routines] : []),
  ];
  const time: Segment = { text: clock(h.now) };
  const fits = (segs: Segment[]) => segs.reduce((n, s) => n + s.text.length + 2, -2) <= h.width;
  // Most detail first; then drop the range, the refresh, the routines; then shorten the sources (a stale
  // source's reason matters more than the routines during an incident); the clock goes last.
  const routines = h.routines ? [h.routines] : [];
  const refresh = tail[0]!;
  const plans = [
    [...head, ...sources(false), ...tail, time],
    [...head, ...sources(false), refresh, ...routines, time],
    [...head, ...sources(false), ...routines, time],
    [...head, ...sources(false), time],
    [...head, ...sources(true), refresh, ...routines, time],
    [...head, ...sources(true), ...routines, time],
    [...head, ...sources(true), time],
    [...head, ...sources(true)],
  ];
  return plans.find(fits) ?? [...head, ...sources(true)];
}

/** 300 -> "5m", 3600 -> "1h". */
export function rangeText(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : `${seconds / 60}m`;
}
