// Every shipped runbook, unattended, through the real binary, against `mmops demo --no-console` with a real
// Prometheus and Alertmanager: the routines on a healthy stack, each alert response with its fault injected
// and its alert pending or firing. No step may FAIL unless listed below with the reason; the steps that
// detect the injected fault must WARN or FAIL (a runbook that sees nothing is as wrong as one that cries wolf).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CRITICAL_MARKER,
  parseRunbookFile,
  type RunRecord,
  type StepRecord,
} from '../../src/runbook/index.js';
import { eventually, type Running, spawnMmops } from '../cli/helpers/long-running.js';
import { instantQuery, requireBinary } from '../helpers/prometheus.js';
import { mmops } from '../helpers/run-cli.js';
import { ROOT } from './helpers.js';

const home = mkdtempSync(join(tmpdir(), 'mmops-shipped-demo-'));
let demo: Running;
const url = { engine: '', prometheus: '', alertmanager: '' };
let env: Record<string, string> = {};

type Fault = 'drift' | 'latency' | 'errors' | 'quality' | 'accuracy' | 'memory';

/** One runbook run: its fault, what it waits for before running, and what it must detect. */
interface Case {
  id: string;
  fault?: Fault;
  /** A PromQL query that returns series once the fault shows; the first series' labels become --label. */
  until?: string;
  /** Labels to pass when `until` is not an ALERTS query (no alert fires for it on this host). */
  labels?: Record<string, string>;
  /** Steps that see the fault: each must WARN or FAIL. */
  detects?: string[];
  /** Steps that must PASS (the checks of a healthy component). */
  passes?: string[];
  /** FAILs that are right here, with why. */
  expectedFail?: Record<string, string>;
  /** Critical lines besides the host's CPU that `mmops status` may print here, with why (in `expectedFail`). */
  criticalAlso?: RegExp;
}

// These steps judge this host's CPU against the threshold table. Test machines are shared and often pegged,
// so a FAIL there is a true finding about the machine, not about the runbook: tolerated when it is about
// the CPU (or load), and only then. A diagnostic's critical finding FAILs its step (issue 10), so the steps
// running `mmops status` or `mmops diag resources` are tolerated when every CRIT line of their output is
// the host's CPU.
const HOST_CPU_STEPS = new Set([
  'CPU utilization now',
  'Capacity planning: peak CPU',
  'Load per CPU',
  'Current status',
  'Alerts review',
  'Resource usage',
  'Disk space for the event log',
  'Check system resources',
  'All resources at once',
]);
/** True when `mmops alerts` (the run's "Alerts review") lists firing critical alerts, all about the CPU. */
function onlyCpuAlertsFiring(record: RunRecord): boolean {
  const out = record.steps.find((x) => x.title === 'Alerts review')?.stdout ?? '';
  const firing = out.split('\n').filter((l) => /✖ crit\s+firing/.test(l));
  return firing.length > 0 && firing.every((l) => /cpu/i.test(l));
}

function aboutCpu(s: StepRecord, record: RunRecord, also?: RegExp): boolean {
  // a bound on one series, with or without its labels: "instance=a:1: 97.5 %, not below 95 %", "2.5, not below 2"
  if (/(^|: )\d+(\.\d+)?( %)?, not below (2|0\.95|95 %)$/.test(s.reason)) return true;
  if (!s.reason.startsWith('exit code 1: a critical finding')) return false;
  // the engine's own HighCpuUtilization fires critical on a pegged host (the demo's `for` is 10 s)
  if (s.title === 'Alerts review') return onlyCpuAlertsFiring(record);
  const crit = s.stdout
    .split('\n')
    .filter((l) => CRITICAL_MARKER.test(l) && !/^mmops (status|alerts) /.test(l));
  const tolerated = (l: string) =>
    /\bcpu\b/i.test(l) || (also?.test(l) ?? false) || (/^\s*Alerts\b/.test(l) && onlyCpuAlertsFiring(record));
  return crit.length > 0 && crit.every(tolerated);
}

