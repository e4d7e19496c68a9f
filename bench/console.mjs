#!/usr/bin/env node
/**
 * The console against btop, in one run, each in its own 120x40 tmux session at a 2 s refresh, on the demo
 * stack: time to first frame, idle CPU over a steady window, RSS, bytes written to the terminal per refresh.
 *
 *   node bench/console.mjs [--seconds 60] [--warmup 15] [--runs 3] [--cols 120] [--rows 40]
 *                          [--engine URL --prometheus URL --alertmanager URL] [--json FILE]
 *
 * Without the URLs it starts `mmops demo --no-console` itself (free ports) and stops it at the end.
 * The method is in bench/README.md ("Console").
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CLK_TCK, median, processTree, treeRss, treeTicks } from './console-proc.mjs';

const ROOT = join(import.meta.dirname, '..');
const { values: arg } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '15' },
    runs: { type: 'string', default: '3' },
    cols: { type: 'string', default: '120' },
    rows: { type: 'string', default: '40' },
    engine: { type: 'string' },
    prometheus: { type: 'string' },
    alertmanager: { type: 'string' },
    json: { type: 'string' },
  },
});
const SECONDS = Number(arg.seconds);
const REFRESH_S = 2;
const COLS = arg.cols;
const ROWS = arg.rows;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const tmp = mkdtempSync(join(tmpdir(), 'mmops-bench-console-'));
const say = (l) => process.stderr.write(`${l}\n`);

// ---- the demo stack -------------------------------------------------------------------------------------
async function demoStack() {
  if (arg.engine) {
    return {
      urls: { engine: arg.engine, prometheus: arg.prometheus ?? '', alertmanager: arg.alertmanager ?? '' },
      stop: async () => {},
    };
  }
  const child = spawn(process.execPath, [join(ROOT, 'bin/mmops.js'), 'demo', '--no-console'], {
    cwd: ROOT,
    env: { ...process.env, HOME: join(tmp, 'demo-home') },
    stdio: ['pipe', 'ignore', 'pipe'],
    detached: true,
  });
  mkdirSync(join(tmp, 'demo-home'), { recursive: true });
  const urls = {};
  let log = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${log}`)), 60_000);
    child.on('exit', (c) => reject(new Error(`demo exited (${c}):\n${log}`)));
    child.stderr.on('data', (d) => {
      log += d;
      for (const m of log.matchAll(/demo: (engine|prometheus|alertmanager) on (http:\/\/[\d.:]+)/g))
        urls[m[1]] = m[2];
      if (log.includes('demo: simulator sending')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  child.stderr.resume();
  say(`bench: demo stack ${JSON.stringify(urls)}`);
  return {
    urls,
    stop: async () => {
      try {
        process.kill(-child.pid, 'SIGINT');
      } catch {}
      await Promise.race([new Promise((r) => child.once('exit', r)), sleep(8000)]);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    },
  };
}

// ---- tmux -----------------------------------------------------------------------------------------------
const SOCKET = `mmops-bench-${process.pid}`;
const tmux = (...a) => execFileSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...a], { encoding: 'utf8' });
const capture = (s) => tmux('capture-pane', '-p', '-t', s);
const panePid = (s) => Number(tmux('display-message', '-p', '-t', s, '#{pane_pid}').trim());
const shq = (s) => `'${String(s).replaceAll("'", `'\\''`)}'`;
const envLine = (env) =>
  Object.entries(env)
    .map(([k, v]) => `${k}=${shq(v)}`)
    .join(' ');

/** The two tools: how to start each, and the text that marks its first complete frame and its live data. */
function tools(urls) {
  const btopHome = join(tmp, 'btop-config');
  mkdirSync(join(btopHome, 'btop'), { recursive: true });
  // btop's refresh, the same 2 s as the console's default (btop 1.2 has no flag for it).
  writeFileSync(join(btopHome, 'btop', 'btop.conf'), `update_ms = ${REFRESH_S * 1000}\n`);
  const home = join(tmp, 'mmops-home');
  mkdirSync(home, { recursive: true });
  const common = { LANG: 'C.UTF-8', PATH: process.env.PATH ?? '/usr/bin:/bin' };
  return {
    mmops: {
      env: (tap) => ({
        ...common,
        HOME: home,
        ENGINE_URL: urls.engine,
        PROMETHEUS_URL: urls.prometheus || 'http://127.0.0.1:1',
        ALERTMANAGER_URL: urls.alertmanager || 'http://127.0.0.1:1',
        NODE_OPTIONS: `--import=${join(ROOT, 'bench/console-tap.mjs')}`,
        MMOPS_BENCH_TAP: tap,
        MMOPS_BENCH_DATA_MARK: 'engine ✔',
      }),
      // MMOPS_BENCH_ENTRY: another entry script, for A/B runs (it gets no arguments)
      cmd: process.env.MMOPS_BENCH_ENTRY
        ? `${shq(process.execPath)} ${shq(process.env.MMOPS_BENCH_ENTRY)}`
        : `${shq(process.execPath)} ${shq(join(ROOT, 'bin/mmops.js'))} console`,
      frame: (s) => s.startsWith('mmops ') && s.includes('q quit') && s.includes('Alerts'),
      data: (s) => s.includes('engine ✔') && /Latency .*p95 \d/.test(s),
    },
    btop: {
      env: () => ({ ...common, HOME: home, XDG_CONFIG_HOME: btopHome }),
      cmd: 'btop',
      frame: (s) => ['¹cpu', '²mem', '³net', '⁴proc', 'terminate'].every((m) => s.includes(m)),
      data: (s) => /\d+\.\d\s+│?\s*$/m.test(s) && s.includes('Total:'),
    },
  };
}

