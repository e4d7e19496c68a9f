/** promql steps: one instant query through the PromQuery function passed in, judged on every series. */
import { judge, num } from '../judge.js';
import { noAnswer } from '../unreachable.js';
import type { KindResult, PromSample, StepKind } from './types.js';

/** `{a="1", b="2"}`, or '' for a series without labels. */
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
      const reason = `query failed: ${(err as Error).message}`;
      return { status: 'FAIL', reason, stdout: '', stderr: reason };
    }
    const stdout = seriesText(samples);
    if (stdout) ctx.onOutput(`${stdout}\n`, 'stdout');
    const values = samples.map((s) => ({ label: seriesLabel(s.labels), value: s.value }));
    const v = judge(step.action!.attrs.expect ?? {}, { values, rows: samples.length, text: stdout });
    return { ...v, stdout, stderr: '' };
  },
};
