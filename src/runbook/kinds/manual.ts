/** Steps without an action: the operator does them and confirms, or records a note. */
import type { KindResult, StepKind } from './types.js';

/** The manual step kind. */
export const manualKind: StepKind = {
  async run(step, ctx): Promise<KindResult> {
    if (!ctx.operator.attended) {
      return { status: 'SKIPPED', reason: 'manual step, unattended run', stdout: '', stderr: '' };
    }
    const { status, note } = await ctx.operator.manual(step);
    const reason = note
      ? `operator: ${note}`
      : status === 'PASS'
        ? 'done by the operator'
        : `operator: ${status}`;
    return { status, reason, stdout: '', stderr: '', ...(note ? { note } : {}) };
  },
};