function start(session, tool, tap) {
  const env = tool.env(tap);
  const t0 = Date.now();
  tmux('new-session', '-d', '-s', session, '-x', COLS, '-y', ROWS, `exec env -i ${envLine(env)} ${tool.cmd}`);
  return t0;
}

async function waitScreen(session, test, what, ms = 30_000) {
  const until = Date.now() + ms;
  let screen = '';
  while (Date.now() < until) {
    screen = capture(session);
    if (test(screen)) return Date.now();
    await sleep(5);
  }
  throw new Error(`${session}: no ${what} within ${ms} ms; screen:\n${screen}`);
}

const readTap = (file) => {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  } catch {
    return [];
  }
};

/** One cold start: spawn, poll the screen for the first frame and the first live data, then kill it. */
async function firstFrame(name, tool, i) {
  const session = `ff-${name}-${i}`;
  const tap = join(tmp, `tap-${session}.ndjson`);
  const t0 = start(session, tool, tap);
  const frame = (await waitScreen(session, tool.frame, 'first frame')) - t0;
  const data = (await waitScreen(session, tool.data, 'live data')) - t0;
  tmux('kill-session', '-t', session);
  const events = readTap(tap);
  const ev = events.find((e) => e.event === 'frame');
  const evData = events.find((e) => e.event === 'data');
  return {
    screenMs: frame,
    dataMs: data,
    // in-process: the write that held the complete frame, from the spawn and from the process's own start
    writeMs: ev ? ev.at - t0 : null,
    processMs: ev ? ev.uptimeMs : null,
    dataWriteMs: evData ? evData.at - t0 : null,
  };
}

/** Both tools side by side: warm up, then CPU, RSS and terminal bytes over the window. */
async function steady(all) {
  const names = Object.keys(all);
  const s = {};
  for (const name of names) {
    const tap = join(tmp, `tap-steady-${name}.ndjson`);
    start(`steady-${name}`, all[name], tap);
    s[name] = { tap, session: `steady-${name}` };
  }
  for (const name of names) await waitScreen(s[name].session, all[name].data, 'live data', 60_000);
  await sleep(Number(arg.warmup) * 1000);
  for (const name of names) {
    const x = s[name];
    x.pid = panePid(x.session);
    x.out = join(tmp, `pipe-${name}.bin`);
    writeFileSync(x.out, '');
    tmux('pipe-pane', '-o', '-t', x.session, `cat >> ${shq(x.out)}`);
  }
  await sleep(200); // the pipe's cat is up
  for (const name of names) {
    const x = s[name];
    x.t0 = Date.now();
    x.ticks0 = treeTicks(x.pid);
    x.bytes0 = statSync(x.out).size;
    x.rss = [];
    for (const p of processTree(x.pid)) signalTap(p);
  }
  const until = Date.now() + SECONDS * 1000;
  while (Date.now() < until) {
    for (const name of names) {
      // a tool that exited invalidates the run (its pane stays, remain-on-exit)
      const dead = tmux('display-message', '-p', '-t', s[name].session, '#{pane_dead} #{pane_dead_status}');
      if (dead.startsWith('1'))
        throw new Error(`${name} exited (${dead.trim()}):\n${capture(s[name].session)}`);
      s[name].rss.push(treeRss(s[name].pid));
    }
    await sleep(REFRESH_S * 1000);
  }
  const out = {};
  for (const name of names) {
    const x = s[name];
    const wall = (Date.now() - x.t0) / 1000;
    const ticks = treeTicks(x.pid) - x.ticks0;
    const bytes = statSync(x.out).size - x.bytes0;
    for (const p of processTree(x.pid)) signalTap(p);
    await sleep(100);
    const counts = readTap(x.tap).filter((e) => e.event === 'count');
    const inproc = counts.length >= 2 ? counts.at(-1).bytes - counts.at(-2).bytes : null;
    const writes = counts.length >= 2 ? counts.at(-1).writes - counts.at(-2).writes : null;
    const refreshes = wall / REFRESH_S;
    out[name] = {
      cpuPct: (100 * ticks) / CLK_TCK / wall,
      rssMB: median(x.rss) / 2 ** 20,
      rssMaxMB: Math.max(...x.rss) / 2 ** 20,
      bytesPerRefresh: bytes / refreshes,
      inProcessBytesPerRefresh: inproc === null ? null : inproc / refreshes,
      writesPerRefresh: writes === null ? null : writes / refreshes,
      wallS: wall,
      processes: processTree(x.pid).length,
      screen: capture(x.session),
    };
    tmux('pipe-pane', '-t', x.session);
  }
  return out;
}

