/** How long a silence lasts, as an operator types it: a Prometheus duration, never a silent default. */
import { parseDuration } from '../config/index.js';

/** Silences longer than this need an explicit confirmation (`--yes`, or a second key in the console). */
export const LONG_SILENCE_MS = 24 * 3600_000;

/** A parsed duration: its length, and whether it is long enough to need confirming. */
export interface SilenceDuration {
  ms: number;
  long: boolean;
}

/**
 * Parses `30m`, `2h`, `1d12h`; throws on anything else (`forever`, `90`, `-1h`), since a silence that lasts
 * some other time than the one asked for is worse than none. Zero is refused too: it would end at once.
 */
export function parseSilenceDuration(text: string): SilenceDuration {
  let seconds: number;
  try {
    seconds = parseDuration(text.trim());
  } catch {
    throw new Error(
      `cannot read the duration ${JSON.stringify(text)}: use e.g. 30m, 2h or 1d (no "forever")`,
    );
  }
  if (seconds <= 0) throw new Error(`the duration ${JSON.stringify(text)} is zero: a silence must last`);
  const ms = seconds * 1000;
  return { ms, long: ms > LONG_SILENCE_MS };
}
