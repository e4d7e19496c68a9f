import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { summaryText } from '../../src/console/components/summary-text.js';
import { appendReport, figuresOf } from '../../src/console/data/history.js';
import type { PromPanelData } from '../../src/console/data/prom-queries.js';
import { type ConsoleInputs, panelSamples, pointsOf } from '../../src/console/data/samples.js';
import { toAlertsModel } from '../../src/console/panels/alerts.js';
import { buildPanels, overallState } from '../../src/console/panels/build.js';
import { toDriftModel } from '../../src/console/panels/drift.js';
import { toLatencyModel } from '../../src/console/panels/latency.js';
import { toPerformanceModel } from '../../src/console/panels/performance.js';
import { toQualityModel } from '../../src/console/panels/quality.js';
import { toResourceModel } from '../../src/console/panels/resources.js';
import { STATE_TEXT, worst } from '../../src/console/panels/state.js';
import { toThroughputModel } from '../../src/console/panels/throughput.js';
import { levelBook } from '../../src/monitor/index.js';
import {
  type AmAlert,
  type EngineReportDoc,
  type PromAlert,
  parseEngineAlerts,
} from '../../src/sources/index.js';
import { fixture } from '../sources/fixture-servers.js';

const { config } = loadConfig({ env: {}, home: '/nonexistent' });
const book = levelBook(config);
const report = fixture('engine-report.json') as EngineReportDoc;
const engineAlerts = parseEngineAlerts(fixture('engine-alerts.json'))!.alerts;
const NOW = Date.parse(report.evaluatedAt) + 60_000;

function inputs(over: Partial<ConsoleInputs> = {}): ConsoleInputs {
  return {
    prom: null,
    report,
    history: [figuresOf(report)],
    amAlerts: null,
    engineAlerts,
    host: null,
    now: NOW,
    rangeSeconds: 900,
    ...over,
  };
}

describe('states', () => {
  it('carry a symbol and a word, not only a colour', () => {
    expect(STATE_TEXT).toEqual({ ok: '✔ OK', warning: '▲ WARN', critical: '✖ CRIT', unknown: '? UNKNOWN' });
  });
  it('worst ranks critical > warning > unknown > ok', () => {
    expect(worst(['ok', 'unknown'])).toBe('unknown');
    expect(worst(['unknown', 'warning', 'ok'])).toBe('warning');
    expect(worst([])).toBe('unknown');
  });
});

