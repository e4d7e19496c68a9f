/** Secret runbook params (by name, or `secret: true`) never reach the journal, the reports or stdout
 * (issue 17, defect 12); the real binary, its journal and report files. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { isSecretParam } from '../../src/runbook/secret-params.js';
import { ROOT } from './helpers.js';

const home = mkdtempSync(join(tmpdir(), 'mmops-secret-params-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const TOKEN = 'tok-7f3a9c21e4';
const PASS = 'pw-Zq81xL';
const RUNBOOK = join(home, 'leaky.md');
writeFileSync(
  RUNBOOK,
  [
    '---',
    'id: leaky',
    'title: Leaky params',
    'kind: daily',
    'summary: echoes its params',
    'params:',
    '  api_token: default-token-value',
    '  db: { default: main-db, secret: true }',
    '  region: eu-west-1',
    '---',
    '## Echo',
    '```sh {"expect": {"contains": "never-there"}}',
    'echo "token=$MMOPS_PARAM_API_TOKEN db=$MMOPS_PARAM_DB region=$MMOPS_PARAM_REGION"',
    'echo "stderr $MMOPS_PARAM_DB" >&2',
    '```',
    '',
  ].join('\n'),
);
const CONFIG = join(home, 'config.yaml');
writeFileSync(CONFIG, 'runbooks:\n  journal_dir: ~/journal\n');

describe('secret runbook params', () => {
  it('are secret by name (token, password, secret, key) or by secret: true', () => {
    for (const name of ['api_token', 'db_password', 'client_secret', 'ssh_key', 'key', 'token'])
      expect(isSecretParam({ name }), name).toBe(true);
    for (const name of ['keyspace', 'monkey_count', 'region', 'model'])
      expect(isSecretParam({ name }), name).toBe(false);
    expect(isSecretParam({ name: 'db', secret: true })).toBe(true);
  });

  it('never reach stdout, stderr, the journal or the reports', async () => {
    const report = join(home, 'out', 'report.md');
    process.umask(0o022); // the usual umask (the child inherits it), under which files came out 0644 in 0755
    const r = await execa(
      process.execPath,
      [
        join(ROOT, 'bin', 'mmops.js'),
        '--config',
        CONFIG,
        'runbook',
        'run',
        RUNBOOK,
        '--yes',
        '--param',
        `api_token=${TOKEN}`,
        '--param',
        `db=${PASS}`,
        '--report',
        report,
      ],
      {
        reject: false,
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: home },
        extendEnv: false,
      },
    );
    expect(r.exitCode).toBe(1); // the step FAILs: its reason quotes the output, which must be redacted too
    // The non-secret param stays visible: redaction is targeted, not blanket.
    expect(r.stdout).toContain('region=eu-west-1');
    expect(r.stdout).toContain('token=REDACTED db=REDACTED');
    const journalDir = join(home, 'journal');
    const files = [
      ...readdirSync(journalDir, { recursive: true, encoding: 'utf8' }).map((f) => join(journalDir, f)),
      report,
      report.replace(/\.md$/, '.json'),
    ].filter((f) => /\.(md|json|jsonl)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(4);
    const texts = [r.stdout, r.stderr, ...files.map((f) => readFileSync(f, 'utf8'))];
    for (const text of texts) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(PASS);
    }
    const json = JSON.parse(readFileSync(report.replace(/\.md$/, '.json'), 'utf8'));
    expect(json.params).toEqual({ api_token: 'REDACTED', db: 'REDACTED', region: 'eu-west-1' });
    // Private files in private dirs (issue 17, defect 13), under the usual umask 022.
    const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);
    for (const d of [journalDir, join(journalDir, 'reports'), join(home, 'out')])
      expect(mode(d), d).toBe('700');
    for (const f of files) expect(mode(f), f).toBe('600');
  });
});
