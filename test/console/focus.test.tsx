/**
 * Terminal focus: focus-out slows every poller to 30 s, focus-in restores the interval, refreshes at once
 * and the header says for a few seconds how slowly it polled; the reports never act as keys.
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/console/app.js';
import { headerSegments, sourceView } from '../../src/console/components/header-line.js';
import { FOCUS_NOTE_MS, focusReport, UNFOCUSED_INTERVAL_MS } from '../../src/console/focus.js';
import { fakeClock } from './fake-clock.js';
import { fixtureStore, NOW } from './make-store.js';

const ESC = String.fromCharCode(27);
let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('focus reports', () => {
  it('are CSI I and CSI O, nothing else', () => {
    expect(focusReport(`${ESC}[I`)).toBe(true);
    expect(focusReport(`${ESC}[O`)).toBe(false);
    expect(focusReport('[I')).toBe(null);
    expect(focusReport('q')).toBe(null);
  });

  it('slow the pollers while unfocused; focus back restores, refreshes and notes it for a while', async () => {
    const clock = fakeClock(NOW);
    const f = fixtureStore({ clock });
    await f.refresh();
    const intervals = () => Object.values(f.pollers).map((p) => p.snapshot().intervalMs);
    expect(intervals()).toEqual([2000, 2000, 2000, 2000]);
    f.store.setFocused(false);
    expect(f.store.getState().unfocused).toBe(true);
    expect(intervals()).toEqual([30_000, 30_000, 30_000, 150_000]);
    clock.advance(4 * 60_000 + 5000);
    let answers = 0;
    f.pollers.engine.subscribe(() => answers++);
    f.store.setFocused(true);
    expect(intervals()).toEqual([2000, 2000, 2000, 10_000]);
    const s = f.store.getState();
    expect(s.unfocused).toBe(false);
    expect(s.focusNote).toBe('unfocused 4m, polled every 30s');
    // a refresh went out at once (the pollers' own timers never fire here): the engine answered again
    const deadline = Date.now() + 2000;
    while (answers === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(answers).toBe(1);
    clock.advance(FOCUS_NOTE_MS);
    expect(f.store.getState().focusNote).toBe(null);
    f.store.stop();
  });

  it("a source's age is no younger than its poll interval: the 10 s host probe does not flip <5s, <15s", async () => {
    const clock = fakeClock(NOW);
    const f = fixtureStore({ clock });
    f.pollers.host.setInterval(10_000);
    await f.refresh();
    const text = (n: 'host' | 'engine') => f.store.getState().sources[n].full.text;
    // all answered just now: the engine (every 2 s) reads <5s, the host (every 10 s) its steady <15s
    expect(text('engine')).toBe('engine ✔ <5s');
    expect(text('host')).toBe('host ✔ <15s');
    f.store.stop();
  });

  it('the header says unfocused, then what happened', () => {
    const base = {
      overall: 'ok' as const,
      sources: {} as never,
      now: NOW,
      rangeSeconds: 900,
      intervalMs: 2000,
      paused: false,
      width: 200,
    };
    const text = (h: Partial<Parameters<typeof headerSegments>[0]>) =>
      headerSegments({ ...base, ...h })
        .map((s) => s.text)
        .join('  ');
    expect(text({})).toContain('⟳ 2s  range 15m');
    expect(text({ unfocused: true, pollMs: UNFOCUSED_INTERVAL_MS })).toContain('⟳ 30s unfocused');
    expect(text({ focusNote: 'unfocused 4m, polled every 30s' })).toContain(
      '⟳ 2s, unfocused 4m, polled every 30s',
    );
  });

  it("the focus note shows down to 80 columns, in place of the sources' detail", () => {
    const sources = Object.fromEntries(
      (['prometheus', 'alertmanager', 'engine', 'host'] as const).map((n) => [
        n,
        sourceView(n, { fetchedAt: NOW - 1000, stale: null, error: null, everyMs: 2000 }, NOW),
      ]),
    ) as Parameters<typeof headerSegments>[0]['sources'];
    for (const width of [160, 120, 100, 80]) {
      const line = headerSegments({
        overall: 'ok',
        sources,
        now: NOW,
        rangeSeconds: 900,
        intervalMs: 2000,
        paused: false,
        focusNote: 'unfocused 4m, polled every 30s',
        width,
      })
        .map((s) => s.text)
        .join('  ');
      expect(line, `width ${width}`).toContain('⟳ 2s, unfocused 4m, polled every 30s');
      expect(line.length, `width ${width}`).toBeLessThanOrEqual(width);
    }
  });

  it('paused, the header says so at every width, with since when', () => {
    const sources = Object.fromEntries(
      (['prometheus', 'alertmanager', 'engine', 'host'] as const).map((n) => [
        n,
        sourceView(n, { fetchedAt: NOW - 12_000, stale: null, error: null, everyMs: 2000 }, NOW),
      ]),
    ) as Parameters<typeof headerSegments>[0]['sources'];
    for (const width of [160, 120, 100, 80, 60]) {
      const segs = headerSegments({
        overall: 'ok',
        sources,
        now: NOW,
        rangeSeconds: 900,
        intervalMs: 2000,
        paused: true,
        pausedAt: NOW - 30_000,
        width,
        routines: { text: 'routines d▲ w▲ m▲', state: 'warning' },
      });
      const line = segs.map((x) => x.text).join('  ');
      expect(line, `${width}: ${line}`).toContain(
        `⏸ PAUSED since ${new Date(NOW - 30_000).toTimeString().slice(0, 8)}`,
      );
      if (width >= 80) expect(line.length, line).toBeLessThanOrEqual(width);
    }
  });

  it('in the app: a report reaches the store and is not a key', async () => {
    const f = fixtureStore();
    await f.refresh();
    const r = render(<App store={f.store} size={{ columns: 120, rows: 40 }} color={false} now={() => NOW} />);
    unmount = r.unmount;
    const until = async (ok: () => boolean, what: string) => {
      const deadline = Date.now() + 5000;
      while (!ok()) {
        if (Date.now() > deadline) throw new Error(`never saw ${what}:\n${r.lastFrame()}`);
        await new Promise((res) => setTimeout(res, 10));
      }
    };
    await until(() => (r.lastFrame() ?? '').includes('⟳ 2s'), 'the header');
    r.stdin.write(`${ESC}[O`);
    await until(() => (r.lastFrame() ?? '').includes('⟳ 30s unfocused'), 'unfocused in the header');
    expect(f.store.getState().unfocused).toBe(true);
    r.stdin.write(`${ESC}[I`);
    await until(() => (r.lastFrame() ?? '').includes(', polled every 30s'), 'the note');
    // neither report was taken as keys ('[' or 'I' or 'O'): no message, still the first view
    expect(r.lastFrame()).toContain('[1 Overview]');
    f.store.stop();
  });
});
