/**
 * Each panel's samples from what the pollers hold: Prometheus first, the engine report (and the history
 * polled since start) for whatever Prometheus does not have, so the console works without Prometheus.
 */
import type { EngineReportDoc, PromSample, PromSeries } from '../../sources/index.js';
import type { AlertSamples } from '../panels/alerts.js';
import type { DriftSamples, PredictionDriftSamples } from '../panels/drift.js';
import type { ErrorSamples } from '../panels/errors.js';
import type { LatencySamples } from '../panels/latency.js';
import type { PerformanceSamples, Scores } from '../panels/performance.js';
import type { QualitySamples } from '../panels/quality.js';
import type { HostUsage, ResourceSamples } from '../panels/resources.js';
import type { ThroughputSamples } from '../panels/throughput.js';
import { type ReportFigures, seriesOf } from './history.js';
import type { PromPanelData } from './prom-queries.js';

/** Everything the panels are computed from. */
export interface ConsoleInputs {
  prom: PromPanelData | null;
  report: EngineReportDoc | null;
  history: readonly ReportFigures[];
  amAlerts: AlertSamples['alertmanager'];
  engineAlerts: AlertSamples['engine'];
  /** False when no engine is configured (Prometheus alone): the panels say so, not "did not answer". */
  engineConfigured?: boolean;
  /** This host, from systeminformation; null when not probed. */
  host: HostUsage | null;
  now: number;
  rangeSeconds: number;
}

/** The samples of every panel. */
export interface PanelSamples {
  quality: QualitySamples;
  drift: DriftSamples;
  performance: PerformanceSamples;
  latency: LatencySamples;
  throughput: ThroughputSamples;
  errors: ErrorSamples;
  resources: ResourceSamples;
  alerts: AlertSamples;
}

const first = (v: PromSample[] | undefined): number | null => {
  const x = v?.[0]?.value;
  return x === undefined || Number.isNaN(x) ? null : x;
};

/** Each series' points, by the series object, with the range they were placed on (frozen: shared). */
const placed = new WeakMap<PromSeries, { start: number; end: number; step: number; out: number[] }>();

/** The first series as evenly spaced points over the queried range (gaps are NaN). */
export function pointsOf(s: PromSeries[] | undefined, p: PromPanelData): number[] {
  const series = s?.[0];
  if (!series || series.points.length === 0) return [];
  // The range results are kept for a step (prom-queries.ts: the very same objects until the next), so the
  // same series over the same range gives the very same points: made once, not every refresh.
  const known = placed.get(series);
  if (known && known.start === p.start && known.end === p.end && known.step === p.step) return known.out;
  const n = Math.floor((p.end - p.start) / p.step) + 1;
  const out = new Array<number>(n).fill(Number.NaN);
  // indexed, without destructuring: at V8's baseline tier (cli/console-process.ts) `for (const [ts, v] of
  // ...)` made an iterator and three results a point, 9 % of the console's allocation (bench/README.md)
  const points = series.points;
  for (let k = 0; k < points.length; k++) {
    const point = points[k]!;
    const i = Math.round((point[0] - p.start) / p.step);
    if (i >= 0 && i < n) out[i] = point[1];
  }
  // frozen: every refresh until the next step gets this very array (shareStructure leaves frozen ones be)
  Object.freeze(out);
  placed.set(series, { start: p.start, end: p.end, step: p.step, out });
  return out;
}

const or = <T>(a: T | null | undefined, b: T | null | undefined): T | null => a ?? b ?? null;
/** Prometheus' series when it has a point, else the engine's history, made only then (not every refresh). */
const orSeries = (a: number[], b: () => number[]) => (a.some((x) => !Number.isNaN(x)) ? a : b());

