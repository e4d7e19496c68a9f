/**
 * The console's AlertContext, wired here because it reads rooms the console may not: Alertmanager's running
 * configuration (its route's group_by and inhibit rules, alert-detail.ts's reading of them), falling back to
 * the alertmanager.yml mmops ships; and the engine's alert rules with monitor's one level judge.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertSpecs, rulesFromConfig } from '../alerting/index.js';
import type { Config } from '../config/index.js';
import { type AlertContext, routeGrouping } from '../console/index.js';
import { judge, levelOp } from '../monitor/index.js';
import { createAlertmanagerClient } from '../sources/index.js';
import { inhibitingRule, inhibitRules } from './alert-detail.js';
import { specsOf } from './alert-levels.js';
import { PACKAGE_ROOT } from './package-info.js';

/** The alertmanager.yml shipped with mmops (the demo and compose run it). */
export const SHIPPED_ALERTMANAGER_YML = join(PACKAGE_ROOT, 'prometheus', 'alertmanager.yml');

/** The context over `config`. */
export function consoleAlertContext(config: Config, shipped = SHIPPED_ALERTMANAGER_YML): AlertContext {
  const rules = rulesFromConfig(config);
  const specs = alertSpecs(config, {});
  return {
    async route() {
      const am = createAlertmanagerClient({
        url: config.sources.alertmanager_url,
        timeoutMs: config.sources.timeout_seconds * 1000,
      });
      const r = await am.configYaml();
      let yaml: string;
      let from: string;
      let note: string | null = null;
      if (r.ok) {
        yaml = r.data;
        from = 'Alertmanager route';
      } else {
        // Alertmanager down: its configuration is most likely the one mmops ships (the demo's, compose's)
        yaml = readFileSync(shipped, 'utf8');
        from = 'shipped alertmanager.yml';
        note = `alertmanager: ${r.error}; grouping and inhibit rules from ${shipped}`;
      }
      const inhibit = inhibitRules(yaml);
      return {
        grouping: routeGrouping(yaml, from),
        inhibitRule: (source, target) => inhibitingRule(inhibit, source, target)?.text ?? null,
        note,
      };
    },
    level(name, labels, value) {
      const rule = rules.find(
        (x) => x.name === name && Object.entries(x.labels ?? {}).every(([k, v]) => labels[k] === v),
      );
      if (!rule) return specLevel(specs, name, labels, value);
      const state = value === null ? 'unknown' : judge(value, rule);
      return `${state}: warning ${levelOp(rule, 'warning')} ${rule.warning}, critical ${levelOp(rule, 'critical')} ${rule.critical}, for ${rule.forSeconds}s (${rule.metric})`;
    },
  };
}

/**
 * An alert only Prometheus raises (ModelDrift per feature, EngineDown): its levels from the alert specs the
 * Prometheus rules are rendered from, one spec per severity, each with its own comparison.
 */
function specLevel(
  specs: ReturnType<typeof alertSpecs>,
  name: string,
  labels: Readonly<Record<string, string>>,
  value: number | null,
): string | null {
  const mine = specsOf(specs, name, labels);
  if (mine.length === 0) return null;
  const critical = mine.find((s) => s.severity === 'critical');
  const warning = mine.find((s) => s.severity === 'warning');
  const first = (critical ?? warning)!;
  // `up == 0` (EngineDown) has no levels to judge a value against: say the rule, not a verdict
  if (first.op === '==') return `fires when ${first.op} ${first.level} (Prometheus rule)`;
  const direction = first.op.startsWith('>') ? 'above' : 'below';
  // a severity the rule does not have is never reached: monitor's one judge does the rest
  const never = direction === 'above' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  const state = judge(value, {
    warning: warning?.level ?? never,
    critical: critical?.level ?? never,
    direction,
    inclusive: { warning: warning?.op.endsWith('=') ?? false, critical: critical?.op.endsWith('=') ?? false },
  });
  const parts = [warning, critical]
    .filter((s): s is NonNullable<typeof s> => s !== undefined)
    .map((s) => `${s.severity} ${s.op} ${s.level}`);
  return `${state}: ${parts.join(', ')} (Prometheus rule)`;
}
