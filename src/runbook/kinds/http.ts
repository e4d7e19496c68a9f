/** http steps: the block's request with MMOPS_* variables substituted, judged on status and body. */
import { parseHttpBlock, resolveHttpBlock } from '../http-block.js';
import { judge } from '../judge.js';
import { capText } from '../output.js';
import type { KindResult, StepKind } from './types.js';

const UNREACHABLE = { warn: 'WARN', fail: 'FAIL', skip: 'SKIPPED' } as const;

/** The HTTP step kind. */
export const httpKind: StepKind = {
  async run(step, ctx): Promise<KindResult> {
    let req: ReturnType<typeof resolveHttpBlock>;
    try {
      req = resolveHttpBlock(parseHttpBlock(step.action!.code.trim()), ctx.env);
    } catch (err) {
      return { status: 'FAIL', reason: (err as Error).message, stdout: '', stderr: '' };
    }
    let res: { status: number; body: string };
    try {
      res = await ctx.deps.http({ ...req, timeoutMs: ctx.timeoutMs });
    } catch (err) {
      // No answer at all. An optional component (Grafana on a host that has none) says `unreachable`.
      const reason = `${req.method} ${req.url}: ${(err as Error).message}`;
      const status = UNREACHABLE[step.action!.attrs.expect?.unreachable ?? 'fail'];
      return { status, reason, stdout: '', stderr: reason };
    }
    const stdout = capText(res.body, ctx.outputCap);
    ctx.onOutput(stdout.endsWith('\n') ? stdout : `${stdout}\n`, 'stdout');
    const v = judge(step.action!.attrs.expect ?? {}, { httpStatus: res.status, text: res.body });
    return { ...v, exitCode: res.status, stdout, stderr: '' };
  },
};
