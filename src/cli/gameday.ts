/**
 * `mmops gameday`: every demo fault against a demo it starts itself, and the matrix of what fired where,
 * how fast, and how fast it cleared. It only ever injects faults into that demo (through the demo's own
 * stdin switch), so it cannot touch production by mistake. It doubles as a drill: each alert that fires
 * names the runbook to open.
 */
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { execa, type ResultPromise } from 'execa';
import { alertSpecs, rulesFromConfig } from '../alerting/index.js';
import { loadConfig } from '../config/index.js';
import { FAULT_NAMES } from '../sim/index.js';
import { createAlertmanagerClient, createEngineClient, createPrometheusClient } from '../sources/index.js';
import { rootConfigFile } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import {
  type AlertSource,
  FAULT_PLAN,
  type GamedayRow,
  healthyFindings,
  judgeFault,
  neverFired,
  type Observation,
  OPT_IN_FAULTS,
  sourcesOf,
  TARGETS,
} from './gameday-plan.js';

/** The command's options, as commander parses them. */
export interface Opts {
  json?: boolean;
  faults?: string;
  healthy: string;
  short?: boolean;
}

const BIN = fileURLToPath(new URL('../../bin/mmops.js', import.meta.url));
const POLL_MS = 2000;

/** The demo's URLs, read from its start-up lines. */
interface DemoUrls {
  engine: string;
  prometheus: string | null;
  alertmanager: string | null;
}

/** Starts `mmops demo --no-console` and waits until the simulator runs; resolves to its URLs. */
async function startDemo(say: (l: string) => void): Promise<{ child: ResultPromise; urls: DemoUrls }> {
  const child = execa(process.execPath, [BIN, 'demo', '--no-console'], {
    reject: false,
    stdin: 'pipe',
    stdout: 'ignore',
    stderr: 'pipe',
    env: { NODE_ENV: 'production' },
  });
  const urls: Partial<DemoUrls> = {};
  // the demo's last lines: what it said before exiting early is the reason, and goes into the error
  const lastLines: string[] = [];
  const ready = new Promise<DemoUrls>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('the demo did not start within 60 s')), 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        nl = buffer.indexOf('\n');
        if (line.trim()) lastLines.push(line);
        if (lastLines.length > 8) lastLines.shift();
        const m = line.match(/^demo: (engine|prometheus|alertmanager) on (http:\/\/\S+)/);
        if (m) urls[m[1] as keyof DemoUrls] = m[2]!;
        if (line.startsWith('demo: simulator sending')) {
          clearTimeout(timer);
          resolve({
            engine: urls.engine!,
            prometheus: urls.prometheus ?? null,
            alertmanager: urls.alertmanager ?? null,
          });
        }
        if (line.startsWith('demo: fault') || line.startsWith('demo: error')) say(line);
      }
    });
    void child.then((r) => {
      const said = [...lastLines, ...(buffer.trim() ? [buffer.trim()] : [])].join('\n  ');
      reject(
        new Error(
          `the demo exited before it was ready (${r.exitCode === undefined ? `signal ${r.signal}` : `exit ${r.exitCode}`})${said ? `; its last lines:\n  ${said}` : ''}`,
        ),
      );
    });
  });
  return { child, urls: await ready };
}

