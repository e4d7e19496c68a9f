/** The overview view: each panel's title line appears exactly once, at every size. */
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/console/app.js';
import { overviewPlan } from '../../src/console/views/layout.js';
import { fixtureStore, NOW } from './make-store.js';
import { PANEL_TITLES } from './panel-titles.js';

const ESC = String.fromCharCode(27);
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

/** How often `title` starts a panel's title line (the title, then its state badge). */
function titleLines(frame: string, title: string): number {
  const re = new RegExp(`${title}\\s+(✔ OK|▲ WARN|✖ CRIT|\\? UNKNOWN)`, 'g');
  return [...frame.matchAll(re)].length;
}

describe('overview', () => {
  for (const [columns, rows] of [
    [120, 40],
    [80, 24],
    [100, 30],
    [60, 15],
  ] as const) {
    it(`${columns}x${rows}: every panel title once`, async () => {
      const f = fixtureStore();
      await f.refresh();
      const r = render(<App store={f.store} size={{ columns, rows }} color={false} now={() => NOW} />);
      unmount = r.unmount;
      await tick();
      const frame = (r.lastFrame() ?? '').replace(SGR, '');
      for (const title of PANEL_TITLES) expect(titleLines(frame, title), `${title} in:\n${frame}`).toBe(1);
    });
  }

  it('plans the charts and the alerts below the summary, and drops them before the summary', () => {
    expect(overviewPlan(120, 37)).toMatchObject({ twoCol: true, summary: 3, charts: 2, chart: 14 });
    expect(overviewPlan(80, 21)).toMatchObject({ twoCol: false, summary: 6, charts: 1 });
    // no room for a chart: its panel is a summary line again
    expect(overviewPlan(60, 12)).toMatchObject({ summary: 7, summaryPanels: 7, charts: 0, alerts: 5 });
    for (const [w, h] of [
      [120, 37],
      [80, 21],
      [60, 12],
      [40, 5],
      [200, 60],
    ] as const) {
      const p = overviewPlan(w, h);
      expect(p.summary + p.chart + p.alerts, `${w}x${h}`).toBeLessThanOrEqual(h);
    }
  });
});
