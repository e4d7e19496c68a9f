/**
 * The alert loop in the console over a real Alertmanager 0.25 (ink-testing-library, waiting on frames):
 * the list grouped by the route's group_by (four ModelDrift rows are one group), "acked by" on the acked
 * alert, the detail of an acked alert and of an inhibited one (the inhibiting alert and the rule), and the
 * History view with the ack; at 120x40 and 80x24.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleAlertContext } from '../../src/cli/console-alert-context.js';
import { consoleRunbookPort } from '../../src/cli/runbook-session.js';
import { App } from '../../src/console/app.js';
import { createHistoryDeck, type HistoryDeck } from '../../src/console/data/history-deck.js';
import { createDeck, type RunbookDeck } from '../../src/console/runbooks/deck.js';
import { createSilenceDeck, type SilenceDeck } from '../../src/console/silence/silence-deck.js';
import { readJournal } from '../../src/runbook/index.js';
import {
  type AlertmanagerClient,
  type AmAlert,
  ackComment,
  createAlertmanagerClient,
  createEngineClient,
  createPrometheusClient,
} from '../../src/sources/index.js';
import { type RunningServer, startAlertmanager } from '../helpers/prometheus.js';
import { closedUrl, engineHandler, fixture, serve } from '../sources/fixture-servers.js';
import { config, fixtureStore } from './make-store.js';

const ESC = String.fromCharCode(27);
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');

// The shipped route's grouping and inhibit rule, with a null receiver
const AM_CONFIG = `
route: {receiver: 'null', group_by: [alertname, severity], group_wait: 1s}
receivers: [{name: 'null'}]
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [alertname]
`;
type Labels = Record<string, string>;
const drift = (feature: string): Labels => ({ alertname: 'ModelDrift', severity: 'warning', feature });
const LATENCY_CRIT: Labels = { alertname: 'HighPredictionLatency', severity: 'critical', job: 'mm' };
const LATENCY_WARN: Labels = { alertname: 'HighPredictionLatency', severity: 'warning', job: 'mm' };

let am: RunningServer;
let client: AlertmanagerClient;
let engine: { url: string; close: () => Promise<void> };
let amAlerts: AmAlert[];
let silences: SilenceDeck;
let history: HistoryDeck;

async function poll<T>(get: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  am = await startAlertmanager({ config: AM_CONFIG });
  client = createAlertmanagerClient({ url: am.url, timeoutMs: 5000 });
  const list = [...['close', 'volume', 'spread', 'price'].map(drift), LATENCY_CRIT, LATENCY_WARN];
  const res = await fetch(`${am.url}/api/v2/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      list.map((labels) => ({
        labels,
        annotations: {
          summary: `${labels.alertname} ${labels.feature ?? labels.severity}`,
          description: `the ${labels.alertname} description`,
          runbook: labels.alertname === 'ModelDrift' ? 'data-drift' : 'high-latency',
        },
        endsAt: new Date(Date.now() + 3600_000).toISOString(),
      })),
    ),
  });
  expect(res.status).toBe(200);
  const now = Date.now();
  const ack = await client.silence({
    matchers: Object.entries(drift('close')).map(([name, value]) => ({
      name,
      value,
      isRegex: false,
      isEqual: true,
    })),
    startsAt: new Date(now),
    endsAt: new Date(now + 15 * 60_000),
    createdBy: 'alice@host',
    comment: ackComment('on it'),
  });
  if (!ack.ok) throw new Error(ack.error);
  // Alertmanager marks the silenced and the inhibited alert on its next pass
  amAlerts = await poll(
    async () => {
      const r = await client.alerts();
      return r.ok ? r.data : [];
    },
    (l) =>
      l.length === 6 &&
      l.some((a) => a.labels.feature === 'close' && a.silencedBy.length > 0) &&
      l.some((a) => a.labels.severity === 'warning' && a.labels.job === 'mm' && a.inhibitedBy.length > 0),
    'the ack and the inhibition',
  );
  silences = createSilenceDeck([{ name: 'alertmanager', client }], 60_000);
  silences.start();
  // the engine's history: the critical latency alert fired a minute ago (its labels without severity,
  // which the engine keeps apart)
  const { severity: _, alertname: __, ...latencyLabels } = LATENCY_CRIT;
  const engineAlerts = fixture('engine-alerts.json') as object;
  const fired = {
    ts: now - 60_000,
    name: 'HighPredictionLatency',
    labels: latencyLabels,
    severity: 'critical',
  };
  engine = await serve(
    engineHandler({
      alerts: { ...engineAlerts, history: [{ ...fired, from: 'pending', to: 'firing', value: 0.7 }] },
    }),
  );
  history = createHistoryDeck({
    clients: {
      prometheus: createPrometheusClient({ url: await closedUrl(), timeoutMs: 5000 }),
      engine: createEngineClient({ url: engine.url, timeoutMs: 5000 }),
      silences: [{ name: 'alertmanager', client }],
    },
    rangeMs: () => 3600_000,
    intervalMs: 60_000,
  });
  // started as run.tsx starts it: it asks only once the History view or a detail is on screen
  history.start();
});
afterAll(async () => {
  silences?.stop();
  history?.stop();
  await engine?.close();
  await am?.stop();
});

async function mount(columns: number, rows: number, deck?: RunbookDeck) {
  const f = fixtureStore({ amAlerts });
  await f.refresh();
  const context = consoleAlertContext({
    ...config,
    sources: { ...config.sources, alertmanager_url: am.url },
  });
  const r = render(
    <App
      store={f.store}
      size={{ columns, rows }}
      color={false}
      now={() => Date.now()}
      silences={silences}
      history={history}
      context={context}
      {...(deck ? { deck } : {})}
    />,
  );
  const frame = () => (r.lastFrame() ?? '').replace(SGR, '');
  const until = async (ok: (f: string) => boolean, what: string) => {
    const deadline = Date.now() + 8000;
    while (!ok(frame())) {
      if (Date.now() > deadline) throw new Error(`never saw ${what}:\n${frame()}`);
      await new Promise((res) => setTimeout(res, 20));
    }
    return frame();
  };
  const selected = () =>
    frame()
      .split('\n')
      .find((l) => l.includes('›')) ?? '';
  /** Moves down until the selected row matches. */
  const select = async (re: RegExp) => {
    for (let i = 0; i < 12 && !re.test(selected()); i++) {
      const before = selected();
      r.stdin.write('j');
      await until(() => selected() !== before, 'the selection to move');
    }
    expect(selected()).toMatch(re);
  };
  const fits = (f: string) => {
    for (const line of f.replace(/\n+$/, '').split('\n')) expect(line.length).toBeLessThanOrEqual(columns);
  };
  return { ...r, frame, until, select, selected, fits };
}

