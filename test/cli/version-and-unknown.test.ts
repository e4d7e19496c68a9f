import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nearestCommand } from '../../src/cli/nearest-command.js';
import { mmops, ROOT } from '../helpers/run-cli.js';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('mmops --version', () => {
  it.each([['--version'], ['-V']])('%s prints the package version and exits 0', async (flag) => {
    const r = await mmops([flag]);
    expect(r).toMatchObject({ code: 0, stdout: version, stderr: '' });
  });
});

describe('an unknown command', () => {
  it('exits 2 naming it and the nearest command, without opening the console', async () => {
    const r = await mmops(['statsu']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown command 'statsu'");
    expect(r.stderr).toContain('Did you mean status?');
    expect(r.stderr).not.toContain('too many arguments');
    expect(r.stderr).not.toContain('needs a terminal');
  });

  it('still names it after a global option, and with nothing near it suggests nothing', async () => {
    const r = await mmops(['--config', join(ROOT, 'config', 'default.yaml'), 'xyzzy', 'extra']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'xyzzy'");
    expect(r.stderr).not.toContain('Did you mean');
  });

  it('is refused one level down too (commander names the nearest subcommand)', async () => {
    const r = await mmops(['diag', 'resorces']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'resorces'");
    expect(r.stderr).toContain('Did you mean resources?');
  });
});

describe('nearestCommand', () => {
  const names = ['console', 'status', 'alerts', 'runbook', 'rules', 'demo', 'diag'];
  it.each([
    ['statsu', 'status'],
    ['stauts', 'status'],
    ['runbok', 'runbook'],
    ['rule', 'rules'],
    ['dmeo', 'demo'],
    ['consle', 'console'],
    ['xyzzy', undefined],
    ['s', undefined],
    ['engine', undefined],
  ])('%s -> %s', (word, expected) => {
    expect(nearestCommand(word, names)).toBe(expected);
  });
});