/** Builds every panel's samples. */
export function panelSamples(i: ConsoleInputs): PanelSamples {
  const p = i.prom;
  const inst = (k: string) => first(p?.instant[k]);
  const rng = (k: string) => (p ? pointsOf(p.range[k], p) : []);
  const r = i.report;
  const hist = (pick: (r: ReportFigures) => number | null | undefined) =>
    seriesOf(i.history, pick, i.now, i.rangeSeconds * 1000);
  const perf = r?.performance;
  const lat = perf?.latency;

  const worstModel = p?.instant.accuracyWorst?.[0];
  const current: Scores = {
    accuracy: or(inst('accuracy'), perf?.accuracy),
    precision: or(inst('precision'), perf?.precision),
    recall: or(inst('recall'), perf?.recall),
    f1: or(inst('f1'), perf?.f1),
  };
  return {
    quality: {
      score: or(inst('qualityScore'), r?.quality?.score),
      missing: or(inst('missing'), r?.quality?.missingRatio),
      duplicates: or(inst('duplicates'), r?.quality?.duplicateRatio),
      outliers: or(inst('outliers'), r?.quality?.outlierRatio),
      trend: orSeries(rng('qualityScore'), () => hist((x) => x.quality?.score)),
    },
    drift: driftSamples(p, r, i.engineConfigured !== false),
    performance: {
      current,
      worst:
        worstModel && !Number.isNaN(worstModel.value)
          ? {
              model: worstModel.labels.model ?? worstModel.labels.model_name ?? '?',
              accuracy: worstModel.value,
            }
          : null,
      reference: perf?.degradation?.baseline ?? null,
      degradation: or(inst('degradation'), perf?.degradation?.ratio),
      trend: orSeries(rng('accuracy'), () => hist((x) => x.performance?.accuracy)),
    },
    latency: {
      p50: or(inst('p50'), lat?.p50),
      p95: or(inst('p95'), lat?.p95),
      p99: or(inst('p99'), lat?.p99),
      series: {
        p50: orSeries(rng('p50'), () => hist((x) => x.performance?.latency?.p50)),
        p95: orSeries(rng('p95'), () => hist((x) => x.performance?.latency?.p95)),
        p99: orSeries(rng('p99'), () => hist((x) => x.performance?.latency?.p99)),
      },
    },
    throughput: {
      // The engine's figure first: records since its last evaluation over the time between, exact from the
      // first minute on, where rate(...[5m]) under-reads a counter younger than its window.
      current: or(perf?.throughput, inst('throughput')),
      queue: or(inst('queue'), perf?.queue?.utilization),
      warmingUp: throughputWarmup(
        perf?.throughput ?? null,
        inst('throughputAge'),
        p?.rateWindowSeconds ?? 300,
      ),
      series: orSeries(rng('throughput'), () => hist((x) => x.performance?.throughput)),
    },
    errors: {
      ratio: or(inst('errorRatio'), perf?.errorRatio),
      series: orSeries(rng('errorRatio'), () => hist((x) => x.performance?.errorRatio)),
      topTypes:
        p?.instant.errorTypes && p.instant.errorTypes.length > 0
          ? p.instant.errorTypes.map((s) => ({ type: s.labels.error_type ?? '?', count: s.value }))
          : Object.entries(perf?.errorTypes ?? {}).map(([type, count]) => ({ type, count })),
    },
    resources: resourceSamples(i, rng('cpu'), () => hist((x) => x.system?.cpuRatio)),
    alerts: { prometheus: p ? p.alerts : null, alertmanager: i.amAlerts, engine: i.engineAlerts, now: i.now },
  };
}

/** Prometheus' throughput while its counters are younger than the rate window; null once judgeable. */
function throughputWarmup(engineFigure: number | null, ageSeconds: number | null, windowSeconds: number) {
  if (engineFigure !== null || ageSeconds === null || ageSeconds >= windowSeconds) return null;
  return { ageSeconds, windowSeconds };
}

function driftSamples(p: PromPanelData | null, r: EngineReportDoc | null, engine: boolean): DriftSamples {
  const scores = p?.instant.driftScore ?? [];
  if (scores.length > 0) {
    const detected = new Map((p?.instant.driftDetected ?? []).map((s) => [s.labels.feature ?? '', s.value]));
    return {
      features: scores.map((s) => {
        const feature = s.labels.feature ?? '?';
        const d = detected.get(feature);
        return {
          feature,
          method: s.labels.method ?? '?',
          score: s.value,
          pValue: null,
          drifted: d === undefined ? null : d >= 1,
        };
      }),
      share: first(p?.instant.driftShare) ?? r?.drift?.driftedShare ?? null,
      prediction: predictionSamples(p, r),
    };
  }
  const d = r?.drift;
  return {
    prediction: predictionSamples(p, r),
    features: (d?.columns ?? []).map((c) => ({
      feature: c.column,
      method: c.method,
      score: c.score,
      pValue: c.pValue,
      drifted: c.drifted,
    })),
    share: d ? d.driftedShare : first(p?.instant.driftShare),
    ...(r?.driftNote
      ? { reason: r.driftNote }
      : r
        ? {}
        : engine
          ? { reason: 'no drift figures: the engine did not answer' }
          : { reason: 'no drift series in Prometheus, and no engine configured' }),
  };
}

