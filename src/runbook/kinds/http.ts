/** http steps: the block's request with MMOPS_* variables substituted, judged on status and body. */
import { parseHttpBlock, resolveHttpBlock } from '../http-block.js';
import { judge } from '../judge.js';
import { capText } from '../output.js';
import { errorLine } from '../unreachable.js';
import type { KindResult, StepKind } from './types.js';

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
      // HttpSend rejects only when there was no answer at all; the judge applies `expect.unreachable`.
      const detail = `${req.method} ${req.url}: ${errorLine(err)}`;
      const v = judge(step.action!.attrs.expect ?? {}, { unreachable: detail });
      return { ...v, stdout: '', stderr: `${detail}\n` };
    }
    const stdout = capText(res.body, ctx.outputCap);
    ctx.onOutput(stdout.endsWith('\n') ? stdout : `${stdout}\n`, 'stdout');
    const v = judge(step.action!.attrs.expect ?? {}, { httpStatus: res.status, text: res.body });
    return { ...v, exitCode: res.status, stdout, stderr: '' };
  },
};
