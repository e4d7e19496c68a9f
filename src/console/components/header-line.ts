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
  // Aged no younger than its poll interval: the host, probed every 10 s, read "<5s" and "<15s" by turns,
  // a header that changed every refresh with nothing new to say. Its age shows once it is overdue.
  return { text: `${SHORT[name]} ✔ ${coarseAge(Math.max(now - s.fetchedAt, s.everyMs ?? 0))}`, state: 'ok' };
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
  /**
   * When the operator paused: the header's ages stop with the polls (a paused console redraws nothing,
   * its CPU must stay near zero), so the time says how old the figures are.
   */
  pausedAt?: number | null;
  /** The terminal is unfocused: the sources are polled every `pollMs` (focus.ts). */
  unfocused?: boolean;
  pollMs?: number;
  /** After focus returns, for a few seconds: how slowly the sources were polled meanwhile. */
  focusNote?: string | null;
  width: number;
  /** "routines d✔ w▲ m✖" with its worst state; absent when the console has no runbooks. */
  routines?: Segment | null;
  /** The other configured dependencies (grafana ✔  db ✖), full and compact (dependency-line.ts). */
  deps?: { full: Segment; compact: Segment } | null;
}

// HH:MM: a per-second clock would rewrite the frame every second for nothing.
const clock = (ms: number, seconds = false) => new Date(ms).toTimeString().slice(0, seconds ? 8 : 5);

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
    { text: refreshText(h), ...(h.paused ? { state: 'warning' as const } : {}) },
    { text: `range ${rangeText(h.rangeSeconds)}` },
    ...(h.routines ? [h.routines] : []),
  ];
  // the few seconds the focus note shows, it takes the place of the range and the routines
  if (h.focusNote && !h.paused) tail.splice(1);
  const time: Segment = { text: clock(h.now) };
  // A dependency that is down matters more than the refresh, the range or the routines: it outlasts them.
  const deps = (compact: boolean) => (h.deps ? [compact ? h.deps.compact : h.deps.full] : []);
  const fits = (segs: Segment[]) => segs.reduce((n, s) => n + s.text.length + 2, -2) <= h.width;
  // Most detail first; then drop the range, the refresh, the routines; then shorten the sources (a stale
  // source's reason matters more than the routines during an incident); the clock goes last.
  const routines = h.routines && !(h.focusNote && !h.paused) ? [h.routines] : [];
  const refresh = tail[0]!;
  // the focus note wins over the sources' detail and the clock, for the few seconds it shows
  const noting = h.focusNote && !h.paused;
  const plans = [
    [...head, ...sources(false), ...deps(false), ...tail, time],
    [...head, ...sources(false), ...deps(false), refresh, ...routines, time],
    ...(noting
      ? [
          [...head, ...sources(true), ...deps(true), refresh, time],
          [...head, ...sources(true), ...deps(true), refresh],
          [...head, ...sources(true).map((s) => tiny(s)), ...deps(true), refresh],
        ]
      : []),
    [...head, ...sources(false), ...deps(false), ...routines, time],
    [...head, ...sources(false), ...deps(false), time],
    [...head, ...sources(false), ...deps(true), time],
    [...head, ...sources(true), ...deps(true), refresh, ...routines, time],
    [...head, ...sources(true), ...deps(true), ...routines, time],
    [...head, ...sources(true), ...deps(true), time],
    [...head, ...sources(true).map((s) => tiny(s)), ...deps(true), time],
    [...head, ...sources(true).map((s) => tiny(s)), ...deps(true)],
    [...head, ...sources(true).map((s) => tiny(s, 'word')), ...deps(true), time],
    [...head, ...sources(true).map((s) => tiny(s, 'word')), ...deps(true)],
    [...head, ...sources(true).map((s) => tiny(s, 'mark')), ...deps(true), time],
  ];
  // Paused, the refresh segment says so (and since when the figures are frozen): every plan keeps it, as
  // the state's word is kept; dropped for width, a paused console looked live
  const keepRefresh = (p: Segment[]) =>
    !h.paused || p.includes(refresh)
      ? p
      : p.at(-1) === time
        ? [...p.slice(0, -1), refresh, time]
        : [...p, refresh];
  const last = [...head, ...sources(true).map((s) => tiny(s, 'mark')), ...deps(true)];
  return plans.map(keepRefresh).find(fits) ?? keepRefresh(last);
}

/**
 * A healthy source as its name and mark only (`am✔`), for 80 columns with every dependency listed; a failing
 * one keeps its word and age (`engine ✖ STALE 3m`), then its word, and only when nothing else fits is it
 * its mark alone: its colour still says it.
 */
function tiny(seg: Segment, failing: 'age' | 'word' | 'mark' = 'age'): Segment {
  const [name, mark, word] = seg.text.split(' ');
  if (seg.state !== 'ok' && failing === 'age') return seg;
  if (seg.state !== 'ok' && failing === 'word')
    return { ...seg, text: `${name} ${mark} ${word ?? ''}`.trim() };
  return { ...seg, text: `${name}${mark ?? ''}` };
}

/** "⟳ 2s", "⏸ PAUSED since 07:12:45", "⟳ 30s unfocused", "⟳ 2s, unfocused 4m, polled every 30s". */
function refreshText(h: HeaderInput): string {
  if (h.paused) return h.pausedAt != null ? `⏸ PAUSED since ${clock(h.pausedAt, true)}` : '⏸ PAUSED';
  if (h.unfocused) return `⟳ ${(h.pollMs ?? h.intervalMs) / 1000}s unfocused`;
  return `⟳ ${h.intervalMs / 1000}s${h.focusNote ? `, ${h.focusNote}` : ''}`;
}

/** 300 -> "5m", 3600 -> "1h". */
export function rangeText(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : `${seconds / 60}m`;
}