/** Prediction drift: Prometheus' gauges first, the engine report for the rest (and the class shares). */
function predictionSamples(p: PromPanelData | null, r: EngineReportDoc | null): PredictionDriftSamples {
  const pd = r?.predictionDrift;
  const part = (name: string) => p?.instant.predictionDriftParts?.find((s) => s.labels.part === name)?.value;
  return {
    score: or(first(p?.instant.predictionDrift), pd?.score),
    classes: or(part('classes'), pd?.classes?.psi),
    confidence: or(part('confidence'), pd?.confidencePsi),
    shares: pd?.classes?.shares ?? [],
    note: pd?.note ?? (r ? null : 'no prediction drift figures: the engine did not answer'),
  };
}

function resourceSamples(i: ConsoleInputs, promCpu: number[], histCpu: () => number[]): ResourceSamples {
  const hosts: HostUsage[] = i.host ? [i.host] : [];
  const p = i.prom?.instant;
  const byInstance = new Map<string, HostUsage>();
  const put = (key: 'cpu' | 'memory' | 'disk' | 'gpu', samples: PromSample[] | undefined) => {
    for (const s of samples ?? []) {
      const host = s.labels.instance ?? 'engine';
      const h = byInstance.get(host) ?? { host, cpu: null, memory: null, disk: null, gpu: null };
      if (h[key] === null) h[key] = s.value;
      byInstance.set(host, h);
    }
  };
  // node-exporter first (the whole machine), then the engine's own gauges for what it lacks (GPU).
  put('cpu', p?.nodeCpu);
  put('memory', p?.nodeMemory);
  put('disk', p?.nodeDisk);
  put('cpu', p?.cpu);
  put('memory', p?.memory);
  put('disk', p?.disk);
  put('gpu', p?.gpu);
  // The engine's gauges as their alerts judge them (prom-queries.ts `held`): over `for`, null while
  // younger than it. Asked only with the levels' `for`; node-exporter's figures stay judged as they are.
  if (p && 'cpuHeld' in p) {
    const engineHosts = new Set(
      [p.cpu, p.memory, p.disk, p.gpu].flatMap((xs) => (xs ?? []).map((x) => x.labels.instance ?? 'engine')),
    );
    const heldOf = (key: string, host: string) =>
      p[key]?.find((x) => (x.labels.instance ?? 'engine') === host)?.value ?? null;
    for (const host of engineHosts) {
      const h = byInstance.get(host);
      if (!h) continue;
      const nodeKey = { cpu: 'nodeCpu', memory: 'nodeMemory', disk: 'nodeDisk' } as const;
      const fromNode = (k: keyof typeof nodeKey) =>
        (p[nodeKey[k]] ?? []).some((x) => x.labels.instance === host);
      h.judged = {
        cpu: fromNode('cpu') ? h.cpu : heldOf('cpuHeld', host),
        memory: fromNode('memory') ? h.memory : heldOf('memoryHeld', host),
        disk: fromNode('disk') ? h.disk : heldOf('diskHeld', host),
        gpu: heldOf('gpuHeld', host),
      };
    }
  }
  if (byInstance.size === 0 && i.report?.system && 'cpuRatio' in i.report.system) {
    const s = i.report.system;
    byInstance.set('engine', {
      host: 'engine',
      cpu: s.cpuRatio ?? null,
      memory: s.memoryRatio ?? null,
      disk: s.diskRatio ?? null,
      gpu: s.gpu?.utilizationRatio ?? null,
    });
  }
  hosts.push(...[...byInstance.values()].sort((a, b) => a.host.localeCompare(b.host)));
  return { hosts, cpuTrend: orSeries(promCpu, histCpu) };
}
