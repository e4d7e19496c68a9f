/**
 * Pure: the walkthrough's two panes as lines. Left, the steps with their marks; right, the selected
 * step's guidance, command, verdict and the tail of its live output. Every line fits its width and the
 * panes never exceed the height, so the frame never outgrows the terminal.
 */
import { clip, secs } from '../panels/format.js';
import type { PanelState } from '../panels/state.js';
import { readerKeysText } from './walk-keys.js';
import type { StepMark, WalkState, WalkStep } from './walk-store.js';
import { hardWrap, paragraphs } from './walk-text.js';

/** One line of a pane; `state` colours it (the text already carries the symbol and word). */
export interface PaneLine {
  text: string;
  state?: PanelState;
  bold?: boolean;
  dim?: boolean;
}

/** The two panes. */
export interface WalkPanes {
  leftWidth: number;
  rightWidth: number;
  left: PaneLine[];
  right: PaneLine[];
}

/** Symbol and word for each mark (never colour alone). */
const MARK_TEXT: Readonly<Record<StepMark, string>> = {
  PASS: '✔ PASS',
  WARN: '▲ WARN',
  FAIL: '✖ FAIL',
  SKIPPED: '– SKIP',
  RUNNING: '⟳ RUN',
  PENDING: '· ',
};

const MARK_STATE: Readonly<Record<StepMark, PanelState | undefined>> = {
  PASS: 'ok',
  WARN: 'warning',
  FAIL: 'critical',
  SKIPPED: 'unknown',
  RUNNING: undefined,
  PENDING: undefined,
};

// Output is shown as text: colour codes, cursor moves and other controls would draw over the console.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being removed
const CONTROL = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]|[\x00-\x08\x0b-\x1f\x7f]/g;

/** Output as printable lines: escapes and controls removed, tabs expanded, carriage returns resolved. */
export function printable(text: string): string[] {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l) => (l.includes('\r') ? (l.split('\r').filter(Boolean).at(-1) ?? '') : l))
    .map((l) => l.replace(/\t/g, '  ').replace(CONTROL, ''));
}

/** Word-wraps `text` to `width`, reflowing Markdown paragraphs (blank-line separated); nothing is cut. */
export function wrap(text: string, width: number): string[] {
  return paragraphs(text).flatMap((p) => hardWrap(p, width));
}

/** The step's verdict in words: "✖ FAIL 33 ms: 0.89, not below 0.25". */
export function verdictText(s: WalkStep): string {
  const tries = s.attempts > 1 ? ` (attempt ${s.attempts})` : '';
  return s.mark === 'PENDING'
    ? '· not run yet: ⏎ runs it, s skips it'
    : s.mark === 'RUNNING'
      ? `⟳ running…${tries}`
      : `${MARK_TEXT[s.mark]} ${s.durationMs === null ? '' : secs(s.durationMs / 1000)}${tries}: ${s.reason}`;
}

function stepLine(s: WalkStep, selected: boolean, width: number): PaneLine {
  // a narrow pane keeps the symbol (the right pane and the help give the word); a wide one both
  const mark = width >= 40 ? MARK_TEXT[s.mark].padEnd(6) : MARK_TEXT[s.mark].slice(0, 1);
  const note = s.note ? ' ✎' : '';
  const state = MARK_STATE[s.mark];
  return {
    text: clip(`${selected ? '›' : ' '}${mark} ${s.step.index + 1}. ${s.step.title}${note}`, width),
    ...(state ? { state } : {}),
    ...(selected ? { bold: true } : {}),
  };
}

/** The left pane: the runbook, a count, then the steps scrolled so the selected one shows. */
function leftPane(w: WalkState, width: number, height: number): PaneLine[] {
  const done = w.steps.filter((s) => s.mark !== 'PENDING' && s.mark !== 'RUNNING').length;
  const head: PaneLine[] = [
    { text: clip(`${w.runbook.title}`, width), bold: true },
    { text: clip(`${w.runbook.id} · ${done}/${w.steps.length} done`, width), dim: true },
  ];
  const room = Math.max(0, height - head.length);
  const first = Math.max(0, Math.min(w.selected - Math.floor(room / 2), w.steps.length - room));
  const rows = w.steps.slice(first, first + room).map((s) => stepLine(s, s.step.index === w.selected, width));
  return [...head, ...rows].slice(0, height);
}

