/** The footer's prompt modes and, pure, the prompt line each shows. */
import type { MergedAlert } from '../panels/alerts.js';
import type { SilenceRow } from '../silence/silence-deck.js';

/** What the footer is asking for, if anything. */
export type Mode =
  | { kind: 'normal' }
  | { kind: 'filter' }
  | { kind: 'fault' }
  | { kind: 'duration'; alert: MergedAlert }
  /** A silence over a day: typed `yes` confirms it. */
  | { kind: 'confirmLong'; alert: MergedAlert; ms: number; duration: string }
  /** The comment of a silence (or of an ack when `ack`); `preview` shows matchers, author and hits. */
  | { kind: 'comment'; alert: MergedAlert; ms: number; preview: string; ack?: boolean }
  | { kind: 'note'; step: number }
  /** `s` on a silenced alert: x expires its silence, e extends it, n makes a new one. */
  | { kind: 'silenced'; alert: MergedAlert; silence: SilenceRow; summary: string }
  /** A new end for an existing silence. */
  | { kind: 'extend'; alert: MergedAlert; silence: SilenceRow }
  /**
   * `x` in the silences view: y (or yes) expires the silence, anything else keeps it. Expiring one un-mutes its alerts
   * on every route at once, and `x` sits beside `c` and `z`: a stray key must not do it.
   */
  | { kind: 'confirmExpire'; silence: SilenceRow; summary: string };

/** The prompt line: a walkthrough's question first, then the mode's; null in normal mode. */
export function promptText(
  mode: Mode,
  filter: string,
  input: string,
  question: string | null,
): string | null {
  if (question !== null) return `${question}${input}`;
  switch (mode.kind) {
    case 'note':
      return `note on step ${mode.step + 1}: ${input}`;
    case 'filter':
      return `/${filter}`;
    case 'fault':
      // the demo's fault names (sim/faults.ts FAULT_NAMES; the console may not import sim/), a,b for several
      return `fault (drift latency errors quality accuracy memory spread stall queue cpu engine bias all; a,b) on|off: ${input}`;
    case 'duration':
      return `silence ${mode.alert.name} for (e.g. 30m, 2h): ${input}`;
    case 'silenced':
      return `${mode.summary} — x expire, e extend, n new silence: ${input}`;
    case 'extend':
      return `extend the silence of ${mode.alert.name} to last (from now, e.g. 2h): ${input}`;
    case 'confirmExpire':
      return `expire ${mode.summary}? ⏎ keeps it, y⏎ expires it: ${input}`;
    case 'confirmLong':
      return `silence ${mode.alert.name} for ${mode.duration}, longer than a day? type yes: ${input}`;
    case 'comment':
      return `${mode.preview} — comment (required): ${input}`;
    default:
      return null;
  }
}
