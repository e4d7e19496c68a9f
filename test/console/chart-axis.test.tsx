/**
 * The charts' arithmetic as tables: which row each value and level is drawn on, what each row's label
 * says, the time axis, negative zero, and glyphs that tell series and levels apart without colour. The
 * geometries are the console's: the overview's latency chart is 80 wide and 7 high at 80x24 (6 plot rows
 * with the legend in the time axis' line) and 60 wide and 13 high at 120x40 (legend line, 11 plot rows).
 */
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Chart } from '../../src/console/components/chart.js';
import { fixed, levelText } from '../../src/console/components/chart-format.js';
import { LEVEL_GLYPHS, SERIES_SYMBOLS } from '../../src/console/components/chart-glyphs.js';
import { chartLines } from '../../src/console/components/chart-lines.js';
import { ChartRangeContext } from '../../src/console/components/chart-range.js';
import { chooseAxis, exactRow, rowOf, rowValue } from '../../src/console/components/chart-scale.js';
import { tickLine, timeTicks } from '../../src/console/components/chart-time.js';
import { ColorContext, colorDisabled } from '../../src/console/components/color.js';
import type { PanelModel } from '../../src/console/panels/model.js';

const LATENCY = { warning: 0.1, critical: 0.25 };
const ESC = String.fromCharCode(27);
const plain = (s: string) => s.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '');

/** A line from `a` to `b` over `n` points. */
const ramp = (a: number, b: number, n = 90) =>
  Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

/** The plot rows of chartLines' output: [label text, the row's cells]. */
function plotRows(lines: string[]): Array<{ label: string; cells: string; tag: string }> {
  return lines
    .map(plain)
    .filter((l) => l.slice(8, 10) === ' ┤')
    .map((l) => {
      const rest = l.slice(10);
      const m = /^(.*?)( (?:warn|crit) .*)?$/.exec(rest)!;
      return { label: l.slice(0, 8).trim(), cells: m[1]!, tag: (m[2] ?? '').trim() };
    });
}

