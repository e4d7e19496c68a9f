/** The rendered alertmanager.yml in a real Alertmanager: which alerts the inhibit rules mute. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERTMANAGER_HEADER, renderAlertmanager } from '../../src/alerting/prometheus/index.js';
import { type RunningServer, startAlertmanager } from '../helpers/prometheus.js';
import { defaultConfig } from './paths.js';

type Labels = Record<string, string>;
interface AmAlert {
  labels: Labels;
  status: { state: 'active' | 'suppressed' | 'unprocessed'; inhibitedBy: string[] };
}

const engine = { job: 'market_master', instance: 'engine:8000' };
const SENT: Labels[] = [
  { alertname: 'HighErrorRatio', severity: 'critical', job: 'market_master' },
  { alertname: 'HighErrorRatio', severity: 'warning', job: 'market_master' },
  { alertname: 'LowModelAccuracy', severity: 'critical', model: 'a', ...engine },
  { alertname: 'LowModelAccuracy', severity: 'warning', model: 'b', ...engine },
  { alertname: 'HighCpuUtilization', severity: 'warning', source: 'engine', ...engine },
  { alertname: 'SystemHealthDegraded', severity: 'warning', resource: 'cpu', ...engine },
  { alertname: 'SystemHealthDegraded', severity: 'warning', resource: 'memory', ...engine },
];

describe('Alertmanager inhibit rules', () => {
  let am: RunningServer;
  beforeAll(async () => {
    am = await startAlertmanager({ config: renderAlertmanager(defaultConfig(), ALERTMANAGER_HEADER) });
    const res = await fetch(`${am.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SENT.map((labels) => ({ labels, annotations: { summary: 'test' } }))),
    });
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await am?.stop();
  });

  async function states(): Promise<Map<string, string>> {
    const list = (await (await fetch(`${am.url}/api/v2/alerts`)).json()) as AmAlert[];
    return new Map(list.map((a) => [JSON.stringify(a.labels), a.status.state]));
  }
  const key = (labels: Labels) => JSON.stringify(Object.fromEntries(Object.entries(labels).sort()));

  it('a critical alert mutes the warning of the same name and target, not of another model', {
    timeout: 20_000,
  }, async () => {
    let s = await states();
    for (let i = 0; i < 40 && s.get(key(SENT[1]!)) !== 'suppressed'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      s = await states();
    }
    expect(s.get(key(SENT[0]!))).toBe('active');
    expect(s.get(key(SENT[1]!))).toBe('suppressed');
    expect(s.get(key(SENT[2]!))).toBe('active');
    expect(s.get(key(SENT[3]!)), 'model b is another model').toBe('active');
  });

  it('HighCpuUtilization from the engine mutes SystemHealthDegraded{resource="cpu"} only', async () => {
    const s = await states();
    expect(s.get(key(SENT[4]!))).toBe('active');
    expect(s.get(key(SENT[5]!))).toBe('suppressed');
    expect(s.get(key(SENT[6]!))).toBe('active');
  });
});
