/**
 * Terminal focus (xterm's focus events, DECSET 1004: the terminal sends CSI I on focus in and CSI O on
 * focus out; tmux passes them on with `set -g focus-events on`). A console nobody looks at polls slowly:
 * it runs on the production host that is in trouble.
 */

/** Asks the terminal to report focus changes. */
export const FOCUS_REPORTS_ON = '\x1b[?1004h';
/** Stops the reports (part of restoring the terminal). */
export const FOCUS_REPORTS_OFF = '\x1b[?1004l';

/** How often the sources are polled while the terminal is unfocused, ms. */
export const UNFOCUSED_INTERVAL_MS = 30_000;
/** How long the header says that polling was slowed, once focus returns, ms. */
export const FOCUS_NOTE_MS = 10_000;

/** true for a focus-in report, false for focus-out, null for anything else (a key). */
export function focusReport(input: string): boolean | null {
  if (input === '\x1b[I') return true;
  if (input === '\x1b[O') return false;
  return null;
}

/** The poll interval for the sources: the operator's, or the unfocused one when that is slower. */
export function pollInterval(intervalMs: number, unfocused: boolean): number {
  return unfocused ? Math.max(intervalMs, UNFOCUSED_INTERVAL_MS) : intervalMs;
}

/**
 * What the header says when focus returns: for how long, and how slowly, the sources were polled ("unfocused
 * 4m, polled every 30s"; it read "was 30s unfocused 4m", which a new user could not parse).
 */
export function focusNote(awayMs: number, intervalMs: number): string | null {
  if (pollInterval(intervalMs, true) === intervalMs) return null; // nothing was slowed
  const s = Math.round(awayMs / 1000);
  const away = s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m` : `${Math.floor(s / 3600)}h`;
  return `unfocused ${away}, polled every ${UNFOCUSED_INTERVAL_MS / 1000}s`;
}
