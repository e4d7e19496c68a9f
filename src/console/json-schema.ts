/**
 * The schemas of `mmops status --json` and `mmops alerts --json`: figures as numbers with their unit,
 * level and levels, never display strings. The test holds real output to them, and the README's schema
 * (docs/status-json.schema.json) is generated from them (`z.toJSONSchema`), so code, test and docs agree.
 */
import { z } from 'zod';

/** A state as monitor's one level judge gives it. */
export const levelSchema = z
  .enum(['ok', 'warning', 'critical', 'unknown'])
  .describe('ok | warning | critical | unknown (no judgeable value: absent, NaN or stale)');

/** The unit of a figure. */
export const unitSchema = z
  .enum(['ratio', 'seconds', 'per_second', 'count', 'score'])
  .describe(
    'ratio: 0-1 (0.979 is 97.9 %); seconds; per_second: events a second; count; score: unitless (PSI)',
  );

const direction = z.enum(['above', 'below']).describe('the bad side: above (latency) or below (accuracy)');

/** One key figure of a panel. */
export const figureSchema = z.strictObject({
  value: z.number().nullable().describe('the figure; null when there is no data'),
  unit: unitSchema,
  level: levelSchema,
  warning: z.number().optional().describe('the warning level it is judged against, when it has one'),
  critical: z.number().optional().describe('the critical level'),
  direction: direction.optional(),
  labels: z
    .record(z.string(), z.string())
    .optional()
    .describe('what the figure is of, when it names something: {"model": "m1"}, {"host": "..."}'),
  text: z.string().describe('the figure as the console shows it ("97.9%"): for people, not for parsing'),
});

/** How one source answered. */
export const sourceSchema = z.strictObject({
  url: z.string().nullable().describe('null when not configured'),
  configured: z
    .boolean()
    .describe('false: nobody configured it (no engine beside Prometheus); not a failure'),
  ok: z.boolean().describe('true when it answered'),
  state: z.enum(['ok', 'not-configured', 'unreachable', 'timeout', 'http', 'bad-response']),
  error: z.string().optional(),
  kind: z.enum(['unreachable', 'timeout', 'http', 'bad-response']).optional(),
});

const sources = z.strictObject({
  prometheus: sourceSchema,
  alertmanager: sourceSchema,
  engine: sourceSchema,
});

const cell = z.strictObject({ value: z.number().nullable(), level: levelSchema });
const num = z.number().nullable();

/** The panels' table rows as data, by panel. */
export const rowSchemas = {
  drift: z.strictObject({
    feature: z.string(),
    method: z.string(),
    score: num.describe('the p-value for tests, the distance otherwise'),
    pValue: num,
    drifted: z.boolean().nullable(),
  }),
  performance: z.strictObject({
    metric: z.enum(['accuracy', 'precision', 'recall', 'f1']),
    current: num,
    reference: num,
    delta: num.describe('current - reference, as a ratio (-0.021 is 2.1 points down)'),
  }),
  errors: z.strictObject({ errorType: z.string(), count: z.number() }),
  resources: z.strictObject({ host: z.string(), cpu: cell, memory: cell, disk: cell, gpu: cell }),
} as const;

const panelFields = {
  state: levelSchema,
  stats: z.record(z.string(), figureSchema).describe('the key figures by label'),
  note: z.string().optional(),
};
const panel = () => z.strictObject(panelFields);
const tablePanel = <R extends z.ZodType>(rows: R) => z.strictObject({ ...panelFields, rows: z.array(rows) });

/** One merged alert. */
export const alertSchema = z.strictObject({
  key: z.string(),
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  severity: z.string().describe('warning | critical (or what the rule says)'),
  state: z.enum(['firing', 'pending', 'silenced', 'inhibited']),
  since: z.string().nullable().describe('ISO 8601, when it became active'),
  activeSeconds: z.number().nullable(),
  value: z.number().nullable().describe('the value the rule judged (Prometheus, the engine)'),
  unit: unitSchema.nullable().describe('null for a value without one (a state, a drift distance)'),
  warning: z.number().nullable().describe("the rule's warning level, from the config"),
  critical: z.number().nullable(),
  direction: direction.nullable(),
  sources: z.array(z.enum(['prometheus', 'alertmanager', 'engine'])),
  summary: z.string(),
  runbook: z.string().nullable(),
});

/** `mmops status --json`. */
export const statusDocSchema = z.strictObject({
  at: z.string().describe('ISO 8601'),
  overall: levelSchema,
  exitCode: z.number().int().describe('0 ok, 1 a finding, 3 a configured source unreachable'),
  sources,
  panels: z.strictObject({
    quality: panel(),
    drift: tablePanel(rowSchemas.drift),
    performance: tablePanel(rowSchemas.performance),
    latency: panel(),
    throughput: panel(),
    errors: tablePanel(rowSchemas.errors),
    resources: tablePanel(rowSchemas.resources),
  }),
  alerts: z.array(alertSchema),
});

const ack = z.strictObject({
  by: z.string(),
  at: z.string(),
  comment: z.string(),
  endsAt: z.string(),
  id: z.string(),
  target: z.enum(['alertmanager', 'engine']),
});

/** `mmops alerts --json`. */
export const alertsDocSchema = z.strictObject({
  at: z.string(),
  state: levelSchema,
  exitCode: z.number().int(),
  sources,
  alerts: z.array(alertSchema.extend({ ack: ack.nullable() })),
});

/** The documents' types. */
export type StatusDoc = z.infer<typeof statusDocSchema>;
export type AlertDoc = z.infer<typeof alertSchema>;