describe('panels from the engine report alone (no Prometheus)', () => {
  const models = buildPanels(panelSamples(inputs()), book);

  it('quality: score, missing, duplicates, outliers', () => {
    expect(models.quality.state).toBe('ok');
    expect(models.quality.stats.map((s) => `${s.label} ${s.value}`)).toEqual([
      'score 91.0%',
      'missing 1.2%',
      'dupes 0.3%',
      'outliers 1.8%',
    ]);
    expect(models.quality.series[0]?.points.filter((x) => !Number.isNaN(x))).toEqual([0.91]);
  });

  it('drift: one row per feature, drifted first, p-values for tests', () => {
    expect(models.drift.state).toBe('warning');
    expect(models.drift.table?.rows[0]).toEqual({
      feature: 'close',
      method: 'ks',
      score: 'p=0.031',
      drifted: '✖ yes',
    });
    expect(models.drift.table?.rows.find((r) => r.feature === 'volume')?.score).toBe('0.04');
    expect(models.drift.stats.map((s) => s.value)).toEqual([
      '1/4',
      '25.0%',
      '0.04 (classes 0.03, confidence 0.04)',
    ]);
    expect(models.drift.stats[2]).toMatchObject({ label: 'prediction drift', state: 'ok' });
  });

  it('performance: against the reference, with degradation', () => {
    expect(models.performance.state).toBe('ok');
    expect(models.performance.table?.rows[0]).toEqual({
      metric: 'accuracy',
      current: '87.0%',
      reference: '90.0%',
      delta: '-3.0pp',
    });
  });

  it('latency, throughput, errors', () => {
    expect(models.latency.stats.map((s) => s.value)).toEqual(['45 ms', '90 ms', '140 ms']);
    expect(models.latency.state).toBe('ok');
    expect(models.latency.levels).toEqual({ warning: 0.1, critical: 0.25 });
    expect(models.throughput.stats[0]?.value).toBe('20.5/s');
    expect(models.errors.stats[0]?.value).toBe('2.00%');
  });

  it('resources: the engine host', () => {
    expect(models.resources.table?.rows).toEqual([
      { host: 'engine', cpu: '35%', mem: '62%', disk: '41%', gpu: '—' },
    ]);
  });

  it('alerts: only the engine active ones', () => {
    expect(models.alerts.alerts.map((a) => a.name)).toEqual(['DataDriftDetected']);
    expect(models.alerts.state).toBe('warning');
  });

  it('overall is the worst of everything', () => {
    expect(overallState(models)).toBe('warning');
  });

  it('charts what was polled since start', () => {
    const later = {
      ...report,
      evaluatedAt: new Date(NOW).toISOString(),
      quality: { ...report.quality!, score: 0.7 },
    };
    let history = appendReport([], report);
    history = appendReport(history, report); // the same evaluation polled twice counts once
    history = appendReport(history, later);
    const m = buildPanels(panelSamples(inputs({ report: later, history })), book);
    const points = m.quality.series[0]?.points ?? [];
    expect(points.filter((x) => !Number.isNaN(x))).toEqual([0.91, 0.7]);
    // evenly spaced over the range: the latest evaluation is the last point (the chart's "now")
    expect(points.at(-1)).toBe(0.7);
    expect(m.quality.state).toBe('warning');
    expect(appendReport(history, later, 2)).toBe(history);
    // an entry keeps the charts' figures, not the whole report (1,000 whole reports grew the heap ~50 MB)
    expect(history.at(-1)).toEqual(figuresOf(later));
    expect(history.at(-1)).not.toHaveProperty('drift');
    expect(JSON.stringify(history.at(-1)).length).toBeLessThan(JSON.stringify(later).length / 4);
  });
});

/** A Prometheus poll over 10 minutes at 60 s steps. */
function promData(): PromPanelData {
  const v = (value: number, labels: Record<string, string> = {}) => [{ labels, value, ts: 600 }];
  const line = (value: number) => [
    { labels: {}, points: [0, 60, 120, 540, 600].map((t): [number, number] => [t, value]) },
  ];
  return {
    rateWindowSeconds: 300,
    start: 0,
    end: 600,
    step: 60,
    alerts: (fixture('prom-alerts.json') as { data: { alerts: unknown[] } }).data.alerts.map((a) => {
      const x = a as {
        labels: Record<string, string>;
        annotations: Record<string, string>;
        state: 'firing';
        activeAt: string;
      };
      return { ...x, activeAt: Date.parse(x.activeAt), value: 0.12 } satisfies PromAlert;
    }),
    instant: {
      qualityScore: v(0.5),
      p95: v(0.3),
      throughput: v(12),
      errorTypes: [
        { labels: { error_type: 'bad_input' }, value: 3, ts: 600 },
        { labels: { error_type: 'timeout' }, value: 12, ts: 600 },
      ],
      driftScore: [{ labels: { feature: 'close', method: 'psi' }, value: 0.3, ts: 600 }],
      driftDetected: [{ labels: { feature: 'close' }, value: 1, ts: 600 }],
      driftShare: v(1),
      nodeCpu: v(0.97, { instance: 'web-1:9100' }),
      cpu: v(0.4, { instance: 'engine:8000' }),
    },
    range: { p95: line(0.3), qualityScore: line(0.5) },
  };
}