describe('chart y-axis: every row says its value, levels on their own rows', () => {
  // [case, data min..max, plot rows, expected step, expected bottom value, warn exact?, crit exact?]
  const TABLE = [
    ['80x24 healthy', 0.02, 0.09, 6, 0.05, 0, true, true],
    ['80x24 latency fault', 0.02, 0.9, 6, 0.25, 0, false, true],
    ['80x24 p99 just over crit', 0.05, 0.3, 6, 0.05, 0.05, true, true],
    ['120x40 healthy', 0.02, 0.09, 11, 0.025, 0, true, true],
    ['120x40 latency fault', 0.02, 0.9, 11, 0.1, 0, true, false],
    ['120x40 p99 2.4 s', 0.02, 2.4, 11, 0.25, 0, false, true],
    // just over 1 s: 0.25 would put crit on a row but leave 60 % of the rows empty; 0.15 keeps them apart
    ['120x40 p99 1.01 s', 0.02, 1.01, 11, 0.15, 0, false, false],
  ] as const;
  for (const [name, lo, hi, rows, step, bottom, warnExact, critExact] of TABLE) {
    it(`${name}: step ${step}, from ${bottom}`, () => {
      const a = chooseAxis([lo, hi], [LATENCY.warning, LATENCY.critical], rows);
      expect(a.step).toBeCloseTo(step, 12);
      expect(rowValue(a, 0)).toBeCloseTo(bottom, 12);
      expect(rowValue(a, rows - 1)).toBeGreaterThanOrEqual(hi);
      expect(exactRow(a, LATENCY.warning)).toBe(warnExact);
      expect(exactRow(a, LATENCY.critical)).toBe(critExact);
      // every level is on its nearest row, and no two levels share one when a step up to 2x allows it
      for (const v of [LATENCY.warning, LATENCY.critical])
        expect(Math.abs(rowValue(a, rowOf(a, v)) - v)).toBeLessThanOrEqual(a.step / 2 + 1e-12);
    });
  }

  it('the issue: 250 ms and 100 ms at 80x24 are on the rows labelled 250ms and 100ms', () => {
    const lines = chartLines(
      [
        { name: 'p50', points: ramp(0.02, 0.04) },
        { name: 'p95', points: ramp(0.05, 0.08) },
        { name: 'p99', points: ramp(0.06, 0.09) },
      ],
      { width: 80, height: 7, unit: 'seconds', levels: LATENCY, rangeSeconds: 900 },
    );
    expect(lines).toHaveLength(7);
    const rows = plotRows(lines);
    expect(rows.map((r) => r.label)).toEqual(['250ms', '200ms', '150ms', '100ms', '50ms', '0ms']);
    const crit = rows.find((r) => r.cells.includes(LEVEL_GLYPHS.critical))!;
    const warn = rows.find((r) => r.cells.includes(LEVEL_GLYPHS.warning))!;
    expect([crit.label, crit.tag]).toEqual(['250ms', 'crit 250ms']);
    expect([warn.label, warn.tag]).toEqual(['100ms', 'warn 100ms']);
  });

  // Random data at both geometries: a value is drawn on the row whose label is nearest to it, and a level
  // not exactly on its row says so ("≈") with its true value.
  for (const [w, h] of [
    [80, 7],
    [60, 13],
  ] as const) {
    it(`${w}x${h}: labels and drawn rows agree for any data`, () => {
      let seed = 7;
      const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      for (let k = 0; k < 200; k++) {
        const scale = 10 ** Math.floor(rand() * 4 - 3);
        const v = rand() * scale * 5;
        const levels = { warning: rand() * scale * 3, critical: rand() * scale * 6 };
        const lines = chartLines([{ name: 'x', points: Array(50).fill(v) }], {
          width: w,
          height: h,
          unit: 'rate',
          levels,
          rangeSeconds: 900,
        });
        const rows = plotRows(lines);
        const labels = rows.map((r) => Number(r.label.replace(/k$/, 'e3')));
        const step = labels[0]! - labels[1]!;
        const drawn = rows.findIndex((r) => r.cells.includes('─'));
        expect(Math.abs(labels[drawn]! - v), `value ${v} on row ${rows[drawn]?.label}`).toBeLessThanOrEqual(
          step / 2 + step * 1e-6,
        );
        for (const [name, lv] of [
          ['warn', levels.warning],
          ['crit', levels.critical],
        ] as const) {
          const row = rows.find((r) => r.tag.includes(name));
          if (!row) continue; // too narrow for tags: the legend says the value
          const at = labels[rows.indexOf(row)]!;
          expect(Math.abs(at - lv)).toBeLessThanOrEqual(step / 2 + step * 1e-6);
          expect(row.tag.includes(`${name} ≈`)).toBe(row.label !== levelText(lv, 'rate'));
        }
      }
    });
  }
});

describe('no negative zero', () => {
  it('fixed() writes a value that rounds to zero as zero', () => {
    expect(
      [
        [-0.0001, 2],
        [-0, 0],
        [-0.04, 1],
        [-1e-18, 2],
        [-0.5, 0],
      ].map(([x, d]) => fixed(x!, d!)),
    ).toEqual(['0.00', '0', '0.0', '0.00', '-1']);
  });
  it('an error-ratio chart over zero and rounding noise never reads -0', () => {
    for (const [w, h] of [
      [80, 7],
      [60, 13],
    ] as const) {
      const points = [0, -1e-18, 0.0004, -2e-17, 0.0001, 0];
      const text = chartLines([{ name: 'error %', points }], {
        width: w,
        height: h,
        unit: 'ratio',
        rangeSeconds: 300,
      })
        .map(plain)
        .join('\n');
      expect(text).toMatch(/0\.\d+%|0%/);
      expect(text).not.toMatch(/-0(\.0*)?(%|\b)/);
    }
  });
});

