/**
 * The engine API documents as the console reads them. They mirror src/engine/report-types.ts and the
 * alerting room's AlertState; sources may import only config, so the shapes are restated here, every
 * field the console does not strictly need optional, so an older or newer engine still parses.
 */

/** A 0-1 ratio or a count; null when the engine had no data. */
type Num = number | null;

/** GET /api/v1/report (DESIGN.md "Engine HTTP contract"). */
export interface EngineReportDoc {
  evaluatedAt: string;
  window: { records: number; from: string | null; to: string | null };
  quality: {
    score: number;
    missingRatio: number;
    duplicateRows?: number;
    duplicateRatio: number;
    outlierRatio: number;
    issues?: Array<{ code: string; severity: string; column?: string; message: string }>;
  } | null;
  drift: {
    columns: Array<{
      column: string;
      method: string;
      statistic: number;
      pValue: number | null;
      score: number;
      threshold: number;
      drifted: boolean;
    }>;
    driftedShare: number;
    datasetDrift: boolean;
  } | null;
  /** Why `drift` is null (engines before this field: absent). */
  driftNote?: string | null;
  /** The model's outputs against the reference's (engines before this field: absent). */
  predictionDrift?: {
    /** The larger of the two PSIs; null with a `note` when not judged. */
    score: Num;
    rows?: number;
    classes?: { psi: number; shares: Array<{ label: string; reference: number; current: number }> } | null;
    confidencePsi?: Num;
    note?: string | null;
  };
  performance?: {
    accuracy?: Num;
    precision?: Num;
    recall?: Num;
    f1?: Num;
    degradation?: {
      status?: string;
      ratio?: Num;
      /** `source` (first-window, window, file) and `setAt` (epoch ms): where it came from and when. */
      baseline?: {
        accuracy: number;
        precision: number;
        recall: number;
        f1: number;
        source?: string;
        setAt?: number;
      } | null;
    };
    records?: number;
    errors?: number;
    errorRatio?: Num;
    latency?: { count?: number; mean?: Num; p50?: Num; p95?: Num; p99?: Num };
    throughput?: Num;
    spreadCompliance?: Num;
    /** The model service's queue from its newest record (queue_depth / queue_capacity); null: not reported. */
    queue?: { depth: number; capacity: number; utilization: number; at?: string } | null;
    /** Failed predictions by error type, when the engine reports them. */
    errorTypes?: Record<string, number>;
  };
  system?: {
    cpuRatio?: Num;
    memoryRatio?: Num;
    diskRatio?: Num;
    gpu?: { utilizationRatio: number; memoryRatio: Num; name: string } | null;
    health?: { status: string; issues?: string[] } | null;
  };
  status?: {
    overall: 'ok' | 'warning' | 'critical';
    breaches?: Array<{ alert: string; labels: Record<string, string>; severity: string; value: Num }>;
  };
}

/** One engine alert (the alerting room's AlertState, times epoch ms). */
export interface EngineAlertDoc {
  name: string;
  labels: Record<string, string>;
  annotations?: { summary?: string; description?: string; runbook?: string };
  state: 'inactive' | 'pending' | 'firing' | 'resolved';
  severity: 'warning' | 'critical' | null;
  value: Num;
  activeAt: Num;
  firedAt?: Num;
  /** Ids of the engine silences (and acks) muting it. */
  silencedBy?: string[];
}

/** GET /alerts. */
export interface EngineAlertsDoc {
  alerts: EngineAlertDoc[];
  history: Array<{ ts: number; name: string; from: string; to: string; severity: string | null }>;
}

/** GET /health (200 healthy, 503 unhealthy, both with this body). */
export interface EngineHealthDoc {
  status: 'healthy' | 'unhealthy';
  checks: Record<string, { status: string; message: string }>;
}
