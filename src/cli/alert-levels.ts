/**
 * Each alert's unit and levels for the JSON of `status` and `alerts`: read from the same alert specs the
 * Prometheus rules are rendered from (alerting/prometheus), so a script sees the levels the rule compares.
 */
import { alertSpecs } from '../alerting/index.js';
import type { Config } from '../config/index.js';
import type { AlertLevelLookup, AlertLevels } from '../console/index.js';

// How a rule's description prints its value says what the value is.
const UNIT = { duration: 'seconds', percent: 'ratio', rate: 'per_second', plain: null } as const;

type Spec = ReturnType<typeof alertSpecs>[number];

/** The specs of the alert's name whose static labels the alert carries (a `source`, a `resource`). */
export function specsOf(
  specs: readonly Spec[],
  name: string,
  labels: Readonly<Record<string, string>>,
): Spec[] {
  return specs.filter(
    (s) =>
      s.alert === name &&
      Object.entries(s.labels).every(([k, v]) => labels[k] === undefined || labels[k] === v),
  );
}

/** The lookup over the alert's specs (specsOf). */
export function alertLevelLookup(config: Config): AlertLevelLookup {
  const specs = alertSpecs(config, {});
  return (name, labels) => {
    const mine = specsOf(specs, name, labels);
    if (mine.length === 0) return null;
    const warning = mine.find((s) => s.severity === 'warning');
    const critical = mine.find((s) => s.severity === 'critical');
    const op = (critical ?? warning)!.op;
    const out: AlertLevels = {
      unit: UNIT[(critical ?? warning)!.signal.format],
      warning: warning?.level ?? null,
      critical: critical?.level ?? null,
      direction: op === '>' || op === '>=' ? 'above' : op === '<' || op === '<=' ? 'below' : null,
    };
    return out;
  };
}