describe('panels from Prometheus, the engine filling the gaps', () => {
  const models = buildPanels(panelSamples(inputs({ prom: promData() })), book);

  it('prefers Prometheus figures and series', () => {
    expect(models.quality.stats[0]?.value).toBe('50.0%');
    expect(models.quality.state).toBe('critical');
    expect(models.latency.state).toBe('critical');
    expect(models.latency.series.find((s) => s.name === 'p95')?.points).toHaveLength(11);
    // the engine's p50 fills what Prometheus lacks
    expect(models.latency.stats[0]?.value).toBe('45 ms');
  });

  it('spaces range points evenly with gaps as NaN', () => {
    const p = promData();
    const pts = pointsOf(p.range.p95, p);
    expect(pts).toHaveLength(11);
    expect(pts.filter((x) => Number.isNaN(x))).toHaveLength(6);
    // the same series on the same range: the same points, placed once; a range a step later: placed anew
    expect(pointsOf(p.range.p95, { ...p })).toBe(pts);
    const later = { ...p, start: p.start + p.step, end: p.end + p.step };
    const moved = pointsOf(p.range.p95, later);
    expect(moved).not.toBe(pts);
    expect(moved.slice(0, -1)).toEqual(pts.slice(1));
    expect(Number.isNaN(moved.at(-1)!)).toBe(true);
  });

  it('top error types, most frequent first', () => {
    expect(models.errors.table?.rows).toEqual([
      { 'error type': 'timeout', count: '12' },
      { 'error type': 'bad_input', count: '3' },
    ]);
  });

  it('drift from the gauges; the dataset drifted', () => {
    expect(models.drift.state).toBe('critical');
    expect(models.drift.note).toMatch(/dataset drifted/);
  });

  it('the fleet from node-exporter, by instance', () => {
    expect(models.resources.table?.rows.map((r) => [r.host, r.cpu])).toEqual([
      ['engine:8000', '40%'],
      ['web-1:9100', '97% ✖'],
    ]);
    expect(models.resources.state).toBe('critical');
  });
});

describe('alerts merge', () => {
  const prom = promData().alerts;
  const am = (fixture('am-alerts.json') as Array<Record<string, unknown>>).map(
    (a): AmAlert => ({
      labels: a.labels as Record<string, string>,
      annotations: a.annotations as Record<string, string>,
      fingerprint: a.fingerprint as string,
      state: (a.status as { state: string }).state,
      silencedBy: (a.status as { silencedBy: string[] }).silencedBy,
      inhibitedBy: [],
      startsAt: Date.parse(a.startsAt as string),
    }),
  );
  const m = toAlertsModel({
    prometheus: prom,
    alertmanager: am,
    engine: engineAlerts,
    now: Date.parse('2025-01-01T00:10:00Z'),
  });

  it('deduplicates by alertname + labels across sources', () => {
    const latency = m.alerts.filter((a) => a.name === 'HighPredictionLatency');
    expect(latency).toHaveLength(1);
    expect(latency[0]?.sources).toEqual(['prometheus', 'alertmanager']);
    // the earliest start wins: Alertmanager saw it 30 s before Prometheus' activeAt
    expect(latency[0]?.since).toBe(Date.parse('2024-12-31T23:59:30Z'));
  });

  it('orders by severity, then age (oldest first), and shows the age', () => {
    expect(m.alerts.map((a) => `${a.severity} ${a.name} ${a.state}`)).toEqual([
      'critical HighErrorRatio pending',
      'warning HighDiskUtilization silenced',
      'warning DataDriftDetected firing',
      'warning HighPredictionLatency firing',
    ]);
    expect(m.table?.rows[1]).toMatchObject({ sev: '▲ warn', age: '2h', src: 'A' });
  });

  it('a pending or silenced alert does not make the console warn; firing ones do', () => {
    expect(m.state).toBe('warning');
    const quiet = toAlertsModel({ prometheus: [prom[1]!], alertmanager: [am[1]!], engine: [], now: 0 });
    expect(quiet.state).toBe('ok');
    expect(toAlertsModel({ prometheus: null, alertmanager: null, engine: null, now: 0 }).state).toBe(
      'unknown',
    );
  });

  it('keeps the runbook id', () => {
    expect(m.alerts.find((a) => a.name === 'DataDriftDetected')?.runbook).toBe('data-drift');
  });
});

