/** Shared bits of the runbook tests: runbooks from text, the real deps, scripted operators. */
import { readFileSync } from 'node:fs';
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

/** True once `pid` is gone (or a zombie nobody has reaped yet: it runs nothing). */
export function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Polls `check` every 50 ms for up to `ms`; true once it holds. */
export async function until(check: () => boolean, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}
