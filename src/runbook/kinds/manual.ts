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
    // an operator who skips a manual step did not do it: the run is incomplete (unattended skips are by design)
    const unjudged = status === 'SKIPPED' ? { unjudged: 'by the operator' as const } : {};
    return { status, reason, stdout: '', stderr: '', ...(note ? { note } : {}), ...unjudged };
  },
};
