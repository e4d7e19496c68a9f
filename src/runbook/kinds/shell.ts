/** sh/bash steps: `bash -c <the runbook's own code>`; params and labels arrive only as environment variables. */
import { resolve } from 'node:path';
import { expandHome } from '../../config/index.js';
import { judge, type Observed } from '../judge.js';
import type { KindResult, StepKind } from './types.js';

const NUMERIC = ['below', 'above', 'atMost', 'atLeast', 'equals', 'warnAbove', 'warnBelow'] as const;

/** The shell step kind. */
export const shellKind: StepKind = {
  async run(step, ctx): Promise<KindResult> {
    const action = step.action!;
    const { attrs } = action;
    const cwd = attrs.cwd ? resolve(expandHome(attrs.cwd)) : undefined;
    if (attrs.interactive && !ctx.operator.attended) {
      return { status: 'SKIPPED', reason: 'interactive step, unattended run', stdout: '', stderr: '' };
    }
    if (attrs.interactive && ctx.operator.interactive === false) {
      const reason = `interactive step: run it in a shell: ${action.code.trim()}`;
      return { status: 'SKIPPED', reason, stdout: '', stderr: '' };
    }
    if (attrs.background) {
      const bg = ctx.deps.spawnBackground(action.code, { env: ctx.env, ...(cwd ? { cwd } : {}) });
      ctx.onBackground(bg.stop);
      return { status: 'PASS', reason: `started in the background (pid ${bg.pid})`, stdout: '', stderr: '' };
    }
    const r = await ctx.deps.spawn(action.code, {
      env: ctx.env,
      ...(cwd ? { cwd } : {}),
      timeoutMs: ctx.timeoutMs,
      onOutput: ctx.onOutput,
      outputCap: ctx.outputCap,
      ...(attrs.interactive ? { interactive: true } : {}),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    const base = {
      stdout: r.stdout,
      stderr: r.stderr,
      ...(r.exitCode === null ? {} : { exitCode: r.exitCode }),
    };
    if (r.timedOut) return { ...base, status: 'FAIL', reason: `timed out after ${ctx.timeoutMs / 1000}s` };
    // stopped by the operator (Ctrl-C, closing the walkthrough): nothing was judged, the run is incomplete
    if (ctx.signal?.aborted)
      return { ...base, status: 'SKIPPED', reason: 'aborted', unjudged: 'by the operator' };
    if (r.error) return { ...base, status: 'FAIL', reason: r.error };
    if (r.exitCode === null)
      return { ...base, status: 'FAIL', reason: `killed by ${r.signal ?? 'a signal'}` };
    const expect = attrs.expect ?? {};
    const obs: Observed = { exitCode: r.exitCode, stderr: r.stderr, text: r.stdout };
    if (NUMERIC.some((k) => expect[k] !== undefined)) {
      // the value is the last non-empty stdout line: `df ... | awk ...`, `grep -c`, `nproc`; a script
      // that has nothing to measure (an empty log) prints NaN, which the judge reads as "no data"
      const last = r.stdout.trimEnd().split('\n').pop()?.trim() ?? '';
      const n = last === '' ? Number.NaN : Number(last);
      obs.values = [{ label: '', value: Number.isFinite(n) || last === 'NaN' ? n : null }];
    }
    const v = judge(expect, obs);
    const raw = obs.values?.map((x) => ({ value: x.value }));
    return { ...base, ...v, ...(raw ? { values: raw } : {}), ...(expect.unit ? { unit: expect.unit } : {}) };
  },
};
