/**
 * Ink 6.8's `sanitizeAnsi` (build/sanitize-ansi.js: a text with every escape but SGR colours and OSC removed),
 * remembered. The console's bundle puts it in place of Ink's own (scripts/ink-bundle.mjs).
 *
 * Why: Ink sanitizes the text of every text node of every frame (squash-text-nodes.js). A text without an
 * escape is still walked code point by code point for C1 controls, and a coloured one is tokenized whole,
 * though from one frame to the next most texts are the same: 5 % of the console's busy time (a CPU profile
 * over 90 s of the demo, bench/README.md "Console"). The answer depends on the text alone, so the same
 * text gets the same answer, from two bounded generations as the other memos here.
 */
import { Memo } from './text-width.js';

/** `sanitize` with a bounded memory of its answers. */
export function rememberedSanitize(sanitize: (text: string) => string): (text: string) => string {
  // a 120x40 frame holds a few hundred text nodes: two generations of 1,024 keep every unchanged one
  const memo = new Memo<string, string>(1024, sanitize);
  return (text) => (text.length === 0 ? text : memo.get(text));
}
