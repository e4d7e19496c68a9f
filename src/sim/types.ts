/** The wire shapes the demo model service sends to the engine (DESIGN.md "Engine HTTP contract"). */
import type { Features } from './features.js';
import type { Action, ErrorType } from './model.js';

/** One prediction record, as POSTed to /api/v1/predictions. The `actual` travels separately, later. */
export interface SimRecord {
  id: string;
  /** ISO-8601 UTC. */
  ts: string;
  model: string;
  asset_class: string;
  features: Features;
  /** Absent on a failed prediction. */
  prediction?: Action;
  confidence?: number;
  latency_seconds: number;
  error?: ErrorType;
  /** Quoted spread and its limit, in basis points; absent on a failed prediction. */
  spread?: number;
  spread_limit?: number;
  /** The service's request queue when this request arrived: requests waiting (itself included), and the most it holds. */
  queue_depth?: number;
  queue_capacity?: number;
}

/** A record and its ground truth, before they part ways. */
export interface Generated {
  record: SimRecord;
  actual: Action;
}

/** Ground truth as POSTed to /api/v1/actuals. */
export interface SimActual {
  id: string;
  actual: Action;
}