/** Polls the three sources once: what fires and what is pending, by source. */
function observer(urls: DemoUrls) {
  const timeoutMs = 3000;
  const prom = urls.prometheus ? createPrometheusClient({ url: urls.prometheus, timeoutMs }) : null;
  const am = urls.alertmanager ? createAlertmanagerClient({ url: urls.alertmanager, timeoutMs }) : null;
  const engine = createEngineClient({ url: urls.engine, timeoutMs });
  return async (at: number): Promise<Observation> => {
    const empty = () => ({ prometheus: [], alertmanager: [], engine: [] }) as Record<AlertSource, string[]>;
    const o: Observation = { at, firing: empty(), pending: empty() };
    const [p, a, e] = await Promise.all([prom?.alerts(), am?.alerts(), engine.alerts()]);
    if (p?.ok)
      for (const x of p.data)
        (x.state === 'firing' ? o.firing : o.pending).prometheus.push(x.labels.alertname ?? '?');
    // Alertmanager holds firing alerts only; a silenced or inhibited one still fired
    if (a?.ok) for (const x of a.data) o.firing.alertmanager.push(x.labels.alertname ?? '?');
    if (e?.ok)
      for (const x of e.data.alerts) {
        if (x.state === 'firing') o.firing.engine.push(x.name);
        else if (x.state === 'pending') o.pending.engine.push(x.name);
      }
    return o;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `done` holds or `seconds` pass; returns the polls, times from the start. */
async function watch(
  poll: (at: number) => Promise<Observation>,
  seconds: number,
  done: (o: Observation) => boolean = () => false,
  onPoll: (o: Observation) => void = () => undefined,
): Promise<Observation[]> {
  const start = Date.now();
  const out: Observation[] = [];
  for (;;) {
    const o = await poll((Date.now() - start) / 1000);
    out.push(o);
    onPoll(o);
    if (done(o) || o.at >= seconds) return out;
    await sleep(POLL_MS);
  }
}

/** Parses --faults: known names only, in plan order. */
export function parseFaults(text: string | undefined, short: boolean): string[] {
  if (text === undefined)
    return short ? ['latency'] : Object.keys(FAULT_PLAN).filter((f) => !(f in OPT_IN_FAULTS));
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const known = Object.keys(FAULT_PLAN);
  for (const n of names) {
    if (!known.includes(n)) {
      const also = (FAULT_NAMES as readonly string[]).includes(n)
        ? ' (a demo fault with no alert of its own)'
        : '';
      throw new CliError(`--faults ${n}: unknown game day fault${also}; allowed: ${known.join(', ')}`);
    }
  }
  return names;
}

/** Runs the game day; exit 0 only when every row is as expected and the healthy phase stayed quiet. */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const faults = parseFaults(opts.faults, opts.short === true);
  const healthySeconds = Number(opts.healthy);
  if (!(healthySeconds >= 0)) throw new CliError(`--healthy ${opts.healthy}: expected seconds >= 0`);
  const file = rootConfigFile(cmd);
  const config = loadConfig(file ? { configFile: file } : {}).config;
  // progress goes to stderr either way: with --json, stdout holds the one JSON document
  const say = (l: string) => void process.stderr.write(`${l}\n`);
  // the engine's rules and Prometheus' (EngineDown, AlertmanagerUnreachable: no engine rule of their own)
  // Prometheus' rules too: some alerts (ModelDrift, per feature) have no engine rule of the same name.
  const runbookOf = new Map([
    ...alertSpecs(config, {}).map((s) => [s.alert, s.runbook] as const),
    ...rulesFromConfig(config).map((r) => [r.name, r.runbook] as const),
  ]);
  const drilled = new Set<string>();
  const drill = (o: Observation) => {
    for (const s of ['prometheus', 'alertmanager', 'engine'] as const)
      for (const n of o.firing[s])
        if (!drilled.has(n)) {
          drilled.add(n);
          say(
            `gameday:   ${n} fired (${s}): open its runbook: mmops runbook show ${runbookOf.get(n) ?? '?'}`,
          );
        }
  };

  for (const [fault, why] of Object.entries(OPT_IN_FAULTS))
    if (!faults.includes(fault)) say(`gameday: ${fault} not in this run: ${why}`);
  say('gameday: starting a demo of its own (faults go to that demo only)');
  const { child, urls } = await startDemo(say);
  const poll = observer(urls);
  const send = (line: string) => child.stdin?.write(`${line}\n`);
  try {
    say(
      `gameday: demo engine ${urls.engine}, prometheus ${urls.prometheus ?? 'none'}, alertmanager ${urls.alertmanager ?? 'none'}`,
    );
    const warmUp = opts.short ? 20 : 30;
    say(`gameday: warm-up ${warmUp} s, then ${healthySeconds} s healthy`);
    await watch(poll, warmUp);
    const healthy = await watch(poll, healthySeconds);
    const found = healthyFindings(healthy);
    const noise = found.service;
    say(
      noise.length === 0
        ? 'gameday: healthy phase quiet'
        : `gameday: healthy phase fired ${noise.join(', ')}`,
    );
    if (found.host.length > 0) say(`gameday: the host itself is busy: ${found.host.join(', ')} (not judged)`);
    // every source that is there gets its chance to fire (Alertmanager hears of an alert last)
    const present: AlertSource[] = [
      'engine',
      ...(urls.prometheus ? (['prometheus'] as const) : []),
      ...(urls.alertmanager ? (['alertmanager'] as const) : []),
    ];
    const engineAlerts = new Set(rulesFromConfig(config).map((r) => r.name));
    const promAlerts = new Set(alertSpecs(config, {}).map((s) => s.alert));
    const rows: GamedayRow[] = [];
    for (const fault of faults) {
      const expected = FAULT_PLAN[fault]!;
      drilled.clear();
      say(`gameday: ${fault} on; expecting ${expected.join(', ')}`);
      send(`fault ${fault} on`);
      const fired = (o: Observation) =>
        expected.every((n) =>
          sourcesOf(n, engineAlerts, promAlerts, present).every((s) => o.firing[s].includes(n)),
        );
      const during = await watch(poll, 2 * TARGETS.detectSeconds, fired, drill);
      send(`fault ${fault} off`);
      say(`gameday: ${fault} off; waiting for it to clear`);
      const cleared = (o: Observation) =>
        expected.every((n) =>
          (['prometheus', 'alertmanager', 'engine'] as const).every((s) => !o.firing[s].includes(n)),
        );
      const after = await watch(poll, 2 * TARGETS.clearSeconds, cleared);
      const row = judgeFault(fault, during, after);
      rows.push(row);
      say(`gameday: ${fault}: ${row.ok ? 'ok' : row.problems.join('; ')}`);
    }
    const shipped = [
      ...rulesFromConfig(config).map((r) => r.name),
      ...alertSpecs(config, {}).map((s) => s.alert),
    ];
    const missing = neverFired(shipped, rows);
    const unproven = missing.filter((m) => m.provenBy === null);
    const notRun = Object.entries(OPT_IN_FAULTS)
      .filter(([f]) => !faults.includes(f))
      .map(([fault, why]) => ({ fault, why }));
    const ok = noise.length === 0 && rows.every((r) => r.ok) && (opts.short || unproven.length === 0);
    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify({ ok, targets: TARGETS, healthy: { seconds: healthySeconds, fired: noise, host: found.host }, rows, notRun, neverFired: missing }, null, 2)}\n`,
      );
    } else {
      const skipped = notRun.map((n) => `${n.fault} not in this run: ${n.why}`);
      process.stdout.write(`${[matrixText(rows, found, missing), ...skipped].join('\n')}\n`);
    }
    return ok ? EXIT.ok : EXIT.finding;
  } finally {
    child.kill('SIGINT');
    await Promise.race([child, sleep(15_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

const secs = (s: number | null) => (s === null ? '—' : `${Math.round(s)}s`);

/** The matrix as text: a row per fault, then the healthy phase and the alerts that never fired. */
export function matrixText(
  rows: readonly GamedayRow[],
  healthy: ReturnType<typeof healthyFindings>,
  missing: ReturnType<typeof neverFired>,
): string {
  const pad = (s: string, n: number) => (s.length >= n ? `${s} ` : s.padEnd(n));
  // the expected alerts per source with the time they all fired there; other alerts are listed below
  const cell = (r: GamedayRow, s: AlertSource) => {
    const t = r.detectBySource[s];
    if (t !== undefined) return `fired ${secs(t)}`;
    return r.fired[s].some((n) => r.expected.includes(n)) ? 'partly' : '—';
  };
  const out = [
    `${pad('fault', 9)}${pad('expected', 24)}${pad('prometheus', 12)}${pad('alertmanager', 14)}` +
      `${pad('engine', 12)}${pad('detect', 8)}${pad('clear', 7)}verdict`,
  ];
  for (const r of rows) {
    out.push(
      `${pad(r.fault, 9)}${pad(r.expected.join(','), 24)}${pad(cell(r, 'prometheus'), 12)}` +
        `${pad(cell(r, 'alertmanager'), 14)}${pad(cell(r, 'engine'), 12)}${pad(secs(r.detectSeconds), 8)}` +
        `${pad(secs(r.clearSeconds), 7)}${r.ok ? 'ok' : `FAIL: ${r.problems.join('; ')}`}`,
    );
    const others = (['prometheus', 'alertmanager', 'engine'] as const).flatMap((s) =>
      r.fired[s].filter((n) => !r.expected.includes(n)).map((n) => `${n} (${s})`),
    );
    if (others.length > 0) out.push(`${' '.repeat(9)}also fired: ${others.join(', ')}`);
  }
  const noise = healthy.service;
  out.push('', noise.length === 0 ? 'healthy phase: quiet' : `healthy phase: fired ${noise.join(', ')}`);
  if (healthy.host.length > 0) out.push(`the host itself was busy (not judged): ${healthy.host.join(', ')}`);
  if (missing.length > 0) {
    out.push('', 'never fired in this game day:');
    for (const m of missing)
      out.push(`  ${m.alert}: ${m.provenBy ? `proven by ${m.provenBy}` : 'NOT PROVEN'}`);
  }
  return out.join('\n');
}
