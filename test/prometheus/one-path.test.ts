/**
 * Issue 12: by default each alert is delivered by one path. With Alertmanager configured (ALERTMANAGER_URL),
 * the real `mmops engine` keeps its own notifiers off although MMOPS_WEBHOOK_URL is set, and the alert
 * reaches the webhook once, from Alertmanager: engine binary -> real Prometheus (rendered rules, `for` 1s)
 * -> real Alertmanager (rendered from the same variables) -> one HTTP receiver.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  ALERTMANAGER_HEADER,
  RULE_FILES,
  renderAlertmanager,
  renderRuleFiles,
} from '../../src/alerting/prometheus/index.js';
import { type HttpReceiver, startHttp } from '../alerting/helpers/http.js';
import { eventually, type Running } from '../cli/helpers/long-running.js';
import {
  sendSlowRecords,
  startDeliveryEngine,
  stopEngine,
  writeDeliveryConfig,
} from '../engine/helpers/delivery.js';
import { getJson, tempDir, testConfig } from '../engine/helpers/engine.js';
import { type RunningServer, startAlertmanager, startPrometheus } from '../helpers/prometheus.js';

interface Post {
  version: string;
  alerts: { status: string; labels: Record<string, string> }[];
}

describe('one alert, one path', () => {
  const tmp = tempDir('mmops-one-path-');
  const stops: (() => Promise<unknown> | undefined)[] = [];
  afterAll(async () => {
    for (const s of stops.reverse()) await s();
    tmp.remove();
  });

  it('Alertmanager configured: the engine does not notify, the alert arrives once through Alertmanager', {
    timeout: 60_000,
  }, async () => {
    const hook: HttpReceiver = await startHttp();
    stops.push(() => hook.close());
    const config = testConfig((c) => {
      c.notify.webhook.url = hook.url;
    });
    const am: RunningServer = await startAlertmanager({
      config: renderAlertmanager(config, ALERTMANAGER_HEADER, {
        groupWait: '1s',
        groupInterval: '1s',
        repeatInterval: '1h',
      }),
    });
    stops.push(() => am.stop());
    // the shipped default notify.engine_notifiers: auto
    const file = writeDeliveryConfig(tmp.dir, { webhookUrl: hook.url, engineNotifiers: 'auto' });
    const engine: Running & { url: string } = await startDeliveryEngine(tmp.dir, file, {
      ALERTMANAGER_URL: am.url,
    });
    stops.push(() => stopEngine(engine));
    expect(engine.err()).toMatch(/notify: Alertmanager is configured, so it sends the alerts/);
    const port = new URL(engine.url).port;
    const rules = renderRuleFiles(config, { forOverride: '1s' });
    const prom = await startPrometheus({
      files: {
        'alert_rules.yml': rules[RULE_FILES.alerts]!,
        'recording_rules.yml': rules[RULE_FILES.recording]!,
      },
      config: [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'rule_files: [alert_rules.yml, recording_rules.yml]',
        'alerting:',
        `  alertmanagers: [{ static_configs: [{ targets: ['127.0.0.1:${am.port}'] }] }]`,
        'scrape_configs:',
        '  - job_name: market_master',
        `    static_configs: [{ targets: ['127.0.0.1:${port}'] }]`,
      ].join('\n'),
    });
    stops.push(() => prom.stop());

    const latencyPosts = () =>
      hook.requests.filter((r) =>
        (r.body as Post).alerts?.some(
          (a) =>
            a.labels.alertname === 'HighPredictionLatency' &&
            a.labels.severity === 'critical' &&
            a.status === 'firing',
        ),
      );
    // Slow records every second, so the histogram's rate over the scrapes rises.
    await eventually(
      async () => {
        await sendSlowRecords(engine.url, 20);
        return latencyPosts().length > 0;
      },
      45_000,
      'HighPredictionLatency delivered by Alertmanager',
    );
    const a = await getJson(`${engine.url}/alerts`);
    const engineAlert = (a.json.alerts as { name: string; state: string }[]).find(
      (x) => x.name === 'HighPredictionLatency',
    );
    expect(engineAlert?.state).toBe('firing'); // the engine saw it too, and would have notified
    expect((a.json.notifications as { notifiers: object }).notifiers).toEqual({}); // but has no channel of its own
    const posts = latencyPosts();
    expect(posts.map((p) => (p.body as Post).version)).toEqual(['4']); // Alertmanager's payload, once
    expect(hook.requests.every((r) => (r.body as Post).version === '4')).toBe(true);
  });
});
