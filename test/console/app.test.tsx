import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/console/app.js';
import { chartLines } from '../../src/console/components/chart-lines.js';
import { applyFaultCommand, faultSet } from '../../src/sim/index.js';
import { fixtureStore, NOW } from './make-store.js';
import { PANEL_TITLES } from './panel-titles.js';

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));
const ESC = String.fromCharCode(27);
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const visible = (s: string) => s.replace(SGR, '');
const lines = (frame: string | undefined) => visible(frame ?? '').split('\n');

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

async function mount(columns: number, rows: number, extra: Partial<Parameters<typeof App>[0]> = {}) {
  const f = fixtureStore();
  await f.refresh();
  const r = render(<App store={f.store} size={{ columns, rows }} color={false} now={() => NOW} {...extra} />);
  unmount = r.unmount;
  await tick();
  return { ...f, ...r };
}

const SIZES = [
  [80, 24],
  [120, 40],
  [60, 15],
] as const;

describe('console app', () => {
  for (const [columns, rows] of SIZES) {
    it(`fits ${columns}x${rows} in every view: fewer lines than rows, no line wider than columns`, async () => {
      const app = await mount(columns, rows);
      for (const key of ['1', '2', '3', '4', '5', '?']) {
        app.stdin.write(key);
        await tick();
        const frame = lines(app.lastFrame());
        expect(frame.length, `view ${key}`).toBeLessThanOrEqual(rows - 1);
        for (const l of frame) expect(l.length, `view ${key}: ${l}`).toBeLessThanOrEqual(columns);
        app.stdin.write('\x1b'); // leaves help
        await tick();
      }
    });
  }

  it('shows the header, the panels and the footer at 80x24', async () => {
    const app = await mount(80, 24);
    const frame = visible(app.lastFrame() ?? '');
    expect(frame).toMatch(/^mmops {2}▲ WARN/);
    expect(frame).toMatch(/engine ?✔/); // at 80 columns a healthy source may be its name and mark only
    expect(frame).toContain('prom ✖ UNREACHABLE');
    for (const title of PANEL_TITLES) {
      expect(frame).toContain(title);
    }
    expect(frame).toContain('DataDriftDetected');
    expect(lines(app.lastFrame()).at(-1)).toContain('q quit');
  });

  it('states read without colour: symbol and word', async () => {
    // the test's stdout is no terminal, so chalk would draw no codes either way: draw them, as on a tty
    const level = chalk.level;
    chalk.level = 1;
    try {
      const frame = (await mount(120, 40)).lastFrame() ?? '';
      expect(frame).not.toMatch(new RegExp(`${ESC}\\[3[1-3]m`)); // no red/green/yellow with color off
      expect(frame).toContain(`${ESC}[1m`); // bold is not colour: it stays
      expect(frame).toContain('✔ OK');
      expect(frame).toContain('▲ WARN');
      unmount?.();
      const coloured = (await mount(120, 40, { color: true })).lastFrame() ?? '';
      expect(coloured).toMatch(new RegExp(`${ESC}\\[32m✔ OK`)); // and with colour on, they are coloured
    } finally {
      chalk.level = level;
    }
  });

  it('switches views by number and Tab, and shows help on ?', async () => {
    const app = await mount(120, 40);
    app.stdin.write('2');
    await tick();
    expect(visible(app.lastFrame() ?? '')).toMatch(/close\s+│\s+ks/);
    app.stdin.write('\t');
    await tick();
    expect(visible(app.lastFrame() ?? '')).toContain('reference');
    app.stdin.write('?');
    await tick();
    expect(visible(app.lastFrame() ?? '')).toContain('mmops console — keys');
    app.stdin.write('x');
    await tick();
    expect(visible(app.lastFrame() ?? '')).not.toContain('mmops console — keys');
  });

  it('filters tables with /', async () => {
    const app = await mount(120, 40);
    app.stdin.write('2');
    await tick();
    app.stdin.write('/');
    await tick();
    for (const c of 'vol') app.stdin.write(c);
    await tick();
    const frame = visible(app.lastFrame() ?? '');
    expect(frame).toContain('volume');
    expect(frame).not.toMatch(/│ close/);
    expect(frame).toContain('/vol');
  });

  it('t cycles the range, + and - step the interval, p pauses', async () => {
    const app = await mount(120, 40);
    app.stdin.write('t');
    await tick();
    expect(app.store.getState().rangeSeconds).toBe(3600);
    app.stdin.write('+');
    await tick();
    expect(app.store.getState().intervalMs).toBe(5000);
    expect(app.pollers.engine.snapshot().intervalMs).toBe(5000);
    app.stdin.write('p');
    await tick();
    // the header's ages stop with the polls: it says since when the figures are frozen
    const at = app.store.getState().pausedAt;
    expect(at).toEqual(expect.any(Number));
    expect(visible(app.lastFrame() ?? '')).toContain(
      `⏸ PAUSED since ${new Date(at!).toTimeString().slice(0, 8)}`,
    );
    expect(app.pollers.engine.snapshot().paused).toBe(true);
    app.stdin.write('p');
    await tick();
    expect(app.store.getState().pausedAt).toBeNull();
  });

  it('s silences the selected alert after asking a duration and a comment', async () => {
    const app = await mount(120, 40);
    app.stdin.write('5');
    await tick();
    app.stdin.write('s');
    await tick();
    expect(visible(app.lastFrame() ?? '')).toContain('silence DataDriftDetected for');
    app.stdin.write('\x7f');
    app.stdin.write('\x7f');
    for (const c of '30m') app.stdin.write(c);
    await tick();
    app.stdin.write('\r');
    await tick();
    for (const c of 'known') app.stdin.write(c);
    await tick();
    app.stdin.write('\r');
    await tick(60);
    expect(app.silences).toHaveLength(1);
    const req = app.silences[0] as {
      matchers: unknown[];
      startsAt: Date;
      endsAt: Date;
      comment: string;
      createdBy: string;
    };
    expect(req.matchers).toEqual([
      { name: 'alertname', value: 'DataDriftDetected', isRegex: false, isEqual: true },
    ]);
    expect(req.endsAt.getTime() - req.startsAt.getTime()).toBe(30 * 60_000);
    expect(req).toMatchObject({ comment: 'known', createdBy: 'tester' });
    expect(visible(app.lastFrame() ?? '')).toContain('silenced DataDriftDetected (sil-1)');
  });

  it('a failing source keeps its last data, marked STALE', async () => {
    const app = await mount(80, 24);
    app.fail.engine = true;
    await app.pollers.engine.refreshNow();
    await tick();
    const frame = visible(app.lastFrame() ?? '');
    expect(frame).toContain('engine ✖ STALE');
    expect(frame).toContain('91.0%'); // the last quality score is still shown
    expect(frame).toMatch(/STALE unreachable <5s/);
  });

  it('does not re-render the panels when the data did not change', async () => {
    const app = await mount(120, 40);
    const before = app.store.getState();
    const frames = app.frames.length;
    await app.refresh();
    await tick();
    expect(app.store.getState().models).toBe(before.models);
    expect(app.frames.length).toBe(frames);
  });

  it('q exits', async () => {
    const app = await mount(80, 24);
    app.stdin.write('q');
    await tick();
    // after exit Ink renders nothing more
    const n = app.frames.length;
    app.stdin.write('2');
    await tick();
    expect(app.frames.length).toBe(n);
  });
});

