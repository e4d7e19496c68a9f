/** `mmops rules render` through its commander registration (as main.ts wires it), in process. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { RULE_FILES, renderRuleFiles } from '../../src/alerting/prometheus/index.js';
import { CliError } from '../../src/cli/exit.js';
import { registerRules } from '../../src/cli/rules-command.js';
import { defaultConfig, NOTIFY_EXAMPLE, PROM_DIR } from './paths.js';

const NOTIFY_ENV = [
  'ALERT_EMAIL',
  'SLACK_WEBHOOK_URL',
  'MMOPS_WEBHOOK_URL',
  'SMTP_HOST',
  'SMTP_USERNAME',
  'SMTP_USER',
  'SMTP_PASSWORD',
  'SMTP_FROM',
];

async function mmops(...args: string[]) {
  const ctx = { exitCode: 0 };
  const program = new Command('mmops').option('--config <file>').exitOverride();
  registerRules(program, ctx);
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'mmops', ...args]);
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
  return { code: ctx.exitCode, stdout };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmops-rules-cli-'));
  vi.stubEnv('HOME', join(dir, 'home'));
  for (const name of NOTIFY_ENV) vi.stubEnv(name, '');
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

describe('mmops rules render', () => {
  it('writes the three rule files into --dir', async () => {
    const r = await mmops('rules', 'render', '--dir', dir);
    expect(r.code).toBe(0);
    const fresh = renderRuleFiles(defaultConfig());
    for (const file of Object.values(RULE_FILES))
      expect(readFileSync(join(dir, file), 'utf8')).toBe(fresh[file]);
  });

  it('--check: 0 when up to date, 1 naming the stale or missing file', async () => {
    await mmops('rules', 'render', '--dir', dir);
    expect((await mmops('rules', 'render', '--dir', dir, '--check')).code).toBe(0);
    writeFileSync(join(dir, RULE_FILES.alerts), 'groups: []\n');
    rmSync(join(dir, RULE_FILES.tests));
    const r = await mmops('rules', 'render', '--dir', dir, '--check');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${join(dir, RULE_FILES.alerts)}: stale`);
    expect(r.stdout).toContain(`${join(dir, RULE_FILES.tests)}: missing`);
    expect(r.stdout).toContain(`${join(dir, RULE_FILES.recording)}: up to date`);
  });

  it('--check passes on the committed prometheus/ directory', async () => {
    const r = await mmops('rules', 'render', '--dir', PROM_DIR, '--check');
    expect(r.stdout).not.toMatch(/stale|missing/);
    expect(r.code).toBe(0);
  });

  it('--out - prints only the alert rules; --for-override sets every for', async () => {
    const r = await mmops('rules', 'render', '--out', '-', '--for-override', '5s');
    const doc = parse(r.stdout) as { groups: { rules: { for: string }[] }[] };
    const fors = new Set(doc.groups.flatMap((g) => g.rules.map((x) => x.for)));
    expect(fors).toEqual(new Set(['5s']));
  });

  it('--alertmanager renders the notify settings of --config', async () => {
    const file = join(dir, 'alertmanager.yml');
    const r = await mmops('--config', NOTIFY_EXAMPLE, 'rules', 'render', '--alertmanager', file);
    expect(r.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(PROM_DIR, 'alertmanager.yml'), 'utf8'));
  });

  it('rejects a --for-override that is not a duration', async () => {
    await expect(mmops('rules', 'render', '--out', '-', '--for-override', 'soon')).rejects.toThrow(CliError);
  });
});
