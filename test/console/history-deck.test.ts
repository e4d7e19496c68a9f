import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHistoryDeck } from '../../src/console/data/history-deck.js';
import {
  createAlertmanagerClient,
  createEngineClient,
  createPrometheusClient,
  type PrometheusClient,
} from '../../src/sources/index.js';
import { fakeClock } from './fake-clock.js';
import { serveFixtures } from './serve-fixtures.js';

let fixtures: Awaited<ReturnType<typeof serveFixtures>>;
beforeAll(async () => {
  fixtures = await serveFixtures();
});
afterAll(() => fixtures.close());

/** A deck on the fixture servers, its clock fake; `asked` counts the history fetches begun (two range queries each). */
function deck() {
  const clock = fakeClock(1_700_000_000_000);
  const real = createPrometheusClient({ url: fixtures.env.PROMETHEUS_URL, timeoutMs: 5000 });
  const counted = { ranges: 0 };
  const prometheus: PrometheusClient = {
    ...real,
    range: (...a) => {
      counted.ranges++;
      return real.range(...a);
    },
  };
  const d = createHistoryDeck({
    clients: {
      prometheus,
      engine: createEngineClient({ url: fixtures.engine.url, timeoutMs: 5000 }),
      silences: [
        { name: 'alertmanager', client: createAlertmanagerClient({ url: fixtures.am.url, timeoutMs: 5000 }) },
      ],
    },
    rangeMs: () => 3600_000,
    intervalMs: 15_000,
    now: clock.now,
    timers: clock,
  });
  // the fetch starts its requests before it first awaits: a fetch begun is counted at once
  return { d, clock, asked: () => counted.ranges / 2 };
}

/** The deck's next answer (at once when it has one and `fresh` is false). */
const answered = (d: ReturnType<typeof deck>['d'], fresh = false) =>
  new Promise<void>((resolve) => {
    if (!fresh && d.getState()) return resolve();
    const off = d.subscribe(() => {
      off();
      resolve();
    });
  });

describe('the history deck', () => {
  it('asks nothing while no view showing the history is on screen, even started', () => {
    const { d, clock, asked } = deck();
    d.start();
    clock.advance(60_000);
    expect(asked()).toBe(0);
    expect(clock.pending()).toBe(0);
    d.stop();
  });

  it('fetches at once when watched, every interval while watched, and stops when the last watcher goes', async () => {
    const { d, clock, asked } = deck();
    d.start();
    const unwatch = d.watch();
    expect(asked()).toBe(1);
    await answered(d);
    expect(d.getState()).toMatchObject({ error: null, history: { reachable: true } });
    // a second view watching too (the detail over the History view) asks nothing more
    const unwatch2 = d.watch();
    expect(asked()).toBe(1);
    let next = answered(d, true);
    clock.advance(15_000);
    expect(asked()).toBe(2);
    await next;
    unwatch();
    unwatch(); // twice is once
    next = answered(d, true);
    clock.advance(15_000);
    expect(asked()).toBe(3);
    await next;
    unwatch2();
    clock.advance(60_000);
    expect(asked()).toBe(3);
    expect(clock.pending()).toBe(0);
    // what was fetched stays readable for the next time the view opens
    expect(d.getState()?.history).not.toBeNull();
  });

  it('stops while stopped (paused, unfocused) though watched, and fetches again when started', async () => {
    const { d, clock, asked } = deck();
    const unwatch = d.watch();
    expect(asked()).toBe(0);
    d.start();
    expect(asked()).toBe(1);
    await answered(d);
    d.stop();
    clock.advance(60_000);
    expect(asked()).toBe(1);
    d.start();
    expect(asked()).toBe(2);
    unwatch();
    d.stop();
  });
});
