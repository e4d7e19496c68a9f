/** Writes the alert and recording rules as Prometheus rule files (YAML). */
import { Document } from 'yaml';
import type { AlertSpec } from './alert-specs.js';
import type { RecordingRule, RuleGroup } from './recording-rules.js';
import { num } from './series-notation.js';

/** Where a rule's runbook lives in this repo (DESIGN.md: every alert carries runbook_url and runbook). */
export function runbookUrl(id: string): string {
  return `runbooks/${id}.md`;
}

/** A rule's PromQL: the signal compared with the level. */
export function alertExpr(spec: AlertSpec): string {
  return `${spec.signal.expr} ${spec.op} ${num(spec.level)}`;
}

/** The rule as Prometheus reads it. */
export function alertRule(spec: AlertSpec) {
  return {
    alert: spec.alert,
    expr: alertExpr(spec),
    for: spec.for,
    labels: { severity: spec.severity, ...spec.labels },
    annotations: {
      summary: spec.summary,
      description: spec.description,
      runbook: spec.runbook,
      runbook_url: runbookUrl(spec.runbook),
    },
  };
}

/** Groups specs by their group, keeping the first-seen order. */
export function alertGroups(specs: readonly AlertSpec[]): RuleGroup<ReturnType<typeof alertRule>>[] {
  const groups = new Map<string, ReturnType<typeof alertRule>[]>();
  for (const s of specs) {
    const rules = groups.get(s.group) ?? groups.set(s.group, []).get(s.group)!;
    rules.push(alertRule(s));
  }
  return [...groups].map(([name, rules]) => ({ name, rules }));
}

/** The alert rules file. */
export function renderAlertRules(specs: readonly AlertSpec[], header: string): string {
  return yamlFile({ groups: alertGroups(specs) }, header);
}

/** The recording rules file. */
export function renderRecordingRules(groups: readonly RuleGroup<RecordingRule>[], header: string): string {
  return yamlFile({ groups }, header);
}

/** A YAML document with a comment block on top; long lines are never folded (diffs stay readable). */
export function yamlFile(value: unknown, header: string): string {
  const doc = new Document(value);
  doc.commentBefore = header
    .split('\n')
    .map((l) => (l ? ` ${l}` : ''))
    .join('\n');
  return doc.toString({ lineWidth: 0 });
}
