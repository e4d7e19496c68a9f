/** A family of alert rules: one alert name on one signal, with its warning and/or critical levels. */
import { type Levels, levelOp } from '../../monitor/index.js';
import type { Severity } from '../types.js';
import type { Labels } from './series-notation.js';
import type { Signal } from './signals.js';

/** A comparison of a signal with a level. */
export type Op = '>' | '<' | '>=' | '<=' | '==';

/** One level of a family; `labels` tell apart rules of one name and severity. */
export type Level = { severity: Severity; op: Op; level: number; labels?: Labels };

/** The rules of one alert name on one signal. */
export type Family = {
  group: string;
  alert: string;
  signal: Signal;
  for: string;
  runbook: string;
  summary: string;
  /** What is measured, for the description: "p95 prediction latency of job {{ $labels.job }}". */
  subject: string;
  levels: Level[];
  /** A description of its own, given the `for` text; otherwise one is built from subject and level. */
  description?: (forText: string) => string;
};

/** Warning and critical levels of one level of the book, compared as the one judge compares them. */
export function pair(t: Levels, labels?: Labels): Level[] {
  return (['warning', 'critical'] as const).map((severity) => ({
    severity,
    op: levelOp(t, severity),
    level: t[severity],
    ...(labels ? { labels } : {}),
  }));
}
