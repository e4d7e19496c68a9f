/** View 3, Performance: the scores take the lines their table needs; the error types get theirs. */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/console/app.js';
import type { PromPanelData } from '../../src/console/data/prom-queries.js';
import { fixtureStore, NOW } from './make-store.js';

const ESC = String.fromCharCode(27);
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe('performance view', () => {
  it('120x40: every error type under its chart, and no blank band under the scores', async () => {
    // five error types, as topk(5) gives them
    const errorTypes = ['timeout', 'bad_input', 'model_error', 'oom', 'schema'].map((t, i) => ({
      labels: { error_type: t },
      value: 10 - i,
      ts: NOW / 1000,
    }));
    const prom: PromPanelData = {
      instant: { errorTypes },
      range: {},
      alerts: [],
      rateWindowSeconds: 300,
      start: NOW / 1000 - 900,
      end: NOW / 1000,
      step: 15,
    };
    const f = fixtureStore({ prom });
    await f.refresh();
    const types = f.store.getState().models.errors.table?.rows ?? [];
    expect(types).toHaveLength(5);
    const r = render(<App store={f.store} size={{ columns: 120, rows: 40 }} color={false} now={() => NOW} />);
    unmount = r.unmount;
    r.stdin.write('3');
    let frame = '';
    for (let i = 0; i < 100 && !frame.includes('[3 Performance]'); i++) {
      await tick(20);
      frame = (r.lastFrame() ?? '').replace(SGR, '');
    }
    expect(frame).toContain('[3 Performance]');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(40);
    for (const t of types) expect(frame, frame).toContain(String(t['error type']));
    expect(frame).not.toMatch(/… \d+ more/);
    // the scores' table, then the latency panel right under it: no run of blank lines between
    const scores = lines.findIndex((l) => l.startsWith('Model performance'));
    const latency = lines.findIndex((l) => l.startsWith('Latency'));
    expect(latency - scores, frame).toBeLessThanOrEqual(7);
  });
});
