/**
 * A model service instrumented the way the market-master guide's prometheus_client code does it: the
 * guide's metric names, its own labels (`model_name`, `asset_class`, `data_source`) instead of the
 * engine's, no engine anywhere. A real HTTP server whose counters grow with the clock, so Prometheus'
 * rate() and histogram_quantile() see a live service.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Its steady figures: what the panels must show. */
export const GUIDE_SERVICE = {
  /** Predictions a second, per model. */
  rates: { 'momentum-v2': 12, 'meanrev-v1': 8 },
  /** Failed predictions a second (momentum-v2, error_type="timeout"): 1 % of 20/s. */
  errorRate: 0.2,
  quality: 0.95,
  accuracy: { 'momentum-v2': 0.91, 'meanrev-v1': 0.88 },
  cpu: 0.35,
  memory: 0.6,
  disk: 0.4,
  /** Cumulative share of predictions at or under each bucket's upper bound, seconds. */
  buckets: [
    [0.025, 0.4],
    [0.05, 0.8],
    [0.1, 0.97],
    [0.25, 1],
  ] as const,
} as const;

/** p95 as Prometheus interpolates it inside the (0.05, 0.1] bucket: 0.05 + (0.95-0.8)/(0.97-0.8) * 0.05. */
export const EXPECTED_P95 = 0.05 + ((0.95 - 0.8) / (0.97 - 0.8)) * 0.05;

export interface GuideService {
  url: string;
  /** host:port, as Prometheus' `instance` label names it. */
  target: string;
  close(): Promise<void>;
}

/** The exposition at `now` (epoch seconds) for a process started at `start`. */
export function exposition(start: number, now: number): string {
  const t = now - start;
  const s = GUIDE_SERVICE;
  const lines: string[] = [];
  const family = (name: string, type: string, help: string) =>
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  family('process_start_time_seconds', 'gauge', 'Start time of the process since unix epoch in seconds.');
  lines.push(`process_start_time_seconds ${start}`);
  family('market_master_predictions_total', 'counter', 'Total number of predictions');
  const asset = { 'momentum-v2': 'equity', 'meanrev-v1': 'fx' } as const;
  for (const [m, r] of Object.entries(s.rates))
    lines.push(
      `market_master_predictions_total{model_name="${m}",asset_class="${asset[m as keyof typeof asset]}"} ${r * t}`,
    );
  family('market_master_prediction_errors_total', 'counter', 'Failed predictions');
  lines.push(
    `market_master_prediction_errors_total{model_name="momentum-v2",error_type="timeout"} ${s.errorRate * t}`,
  );
  family('market_master_prediction_duration_seconds', 'histogram', 'Prediction duration in seconds');
  for (const [m, r] of Object.entries(s.rates)) {
    const n = r * t;
    for (const [le, share] of s.buckets)
      lines.push(
        `market_master_prediction_duration_seconds_bucket{model_name="${m}",le="${le}"} ${n * share}`,
      );
    lines.push(`market_master_prediction_duration_seconds_bucket{model_name="${m}",le="+Inf"} ${n}`);
    lines.push(`market_master_prediction_duration_seconds_sum{model_name="${m}"} ${n * 0.04}`);
    lines.push(`market_master_prediction_duration_seconds_count{model_name="${m}"} ${n}`);
  }
  const gauge = (name: string, help: string, series: Array<[string, number]>) => {
    family(name, 'gauge', help);
    for (const [labels, v] of series) lines.push(`${name}${labels} ${v}`);
  };
  const src = '{data_source="market_data"}';
  gauge('market_master_data_quality_score', 'Data quality score (0-1)', [[src, s.quality]]);
  gauge('market_master_data_missing_ratio', 'Missing values', [[src, 0.01]]);
  gauge('market_master_data_duplicate_ratio', 'Duplicate rows', [[src, 0.002]]);
  gauge('market_master_data_outlier_ratio', 'Outliers', [[src, 0.03]]);
  gauge('market_master_feature_drift_score', 'Drift score per feature', [
    ['{data_source="market_data",feature="close",method="ks"}', 0.42],
    ['{data_source="market_data",feature="volume",method="psi"}', 0.04],
  ]);
  gauge('market_master_feature_drift_detected', 'Drift detected per feature', [
    ['{data_source="market_data",feature="close"}', 0],
    ['{data_source="market_data",feature="volume"}', 0],
  ]);
  gauge('market_master_dataset_drift_share_ratio', 'Share of drifted features', [[src, 0]]);
  const byModel = (v: (m: keyof typeof s.accuracy) => number): Array<[string, number]> =>
    (Object.keys(s.accuracy) as Array<keyof typeof s.accuracy>).map((m) => [`{model_name="${m}"}`, v(m)]);
  gauge(
    'market_master_model_accuracy',
    'Model accuracy score',
    byModel((m) => s.accuracy[m]),
  );
  gauge(
    'market_master_model_precision',
    'Weighted precision',
    byModel((m) => s.accuracy[m] - 0.01),
  );
  gauge(
    'market_master_model_recall',
    'Weighted recall',
    byModel((m) => s.accuracy[m] - 0.02),
  );
  gauge(
    'market_master_model_f1_score',
    'Weighted F1',
    byModel((m) => s.accuracy[m] - 0.015),
  );
  gauge(
    'market_master_model_degradation_ratio',
    'Drop against the baseline',
    byModel(() => 0.02),
  );
  const host = '{host_role="inference"}';
  gauge('market_master_system_cpu_utilization_ratio', 'CPU', [[host, s.cpu]]);
  gauge('market_master_system_memory_utilization_ratio', 'Memory', [[host, s.memory]]);
  gauge('market_master_system_disk_utilization_ratio', 'Disk', [[host, s.disk]]);
  return `${lines.join('\n')}\n`;
}

/** Starts the service on a free loopback port; its process "started" an hour ago (past every rate window). */
export async function startGuideService(): Promise<GuideService> {
  const start = Math.floor(Date.now() / 1000) - 3600;
  const server = createServer((req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end('not found\n');
    res
      .writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
      .end(exposition(start, Date.now() / 1000));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    target: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