describe('chart lines', () => {
  it('are exactly the height and never wider than the width', () => {
    for (const [w, h] of [
      [40, 6],
      [80, 10],
      [20, 3],
    ] as const) {
      const out = chartLines([{ name: 'a', points: [1, 5, 2, Number.NaN, 8, 3, 9, 1, 4, 6, 2, 7] }], {
        width: w,
        height: h,
        unit: 'rate',
        levels: { warning: 5, critical: 8 },
      });
      expect(out).toHaveLength(h);
      for (const l of out) expect(l.length).toBeLessThanOrEqual(w);
    }
  });
  it('resample long series to the width', () => {
    const out = chartLines(
      [{ name: 'a', points: Array.from({ length: 5000 }, (_, i) => Math.sin(i / 100)) }],
      { width: 50, height: 5 },
    );
    for (const l of out) expect(l.length).toBeLessThanOrEqual(50);
  });
  it('draw nothing without data', () => {
    expect(chartLines([{ name: 'a', points: [Number.NaN] }], { width: 50, height: 5 })).toEqual([]);
  });
});

describe('console app in the demo', () => {
  it('f asks for a fault in the demo and applies it, typed key by key or pasted with its Enter', async () => {
    const seen: string[] = [];
    const onFault = (line: string) => {
      seen.push(line);
      return `ok: ${line}`;
    };
    const app = await mount(120, 40, { onFault });
    app.stdin.write('f');
    await tick();
    expect(lines(app.lastFrame()).at(-1)).toContain(
      'fault (drift latency errors quality accuracy memory spread stall queue cpu engine bias all; a,b) on|off:',
    );
    for (const c of 'latency on') app.stdin.write(c);
    app.stdin.write('\r');
    await tick();
    expect(lines(app.lastFrame()).at(-1)).toContain('ok: latency on');
    app.stdin.write('f');
    await tick();
    app.stdin.write('drift on\r'); // one chunk, as a paste or tmux send-keys delivers it
    await tick();
    expect(seen).toEqual(['latency on', 'drift on']);
  });

  it("f answers with what the demo's switch did: on together, on twice, off when not on, unknown", async () => {
    let faults = faultSet();
    const sim = {
      setFault: (name: keyof typeof faults, on: boolean) => void (faults = { ...faults, [name]: on }),
      faults: () => faults,
    };
    // the demo's own wiring (cli/demo-run.ts): the typed line after "fault"
    const app = await mount(160, 40, { onFault: (line) => applyFaultCommand(`fault ${line}`, sim) ?? '' });
    const send = async (line: string) => {
      app.stdin.write('f');
      await tick();
      app.stdin.write(`${line}\r`);
      await tick();
      return lines(app.lastFrame()).at(-1) ?? '';
    };
    expect(await send('drift,latency on')).toContain(
      'ok: switched on drift, latency; on now: drift, latency',
    );
    expect(await send('latency on')).toContain('ok: nothing changed; already on: latency');
    expect(await send('queue off')).toContain('nothing to switch off: queue');
    expect(await send('disk on')).toContain('error: unknown fault "disk"; valid faults: drift, latency');
    expect(faults).toEqual(faultSet('drift', 'latency'));
  });

  it('f outside the demo says where faults live', async () => {
    const app = await mount(120, 40);
    app.stdin.write('f');
    await tick();
    expect(lines(app.lastFrame()).at(-1)).toContain('faults exist only in the demo');
  });
});