function signalTap(pid) {
  try {
    const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    // only the console's own processes (cmdline is NUL-separated): SIGUSR2 would end btop
    const entry = process.env.MMOPS_BENCH_ENTRY;
    if (cmd.includes('mmops') || (entry && cmd.includes(entry))) process.kill(pid, 'SIGUSR2');
  } catch {}
}

// ---- report ---------------------------------------------------------------------------------------------
const fmt = (x, d = 0) => (x === null || x === undefined || Number.isNaN(x) ? '-' : x.toFixed(d));
function table(first, st) {
  const ff = (name, k) => median(first[name].map((r) => r[k]).filter((x) => x !== null));
  const rows = [
    ['first frame on screen (ms, median)', ff('mmops', 'screenMs'), ff('btop', 'screenMs'), 0, '<= 400'],
    ['  first frame written (ms, in-process)', ff('mmops', 'writeMs'), null, 0, ''],
    ['  from its own process start (ms)', ff('mmops', 'processMs'), null, 0, ''],
    ['first live data on screen (ms)', ff('mmops', 'dataMs'), ff('btop', 'dataMs'), 0, ''],
    [`idle CPU over ${SECONDS} s (%)`, st.mmops.cpuPct, st.btop.cpuPct, 2, '<= 1'],
    ['RSS, median (MB)', st.mmops.rssMB, st.btop.rssMB, 1, '<= 120'],
    ['RSS, max (MB)', st.mmops.rssMaxMB, st.btop.rssMaxMB, 1, ''],
    ['bytes to the terminal per refresh', st.mmops.bytesPerRefresh, st.btop.bytesPerRefresh, 0, '<= 2048'],
    ['  in-process bytes / write calls per refresh', st.mmops.inProcessBytesPerRefresh, null, 0, ''],
  ];
  const lines = [
    `| measure | mmops console | btop | ratio (mmops / btop) | target |`,
    '|---|---|---|---|---|',
  ];
  for (const [label, a, b, d, target] of rows) {
    const ratio = a !== null && b !== null && b > 0 ? `${(a / b).toFixed(2)}x` : '';
    const extra = label.includes('write calls') ? ` / ${fmt(st.mmops.writesPerRefresh, 1)}` : '';
    lines.push(`| ${label} | ${fmt(a, d)}${extra} | ${fmt(b, d)} | ${ratio} | ${target} |`);
  }
  return lines.join('\n');
}

async function main() {
  execFileSync('btop', ['--version']); // apt-get install -y btop
  const stack = await demoStack();
  try {
    tmux('new-session', '-d', '-s', 'keep', '-x', COLS, '-y', ROWS, 'sleep 100000');
    tmux('set-option', '-g', 'status', 'off'); // the whole 120x40 is the pane
    tmux('set-option', '-g', 'remain-on-exit', 'on'); // a tool that exits leaves its pane and status
    tmux('set-option', '-g', 'default-terminal', 'tmux-256color');
    const all = tools(stack.urls);
    // let Prometheus scrape a few times, so the console's first data frame has charts to draw
    await sleep(arg.engine ? 0 : 8000);
    const first = { mmops: [], btop: [] };
    for (let i = 0; i < Number(arg.runs); i++) {
      for (const name of i % 2 ? ['btop', 'mmops'] : ['mmops', 'btop']) {
        first[name].push(await firstFrame(name, all[name], i));
        say(`bench: first frame ${name} #${i + 1}: ${JSON.stringify(first[name].at(-1))}`);
        await sleep(500);
      }
    }
    say(`bench: steady window ${SECONDS} s after ${arg.warmup} s warm-up, both side by side`);
    const st = await steady(all);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(`\nconsole vs btop, ${COLS}x${ROWS}, ${REFRESH_S} s refresh, load average ${load}\n`);
    console.log(table(first, st));
    console.log(`\nmmops screen at the end of the window:\n${st.mmops.screen}`);
    if (arg.json) {
      for (const k of Object.keys(st)) delete st[k].screen;
      writeFileSync(
        arg.json,
        JSON.stringify({ first, steady: st, load, at: new Date().toISOString() }, null, 2),
      );
    }
  } finally {
    try {
      tmux('kill-server');
    } catch {}
    await stack.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  say(`bench: ${err.stack ?? err}`);
  process.exitCode = 1;
});
