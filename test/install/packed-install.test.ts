/**
 * mmops installed the ways users install it, each from one temp copy of the repository (slow: npm ci, a
 * build and a global install; network only to the npm registry, and npm's cache first):
 * 1. the Dockerfile's steps outside Docker: npm ci --ignore-scripts, build, npm prune --omit=dev, then the
 *    image's commands from the pruned tree;
 * 2. npm pack of that build, npm install -g of the tarball into a temp prefix, and the installed `mmops`
 *    run from a directory outside the repository.
 * Where the time goes (one run, load 13 on 2 cores): npm ci 13 s, tsc 40 s, bundle 1 s, pack 4 s, prune
 * 5 s, install -g 24 s; the checks themselves 13 s. The set-up is done once for the file, from npm's cache
 * (--prefer-offline), and the prune runs beside the global install. The checks run one after another: side
 * by side they starved the demo past its timeout on a loaded runner.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';
import { copyContext } from './helpers/build-context.js';

const tmp = mkdtempSync(join(tmpdir(), 'mmops-install-'));
const app = join(tmp, 'app'); // the image's WORKDIR /app
const prefix = join(tmp, 'prefix'); // npm install -g --prefix
const home = join(tmp, 'home'); // the installed mmops' HOME: no user config but ours
const elsewhere = join(tmp, 'elsewhere'); // a working directory with no runbooks/, config/ or dist/
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const shipped = readdirSync(join(ROOT, 'runbooks'))
  .filter((n) => n.endsWith('.md'))
  .map((n) => n.slice(0, -3));

// npm and node from this Node (npm_* variables of an outer `npm test` would reconfigure the inner npm)
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;

/** Runs `cmd` in `cwd`; throws with its output when it fails (these are set-up steps). */
async function step(cmd: string, args: string[], cwd: string): Promise<string> {
  const r = await execa(cmd, args, {
    cwd,
    env: { ...cleanEnv, PATH },
    extendEnv: false,
    reject: false,
    all: true,
  });
  if (r.exitCode !== 0)
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.exitCode}:\n${r.all}`);
  return r.all ?? '';
}

const npm = (args: string[], cwd: string) =>
  step('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], cwd);

/** The installed `mmops` from `elsewhere`, as a user runs it; never throws on a non-zero exit. */
async function installed(args: string[], env: Record<string, string> = {}) {
  const r = await execa(join(prefix, 'bin', 'mmops'), args, {
    cwd: elsewhere,
    env: { PATH: `${join(prefix, 'bin')}:${PATH}`, HOME: home, ...env },
    extendEnv: false,
    reject: false,
    timeout: 30_000,
  });
  return { code: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let ciLog = '';
let globalLog = '';
let tarball = '';
// A PATH with node and the installed mmops only: the demo then runs engine and simulator alone, without
// the Prometheus and Alertmanager it starts when they are on PATH (demo.test.ts covers those).
const nodeOnly = join(tmp, 'node-bin');

beforeAll(async () => {
  for (const d of [app, prefix, home, elsewhere, nodeOnly]) mkdirSync(d, { recursive: true });
  symlinkSync(process.execPath, join(nodeOnly, 'node'));
  // As the Dockerfile: the manifests, npm ci without scripts, then the rest of the context and the build.
  copyContext(ROOT, app, ['package.json', 'package-lock.json']);
  ciLog = await npm(['ci', '--ignore-scripts'], app);
  copyContext(ROOT, app);
  await step('npm', ['run', 'build'], app);
  // Pack the built tree (scripts off: `prepare` would build again) before the prune, as a release would.
  await npm(['pack', '--ignore-scripts', '--pack-destination', tmp], app);
  tarball = join(tmp, `mmops-${version}.tgz`);
  // The prune (the image's tree) and the global install (from the tarball, in another directory) touch
  // nothing of each other's: side by side they cost the longer of the two, not the sum (issue 15, point 5).
  [, globalLog] = await Promise.all([
    npm(['prune', '--omit=dev'], app),
    npm(['install', '-g', tarball, '--prefix', prefix], elsewhere),
  ]);
}, 300_000);

// Two node_modules trees are tens of thousands of files: removing them took 46 s on a loaded 2-core
// runner, so a detached `rm -rf` does it after the suite instead of holding up the run.
afterAll(() => {
  spawn('rm', ['-rf', tmp], { detached: true, stdio: 'ignore' }).unref();
});

describe("the Dockerfile's steps", () => {
  it('npm ci installs from the lockfile as is, without a Node-22-only dependency', () => {
    expect(ciLog).not.toMatch(/EBADENGINE|npm error/);
  });

  it('leaves a pruned tree with no dev dependencies, whose mmops answers --help and engine --help', async ({
    expect,
  }) => {
    expect(existsSync(join(app, 'node_modules', 'fastify'))).toBe(true);
    for (const dev of ['typescript', 'vitest', 'esbuild', '@biomejs/biome', 'csv-parse']) {
      expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    }
    const help = await execa(process.execPath, ['bin/mmops.js', '--help'], { cwd: app, reject: false });
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mmops /);
    expect(help.stdout).toMatch(/^\s+engine \[options\]/m);
    const engine = await execa(process.execPath, ['bin/mmops.js', 'engine', '--help'], {
      cwd: app,
      reject: false,
    });
    expect(engine.exitCode).toBe(0);
    expect(engine.stdout).toContain('Usage: mmops engine [options]');
    expect(engine.stdout).toContain('--data-dir');
  });
});

describe('the packed package, installed globally and run from elsewhere', () => {
  it('installs with no engine warning', () => {
    expect(globalLog).not.toContain('EBADENGINE');
    expect(existsSync(join(prefix, 'lib', 'node_modules', 'mmops', 'dist', 'cli', 'main.js'))).toBe(true);
  });

  it('--version and -V print the package version', async () => {
    expect(await installed(['--version'])).toEqual({ code: 0, stdout: version, stderr: '' });
    expect((await installed(['-V'])).stdout).toBe(version);
  });

  it("runbook list shows every shipped runbook and the user's own from ~/.config/mmops/runbooks", async ({
    expect,
  }) => {
    const own = join(home, '.config', 'mmops', 'runbooks');
    mkdirSync(own, { recursive: true });
    writeFileSync(
      join(own, 'disk-full.md'),
      '---\nid: disk-full\ntitle: Disk full\nkind: alert\nalerts: [DiskFull]\nsummary: mine\n---\n\n## Look\n\n```sh\ndf -h\n```\n',
    );
    const r = await installed(['runbook', 'list', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const byId = new Map(
      (JSON.parse(r.stdout) as { runbooks: { id: string; file: string }[] }).runbooks.map((x) => [
        x.id,
        x.file,
      ]),
    );
    for (const id of shipped)
      expect(byId.get(id), id).toBe(join(prefix, 'lib', 'node_modules', 'mmops', 'runbooks', `${id}.md`));
    expect(byId.get('disk-full')).toBe(join(own, 'disk-full.md'));
    const text = await installed(['runbook', 'list']);
    expect(text.stdout).toMatch(/^high-latency\s+alert\s+\d+\s+HighPredictionLatency/m);
  });

  it('rules render --dir writes rule files that promtool accepts', async () => {
    const out = join(tmp, 'rules');
    const r = await installed(['rules', 'render', '--dir', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`wrote ${join(out, 'alert_rules.yml')}`);
    expect(existsSync(join(out, 'alert_rules.yml'))).toBe(true);
    const check = await execa(
      '/usr/bin/promtool',
      ['check', 'rules', join(out, 'alert_rules.yml'), join(out, 'recording_rules.yml')],
      { reject: false },
    );
    expect(check.exitCode, check.stdout + check.stderr).toBe(0);
  });

  it('demo --no-console starts the loop and stops cleanly on SIGINT', async () => {
    const demo = execa(join(prefix, 'bin', 'mmops'), ['demo', '--no-console', '--rate', '50'], {
      cwd: elsewhere,
      env: { PATH: `${join(prefix, 'bin')}:${nodeOnly}`, HOME: home },
      extendEnv: false,
      reject: false,
      stdin: 'pipe',
    });
    let err = '';
    demo.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
    });
    try {
      // the ready line: a status line means the engine took the simulator's records and evaluated them
      const until = Date.now() + 30_000;
      while (!/^records [1-9]\d* \| quality/m.test(err) && Date.now() < until && demo.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(err).toMatch(/^demo: engine on http:\/\/127\.0\.0\.1:\d+/m);
      expect(err).toMatch(/^records [1-9]\d* \| quality/m);
      expect(err).toContain('demo: prometheus is not on PATH');
    } finally {
      demo.kill('SIGINT');
    }
    expect((await demo).exitCode).toBe(0);
  });
});
