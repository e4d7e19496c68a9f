/**
 * Guide levels in runbooks come from config: `${thresholds.error_ratio.warning}` references resolve when the
 * runbook loads, so changing a level in config moves the runbook's verdict. The error-log step judges the
 * share of ERROR lines against those levels.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import {
  type Levels,
  loadRunbooks,
  parseRunbookFile,
  RunbookError,
  RunSession,
  shippedLevels,
} from '../../src/runbook/index.js';
import { mmops } from '../helpers/run-cli.js';
import { ROOT, realDeps, runbook, unattended } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'mmops-levels-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const DAILY = join(ROOT, 'runbooks', 'daily.md');

// A config file that moves the error-ratio levels (and the quality levels) away from the defaults.
const moved = join(tmp, 'moved.yaml');
writeFileSync(
  moved,
  'thresholds:\n  error_ratio: { warning: 0.01, critical: 0.02, direction: above, for: 5m }\nquality:\n  min_score: 0.9\n  critical_score: 0.7\n',
);
const movedLevels = () => loadConfig({ configFile: moved, env: {}, home: tmp }).config;

/** A log dir whose app.log has `errors` ERROR lines among `total` lines. */
function logDir(name: string, errors: number, total: number): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  const line = (i: number) =>
    i < errors
      ? `2026-12-05T10:00:${String(i % 60).padStart(2, '0')}.000Z ERROR prediction failed error_type=timeout id=${i}`
      : `2026-12-05T10:00:${String(i % 60).padStart(2, '0')}.000Z INFO batch served records=5 errors=0`;
  writeFileSync(
    join(dir, 'app.log'),
    Array.from({ length: total }, (_, i) => line(i)).join('\n') + (total ? '\n' : ''),
  );
  return dir;
}

async function errorStep(dir: string, levels?: Levels) {
  const rb = parseRunbookFile(DAILY, levels ? { levels } : {});
  const step = rb.steps.find((s) => s.title === 'Recent ERROR lines')!;
  const session = new RunSession(rb, {
    operator: unattended,
    deps: realDeps(),
    env: { PATH: process.env.PATH },
    params: { log_dir: dir },
  });
  return session.run(step.index);
}

describe('the error-log step judges the share of ERROR lines against thresholds.error_ratio', () => {
  it.each([
    ['all ERROR', 40, 40, 'FAIL', '100 %, not below 10 %'],
    ['7 %', 7, 100, 'WARN', '7 %, above 5 %'],
    ['2 %', 2, 100, 'PASS', 'exit code 0; 2 %'],
    ['empty log', 0, 0, 'WARN', 'no data (value: NaN)'],
  ] as const)('%s: %s', async (name, errors, total, status, reason) => {
    const rec = await errorStep(logDir(name.replace(/\W+/g, '-'), errors, total));
    expect(rec).toMatchObject({ status, reason });
    if (total) expect(rec.stdout).toContain(`${errors} ERROR lines of ${total}\n`);
  });

  it('moving the levels in config moves the verdict: 2 % FAILs at critical 0.02', async () => {
    const rec = await errorStep(logDir('two-percent', 2, 100), movedLevels());
    expect(rec).toMatchObject({ status: 'FAIL', reason: '2 %, not below 2 %' });
  });
});

describe('level references', () => {
  it('every reference in the shipped runbooks resolves, to the config value, and follows a changed config', () => {
    const dir = join(ROOT, 'runbooks');
    for (const [levels, errorWarning, minScore] of [
      [shippedLevels(), 0.05, 0.8],
      [movedLevels(), 0.01, 0.9],
    ] as const) {
      const { runbooks, errors } = loadRunbooks([dir], { levels });
      expect(errors).toEqual([]);
      let refs = 0;
      for (const rb of runbooks) {
        for (const s of rb.steps) {
          for (const [field, path] of Object.entries(s.action?.levelRefs ?? {})) {
            refs++;
            const keys = field.split('.').slice(1);
            let v: unknown = s.action!.attrs;
            for (const k of ['expect', ...keys]) v = (v as Record<string, unknown>)[k];
            let want: unknown = levels;
            for (const k of path.split('.')) want = (want as Record<string, unknown>)[k];
            expect(v, `${rb.id} ${s.title} ${field}`).toBe(want);
          }
        }
      }
      expect(refs).toBeGreaterThan(40);
      const daily = runbooks.find((r) => r.id === 'daily')!;
      const expectOf = (title: string) => daily.steps.find((s) => s.title === title)!.action!.attrs.expect;
      expect(expectOf('Error ratio')).toMatchObject({ warnAbove: errorWarning });
      expect(expectOf('Data quality score')).toMatchObject({ warnBelow: minScore });
    }
  });

  it('an unknown path is a parse error naming file:line and the reference', () => {
    const ref = `$${'{'}thresholds.nope.critical}`; // kept out of a string literal for the linter
    try {
      runbook(`## a\n\`\`\`promql {"expect": {"below": "${ref}"}}\nup\n\`\`\`\n`);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(RunbookError);
      expect((err as Error).message).toBe(`rb.md:8: expect.below: ${ref} is not a number in the config`);
    }
  });

  it('the real binary loads runbooks with the --config levels (runbook show names where each came from)', async () => {
    const r = await mmops(['--config', moved, 'runbook', 'show', 'daily']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('"expect":{"below":0.02,"warnAbove":0.01}');
    expect(r.stdout).toContain('(expect.warnAbove from config thresholds.error_ratio.warning)');
  });
});
