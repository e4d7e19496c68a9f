/**
 * The console bundle's frame grid (components/frame-output.ts) stands in for Ink 6.8's own Output: on the
 * same drawing calls it must give the same frame, to the character and the escape code, frame after frame
 * (its memory between frames is the point, so the frames come in sequences).
 */
import asciichart from 'asciichart';
import chalk, { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import inkWidestLine from 'widest-line';
// Ink's own grid, by file: its package exports only the index, and this is the module the bundle replaces
import InkOutput from '../../node_modules/ink/build/output.js';
import { mergeColorRuns } from '../../src/console/components/chart-lines.js';
import FrameOutput, {
  type OutputClip,
  type OutputTransformer,
} from '../../src/console/components/frame-output.js';
import widestLine from '../../src/console/components/text-width.js';

const color = new Chalk({ level: 3 });

type Op =
  | { type: 'write'; x: number; y: number; text: string; transformers: OutputTransformer[] }
  | { type: 'clip'; clip: OutputClip }
  | { type: 'unclip' };

interface Grid {
  write(x: number, y: number, text: string, o: { transformers: OutputTransformer[] }): void;
  clip(c: OutputClip): void;
  unclip(): void;
  get(): { output: string; height: number };
}

function draw(grid: Grid, ops: readonly Op[]) {
  for (const op of ops) {
    if (op.type === 'write') grid.write(op.x, op.y, op.text, { transformers: op.transformers });
    else if (op.type === 'clip') grid.clip(op.clip);
    else grid.unclip();
  }
  return grid.get();
}

/** Both grids on one frame. */
function both(width: number, height: number, ops: readonly Op[]) {
  return {
    ink: draw(new InkOutput({ width, height }) as Grid, ops),
    ours: draw(new FrameOutput({ width, height }), ops),
  };
}

// What the console writes: plain figures, wide glyphs, emoji, box drawing, colour codes, empty lines.
const piece = fc.constantFrom(
  'p95 66 ms',
  ' ',
  '✔ OK',
  '⚠ WARN',
  '━━',
  '┤',
  '日本',
  '🔥',
  color.red('crit'),
  color.bold.yellow('warn 5%'),
  color.bgBlue.white(' sel '),
  '',
  'x',
);
const text = fc
  .array(fc.oneof(piece, fc.constant('\n')), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(''));
const transformers: fc.Arbitrary<OutputTransformer[]> = fc.constantFrom(
  [],
  [(s: string) => color.green(s)],
  [(s: string, i: number) => (i === 0 ? color.inverse(s) : s)],
  [(s: string) => s.toUpperCase(), (s: string) => color.dim(s)],
);
const clip: fc.Arbitrary<OutputClip> = fc.record({
  x1: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
  x2: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  y1: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  y2: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
});
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('write' as const),
      x: fc.integer({ min: -3, max: 35 }),
      y: fc.integer({ min: -3, max: 12 }),
      text,
      transformers,
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('clip' as const), clip }) },
  { weight: 1, arbitrary: fc.constant({ type: 'unclip' as const }) },
);
// a frame, then the frames after it: some calls kept, some changed (a refresh)
const frames = fc.tuple(
  fc.integer({ min: 1, max: 40 }),
  fc.integer({ min: 1, max: 10 }),
  fc.array(op, { maxLength: 14 }),
  fc.array(fc.tuple(fc.nat(), op), { maxLength: 4 }),
);

describe('the console frame grid against Ink 6.8 Output', () => {
  it('draws every frame of a sequence exactly as Ink does', () => {
    fc.assert(
      fc.property(frames, ([width, height, first, edits]) => {
        let ops = first;
        const start = both(width, height, ops);
        expect(start.ours).toEqual(start.ink);
        for (const [at, replacement] of edits) {
          ops =
            ops.length === 0 ? [replacement] : ops.map((o, i) => (i === at % ops.length ? replacement : o));
          const { ink, ours } = both(width, height, ops);
          expect(ours).toEqual(ink);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('draws a coloured chart and its neighbours as Ink does, and again when one figure changes', () => {
    const series = Array.from({ length: 60 }, (_, i) => 40 + 20 * Math.sin(i / 5));
    const chart = (s: number[]) =>
      mergeColorRuns(asciichart.plot(s, { height: 10, colors: [asciichart.green] })).split('\n');
    const screen = (p95: string, s: number[]): Op[] => [
      { type: 'write', x: 0, y: 0, text: `mmops  ${chalk.green('✔ OK')}  [1 Overview]`, transformers: [] },
      { type: 'clip', clip: { x1: undefined, x2: undefined, y1: 1, y2: 14 } },
      { type: 'write', x: 0, y: 1, text: `Latency  p95 ${p95}`, transformers: [(l) => color.bold(l)] },
      ...chart(s).map((line, i): Op => ({ type: 'write', x: 2, y: 2 + i, text: line, transformers: [] })),
      { type: 'unclip' },
      { type: 'write', x: 0, y: 15, text: ' q quit  ⇥ next', transformers: [(l) => color.inverse(l)] },
    ];
    const a = both(80, 16, screen('66 ms', series));
    expect(a.ours).toEqual(a.ink);
    expect(a.ours.output).toContain('p95 66 ms');
    const b = both(80, 16, screen('71 ms', [...series.slice(1), 90]));
    expect(b.ours).toEqual(b.ink);
    expect(b.ours.output).not.toEqual(a.ours.output);
  });

  it('measures the widest line as widest-line does, asked once or again', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(widestLine(t)).toBe(inkWidestLine(t));
        expect(widestLine(t)).toBe(inkWidestLine(t));
      }),
      { numRuns: 300 },
    );
  });
});
