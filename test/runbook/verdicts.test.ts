/**
 * Honest step verdicts (issue 10 point 6, issue 12 point 5): a diagnostic's exit code judged by the mmops
 * contract, its critical finding a FAIL, an unreachable source never a FAIL, a run's real verdict. Real
 * fixture scripts, the real `mmops` binary, real closed ports.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/prometheus.js';
import { ROOT, run, runbook, SCRIPTS } from './helpers.js';

const LAUNCH = join(ROOT, 'bin', 'mmops.js');
const tmp = mkdtempSync(join(tmpdir(), 'mmops-verdicts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a shell step under the mmops exit contract (expect.finding)', () => {
  const step = (expect: object, out: string, err: string, code: number) =>
    runbook(
      `## diag\n\`\`\`sh ${JSON.stringify({ expect })}\nbash "$MMOPS_PARAM_S/diag.sh" "$MMOPS_PARAM_OUT" "$MMOPS_PARAM_ERR" ${code}\n\`\`\`\n`,
      `params:\n  s: ${SCRIPTS}\n  out: ${JSON.stringify(out)}\n  err: ${JSON.stringify(err)}\n`,
    );

  it.each([
    // [finding, stdout, exit, status, reason]
    ['marker', 'mmops status  ✖ CRIT  2026-12-05', 1, 'FAIL', 'exit code 1: a critical finding'],
    [
      'marker',
      'model: CRITICAL (window of 300 records)',
      1,
      'FAIL',
      'exit code 1: a critical finding: model: CRITICAL (window of 300 records)',
    ],
    [
      'marker',
      'mmops alerts  ✖ CRIT  1 active\n  ✖ crit  firing    HighCpuUtilization',
      1,
      'FAIL',
      'exit code 1: a critical finding: ✖ crit firing HighCpuUtilization',
    ],
    ['marker', 'mmops status  ▲ WARN  2026-12-05', 1, 'WARN', 'exit code 1: a warning-level finding'],
    // lower-case "critical" is a column header ("warning / critical when"), not the marker
    ['marker', 'check  warning / critical when  WARNING', 1, 'WARN', 'exit code 1: a warning-level finding'],
    ['marker', 'mmops status  ✔ OK', 0, 'PASS', 'exit code 0'],
    ['warn', 'error ratio: 12% of 300 predictions', 1, 'WARN', 'exit code 1: a finding'],
    ['fail', 'engine  UNHEALTHY', 1, 'FAIL', 'exit code 1: a finding'],
    ['marker', 'usage', 2, 'FAIL', 'exit code 2: usage error or bad input'],
    ['marker', 'crashed', 139, 'FAIL', 'exit code 139 (the contract has 0 to 3)'],
  ] as const)('finding %s, "%s", exit %i: %s', async (finding, out, code, status, reason) => {
    const { step: s } = await run(step({ finding }, out, '', code));
    expect(s).toMatchObject({ status, reason, exitCode: code });
    expect(s.unreachable).toBeUndefined();
  });

  it("exit 3 is UNREACHABLE: SKIPPED with the diagnostic's own words, never FAIL; the run says so", async () => {
    const err = 'mmops: engine unreachable: http://127.0.0.1:9/api/v1/report: ECONNREFUSED';
    const { step: s, record } = await run(step({ finding: 'marker' }, '', err, 3));
    expect(s).toMatchObject({
      status: 'SKIPPED',
      reason: `unreachable: ${err} (exit 3)`,
      unreachable: `${err} (exit 3)`,
    });
    expect(record.status).toBe('UNREACHABLE');
    // a step whose point is reachability says so, and FAILs
    const strict = await run(step({ finding: 'marker', unreachable: 'fail' }, '', err, 3));
    expect(strict.step).toMatchObject({ status: 'FAIL', reason: `unreachable: ${err} (exit 3)` });
  });

  it('a finding plus a text expectation: the worse verdict wins (check drift: dataset drift FAILs)', async () => {
    const e = { finding: 'warn', notMatches: 'dataset drift: YES' };
    expect((await run(step(e, '3 of 14 columns drifted; dataset drift: no', '', 1))).step.status).toBe(
      'WARN',
    );
    expect((await run(step(e, '9 of 14 columns drifted; dataset drift: YES', '', 1))).step).toMatchObject({
      status: 'FAIL',
      reason: 'output matches /dataset drift: YES/: "9 of 14 columns drifted; dataset drift: YES"',
    });
  });

  it('finding with exitCode or warnExitCode is a parse error naming the line', () => {
    expect(() =>
      runbook('## a\n```sh {"expect": {"finding": "warn", "warnExitCode": 1}}\nmmops diag logs\n```\n'),
    ).toThrow(/rb\.md:\d+: expect\.finding sets the exit codes/);
  });
});

describe('the real binary against dead sources and real diagnostics', () => {
  const home = join(tmp, 'home');
  let config = '';
  let closed = '';
  const md = (name: string, text: string) => {
    const file = join(tmp, `${name}.md`);
    writeFileSync(file, `---\nid: ${name}\ntitle: ${name}\nkind: daily\nsummary: test\n${text}`);
    return file;
  };
  const mmops = async (args: string[]) => {
    const r = await execa(process.execPath, [LAUNCH, '--config', config, ...args], {
      reject: false,
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: home },
      extendEnv: false,
      timeout: 60_000,
    });
    return { code: r.exitCode ?? -1, stdout: r.stdout, stderr: r.stderr };
  };

  beforeAll(async () => {
    mkdirSync(home, { recursive: true });
    closed = `http://127.0.0.1:${await freePort()}`;
    config = join(tmp, 'config.yaml');
    writeFileSync(
      config,
      `sources:\n  engine_url: ${closed}\n  prometheus_url: ${closed}\n  alertmanager_url: ${closed}\n  grafana_url: ${closed}\n  timeout_seconds: 2\nrunbooks:\n  journal_dir: ${join(tmp, 'journal')}\n`,
    );
  });

  it('every step whose source is down ends UNREACHABLE, not FAIL; the run exits 3; the report lists the endpoints', async () => {
    const file = md(
      'dead',
      'continueOnFail: true\n---\n' +
        '## model\n```sh {"expect": {"finding": "marker"}}\nmmops diag model\n```\n' +
        '## health\n```http\nGET $MMOPS_ENGINE_URL/health\n```\n' +
        '## up\n```promql {"expect": {"equals": 1, "noData": "fail"}}\nup\n```\n' +
        '## metrics\n```sh {"expect": {"matches": "market_master_", "unreachableExitCode": [6, 7, 28]}}\ncurl -fsS --max-time 5 "$MMOPS_ENGINE_URL/metrics"\n```\n',
    );
    const report = join(tmp, 'dead-report.md');
    const r = await mmops(['runbook', 'run', file, '--yes', '--json', '--report', report]);
    expect(r.code).toBe(3);
    const rec = JSON.parse(r.stdout);
    expect(rec.status).toBe('UNREACHABLE');
    expect(rec.steps.map((s: { status: string }) => s.status)).toEqual([
      'SKIPPED',
      'SKIPPED',
      'SKIPPED',
      'SKIPPED',
    ]);
    expect(rec.steps.map((s: { unreachable?: string }) => s.unreachable)).toEqual([
      `mmops: engine unreachable: ${closed}/api/v1/report: ECONNREFUSED (exit 3)`,
      `GET ${closed}/health: ECONNREFUSED`,
      `Prometheus: ${closed}: ECONNREFUSED`,
      expect.stringMatching(/^curl: \(7\) .* \(exit 7\)$/),
    ]);
    const text = readFileSync(report, 'utf8');
    // the first line names what is down; the findings say why and which steps could not judge
    expect(text.split('\n')[0]).toBe(
      `# dead: UNREACHABLE: Engine (${closed}), Prometheus (${closed}) unreachable`,
    );
    expect(text).toContain(`- endpoints: \`engine=${closed}\`, \`prometheus=${closed}\``);
    expect(text).toContain(
      `- UNREACHABLE Engine (${closed}): connection refused (ECONNREFUSED) (steps 1, 2, 4)\n`,
    );
    expect(text).toContain(
      `- UNREACHABLE Prometheus (${closed}): connection refused (ECONNREFUSED) (step 3)\n`,
    );
    expect(text).not.toMatch(/\| FAIL \|/);
  });

  it('engine-down: the engine not answering is its finding (FAIL), Prometheus not answering is UNREACHABLE', async () => {
    const r = await mmops(['runbook', 'run', 'engine-down', '--yes', '--json']);
    const rec = JSON.parse(r.stdout);
    const by = Object.fromEntries(
      rec.steps.map((s: { title: string; status: string; unreachable?: string }) => [
        s.title,
        `${s.status}${s.unreachable ? ' unreachable' : ''}`,
      ]),
    );
    expect(by).toMatchObject({
      "Prometheus' view of the target": 'SKIPPED unreachable',
      'The scrape error': 'SKIPPED unreachable',
      'Does the engine answer': 'FAIL',
      'Health of every service': 'FAIL',
    });
    expect(rec.status).toBe('FAIL');
    expect(r.code).toBe(3); // a source did not answer: 3 wins, as for every mmops command
  });

  it("check quality's CRITICAL is a FAIL (exit 1); a clean check PASSes", async () => {
    const bad = join(tmp, 'bad.csv');
    writeFileSync(bad, 'open,high,low,close,volume\n1,,1,1,5\n2,,2,2,5\n3,,3,3,5\n4,,4,4,5\n');
    const good = join(ROOT, 'test', 'fixtures', 'quality', 'current.csv');
    const file = md(
      'quality',
      `params:\n  data: ""\ncontinueOnFail: true\n---\n## check\n\`\`\`sh {"expect": {"finding": "marker"}}\nmmops check quality --current "$MMOPS_PARAM_DATA"\n\`\`\`\n`,
    );
    const failed = await mmops(['runbook', 'run', file, '--yes', '--param', `data=${bad}`]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('-- 1. check: FAIL');
    expect(failed.stdout).toContain('exit code 1: a critical finding');
    const passed = await mmops(['runbook', 'run', file, '--yes', '--param', `data=${good}`]);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('-- 1. check: PASS');
  });

  it('Ctrl-C during a step: the step is SKIPPED "aborted", the run INCOMPLETE in the journal, exit 130', async () => {
    const file = md(
      'long',
      '---\n## first\n```sh\necho started; sleep 30\n```\n## second\n```sh\ntrue\n```\n',
    );
    const child = execa(process.execPath, [LAUNCH, '--config', config, 'runbook', 'run', file, '--yes'], {
      reject: false,
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: home },
      extendEnv: false,
      timeout: 60_000,
    });
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('started\n')) resolve();
      });
    });
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(r.stdout).toContain('-- 1. first: SKIPPED');
    expect(r.stdout).toContain('long: INCOMPLETE');
    const lines = readFileSync(join(tmp, 'journal', 'journal.ndjson'), 'utf8')
      .trim()
      .split('\n');
    const rec = JSON.parse(lines.at(-1)!);
    expect(rec.status).toBe('INCOMPLETE');
    expect(
      rec.steps.map((x: { status: string; reason: string; unjudged?: string }) => [
        x.status,
        x.reason,
        x.unjudged,
      ]),
    ).toEqual([
      ['SKIPPED', 'aborted', 'by the operator'],
      ['SKIPPED', 'aborted', 'not reached'],
    ]);
  });
});
