/** The slower polls follow the refresh when `+`/`-` change it, at the same multiples (side-beat.ts). */
import { describe, expect, it } from 'vitest';
import { keepOnBeat } from '../../src/console/data/side-beat.js';
import { createPoller } from '../../src/sources/index.js';
import { fakeClock } from './fake-clock.js';
import { fixtureStore } from './make-store.js';

describe('the slower polls on the refresh', () => {
  it('are timed again at multiples of the new refresh, and polled on it', async () => {
    const clock = fakeClock(1_700_000_000_000);
    const f = fixtureStore({ clock });
    let fetched = 0;
    // a 6 s poll under the 2 s refresh, as the silences' (at least 5 s)
    const silences = createPoller({
      intervalMs: 6000,
      timers: clock,
      phaseMs: 0,
      fetch: async () => ({ ok: true as const, data: ++fetched, fetchedAt: clock.now() }),
    });
    const history = createPoller({
      intervalMs: 16_000,
      timers: clock,
      phaseMs: 0,
      fetch: async () => ({ ok: true as const, data: 0, fetchedAt: clock.now() }),
    });
    const stop = keepOnBeat(f.store, [
      { poll: silences, atLeastMs: 5000 },
      { poll: history, atLeastMs: 15_000 },
    ]);
    f.store.stepInterval(1); // 2 s -> 5 s
    expect(f.store.getState().intervalMs).toBe(5000);
    expect(silences.snapshot().intervalMs).toBe(5000);
    expect(history.snapshot().intervalMs).toBe(15_000);
    silences.start();
    const settled = () => new Promise((r) => setImmediate(r));
    await settled();
    const first = fetched;
    for (let i = 0; i < 6; i++) {
      clock.advance(5000);
      await settled();
    }
    expect(fetched - first).toBe(6); // every 5 s, on the refresh's beat
    f.store.stepInterval(-1); // back to 2 s: the silences at 6 s again, the history at 16 s
    expect(silences.snapshot().intervalMs).toBe(6000);
    expect(history.snapshot().intervalMs).toBe(16_000);
    stop();
    f.store.stepInterval(1);
    expect(silences.snapshot().intervalMs).toBe(6000); // stopped following
    silences.stop();
  });
});