/** The right pane: the selected step's title, verdict, note, guidance, command, then its output's tail. */
function rightPane(w: WalkState, width: number, height: number): PaneLine[] {
  const s = w.steps[w.selected];
  if (!s) return [{ text: 'this runbook has no steps', dim: true }];
  const kind = s.step.action?.lang ?? 'manual';
  const lines: PaneLine[] = [
    { text: clip(`${s.step.index + 1}. ${s.step.title} [${kind}]`, width), bold: true },
  ];
  const state = MARK_STATE[s.mark];
  lines.push(
    ...wrap(verdictText(s), width)
      .slice(0, 3)
      .map((text) => ({ text, ...(state ? { state } : {}) })),
  );
  if (s.note)
    lines.push(
      ...wrap(`✎ ${s.note}`, width)
        .slice(0, 2)
        .map((text) => ({ text })),
    );
  const output = s.output ? printable(s.output.replace(/\n$/, '')) : [];
  const code = s.step.action ? s.step.action.code.trimEnd().split('\n') : [];
  const codeShown = Math.min(code.length, output.length ? 2 : 6);
  const codeLines = codeShown + (code.length > codeShown ? 1 : 0);
  // Guidance wraps at words and is never cut mid-line: before a step runs it gets the room the command
  // leaves; once there is output, three lines. What does not fit is one `o` away (the reader shows all).
  const guidance = wrap(s.step.guidance, width).filter((l) => l !== '');
  const room = output.length ? 3 : Math.max(1, height - lines.length - codeLines);
  const shown = guidance.length > room ? guidance.slice(0, Math.max(0, room - 1)) : guidance;
  lines.push(...shown.map((text) => ({ text, dim: true })));
  if (shown.length < guidance.length)
    lines.push({
      text: clip(`… ${guidance.length - shown.length} more lines: o reads all`, width),
      dim: true,
    });
  if (s.step.action) {
    lines.push(
      ...code.slice(0, codeShown).map((l, i) => ({ text: clip(`${i === 0 ? '$' : ' '} ${l}`, width) })),
    );
    if (code.length > codeShown) lines.push({ text: `  … ${code.length - codeShown} more lines`, dim: true });
  }
  if (output.length === 0) return lines.slice(0, height);
  const head = lines.slice(0, Math.max(1, height - 2));
  const left = height - head.length - 1;
  const tail = output.slice(-Math.max(0, left));
  const hidden = output.length - tail.length;
  const wide = tail.some((l) => l.length > width);
  const what = [
    hidden > 0 ? `last ${tail.length} of ${output.length} lines` : '',
    wide ? 'cut at the edge' : '',
  ]
    .filter(Boolean)
    .join(', ');
  return [
    ...head,
    { text: clip(`── output · o reads all${what ? ` (${what})` : ''} ──`, width), dim: true },
    ...tail.map((l) => ({ text: clip(l, width) })),
  ].slice(0, height);
}

/** Both panes for a body of `width` x `height`. */
export function walkPanes(w: WalkState, width: number, height: number): WalkPanes {
  const leftWidth = Math.max(20, Math.min(44, Math.floor(width * 0.36)));
  const rightWidth = Math.max(10, width - leftWidth - 3);
  return {
    leftWidth,
    rightWidth,
    left: leftPane(w, leftWidth, height),
    right: rightPane(w, rightWidth, height),
  };
}

/** The footer's keys while a walkthrough is open, and the question when one is asked. */
export function walkPrompt(w: WalkState): string | null {
  if (w.reader?.typing !== undefined && w.reader.typing !== null && !w.question)
    return `search: /${w.reader.typing}`;
  const q = w.question;
  if (!q) return null;
  if (q.kind === 'confirm') return `type "${q.word}" to run "${q.step.title}" (Esc skips it): `;
  // every answer ends with ⏎ (a note is typed here too): said on each choice, so a lone `s` is not taken
  // for a key that acts at once, and what follows it does not end up in the note
  if (q.kind === 'manual')
    return `"${q.step.title}" done? ⏎ PASS, w⏎ WARN, f⏎ FAIL, s⏎ skip, or type a note⏎: `;
  return `${q.name} [${q.def}]: `;
}

/** The walkthrough's key line (the reader's while it is open). */
export function walkKeys(w: WalkState): string {
  if (w.reader) return readerKeysText();
  const s = w.steps[w.selected];
  const enter = s && s.mark !== 'PENDING' && s.mark !== 'RUNNING' ? '⏎ next' : '⏎ run';
  return `${enter}  a run all  r retry  s skip  n note  o output  ↑↓ step  ? help  Esc close`;
}