describe('alerts merge: the engine copy and the Prometheus copy of one alert', () => {
  const at = Date.parse('2025-01-01T00:00:00Z');
  const promAlert = (labels: Record<string, string>, state: PromAlert['state'] = 'firing'): PromAlert => ({
    labels: { alertname: 'DataDriftDetected', severity: 'warning', ...labels },
    annotations: { summary: 'Input data drifted', runbook: 'data-drift' },
    state,
    activeAt: at,
    value: 0.25,
  });
  const scrape = { job: 'mmops-engine', instance: '127.0.0.1:8000' };
  const drift = engineAlerts.filter((a) => a.name === 'DataDriftDetected');

  it('are one row listing both sources, named by the fuller labels', () => {
    const m = toAlertsModel({ prometheus: [promAlert(scrape)], alertmanager: [], engine: drift, now: at });
    expect(m.alerts).toHaveLength(1);
    expect(m.alerts[0]).toMatchObject({
      name: 'DataDriftDetected',
      labels: scrape,
      sources: ['prometheus', 'engine'],
      state: 'firing',
      // the engine saw it first (23:50), Prometheus at 00:00
      since: Date.parse('2024-12-31T23:50:00Z'),
    });
    expect(m.table?.rows[0]).toMatchObject({ src: 'PE', labels: 'instance=127.0.0.1:8000,job=m…' });
  });

  it('with Alertmanager too: one row, three sources; the most advanced state wins', () => {
    const amCopy: AmAlert = {
      labels: promAlert(scrape).labels,
      annotations: {},
      fingerprint: 'f1',
      state: 'active',
      silencedBy: [],
      inhibitedBy: [],
      startsAt: at,
    };
    const m = toAlertsModel({
      prometheus: [promAlert(scrape, 'pending')],
      alertmanager: [amCopy],
      engine: drift,
      now: at,
    });
    expect(m.alerts.map((a) => [a.sources.join(','), a.state])).toEqual([
      ['prometheus,alertmanager,engine', 'firing'],
    ]);
  });

  it('a warning and a critical copy: the critical one speaks for the row, in any order', () => {
    const copy = (severity: string, level: string, value: number): PromAlert => ({
      labels: { alertname: 'HighPredictionLatency', severity, ...scrape },
      annotations: { summary: `p95 above the ${level} level`, description: `${severity} copy` },
      state: 'firing',
      activeAt: at,
      value,
    });
    const amCopy = (severity: string, fingerprint: string): AmAlert => ({
      labels: { alertname: 'HighPredictionLatency', severity, ...scrape },
      annotations: {},
      fingerprint,
      state: 'active',
      silencedBy: [],
      inhibitedBy: [],
      startsAt: at,
    });
    for (const order of [
      ['warning', 'critical'],
      ['critical', 'warning'],
    ]) {
      const proms = order.map((sev) =>
        sev === 'warning' ? copy(sev, 'warning', 0.8) : copy(sev, 'critical', 0.81),
      );
      const ams = order.map((sev) => amCopy(sev, sev === 'warning' ? 'fw' : 'fc'));
      const [row, ...rest] = toAlertsModel({
        prometheus: proms,
        alertmanager: ams,
        engine: [],
        now: at,
      }).alerts;
      expect(rest, order.join(' then ')).toEqual([]);
      expect(row, order.join(' then ')).toMatchObject({
        severity: 'critical',
        summary: 'p95 above the critical level',
        annotations: { summary: 'p95 above the critical level', description: 'critical copy' },
        allLabels: { alertname: 'HighPredictionLatency', severity: 'critical', ...scrape },
        fingerprint: 'fc',
        value: 0.81,
      });
    }
  });

  it('stay apart when a label both carry disagrees', () => {
    const engine = drift.map((a) => ({ ...a, labels: { ...a.labels, feature: 'close' } }));
    const m = toAlertsModel({
      prometheus: [promAlert({ ...scrape, feature: 'volume' })],
      alertmanager: [],
      engine,
      now: at,
    });
    expect(m.alerts.map((a) => a.sources)).toEqual([['engine'], ['prometheus']]);
  });

  it('an engine copy that fits two instances stays its own row', () => {
    const m = toAlertsModel({
      prometheus: [promAlert(scrape), promAlert({ ...scrape, instance: '10.0.0.2:8000' })],
      alertmanager: [],
      engine: drift,
      now: at,
    });
    expect(m.alerts).toHaveLength(3);
    expect(m.alerts.filter((a) => a.sources.includes('engine'))).toEqual([
      expect.objectContaining({ sources: ['engine'], labels: {} }),
    ]);
  });

  it('a different alertname never merges', () => {
    const m = toAlertsModel({
      prometheus: [{ ...promAlert(scrape), labels: { alertname: 'HighPredictionLatency', ...scrape } }],
      alertmanager: [],
      engine: drift,
      now: at,
    });
    expect(m.alerts).toHaveLength(2);
  });
});