describe.each([
  [120, 40],
  [80, 24],
])('the alert loop at %ix%i', (columns, rows) => {
  it('groups by the route, shows the ack, and details an acked and an inhibited alert', async () => {
    const app = await mount(columns, rows);
    app.stdin.write('5');
    const grouped = await app.until(
      (f) => f.includes('[5 Alerts]') && /▸ 4/.test(f),
      'the ModelDrift group, closed',
    );
    if (columns >= 120) expect(grouped).toContain('grouped by alertname,severity (Alertmanager route)');
    // four ModelDrift alerts are one row until the group opens
    expect(grouped.split('\n').filter((l) => l.includes('ModelDrift')).length).toBe(1);
    app.fits(grouped);

    await app.select(/ModelDrift/);
    app.stdin.write('\r');
    const open = await app.until((f) => /▾ 4/.test(f), 'the group open');
    expect(open.split('\n').filter((l) => l.includes('ModelDrift')).length).toBe(5);
    const acked = open.split('\n').find((l) => l.includes('feature=close'));
    expect(acked).toMatch(/│ acked +│/);
    if (columns >= 120) expect(acked).toMatch(/acked by alice@host \d+s ago · ModelD/);
    app.fits(open);

    await app.select(/feature=close/);
    app.stdin.write('d');
    const detail = await app.until((f) => f.includes('Alert detail'), 'the detail');
    expect(detail).toMatch(/ModelDrift +warning +silenced +fingerprint [0-9a-f]{16}/);
    expect(detail).toContain('acked by alice@host');
    expect(detail).toContain('acked in alertmanager by alice@host: on it');
    expect(detail).toContain('the ModelDrift description');
    expect(detail).toMatch(/warning > \d/); // the engine rule's levels (the level book)
    app.fits(detail);
    // the rest of the pane scrolls into view: the runbook, the runs, the history
    for (let i = 0; i < 40 && !app.frame().includes('history'); i++) app.stdin.write('j');
    await app.until((f) => f.includes('runbook') && f.includes('history'), 'the lower sections');

    app.stdin.write(ESC);
    await app.until((f) => !f.includes('Alert detail') && f.includes('[5 Alerts]'), 'the list again');
    app.stdin.write('g');
    await app.until(() => /HighPredict/.test(app.selected()), 'the first row');
    // its critical copy fires; Alertmanager inhibits its warning copy by the critical one (the inhibit rule)
    expect(app.selected()).toMatch(/✖ crit │ firing +│ HighPredict/);
    app.stdin.write('d');
    const inhibited = await app.until(
      (f) => f.includes('warning copy inhibited by HighPredictionLatency'),
      'why inhibited',
    );
    // long lines wrap (at 80 columns too): read the pane as one text
    const text = inhibited.replace(/\s+/g, ' ');
    expect(text).toContain('its warning copy inhibited by HighPredictionLatency job=mm (critical, firing)');
    expect(text).toContain('rule {severity="critical"} mutes {severity="warning"} equal [alertname]');
    app.fits(inhibited);
    app.unmount();
  });

  it('the History view shows the ack, newest first', async () => {
    const app = await mount(columns, rows);
    app.stdin.write('8');
    const f = await app.until(
      (t) => t.includes('[8 History]') && t.includes('acked'),
      'the ack in the history',
    );
    const ack = f.split('\n').find((l) => l.includes('acked'));
    expect(ack).toContain('ModelDrift');
    if (columns >= 120) expect(ack).toContain('alice@host');
    expect(f).toContain('prometheus:'); // the source that did not answer is named
    app.fits(f);
    app.unmount();
  });

  it("Enter on a History row opens the runbook of the row's alert, with its labels", async () => {
    const cfg = structuredClone(config);
    cfg.runbooks.journal_dir = mkdtempSync(join(tmpdir(), 'mmops-history-journal-'));
    const port = consoleRunbookPort(cfg);
    const deck = createDeck(port);
    deck.start();
    const app = await mount(columns, rows, deck);
    app.stdin.write('8');
    await app.until((t) => t.includes('[8 History]') && /firing.*HighPredic/.test(t), 'the history');
    // an ack's row holds its matchers, not the alert's labels: refused, saying where to open it from
    await app.select(/acked/);
    app.stdin.write('\r');
    await app.until((t) => t.includes("row holds matchers, not an alert's labels"), 'the refusal');
    // the engine's row of the critical latency alert (its severity with its labels, as its copies carry it)
    await app.select(/firing.*HighPredic/);
    app.stdin.write('\r');
    const walk = await app.until(
      (t) => t.includes('High prediction latency') && t.includes('⏎ run  a run all'),
      'its runbook',
    );
    app.fits(walk);
    app.stdin.write('\r'); // step 1 runs with the row's labels
    const ran = await app.until((t) => /✔ PASS|✖ FAIL|▲ WARN/.test(t), 'step 1');
    app.stdin.write(ESC);
    await app.until((t) => t.includes('run saved:'), 'the run saved');
    const entry = readJournal(cfg.runbooks.journal_dir).entries.at(-1);
    expect(entry?.runbook.id, ran).toBe('high-latency');
    expect(entry?.alert?.labels).toEqual(LATENCY_CRIT);
    // the port fingerprints the labels as Alertmanager does: the run shows in that alert's detail
    const am = amAlerts.find((a) => a.labels.severity === 'critical' && a.labels.job === 'mm')!;
    expect(entry?.alert?.fingerprint).toBe(am.fingerprint);
    app.unmount();
    deck.stop();
    port.dispose();
  });
});