const CASES: Case[] = [
  // The routines and engine-down first, with no fault: later faults linger in 5-minute rates and in the
  // weekly/monthly windows.
  {
    id: 'daily',
    // Drift is calibrated to the sample size (issue 10 point 5): the healthy demo's drift must pass, judged
    // (the ready wait below holds until the engine publishes the share, from 1,000 records in the demo).
    passes: [
      'Engine metrics endpoint answers',
      'Prometheus scrapes every target',
      'System health',
      'Drifted features',
    ],
  },
  { id: 'weekly', passes: ['Metrics storage retention', 'Clean up old metrics'] },
  {
    id: 'monthly',
    passes: ['Alert rule review: Prometheus has loaded them, each with its runbook', 'Alert manager is up'],
  },
  // The engine is up: its checks must pass (EngineDown itself cannot fire while the runbook's tools run).
  {
    id: 'engine-down',
    passes: ["Prometheus' view of the target", 'Does the engine answer', 'Is the process running'],
  },
  {
    id: 'resource-constraints',
    fault: 'memory',
    // No host-memory alert fires on a large machine; the ballast shows in the engine process' memory.
    until:
      'max(process_resident_memory_bytes{job="market_master"}) / min(min_over_time(process_resident_memory_bytes{job="market_master"}[15m])) > 1.5',
    labels: { alertname: 'HighMemoryUtilization', severity: 'warning' },
    detects: ['Memory growth of the engine process'],
  },
  {
    id: 'model-performance',
    fault: 'accuracy',
    until: 'ALERTS{alertname="LowModelAccuracy"}',
    detects: ['Accuracy', 'Degradation against the reference', 'Model diagnostics'],
    expectedFail: {
      Accuracy: 'the accuracy fault guesses 70 % of predictions: accuracy falls towards 0.5',
      'Degradation against the reference':
        'the same fall, measured against the reference accuracy (critical above 10 %)',
      'Model diagnostics': 'diag model prints the critical accuracy: a critical finding FAILs',
    },
  },
  {
    id: 'high-latency',
    fault: 'latency',
    // As the error ratio: the runbook reads the 5m p95, the demo's alert 1m rates, so the alert can fire
    // while the 5m p95 is still under its level (seen in CI on a loaded runner: 90.5 ms with the alert
    // critical): wait for what the step reads, then take the alert's labels.
    until:
      'ALERTS{alertname="HighPredictionLatency", severity="critical"} and on () (histogram_quantile(0.95, sum by (le) (rate(market_master_prediction_duration_seconds_bucket[5m]))) > 0.25)',
    detects: ['Latency now (p95)', 'Latency by model', 'Slowest minutes'],
    // the guide's SQL against the demo's PostgreSQL, which the engine's store fills
    passes: ['Review request volume', 'Check database performance'],
    expectedFail: {
      'Latency now (p95)': 'the latency fault: p95 about 0.7 s, critical above 0.25 s',
      'Latency by model': 'the same, per model',
    },
  },
  {
    id: 'high-error-rate',
    fault: 'errors',
    // The runbook reads the 5m ratio; the demo's alert reads 1m rates (alerting.rate_window), so it fires
    // before the 5m view has moved: wait for what the step reads, then take the alert's labels.
    until:
      'ALERTS{alertname="HighErrorRatio"} and on () ((sum(rate(market_master_prediction_errors_total[5m])) or vector(0)) / sum(rate(market_master_predictions_total[5m])) > 0.05)',
    detects: ['Error ratio now', 'Check model health'],
    expectedFail: {
      'Error ratio now': 'the errors fault fails 20 % of predictions, critical above 10 %',
      'Check model health': 'diag model prints the critical error ratio: a critical finding FAILs',
    },
  },
  {
    id: 'data-quality',
    fault: 'quality',
    until: 'ALERTS{alertname="DataQualityDegraded"}',
    detects: ['Quality score', 'Missing values'],
    expectedFail: { 'Quality score': 'the quality fault blanks 15 % of feature values' },
  },
  {
    id: 'data-drift',
    fault: 'drift',
    until: 'ALERTS{alertname="DataDriftDetected"}',
    detects: ['Share of drifted features', 'Which features drifted'],
    expectedFail: { 'Share of drifted features': 'the drift fault shifts most features' },
  },
];

const send = (line: string) => demo.child.stdin?.write(`${line}\n`);

