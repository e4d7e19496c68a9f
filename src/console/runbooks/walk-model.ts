/**
 * Pure: the walkthrough's two panes as lines. Left, the steps with their marks; right, the selected
 * step's guidance, command, verdict and the tail of its live output. Every line fits its width and the
 * panes never exceed the height, so the frame never outgrows the terminal.
 */
import { clip, secs } from '../panels/format.js';
import type { PanelState } from '../panels/state.js';
import type { StepMark, WalkState, WalkStep } from './walk-store.js';

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

/** Word-wraps `text` to `width`, reflowing Markdown paragraphs (blank-line separated); long words are cut. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n\s*\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = '';
      }
      line = line ? `${line} ${word}` : clip(word, width);
    }
    out.push(line);
  }
  return out;
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
  const tries = s.attempts > 1 ? ` (attempt ${s.attempts})` : '';
  const verdict =
    s.mark === 'PENDING'
      ? '· not run yet: ⏎ runs it, s skips it'
      : s.mark === 'RUNNING'
        ? `⟳ running…${tries}`
        : `${MARK_TEXT[s.mark]} ${s.durationMs === null ? '' : secs(s.durationMs / 1000)}${tries}: ${s.reason}`;
  lines.push(
    ...wrap(verdict, width)
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
  // Before a step runs its guidance matters most; once it has output, the output does.
  const guidance = wrap(s.step.guidance, width).filter((l) => l !== '');
  lines.push(...guidance.slice(0, output.length ? 2 : 6).map((text) => ({ text, dim: true })));
  if (s.step.action) {
    const code = s.step.action.code.trimEnd().split('\n');
    const shown = code.slice(0, output.length ? 2 : 6);
    lines.push(...shown.map((l, i) => ({ text: clip(`${i === 0 ? '$' : ' '} ${l}`, width) })));
    if (code.length > shown.length)
      lines.push({ text: `  … ${code.length - shown.length} more lines`, dim: true });
  }
  if (output.length === 0) return lines.slice(0, height);
  const head = lines.slice(0, Math.max(1, height - 2));
  const room = height - head.length - 1;
  const tail = output.slice(-Math.max(0, room));
  const hidden = output.length - tail.length;
  return [
    ...head,
    {
      text: clip(
        `── output${hidden > 0 ? ` (last ${tail.length} of ${output.length} lines)` : ''} ──`,
        width,
      ),
      dim: true,
    },
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
  const q = w.question;
  if (!q) return null;
  if (q.kind === 'confirm') return `type "${q.word}" to run "${q.step.title}" (Esc skips it): `;
  if (q.kind === 'manual') return `"${q.step.title}" done? ⏎ PASS, w WARN, f FAIL, s skip, or a note: `;
  return `${q.name} [${q.def}]: `;
}

/** The walkthrough's key line. */
export function walkKeys(w: WalkState): string {
  const s = w.steps[w.selected];
  const enter = s && s.mark !== 'PENDING' && s.mark !== 'RUNNING' ? '⏎ next' : '⏎ run';
  return `${enter}  a run remaining  r retry  s skip  n note  ↑↓ step  Esc close`;
}