describe('formatters alone', () => {
  it('quality with no data is unknown and says so', () => {
    const m = toQualityModel(
      { score: null, missing: null, duplicates: null, outliers: null, trend: [] },
      book.quality,
    );
    expect(m.state).toBe('unknown');
    expect(m.note).toBe('no quality data yet');
  });
  const driftLevels = { share: book.driftShare, prediction: book.predictionDrift };
  it('drift with no figures says why, as the source gave it', () => {
    expect(toDriftModel({ features: [], share: null }, driftLevels).note).toBe('no drift figures yet');
    const why = toDriftModel({ features: [], share: null, reason: 'no reference loaded' }, driftLevels);
    expect(why.note).toBe('no reference loaded');
    expect(why.state).toBe('unknown');
    // not judged yet: no count of drifted features (it is not "0 of 0"), and the overview line says why
    const warming = 'too few records to judge: 540 of 1000 (drift.min_rows)';
    const young = toDriftModel({ features: [], share: null, reason: warming }, driftLevels);
    expect(young.stats.find((s) => s.label === 'drifted')).toMatchObject({ value: '—', number: null });
    expect(stripVTControlCharacters(summaryText(young, undefined, false))).toBe(
      `${'Drift'.padEnd(18)}? UNKNOWN  ${warming}`,
    );
    // a stale source's mark comes before the note, which may run past the line's end
    expect(stripVTControlCharacters(summaryText(young, 'STALE unreachable 2m', false))).toBe(
      `${'Drift'.padEnd(18)}? UNKNOWN STALE unreachable 2m   ${warming}`,
    );
    // some figure to show (prediction drift scored from 500 rows, features not yet): the figures, not the note
    const prediction = { score: 0.006, classes: 0.006, confidence: 0.001, shares: [], note: null };
    const half = toDriftModel({ features: [], share: null, reason: warming, prediction }, driftLevels);
    expect(half.state).toBe('unknown');
    expect(stripVTControlCharacters(summaryText(half, undefined, false))).toBe(
      `${'Drift'.padEnd(18)}? UNKNOWN  drifted —  share —  prediction drift 0.006 (classes 0.006, confidence 0.001)`,
    );
    // judged, none drifted: the count and share, not the note
    const quiet = toDriftModel({ features: [], share: 0 }, driftLevels);
    expect(stripVTControlCharacters(summaryText(quiet, undefined, false))).toBe(
      `${'Drift'.padEnd(18)}✔ OK  drifted 0/0  share 0.0%`,
    );
  });
  it('drift warns from drift.warning_share, not from one drifted feature', () => {
    expect(toDriftModel({ features: [], share: 1 / 14 }, driftLevels).state).toBe('ok');
    expect(toDriftModel({ features: [], share: 0.25 }, driftLevels).state).toBe('warning');
    expect(toDriftModel({ features: [], share: 0.5 }, driftLevels).state).toBe('critical');
  });
  it('prediction drift is judged on its own level (> 0.1, > 0.2) and names the classes that moved', () => {
    const shares = [
      { label: 'buy', reference: 0.32, current: 0.86 },
      { label: 'hold', reference: 0.36, current: 0.08 },
      { label: 'sell', reference: 0.32, current: 0.06 },
    ];
    const at = (score: number | null, note: string | null = null) =>
      toDriftModel(
        { features: [], share: 0, prediction: { score, classes: score, confidence: 0.05, shares, note } },
        driftLevels,
      );
    expect(at(0.1).state).toBe('ok');
    expect(at(0.15).state).toBe('warning');
    expect(at(0.2).state).toBe('warning');
    const critical = at(0.71);
    expect(critical.state).toBe('critical');
    expect(critical.stats.find((s) => s.label === 'prediction drift')).toEqual({
      label: 'prediction drift',
      value: '0.71 (classes 0.71, confidence 0.05)',
      state: 'critical',
      number: 0.71,
      unit: 'score',
      levels: {
        warning: driftLevels.prediction.warning,
        critical: driftLevels.prediction.critical,
        direction: 'above',
      },
    });
    expect(critical.note).toBe('outputs drifted: buy 32%→86%, hold 36%→8%');
    // not judgeable (a reference without outputs): the panel is feature drift's, and says why
    const blind = at(null, 'the reference has no prediction column');
    expect(blind.state).toBe('ok');
    expect(blind.note).toBe('prediction drift: the reference has no prediction column');
  });
  it('performance degradation beyond 10 % is critical', () => {
    const m = toPerformanceModel(
      {
        current: { accuracy: 0.9, precision: null, recall: null, f1: null },
        reference: null,
        degradation: 0.12,
        trend: [],
      },
      { accuracy: book.accuracy, degradation: book.degradation },
    );
    expect(m.state).toBe('critical');
  });
  it('latency p95 decides', () => {
    const m = toLatencyModel(
      { p50: 0.01, p95: 0.2, p99: 0.5, series: { p50: [], p95: [], p99: [] } },
      book.latency,
    );
    expect(m.state).toBe('warning');
  });
  it('resources: a host without a GPU has no GPU figure', () => {
    const m = toResourceModel(
      { hosts: [{ host: 'here', cpu: 0.1, memory: 0.8, disk: 0.2, gpu: null }], cpuTrend: [] },
      {
        cpu: book.cpu,
        memory: book.memory,
        disk: book.disk,
        gpu: book.gpu,
      },
    );
    expect(m.state).toBe('warning');
    expect(m.stats.map((s) => s.label)).toEqual(['cpu', 'mem', 'disk']);
  });
  it('resources: the summary shows the figure that sets the state, naming a machine other than this one', () => {
    const limits = { cpu: book.cpu, memory: book.memory, disk: book.disk, gpu: book.gpu };
    // the demo: this host calm, the engine's memory at its budget (its alert firing)
    const here = { host: 'here', cpu: 0.15, memory: 0.07, disk: 0.24, gpu: null };
    const engine = { host: '127.0.0.1:41353', cpu: 0.25, memory: 1, disk: 0.24, gpu: null };
    const m = toResourceModel({ hosts: [here, engine], cpuTrend: [] }, limits);
    expect(m.state).toBe('critical');
    expect(m.stats.map((s) => [s.label, s.value, s.state])).toEqual([
      ['cpu', '15%', 'ok'],
      ['mem', '100% (127.0.0.1:41353)', 'critical'],
      ['disk', '24%', 'ok'],
    ]);
    expect(m.stats[1]!.labels).toEqual({ host: '127.0.0.1:41353' });
    // all calm: this host's figures, unnamed (a tie goes to this host); a GPU anywhere shows
    const calm = toResourceModel(
      { hosts: [here, { ...engine, memory: 0.47, gpu: 0.3 }], cpuTrend: [] },
      limits,
    );
    expect(calm.state).toBe('ok');
    expect(calm.stats.map((s) => s.value)).toEqual(['15%', '7%', '24%', '30% (127.0.0.1:41353)']);
  });
});

