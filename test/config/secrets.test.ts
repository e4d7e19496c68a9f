/** Secrets in the configuration: named in errors, never shown; numeric YAML secrets kept as text; a warning
 * when a file holding them is readable by others (issue 17, defect 7). */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { mmops } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'mmops-secrets-'));
const emptyHome = mkdtempSync(join(tmpdir(), 'mmops-home-'));

/** Writes `text` to a config file with `mode` and returns its path. */
function configFile(name: string, text: string, mode = 0o600): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  chmodSync(file, mode);
  return file;
}

function load(configFile: string, env: NodeJS.ProcessEnv = {}) {
  const warnings: string[] = [];
  const loaded = loadConfig({ configFile, env, home: emptyHome, warn: (m) => warnings.push(m) });
  return { ...loaded, warnings };
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('config secrets', () => {
  it('takes numeric YAML secrets as the text written, leading zeros kept', () => {
    const file = configFile(
      'numeric.yaml',
      'notify:\n  smtp:\n    password: 0087654321\nengine:\n  ingest_token: 12345\n',
    );
    const { config } = load(file);
    expect(config.notify.smtp.password).toBe('0087654321');
    expect(config.engine.ingest_token).toBe('12345');
  });

  it('names each secret key and its origin in an error, never its value', () => {
    const file = configFile(
      'bad.yaml',
      [
        'engine:',
        '  ingest_token: ""',
        'notify:',
        '  slack:',
        '    webhook_url: hooks.slack.com/services/T000/B000/XXXXSECRETXXXX',
        '  webhook:',
        '    url: ftp//example.com/hook/SECRETPATH',
        'sources:',
        '  prometheus_url: "http://admin:hunter2@prom example:9090"',
        '',
      ].join('\n'),
    );
    const message = messageOf(() => load(file));
    expect(message).toContain(`engine.ingest_token (value hidden: a secret) (from ${file}:2)`);
    expect(message).toContain(`notify.slack.webhook_url (value hidden: a secret) (from ${file}:5)`);
    expect(message).toContain(`notify.webhook.url (value hidden: a secret) (from ${file}:7)`);
    // A URL that is not a secret is shown, with its password masked (a DSN-style userinfo).
    expect(message).toContain('sources.prometheus_url = "http://admin:***@prom example:9090"');
    for (const secret of ['XXXXSECRETXXXX', 'SECRETPATH', 'hunter2']) expect(message).not.toContain(secret);
  });

  it('hides a secret that came from the environment too', () => {
    const file = configFile('plain.yaml', 'drift:\n  alpha: 0.05\n');
    const message = messageOf(() =>
      load(file, { SLACK_WEBHOOK_URL: 'hooks.slack.com/services/T/B/ENVSECRET' }),
    );
    expect(message).toContain(
      'notify.slack.webhook_url (value hidden: a secret) (from environment variable SLACK_WEBHOOK_URL)',
    );
    expect(message).not.toContain('ENVSECRET');
  });

  it('warns when a file holding secrets is readable by others, and only then', () => {
    const secret = 'notify:\n  smtp:\n    password: s3cret\n';
    expect(load(configFile('open.yaml', secret, 0o644)).warnings).toEqual([
      `config: warning: ${join(dir, 'open.yaml')} holds secrets (notify.smtp.password) and is readable by ` +
        `others (mode 0644): chmod 600 ${join(dir, 'open.yaml')}`,
    ]);
    expect(load(configFile('closed.yaml', secret, 0o600)).warnings).toEqual([]);
    expect(load(configFile('nosecret.yaml', 'drift:\n  alpha: 0.05\n', 0o644)).warnings).toEqual([]);
    expect(
      load(configFile('nullsecret.yaml', 'notify:\n  smtp:\n    password: null\n', 0o644)).warnings,
    ).toEqual([]);
  });

  it('the real binary prints the warning on stderr and the error without the value', async () => {
    const open = configFile('cli-open.yaml', 'notify:\n  smtp:\n    password: 87654321\n', 0o644);
    const ok = await mmops(['--config', open, 'runbook', 'list', '--json']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toContain(`${open} holds secrets (notify.smtp.password) and is readable by others`);
    const bad = configFile('cli-bad.yaml', 'notify:\n  smtp:\n    password: [87654321]\n');
    const refused = await mmops(['--config', bad, 'runbook', 'list', '--json']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`notify.smtp.password (value hidden: a secret) (from ${bad}:3)`);
    expect(refused.stderr).not.toContain('87654321');
  });
});
