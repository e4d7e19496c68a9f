/**
 * The selection follows the alert: pure follow() on fixtures, and in the app when the list reorders
 * between polls (alerts flapping), and when the selected alert goes away.
 */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/console/app.js';
import { follow } from '../../src/console/selection/follow-alert.js';
import type { AmAlert } from '../../src/sources/index.js';
import { fixtureStore, NOW } from './make-store.js';

const rows = (...names: string[]) => names.map((name) => ({ key: `${name}{}`, name }));

describe('follow', () => {
  it('finds the alert wherever it moved', () => {
    expect(follow(rows('B', 'C', 'A'), 'A{}', 0, 'A')).toEqual({ index: 2, key: 'A{}', note: null });
  });
  it('moves to the neighbour that took its place when it went, and says so', () => {
    expect(follow(rows('A', 'C'), 'B{}', 1, 'B')).toEqual({
      index: 1,
      key: 'C{}',
      note: 'B is gone; now on C',
    });
    expect(follow(rows('A'), 'B{}', 1, 'B')).toEqual({ index: 0, key: 'A{}', note: 'B is gone; now on A' });
    expect(follow([], 'B{}', 1, 'B')).toEqual({ index: 0, key: null, note: 'B is gone; no alerts left' });
  });
  it('keeps the alert when a copy joins and its merged labels (its key) grow', () => {
    const engineOnly = 'HighPredictionLatency{}';
    const merged = { key: 'HighPredictionLatency{"job":"mm"}', name: 'HighPredictionLatency' };
    const list = [{ key: 'Cpu{"job":"mm"}', name: 'Cpu' }, merged];
    expect(follow(list, engineOnly, 0, 'HighPredictionLatency')).toEqual({
      index: 1,
      key: merged.key,
      note: null,
    });
    // two rows it could be (one per instance): it cannot say which, so it is gone
    const two = [merged, { key: 'HighPredictionLatency{"job":"other"}', name: 'HighPredictionLatency' }];
    expect(follow(two, engineOnly, 1, 'HighPredictionLatency').note).toMatch(/is gone/);
  });
  it('starts on the first row, silently', () => {
    expect(follow(rows('A', 'B'), null, 0, null)).toEqual({ index: 0, key: 'A{}', note: null });
  });
});

const ESC = String.fromCharCode(27);
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const alert = (name: string, ageS: number): AmAlert => ({
  labels: { alertname: name, severity: 'critical' },
  annotations: { summary: name },
  fingerprint: name,
  state: 'active',
  silencedBy: [],
  inhibitedBy: [],
  startsAt: NOW - ageS * 1000,
});

describe('the alerts view follows the selected alert', () => {
  it('stays on it through a reorder, and moves to its neighbour with a note when it goes', async () => {
    // oldest first: Alpha, Bravo, Charlie, Delta
    const am = [alert('Alpha', 400), alert('Bravo', 300), alert('Charlie', 200), alert('Delta', 100)];
    const f = fixtureStore({ amAlerts: am });
    await f.refresh();
    const r = render(<App store={f.store} size={{ columns: 120, rows: 40 }} color={false} now={() => NOW} />);
    unmount = r.unmount;
    const frame = () => (r.lastFrame() ?? '').replace(SGR, '');
    const selected = () =>
      frame()
        .split('\n')
        .find((l) => /^│ › │/.test(l))
        ?.split('│')[4]
        ?.trim() ?? null;
    const until = async (ok: () => boolean, what: string) => {
      const deadline = Date.now() + 5000;
      while (!ok()) {
        if (Date.now() > deadline) throw new Error(`never saw ${what}:\n${frame()}`);
        await new Promise((res) => setTimeout(res, 10));
      }
    };
    r.stdin.write('5');
    await until(() => selected() === 'Alpha', 'Alpha selected');
    r.stdin.write('jj');
    await until(() => selected() === 'Charlie', 'Charlie selected');

    // Charlie becomes the oldest: it is now the first row, and still selected
    am[2] = alert('Charlie', 900);
    await f.refresh();
    await until(
      () => /│ › │[^\n]*Charlie/.test(frame()) && frame().indexOf('Charlie') < frame().indexOf('Alpha'),
      'Charlie first',
    );
    expect(selected()).toBe('Charlie');

    // Charlie resolves: the row that took its place is selected, and the footer says so
    am.splice(2, 1);
    await f.refresh();
    await until(() => frame().includes('Charlie is gone; now on Alpha'), 'the note');
    expect(selected()).toBe('Alpha');
  });
});
