/** Shared bits of the runbook tests: runbooks from text, the real deps, scripted operators. */
import { join } from 'node:path';
import {
  fetchSend,
  type Operator,
  parseRunbook,
  pgQuery,
  type Runbook,
  type RunEvent,
  type RunOptions,
  runRunbook,
  type StepDeps,
  spawnBackgroundShell,
  spawnShell,
} from '../../src/runbook/index.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SCRIPTS = join(ROOT, 'test', 'fixtures', 'runbook', 'scripts');

/** A runbook from front-matter extras and a body of steps. */
export function runbook(body: string, extra = '', id = 'rb'): Runbook {
  return parseRunbook(
    `---\nid: ${id}\ntitle: Test\nkind: daily\nsummary: test\n${extra}---\n${body}`,
    `${id}.md`,
  );
}

/** One step from a language, attributes and code. */
export function oneStep(lang: string, attrs: object, code: string, extra = ''): Runbook {
  return runbook(`## step\n\`\`\`${lang} ${JSON.stringify(attrs)}\n${code}\n\`\`\`\n`, extra);
}

/** The real I/O. */
export function realDeps(over: Partial<StepDeps> = {}): StepDeps {
  return { spawn: spawnShell, spawnBackground: spawnBackgroundShell, http: fetchSend, sql: pgQuery, ...over };
}

/** The unattended operator (`--yes`). */
export const unattended: Operator = {
  attended: false,
  confirm: async () => true,
  manual: async () => ({ status: 'SKIPPED' }),
};

/** Runs `rb` unattended with the real deps; returns the record and the events. */
export async function run(rb: Runbook, opts: Partial<RunOptions> = {}) {
  const events: RunEvent[] = [];
  const record = await runRunbook(
    rb,
    { operator: unattended, deps: realDeps(), env: { PATH: process.env.PATH }, ...opts },
    (e) => events.push(e),
  );
  return { record, events, step: record.steps[0]! };
}
