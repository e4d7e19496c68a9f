/** StoreLagging: the prediction store has fallen behind the engine's event log. */
import type { Config } from '../../config/index.js';
import { RUNBOOK } from '../keys.js';
import { type Family, pair } from './family.js';
import { gauge, UNBOUNDED } from './signals.js';

/**
 * The oldest record not yet in PostgreSQL against storage.lag_seconds. Only an engine with a store exports
 * the gauge, so without one the rule matches nothing and stays quiet.
 */
export function store(config: Config): Family[] {
  const row = config.storage.lag_seconds;
  return [
    {
      group: 'market_master_store',
      alert: 'StoreLagging',
      signal: { ...gauge(`${config.metrics.prefix}_store_lag_seconds`, {}, 'duration'), range: UNBOUNDED },
      for: row.for,
      runbook: RUNBOOK.store,
      summary: 'The prediction store is behind the event log',
      subject: 'The oldest record of {{ $labels.instance }} not yet in PostgreSQL',
      levels: pair(row),
    },
  ];
}