describe('one truth: a panel agrees with its alert and its worst series', () => {
  const calmProm = (over: Record<string, Array<{ labels: Record<string, string>; value: number }>>) =>
    ({
      instant: Object.fromEntries(Object.entries(over).map(([k, v]) => [k, v.map((x) => ({ ...x, ts: 0 }))])),
      range: {},
      alerts: [],
      rateWindowSeconds: 300,
      start: 0,
      end: 900,
      step: 15,
    }) as PromPanelData;

  it('judges the worst model and names it, with the average beside it', () => {
    const s = panelSamples(
      inputs({
        report: null,
        history: [],
        prom: calmProm({
          accuracy: [{ labels: {}, value: 0.795 }],
          accuracyWorst: [{ labels: { model: 'xgb_v2' }, value: 0.71 }],
        }),
      }),
    );
    const m = buildPanels(s, book).performance;
    expect(m.state).toBe('critical');
    expect(m.stats[0]).toMatchObject({
      label: 'accuracy',
      value: '71.0% (xgb_v2)',
      state: 'critical',
      number: 0.71,
      unit: 'ratio',
      labels: { model: 'xgb_v2' },
    });
    expect(m.stats.find((x) => x.label === 'avg')?.value).toBe('79.5%');
  });

  it('a firing alert raises the panel on its figure and names itself', () => {
    const prom = calmProm({ errorRatio: [{ labels: {}, value: 0.0327 }] });
    prom.alerts = [
      {
        labels: { alertname: 'HighErrorRatio', severity: 'critical', job: 'market_master' },
        annotations: { summary: 'Prediction error ratio is high' },
        state: 'firing',
        activeAt: NOW - 60_000,
        value: 0.1075,
      },
    ] as PromPanelData['alerts'];
    const m = buildPanels(panelSamples(inputs({ report: null, history: [], prom })), book);
    expect(m.errors.state).toBe('critical');
    expect(m.errors.note).toMatch(/^alert HighErrorRatio critical/);
    // a pending alert is not yet a verdict
    prom.alerts[0]!.state = 'pending';
    const pending = buildPanels(panelSamples(inputs({ report: null, history: [], prom })), book);
    expect(pending.errors.state).toBe('ok');
  });

  it('a counter younger than its rate window is warming up, not low throughput', () => {
    const young = calmProm({
      throughput: [{ labels: {}, value: 1.9 }],
      throughputAge: [{ labels: {}, value: 40 }],
    });
    const m = buildPanels(panelSamples(inputs({ report: null, history: [], prom: young })), book).throughput;
    expect(m.state).toBe('unknown');
    expect(m.note).toBe('warming up: counter 40s old, rate window 300s');
    const old = calmProm({
      throughput: [{ labels: {}, value: 1.9 }],
      throughputAge: [{ labels: {}, value: 600 }],
    });
    expect(
      buildPanels(panelSamples(inputs({ report: null, history: [], prom: old })), book).throughput.state,
    ).toBe('critical');
  });
});

