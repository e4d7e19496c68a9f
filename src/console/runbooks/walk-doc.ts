/** Pure: a step as the reader's document: its title, verdict, note, guidance, command and whole output. */
import { printable, verdictText } from './walk-model.js';
import type { DocLine } from './walk-output.js';
import type { WalkStep } from './walk-store.js';
import { paragraphs } from './walk-text.js';

/** The document of step `s`; guidance paragraphs wrap at words, the command and output follow `w`. */
export function stepDocument(s: WalkStep): DocLine[] {
  const kind = s.step.action?.lang ?? 'manual';
  const doc: DocLine[] = [
    { text: `${s.step.index + 1}. ${s.step.title} [${kind}]`, bold: true },
    { text: verdictText(s), soft: true },
  ];
  if (s.note) doc.push(...s.note.split('\n').map((n) => ({ text: `✎ ${n}`, soft: true })));
  const guidance = paragraphs(s.step.guidance);
  if (guidance.length) doc.push({ text: '' }, ...guidance.map((text) => ({ text, soft: true, dim: true })));
  if (s.step.action) {
    doc.push({ text: '' });
    doc.push(
      ...s.step.action.code
        .trimEnd()
        .split('\n')
        .map((l, i) => ({ text: `${i === 0 ? '$' : ' '} ${l}` })),
    );
  }
  const output = s.output ? printable(s.output.replace(/\n$/, '')) : [];
  doc.push({ text: '' }, { text: output.length ? '── output ──' : '── no output yet ──', dim: true });
  doc.push(...output.map((text) => ({ text })));
  return doc;
}
