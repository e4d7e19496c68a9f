import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run-cli.js';

// The operator's own runbooks beside the shipped ones, run from a directory that is not the repository
// (and holds a runbooks/ of unrelated Markdown that must not be read).
const tmp = mkdtempSync(join(tmpdir(), 'mmops-user-runbooks-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const runbook = (id: string, title: string) =>
  `---\nid: ${id}\ntitle: ${title}\nkind: alert\nalerts: [DiskAlmostFull]\nsummary: mine\n---\n\n## Look\n\n\`\`\`sh\necho ok\n\`\`\`\n`;

function write(dir: string, name: string, text: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), text);
}

const home = join(tmp, 'home');
const xdg = join(tmp, 'xdg');
const cwd = join(tmp, 'elsewhere');
write(join(home, '.config', 'mmops', 'runbooks'), 'disk-full.md', runbook('disk-full', 'Disk full (home)'));
write(join(xdg, 'mmops', 'runbooks'), 'disk-full.md', runbook('disk-full', 'Disk full (xdg)'));
write(join(xdg, 'mmops', 'runbooks'), 'daily.md', runbook('daily', 'My own daily'));
write(join(cwd, 'runbooks'), 'notes.md', 'not a runbook: no front matter\n');

async function list(env: Record<string, string>) {
  const r = await execa(process.execPath, [BIN, 'runbook', 'list', '--json'], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: home, ...env },
    extendEnv: false,
    reject: false,
  });
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  const doc = JSON.parse(r.stdout) as { runbooks: { id: string; title: string; file: string }[] };
  return new Map(doc.runbooks.map((x) => [x.id, x]));
}

describe('user runbooks', () => {
  it('lists ~/.config/mmops/runbooks beside the shipped ones, found from the package, not the cwd', async () => {
    const byId = await list({});
    expect(byId.get('disk-full')).toMatchObject({
      title: 'Disk full (home)',
      file: join(home, '.config', 'mmops', 'runbooks', 'disk-full.md'),
    });
    expect(byId.get('high-latency')?.file).toBe(join(BIN, '..', '..', 'runbooks', 'high-latency.md'));
    expect(byId.get('daily')?.title).toBe('Daily checks');
  });

  it('reads $XDG_CONFIG_HOME/mmops/runbooks instead when it is set, where a runbook replaces the shipped one of its id', async () => {
    const byId = await list({ XDG_CONFIG_HOME: xdg });
    expect(byId.get('disk-full')?.title).toBe('Disk full (xdg)');
    expect(byId.get('daily')).toMatchObject({
      title: 'My own daily',
      file: join(xdg, 'mmops', 'runbooks', 'daily.md'),
    });
    expect(byId.get('weekly')?.title).toBe('Weekly review');
  });

  it('ignores a relative XDG_CONFIG_HOME, as the XDG spec asks', async () => {
    const byId = await list({ XDG_CONFIG_HOME: 'relative/dir' });
    expect(byId.get('disk-full')?.title).toBe('Disk full (home)');
  });

  it('reads the config from $XDG_CONFIG_HOME/mmops/config.yaml, as the runbooks beside it', async () => {
    const team = join(tmp, 'team-runbooks');
    write(team, 'team-check.md', runbook('team-check', 'Team check'));
    const xdgWithConfig = join(tmp, 'xdg-config');
    write(join(xdgWithConfig, 'mmops'), 'config.yaml', `runbooks:\n  dirs: [${team}]\n`);
    const byId = await list({ XDG_CONFIG_HOME: xdgWithConfig });
    expect(byId.get('team-check')).toMatchObject({ title: 'Team check', file: join(team, 'team-check.md') });
    // ~/.config/mmops/config.yaml is not read then: the XDG directory replaces it
    write(join(home, '.config', 'mmops'), 'config.yaml', 'runbooks:\n  dirs: [/nonexistent-team-dir]\n');
    try {
      expect((await list({ XDG_CONFIG_HOME: xdgWithConfig })).has('team-check')).toBe(true);
    } finally {
      rmSync(join(home, '.config', 'mmops', 'config.yaml'));
    }
  });
});