describe('no silent failure', () => {
  it('a panel whose formatter throws shows the error and tells the sink; the others still build', () => {
    const s = panelSamples(inputs());
    // a malformed sample (a source answering an unexpected shape) makes the error panel's builder throw
    const broken = { ...s, errors: { ...s.errors, topTypes: null as unknown as [] } };
    const heard: string[] = [];
    const m = buildPanels(broken, book, (panel, err) => heard.push(`${panel}: ${(err as Error).message}`));
    expect(m.errors.state).toBe('unknown');
    expect(m.errors.note).toMatch(/^panel error: /);
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatch(/^errors: /);
    expect(m.latency.stats.length).toBeGreaterThan(0);
  });
});

describe('the throughput panel shows the queue', () => {
  const book = levelBook(loadConfig().config);
  it("judges the queue with the level book's queue level (70 % / 90 %) beside the rate", () => {
    const at = (queue: number | null) =>
      toThroughputModel({ current: 20, series: [], queue }, book.throughput, book.queue);
    expect(at(0.025)).toMatchObject({
      state: 'ok',
      stats: [{ label: 'rate' }, { label: 'queue', value: '3%' }],
    });
    expect(at(0.75).state).toBe('warning');
    expect(at(0.95)).toMatchObject({ state: 'critical', stats: [{ state: 'ok' }, { state: 'critical' }] });
    // a service that reports no queue: the rate alone, no "unknown" dragging the panel
    expect(at(null)).toMatchObject({ state: 'ok', stats: [{ label: 'rate' }] });
    expect(at(null).stats).toHaveLength(1);
  });
});
