/** The shape of GET /api/v1/report: the latest evaluation (DESIGN.md "Engine HTTP contract"). */
import type { Severity } from '../alerting/index.js';
import type { DriftReport, LatencySummary, PredictionDrift, QualityReport } from '../monitor/index.js';
import type { SystemHealth, SystemSnapshot } from './system/index.js';
import type { ScoredPerformance } from './window-performance.js';

/** Latency, throughput, errors and spreads over the window (base units, 0-1 ratios). */
export interface OperationalFigures {
  records: number;
  errors: number;
  errorRatio: number | null;
  /** Seconds: count, mean, p50, p95, p99. */
  latency: LatencySummary;
  /** Predictions per second received since the previous evaluation. */
  throughput: number | null;
  spreadChecked: number;
  spreadCompliance: number | null;
  /**
   * The model service's request queue from the newest record that reported it (queue_depth,
   * queue_capacity); utilization = depth / capacity. null when no record in the window carried it.
   */
  queue: { depth: number; capacity: number; utilization: number; at: string } | null;
}

/** The overall state: the worst severity any rule sees in this evaluation, and the rules that see one. */
export interface ReportStatus {
  overall: 'ok' | Severity;
  breaches: { alert: string; labels: Record<string, string>; severity: Severity; value: number | null }[];
}

/** The latest evaluation. */
export interface EngineReport {
  evaluatedAt: string;
  /** droppedFeatureValues: values whose feature name found no place (engine.window.max_features). */
  window: { records: number; from: string | null; to: string | null; droppedFeatureValues: number };
  /** The `check quality --json` document for the window's features; null for an empty window. */
  quality: QualityReport | null;
  /** The `check drift --json` document; null without a reference or records. */
  drift: DriftReport | null;
  /** Why `drift` is null, for people: "no reference loaded", "warming up: 40 of 100 records". */
  driftNote: string | null;
  performance: ScoredPerformance & OperationalFigures;
  /**
   * The drift of the model's outputs against the reference's (class-share PSI, confidence PSI, the larger as
   * `score`), the market-maker guide's model_drift; `score` is null with a `note` when it cannot be judged.
   */
  predictionDrift: PredictionDrift;
  system: (SystemSnapshot & { health: SystemHealth }) | { health: null };
  status: ReportStatus;
  /** The reference in use: its size; null when none was given. */
  reference: { rows: number; columns: number } | null;
}
