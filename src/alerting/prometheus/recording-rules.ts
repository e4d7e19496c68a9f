/**
 * The market-maker guide's metric table as Prometheus recording rules, named level:metric:operations
 * (https://prometheus.io/docs/practices/rules/): the alerts and the dashboard read the same numbers.
 */

/** A recording rule. */
export interface RecordingRule {
  record: string;
  expr: string;
}

/** A named group of rules, as rule files hold them. */
export interface RuleGroup<R> {
  name: string;
  rules: R[];
}

/**
 * The default window every rate and quantile is taken over: 20 scrapes at the guide's 15 s. Config
 * `alerting.rate_window` changes it (the demo uses 1m, so an alert clears soon after its fault); the
 * recorded series' names carry it (`..._rate5m`), as the Prometheus naming practice asks.
 */
export const RATE_WINDOW = '5m';

/** The quantiles recorded for latency: the dashboard's p50/p95/p99; the alert reads p95. */
export const QUANTILES = [0.5, 0.95, 0.99] as const;

/** The recorded series' names for a metric prefix. */
export function recordNames(prefix: string, w: string = RATE_WINDOW) {
  return {
    /** histogram_quantile(q) of the latency histogram, summed over models: `level` is job or job_model. */
    latency: (q: number, level: 'job' | 'job_model' = 'job') =>
      `${level}:${prefix}_prediction_duration_seconds:p${Math.round(q * 100)}_rate${w}`,
    throughput: (level: 'job' | 'job_model' = 'job') => `${level}:${prefix}_predictions:rate${w}`,
    errors: (level: 'job' | 'job_model' = 'job') => `${level}:${prefix}_prediction_errors:rate${w}`,
    errorRatio: (level: 'job' | 'job_model' = 'job') => `${level}:${prefix}_prediction_errors:ratio_rate${w}`,
  };
}

/** The recorded node-exporter series (names as the node-exporter mixin spells them). */
export function nodeRecords(w: string = RATE_WINDOW) {
  return {
    cpu: `instance:node_cpu_utilisation:rate${w}`,
    memory: 'instance:node_memory_utilisation:ratio',
    disk: 'instance_mountpoint:node_filesystem_utilisation:ratio',
  } as const;
}

/** The recorded node-exporter series at the default window. */
export const NODE_RECORDS = nodeRecords();

/** Filesystems that are not disks: memory-backed, container layers, read-only images. */
export const NON_DISK_FSTYPES = 'tmpfs|ramfs|devtmpfs|overlay|squashfs|nsfs|fuse.lxcfs|autofs';

/** Every recording rule, in the order each group evaluates them (later rules read earlier ones). */
export function recordingRules(prefix: string, w: string = RATE_WINDOW): RuleGroup<RecordingRule>[] {
  const n = recordNames(prefix, w);
  const NODE_RECORDS = nodeRecords(w);
  const bucket = `${prefix}_prediction_duration_seconds_bucket`;
  const levels = [
    ['job', 'job'],
    ['job_model', 'job, model'],
  ] as const;
  const engine: RecordingRule[] = [];
  for (const [level, by] of levels) {
    // The guide's "prediction_latency_ms > 100" was an average: quantiles of the histogram instead.
    for (const q of QUANTILES) {
      engine.push({
        record: n.latency(q, level),
        expr: `histogram_quantile(${q}, sum by (${by}, le) (rate(${bucket}[${w}])))`,
      });
    }
    engine.push(
      { record: n.throughput(level), expr: `sum by (${by}) (rate(${prefix}_predictions_total[${w}]))` },
      { record: n.errors(level), expr: `sum by (${by}) (rate(${prefix}_prediction_errors_total[${w}]))` },
      // The guide's error_rate gauge, computed from the two counters: failed / all predictions.
      { record: n.errorRatio(level), expr: `${n.errors(level)} / ${n.throughput(level)}` },
    );
  }
  const disk = `fstype!~"${NON_DISK_FSTYPES}"`;
  const node: RecordingRule[] = [
    {
      record: NODE_RECORDS.cpu,
      expr: `1 - avg by (instance, job) (rate(node_cpu_seconds_total{mode="idle"}[${w}]))`,
    },
    {
      record: NODE_RECORDS.memory,
      expr: '1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes',
    },
    {
      record: NODE_RECORDS.disk,
      expr: `1 - node_filesystem_avail_bytes{${disk}} / node_filesystem_size_bytes{${disk}}`,
    },
  ];
  return [
    { name: `${prefix}_recording`, rules: engine },
    { name: 'node_recording', rules: node },
  ];
}