describe('time axis', () => {
  // [range, plot columns, the line]: the ends always, round ticks between them when they fit
  const TABLE = [
    [900, 58, '-15m            -10m                 -5m               now'],
    [900, 27, '-15m                    now'],
    [300, 48, '-5m     -4m      -3m       -2m      -1m      now'],
    [3600, 48, '-1h      -45m        -30m        -15m        now'],
    [21_600, 27, '-6h    -4h      -2h     now'],
    [86_400, 48, '-1d      -18h        -12h         -6h        now'],
  ] as const;
  for (const [range, cols, line] of TABLE)
    it(`${range}s over ${cols} columns`, () => expect(tickLine(timeTicks(range, cols), cols)).toBe(line));

  it('under the plot, matching the range `t` chose', () => {
    const lines = chartLines([{ name: 'pred/s', points: ramp(10, 20) }], {
      width: 60,
      height: 13,
      rangeSeconds: 3600,
    });
    expect(plain(lines.at(-1)!)).toMatch(/^ {9}└-1h .* now$/);
    expect(plain(lines[0]!)).toContain('─ pred/s');
  });
  it('a series that starts late is drawn from where its points start, not as a flat line before', () => {
    const points = [...Array(60).fill(Number.NaN), ...ramp(1, 2, 30)];
    const rows = plotRows(chartLines([{ name: 'x', points }], { width: 80, height: 7, rangeSeconds: 900 }));
    const cells = rows.map((r) => r.cells);
    const firstDrawn = Math.min(...cells.map((c) => c.search(/\S/)).filter((i) => i >= 0));
    expect(firstDrawn).toBeGreaterThan(30);
  });
});

describe('NO_COLOR: series and levels told apart by glyphs', () => {
  const model: PanelModel = {
    id: 'latency',
    title: 'Latency',
    state: 'critical',
    stats: [],
    series: [
      { name: 'p50', points: ramp(0.03, 0.05) },
      { name: 'p95', points: ramp(0.08, 0.2) },
      { name: 'p99', points: ramp(0.1, 0.24) },
    ],
    unit: 'seconds',
    levels: LATENCY,
  };
  for (const [w, h] of [
    [80, 7],
    [60, 13],
  ] as const) {
    it(`${w}x${h} with NO_COLOR set: no escapes, one glyph per series and level, each in the legend`, () => {
      const before = process.env.NO_COLOR;
      process.env.NO_COLOR = '1';
      try {
        const color = !colorDisabled(process.env, []);
        expect(color).toBe(false);
        const r = render(
          <ColorContext.Provider value={color}>
            <ChartRangeContext.Provider value={900}>
              <Box width={w}>
                <Chart model={model} width={w} height={h} />
              </Box>
            </ChartRangeContext.Provider>
          </ColorContext.Provider>,
        );
        const frame = r.lastFrame() ?? '';
        r.unmount();
        expect(frame).not.toContain(ESC);
        const lines = frame.split('\n');
        expect(lines).toHaveLength(h);
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(w);
        const glyphs = [
          SERIES_SYMBOLS[0]![4]!,
          SERIES_SYMBOLS[1]![4]!,
          SERIES_SYMBOLS[2]![4]!,
          LEVEL_GLYPHS.warning,
          LEVEL_GLYPHS.critical,
        ];
        expect(new Set(glyphs).size).toBe(5);
        const legend = h >= 8 ? lines[0]! : lines.at(-1)!;
        for (const [g, name] of glyphs.map((g, i) => [g, ['p50', 'p95', 'p99', 'warn', 'crit'][i]] as const))
          expect(legend).toMatch(new RegExp(`${g}+ ${name}`));
        const plot = lines.filter((l) => l.includes('┤')).join('\n');
        for (const g of glyphs) expect(plot, `glyph ${g} drawn`).toContain(g);
      } finally {
        if (before === undefined) delete process.env.NO_COLOR;
        else process.env.NO_COLOR = before;
      }
    });
  }
});

describe('the time axis in the console follows t', () => {
  it('80x24 overview: -15m, then -1h after t', async () => {
    const { App } = await import('../../src/console/app.js');
    const { fixtureStore, NOW } = await import('./make-store.js');
    const f = fixtureStore();
    await f.refresh();
    const app = render(
      <App store={f.store} size={{ columns: 80, rows: 24 }} color={false} now={() => NOW} />,
    );
    const until = async (what: string, ok: () => boolean) => {
      for (const end = Date.now() + 5000; !ok(); await new Promise((r) => setTimeout(r, 25)))
        if (Date.now() > end) throw new Error(`never saw ${what}:\n${app.lastFrame()}`);
    };
    try {
      const axis = () => (app.lastFrame() ?? '').split('\n').find((l) => l.includes('└')) ?? '';
      await until('the 15m axis', () => /└-15m .*now$/.test(axis().trimEnd()));
      app.stdin.write('t');
      await until('the 1h axis', () => /└-1h .*now$/.test(axis().trimEnd()));
    } finally {
      app.unmount();
    }
  });
});
