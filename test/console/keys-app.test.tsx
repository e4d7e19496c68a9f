/**
 * The key map inside the real app (ink-testing-library): a burst of keys in one read acts key by key,
 * PgDn/End/g/G move through the alert list, help closes on Esc or ? without swallowing other keys, and the
 * header names the view. Every assertion waits for the frame it expects (no fixed sleeps).
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/console/app.js';
import type { AmAlert } from '../../src/sources/index.js';
import { fixtureStore, NOW } from './make-store.js';

const ESC = String.fromCharCode(27);
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const DOWN = `${ESC}[B`;
const PGDN = `${ESC}[6~`;
const END = `${ESC}[F`;
const HOME = `${ESC}[H`;

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

// 14 critical alerts, A00 the oldest: the list orders them A00..A13, then the engine fixture's warning
const ALERTS: AmAlert[] = Array.from({ length: 14 }, (_, i) => ({
  labels: { alertname: `A${String(i).padStart(2, '0')}`, severity: 'critical' },
  annotations: { summary: `alert ${i}` },
  fingerprint: `fp${i}`,
  state: 'active',
  silencedBy: [],
  inhibitedBy: [],
  startsAt: NOW - 3600_000 + i * 1000,
}));

async function mount(columns = 120, rows = 40) {
  const f = fixtureStore({ amAlerts: ALERTS });
  await f.refresh();
  const r = render(<App store={f.store} size={{ columns, rows }} color={false} now={() => NOW} />);
  unmount = r.unmount;
  const frame = () => (r.lastFrame() ?? '').replace(SGR, '');
  /** Waits until the frame passes `ok`; fails with the last frame. */
  const until = async (ok: (f: string) => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    while (!ok(frame())) {
      if (Date.now() > deadline) throw new Error(`never saw ${what}:\n${frame()}`);
      await new Promise((res) => setTimeout(res, 10));
    }
  };
  // the alert column of the row marked ›
  const selectedName = () =>
    frame()
      .split('\n')
      .find((l) => /^│ › │/.test(l))
      ?.split('│')[4]
      ?.trim() ?? null;
  await until((f) => f.includes('A00'), 'the alerts');
  return { ...f, ...r, frame, until, selectedName };
}

describe('keys in the app', () => {
  it('eight Down keys in one read move eight rows; 12 goes to view 2; tt cycles the range twice', async () => {
    const app = await mount();
    app.stdin.write('5');
    await app.until((f) => f.includes('[5 Alerts]'), 'view 5');
    await app.until(() => app.selectedName() === 'A00', 'A00 selected');
    app.stdin.write(DOWN.repeat(8));
    await app.until(() => app.selectedName() === 'A08', 'A08 selected');
    app.stdin.write('jjj');
    await app.until(() => app.selectedName() === 'A11', 'A11 selected');
    app.stdin.write('12');
    await app.until((f) => f.includes('[2 Drift & quality]'), 'view 2');
    expect(app.store.getState().rangeSeconds).toBe(900);
    app.stdin.write('tt');
    await app.until(() => app.store.getState().rangeSeconds === 6 * 3600, 'range 6h');
  });

  it('End, G, g, Home and PgDn move through the list', async () => {
    const app = await mount();
    app.stdin.write('5');
    await app.until(() => app.selectedName() === 'A00', 'A00 selected');
    app.stdin.write(END);
    await app.until(() => app.selectedName() === 'DataDriftDetected', 'the last row');
    app.stdin.write('g');
    await app.until(() => app.selectedName() === 'A00', 'the first row');
    app.stdin.write('G');
    await app.until(() => app.selectedName() === 'DataDriftDetected', 'the last row again');
    app.stdin.write(HOME);
    await app.until(() => app.selectedName() === 'A00', 'the first row again');
    app.stdin.write(PGDN);
    await app.until(() => (app.selectedName() ?? 'A00') > 'A05', 'a page down');
  });

  it('help closes on Esc and on ?, and a view key pressed in help switches the view', async () => {
    const app = await mount(80, 24);
    app.stdin.write('?');
    await app.until((f) => f.includes('mmops console — keys (? or Esc closes)'), 'help');
    expect(app.frame()).toContain('↑↓/jk');
    app.stdin.write(ESC);
    await app.until((f) => !f.includes('mmops console — keys'), 'help closed by Esc');
    app.stdin.write('?');
    await app.until((f) => f.includes('mmops console — keys'), 'help again');
    app.stdin.write('?');
    await app.until((f) => !f.includes('mmops console — keys'), 'help closed by ?');
    app.stdin.write('?');
    await app.until((f) => f.includes('mmops console — keys'), 'help a third time');
    app.stdin.write('4');
    await app.until((f) => !f.includes('mmops console — keys') && f.includes('[4 Resources]'), 'view 4');
  });

  it('a key pressed where it does nothing says where it acts', async () => {
    const app = await mount(120, 40);
    app.stdin.write('x');
    await app.until((f) => f.includes('x (expire) acts in 7 Silences'), 'the footer says where x acts');
  });

  it('help taller than the terminal scrolls with PgDn and PgUp, and stays open while it does', async () => {
    const app = await mount(80, 24);
    app.stdin.write('?');
    await app.until((f) => /… \d+ more lines: ↓ PgDn scroll/.test(f), 'help, a first page');
    const first = app.frame();
    app.stdin.write(PGDN);
    await app.until((f) => f !== first && f.includes('mmops console — keys'), 'the next page');
    app.stdin.write(END);
    await app.until((f) => f.includes('(end) ↑ PgUp scroll back'), 'the end');
    // the output reader's keys come last in the help
    expect(app.frame()).toMatch(/output reader|reader \(o\)/);
    app.stdin.write(HOME);
    await app.until((f) => f === first, 'back at the top');
    app.stdin.write(ESC);
    await app.until((f) => !f.includes('mmops console — keys'), 'closed');
  });
});
