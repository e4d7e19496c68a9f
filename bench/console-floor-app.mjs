/**
 * The floor under the console's idle CPU, for bench/console.mjs: the console's own frames, captured from its
 * pane over a few refreshes, drawn again in turn every 2 s with nothing behind them (no requests, no state).
 *
 *   ink    Ink and React, bundled with the console's own frame grid and text measures
 *          (scripts/ink-bundle.mjs), one memoised <Text> a line, written through the console's
 *          diffingStdout with its render options: about the least any Ink console drawing these frames pays.
 *   plain  the same frames, only the changed lines written in place (frameDiff), no Ink and no React: what
 *          the terminal itself needs.
 *
 *   node <bundle of this file> ink|plain FRAMES.json     (bench/console.mjs bundles it with esbuild)
 */
import { readFileSync } from 'node:fs';
import { diffingStdout, frameDiff } from '../dist/console/components/frame-writer.js';

const [mode, file] = process.argv.slice(2);
/** @type {string[][]} each frame's lines, with the SGR codes tmux captured */
const frames = JSON.parse(readFileSync(file, 'utf8'));
const REFRESH_MS = 2000;
process.stdout.write('\x1b[?1049h\x1b[?25l');

if (mode === 'plain') {
  let shown = [];
  let i = 0;
  const draw = () => {
    const next = frames[i++ % frames.length];
    const bytes = frameDiff(shown, next);
    shown = next;
    if (bytes !== '') process.stdout.write(bytes);
  };
  draw();
  setInterval(draw, REFRESH_MS);
} else if (mode === 'ink') {
  // React is CommonJS: bundled, its dynamic import is the module object under `default`
  const react = await import('react');
  const { createElement: h, memo, useEffect, useState } = react.default ?? react;
  const { render, Box, Text } = await import('ink');
  const Line = memo(({ text }) => h(Text, { wrap: 'truncate' }, text));
  const App = () => {
    const [i, setI] = useState(0);
    useEffect(() => {
      const t = setInterval(() => setI((x) => x + 1), REFRESH_MS);
      return () => clearInterval(t);
    }, []);
    const lines = frames[i % frames.length];
    return h(
      Box,
      { flexDirection: 'column', width: process.stdout.columns, height: process.stdout.rows },
      lines.map((text, row) => h(Line, { key: row, text })),
    );
  };
  // the console's render options (src/console/run.tsx)
  render(h(App), {
    stdout: diffingStdout(process.stdout),
    exitOnCtrlC: true,
    patchConsole: false,
    incrementalRendering: false,
    maxFps: 10,
  });
} else {
  process.stderr.write(`console-floor-app: mode ${mode}: expected ink or plain\n`);
  process.exit(2);
}
