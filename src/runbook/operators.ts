/** Operators for the CLI: unattended (`--yes` or no terminal) and a line-by-line terminal prompt. */
import { createInterface } from 'node:readline/promises';
import type { Operator } from './kinds/types.js';
import type { StepStatus } from './types.js';

/** Unattended: confirmations are accepted only with `yes`; manual steps are skipped by the manual kind. */
export function unattendedOperator(yes: boolean): Operator {
  return {
    attended: false,
    confirm: async () => yes,
    manual: async () => ({ status: 'SKIPPED' }),
  };
}

const ANSWERS: Record<string, StepStatus> = { '': 'PASS', w: 'WARN', f: 'FAIL', s: 'SKIPPED' };

/** Asks at a terminal: typed confirmations, manual steps (Enter, w, f, s, or a note), param values. */
export function terminalOperator(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Operator {
  const ask = async (q: string) => {
    const rl = createInterface({ input, output, terminal: false });
    try {
      return (await rl.question(q)).trim();
    } finally {
      rl.close();
    }
  };
  return {
    attended: true,
    confirm: async (_step, word) =>
      (await ask(`  type "${word}" to run this step (anything else skips it): `)) === word,
    manual: async (step) => {
      if (step.guidance) output.write(`${step.guidance.replace(/^/gm, '  ')}\n`);
      const a = await ask('  done? Enter = PASS, w = WARN, f = FAIL, s = skip, or type a note: ');
      const status = ANSWERS[a.toLowerCase()];
      return status ? { status } : { status: 'PASS', note: a };
    },
    prompt: async (name, def) => (await ask(`  ${name} [${def}]: `)) || def,
  };
}