beforeAll(async () => {
  // In CI a missing binary is a failure, never a skip.
  requireBinary('prometheus');
  requireBinary('alertmanager');
  const bin = '/usr/bin';
  demo = spawnMmops(['demo', '--no-console'], {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: home,
  });
  await eventually(
    async () => /demo: simulator sending/.test(demo.err()) || demo.child.exitCode !== null,
    60_000,
    'the demo to start',
  );
  const found = (name: string) => new RegExp(`demo: ${name} on (http://\\S+)`).exec(demo.err())?.[1] ?? '';
  url.engine = found('engine');
  url.prometheus = found('prometheus');
  url.alertmanager = found('alertmanager');
  // the demo's PostgreSQL (Debian's postgresql-15, which .ci installs): the runbooks' SQL steps run on it
  const database = /demo: postgres on (\S+)/.exec(demo.err())?.[1];
  if (!database) throw new Error(`the demo did not start PostgreSQL:\n${demo.err()}`);
  if (!url.engine || !url.prometheus || !url.alertmanager)
    throw new Error(`the demo did not start all of engine, Prometheus, Alertmanager:\n${demo.err()}`);
  env = {
    PATH: process.env.PATH ?? '',
    HOME: home, // the demo's log dir and the runbooks' default one
    ENGINE_URL: url.engine,
    PROMETHEUS_URL: url.prometheus,
    ALERTMANAGER_URL: url.alertmanager,
    // No GRAFANA_URL: the demo has no Grafana, so it is not configured (diag health leaves it out).
    DATABASE_URL: database,
  };
  // Ready: Prometheus scrapes the engine, and the engine has judged quality, accuracy and drift (the demo
  // judges drift from 1,000 records, about 50 s after its start).
  await eventually(
    async () =>
      (await instantQuery(url.prometheus, 'up{job="market_master"} == 1')).length === 1 &&
      (await instantQuery(url.prometheus, 'market_master_model_accuracy')).length > 0 &&
      (await instantQuery(url.prometheus, 'market_master_data_quality_score')).length > 0 &&
      (await instantQuery(url.prometheus, 'market_master_dataset_drift_share_ratio')).length > 0,
    120_000,
    'Prometheus to scrape the demo engine, drift judged',
  );
}, 180_000);

afterAll(async () => {
  if (demo) {
    demo.child.kill('SIGINT');
    const timer = setTimeout(() => demo.child.kill('SIGKILL'), 15_000);
    await demo.child;
    clearTimeout(timer);
  }
  rmSync(home, { recursive: true, force: true });
});

/** Waits until `query` returns a series; returns its labels. */
async function waitFor(query: string, timeoutMs: number): Promise<Record<string, string>> {
  let labels: Record<string, string> = {};
  await eventually(
    async () => {
      const r = (await instantQuery(url.prometheus, query)) as { metric: Record<string, string> }[];
      if (r.length) labels = r[0]!.metric;
      return r.length > 0;
    },
    timeoutMs,
    `${query} (demo log tail: ${demo.err().slice(-600)})`,
  );
  return labels;
}

