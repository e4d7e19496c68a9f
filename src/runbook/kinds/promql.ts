/** promql steps: one instant query through the PromQuery function passed in, judged on every series. */
import { judge } from '../judge.js';
import { decodeUrls, num, rowNames, seriesNames, unitOfQuery } from '../reason-text.js';
import { noAnswer } from '../unreachable.js';
import type { KindResult, PromSample, StepKind } from './types.js';

/** `{a="1", b="2"}`, or '' for a series without labels: the raw form, for the step's output. */
export function seriesLabel(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return parts.length ? `{${parts.join(', ')}}` : '';
}

/** The series as text, one `labels value` a line. */
export function seriesText(samples: PromSample[]): string {
  return samples.map((s) => `${seriesLabel(s.labels) || '(value)'} ${num(s.value)}`).join('\n');
}

/** The PromQL step kind. */
export const promqlKind: StepKind = {
  async run(step, ctx): Promise<KindResult> {
    const query = step.action!.code.trim();
    if (!ctx.deps.promQuery) {
      return { status: 'SKIPPED', reason: 'no Prometheus configured', stdout: '', stderr: '' };
    }
    let samples: PromSample[];
    try {
      samples = await ctx.deps.promQuery(query, { timeoutMs: ctx.timeoutMs });
    } catch (err) {
      // No answer is judged by `expect.unreachable`; an answer that is an error (bad query) FAILs.
      const why = noAnswer(err);
      if (why !== undefined) {
        const v = judge(step.action!.attrs.expect ?? {}, { unreachable: `Prometheus: ${why}` });
        return { ...v, stdout: '', stderr: `${v.reason}\n` };
      }
      const reason = `query failed: ${decodeUrls((err as Error).message)}`;
      return { status: 'FAIL', reason, stdout: '', stderr: reason };
    }
    const stdout = seriesText(samples);
    if (stdout) ctx.onOutput(`${stdout}\n`, 'stdout');
    // The reason names each series for people (model=xgb_v2) in the metric's unit; `values` keeps them raw.
    const names = seriesNames(samples.map((s) => s.labels));
    const values = samples.map((s, i) => ({ label: names[i]!, value: s.value }));
    const expect = step.action!.attrs.expect ?? {};
    const unit = expect.unit ?? unitOfQuery(query);
    const rowNames_ = samples.length ? { rowNames: rowNames(samples.map((s) => s.labels)) } : {};
    const v = judge(expect, { values, rows: samples.length, text: stdout, unit, ...rowNames_ });
    const raw = samples.map((s) => ({ value: s.value, labels: s.labels }));
    return { ...v, stdout, stderr: '', values: raw, ...(unit === 'none' ? {} : { unit }) };
  },
};
