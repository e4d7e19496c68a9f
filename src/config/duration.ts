/** Prometheus-style durations ("30s", "5m", "1h30m"), the unit the alert rules and routines use. */

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w)/g;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w))+$/;

/** True when `text` is a duration such as 90s, 5m or 1h30m. */
export function isDuration(text: string): boolean {
  return WHOLE.test(text);
}

/** Parses a duration into seconds; throws on anything else. */
export function parseDuration(text: string): number {
  if (!isDuration(text)) throw new Error(`not a duration: ${JSON.stringify(text)} (use e.g. 30s, 5m, 1h)`);
  let seconds = 0;
  for (const m of text.matchAll(PART)) seconds += Number(m[1]) * (UNIT_SECONDS[m[2]!] ?? 0);
  return seconds;
}

/** Formats seconds the way Prometheus writes durations (5m, 1h30m, 45s). */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  let rest = Math.round(seconds);
  let out = '';
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out || '0s';
}