describe.sequential('every shipped runbook, unattended, against the demo stack', () => {
  for (const c of CASES) {
    it(`${c.id}${c.fault ? ` with the ${c.fault} fault` : ''}`, async () => {
      let labels: Record<string, string> = c.labels ?? {};
      // Degradation is measured against the baseline, which the engine takes from its first window of
      // 1,000 scored predictions: a fault switched on before that would become the baseline itself.
      if (c.fault === 'accuracy')
        await eventually(
          async () =>
            ((await (await fetch(`${url.engine}/api/v1/baseline`)).json()) as { baseline: unknown })
              .baseline !== null,
          120_000,
          'the engine to take its baseline',
        );
      if (c.fault) send(`fault ${c.fault} on`);
      try {
        if (c.until) {
          // A fault shows once it fills enough of the demo's 2-minute window: data quality takes the longest.
          const seen = await waitFor(c.until, 150_000);
          // The alert's own labels, as Alertmanager and the console hand them over (no ALERTS bookkeeping).
          if (c.until.startsWith('ALERTS'))
            labels = Object.fromEntries(
              Object.entries(seen).filter(([k]) => k !== '__name__' && k !== 'alertstate'),
            );
        }
        const report = join(home, 'reports', `${c.id}.md`);
        const args = ['runbook', 'run', c.id, '--yes', '--report', report, '--json'];
        for (const [k, v] of Object.entries(labels)) args.push('--label', `${k}=${v}`);
        const r = await mmops(args, env);
        const record = JSON.parse(readFileSync(report.replace(/\.md$/, '.json'), 'utf8')) as RunRecord;
        expect(JSON.parse(r.stdout)).toEqual(record);
        expect(existsSync(report)).toBe(true);
        const table = record.steps.map((s) => `${s.index + 1}. ${s.title}: ${s.status} (${s.reason})`);

        // Every step of the runbook is in the report, judged, with a reason.
        const rb = parseRunbookFile(join(ROOT, 'runbooks', `${c.id}.md`));
        expect(record.steps.map((s) => s.title)).toEqual(rb.steps.map((s) => s.title));
        for (const s of record.steps) {
          expect(['PASS', 'WARN', 'FAIL', 'SKIPPED'], `${c.id}: ${s.title}`).toContain(s.status);
          expect(s.reason, `${c.id}: ${s.title}`).not.toBe('');
        }
        expect(record.labels).toEqual(labels);

        const unexpected = record.steps.filter(
          (s) =>
            s.status === 'FAIL' &&
            !c.expectedFail?.[s.title] &&
            !(HOST_CPU_STEPS.has(s.title) && aboutCpu(s, record, c.criticalAlso)),
        );
        expect(
          unexpected.map(
            (s) =>
              // a critical finding is in the diagnostic's output: show its CRIT lines
              `${s.title}: ${s.reason}${s.stderr ? `; stderr: ${s.stderr.slice(-800)}` : ''}${
                s.reason.startsWith('exit code 1: a critical finding')
                  ? `; critical lines: ${s.stdout
                      .split('\n')
                      .filter((l) => CRITICAL_MARKER.test(l) || /✖ crit/.test(l))
                      .join(' | ')}`
                  : ''
              }`,
          ),
          table.join('\n'),
        ).toEqual([]);
        for (const title of c.detects ?? []) {
          const s = record.steps.find((x) => x.title === title);
          expect(s, `${c.id} has no step "${title}"`).toBeDefined();
          expect(
            ['WARN', 'FAIL'],
            `${c.id}: "${title}" should see the ${c.fault} fault\n${table.join('\n')}`,
          ).toContain(s!.status);
        }
        for (const title of c.passes ?? []) {
          const s = record.steps.find((x) => x.title === title);
          expect(s?.status, `${c.id}: "${title}"\n${table.join('\n')}`).toBe('PASS');
        }
        for (const title of Object.keys(c.expectedFail ?? {}))
          expect(
            rb.steps.some((s) => s.title === title),
            `${c.id}: no step "${title}"`,
          ).toBe(true);
        // Every source of the demo answers: no step is UNREACHABLE (Grafana, absent, is optional in monthly).
        expect(
          record.steps.filter((s) => s.unreachable).map((s) => s.title),
          table.join('\n'),
        ).toEqual([]);
        // Exit 1 exactly when a step failed.
        expect(r.code).toBe(record.steps.some((s) => s.status === 'FAIL') ? 1 : 0);
        // Issue 12 point 6: the daily report fits one screen (40 lines of 120 columns) before its outputs.
        if (c.id === 'daily') expect(reportHead(readFileSync(report, 'utf8')).length).toBeLessThanOrEqual(40);
      } finally {
        if (c.fault) send(`fault ${c.fault} off`);
      }
    }, 210_000);
  }

  // Last: it kills the demo's Prometheus. The daily report's first line names it with its URL, and status,
  // alerts and diag health say it is unreachable, spaced from its URL (issue 12: "UNREACHABLEhttp://").
  it('daily with the demo’s Prometheus stopped: the report’s first line names it', async () => {
    const pid = execFileSync('pgrep', ['-P', String(demo.child.pid), '-x', 'prometheus'], {
      encoding: 'utf8',
    });
    process.kill(Number(pid.trim().split('\n')[0]), 'SIGTERM');
    await eventually(
      async () =>
        !(await fetch(`${url.prometheus}/-/healthy`).then(
          () => true,
          () => false,
        )),
      30_000,
      'the demo’s Prometheus to stop',
    );
    const report = join(home, 'reports', 'daily-prometheus-down.md');
    const r = await mmops(['runbook', 'run', 'daily', '--yes', '--report', report], env);
    expect(r.code, r.stdout).toBe(3);
    const text = readFileSync(report, 'utf8');
    const first = text.split('\n')[0]!;
    expect(first).toMatch(/^# Daily checks: (FAIL|UNREACHABLE): /);
    expect(first.endsWith(`: Prometheus (${url.prometheus}) unreachable`), first).toBe(true);
    expect(text.split('\n')[2]).toMatch(
      new RegExp(
        `^- UNREACHABLE Prometheus \\(${url.prometheus.replace(/[.]/g, '\\.')}\\): connection refused`,
      ),
    );
    expect(reportHead(text).length).toBeLessThanOrEqual(40);
    // the terminal summary says the same before the counts
    expect(r.stdout).toContain(`\n${first.slice(2)}\n  UNREACHABLE Prometheus (${url.prometheus})`);
    const status = await mmops(['status'], env);
    expect(status.code).toBe(3);
    expect(status.stdout).toMatch(/prometheus\s+✖ UNREACHABLE\s+\S/);
    expect(status.stderr).toContain(`mmops: prometheus unreachable at ${url.prometheus}: ECONNREFUSED`);
    const health = await mmops(['diag', 'health'], env);
    expect(health.code).toBe(3);
    expect(health.stdout).toMatch(new RegExp(`prometheus\\s+UNREACHABLE\\s+yes\\s+-\\s+${url.prometheus}`));
  }, 120_000);
});

/** The report's lines before the first step's section. */
function reportHead(md: string): string[] {
  const lines = md.split('\n');
  return lines.slice(
    0,
    lines.findIndex((l) => /^## 1\. /.test(l)),
  );
}
