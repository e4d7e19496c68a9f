/**
 * `mmops diag resources`: the guide's resource-constraints checks in one: `ps aux --sort=-%mem/-%cpu`,
 * `df -h`, `du -sh` of mmops' own directories, `/proc/meminfo`, `nproc`, judged against the threshold table.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Command } from 'commander';
import si from 'systeminformation';
import { expandHome } from '../config/index.js';
import { createSystemSampler, healthOf } from '../engine/index.js';
import { levelBook } from '../monitor/index.js';
import { configFor, printJson } from './config-option.js';
import { diskUsage } from './du.js';
import { EXIT } from './exit.js';
import { defaultLogDir } from './log-dir.js';
import { pct, textTable } from './text-table.js';

/** The command's options, as commander parses them. */
export interface Opts {
  top: string;
  json?: boolean;
}

interface Proc {
  pid: number;
  user: string;
  cpu: number;
  mem: number;
  rssBytes: number;
  command: string;
}

/** The `--json` document. */
interface Result {
  health: ReturnType<typeof healthOf>;
  cpu: { cores: number; ratio: number | null; load: number[] };
  memory: {
    totalBytes: number;
    availableBytes: number;
    ratio: number | null;
    swapTotalBytes: number;
    swapUsedBytes: number;
  };
  gpu: unknown;
  filesystems: Array<{ mount: string; fs: string; sizeBytes: number; usedBytes: number; ratio: number }>;
  directories: Record<string, { path: string; bytes?: number; truncated?: boolean }>;
  topByMemory: Proc[];
  topByCpu: Proc[];
}

const GiB = 1024 ** 3;
const size = (b: number | null | undefined) =>
  b === null || b === undefined
    ? '-'
    : b >= GiB
      ? `${(b / GiB).toFixed(1)}G`
      : `${(b / 1024 ** 2).toFixed(1)}M`;

/** Runs `diag resources`: exit 1 when a resource is at its warning level or worse. */
export async function run(opts: Opts, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const top = Math.max(1, Number(opts.top) || 5);
  const dataDir = expandHome(config.engine.data_dir);
  const sampler = createSystemSampler({ path: '/' });
  // CPU figures (host and per process) are deltas between two readings: the first only sets the baseline.
  await Promise.all([sampler.sample(), si.processes()]);
  await new Promise((r) => setTimeout(r, 500));
  const [snapshot, mem, fs, procs] = await Promise.all([
    sampler.sample(),
    si.mem(),
    si.fsSize(),
    si.processes(),
  ]);
  const health = healthOf(snapshot, levelBook(config));
  const dirs = { data: dataDir, logs: defaultLogDir(), journal: expandHome(config.runbooks.journal_dir) };
  const usage = Object.fromEntries(
    await Promise.all(Object.entries(dirs).map(async ([k, d]) => [k, { path: d, ...(await diskUsage(d)) }])),
  );
  // A process that exits while systeminformation reads /proc comes back with fields missing: show it with
  // blanks and zeros rather than fail the whole report.
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  const proc = (p: (typeof procs.list)[number]): Proc => ({
    pid: num(p.pid),
    user: p.user ?? '',
    cpu: num(p.cpu),
    mem: num(p.mem),
    rssBytes: num(p.memRss) * 1024,
    command: `${p.name ?? ''} ${p.params ?? ''}`.trim().slice(0, 80),
  });
  const result: Result = {
    health,
    cpu: { cores: availableParallelism(), ratio: snapshot.cpuRatio, load: loadavg() },
    memory: {
      totalBytes: mem.total,
      availableBytes: mem.available,
      ratio: snapshot.memoryRatio,
      swapTotalBytes: mem.swaptotal,
      swapUsedBytes: mem.swapused,
    },
    gpu: snapshot.gpu,
    filesystems: fs.map((f) => ({
      mount: f.mount,
      fs: f.fs,
      sizeBytes: f.size,
      usedBytes: f.used,
      ratio: num(f.use) / 100,
    })),
    directories: usage,
    topByMemory: [...procs.list]
      .sort((a, b) => b.mem - a.mem)
      .slice(0, top)
      .map(proc),
    topByCpu: [...procs.list]
      .sort((a, b) => b.cpu - a.cpu)
      .slice(0, top)
      .map(proc),
  };
  const finding = Object.values(health.resources).some((s) => s === 'warning' || s === 'critical');
  if (opts.json) printJson(result);
  else printText(result);
  return finding ? EXIT.finding : EXIT.ok;
}

function printText(r: Result): void {
  const state = (k: keyof typeof r.health.resources) => (r.health.resources[k] ?? 'n/a').toUpperCase();
  const procRows = (list: Proc[]) =>
    list.map((p) => [
      p.pid,
      p.user,
      `${p.cpu.toFixed(1)}%`,
      `${p.mem.toFixed(1)}%`,
      size(p.rssBytes),
      p.command,
    ]);
  const out = [
    `host: ${r.health.status}${r.health.issues.map((i) => `\n  - ${i}`).join('')}`,
    `cpu: ${pct(r.cpu.ratio)} of ${r.cpu.cores} cores (${state('cpu')}), load ${r.cpu.load.map((l) => l.toFixed(2)).join(' ')}`,
    `memory: ${pct(r.memory.ratio)} of ${size(r.memory.totalBytes)}, ${size(r.memory.availableBytes)} available (${state('memory')}); swap ${size(r.memory.swapUsedBytes)} / ${size(r.memory.swapTotalBytes)}`,
    '',
    textTable(
      ['mount', 'filesystem', 'size', 'used', 'use'],
      r.filesystems.map((f) => [f.mount, f.fs, size(f.sizeBytes), size(f.usedBytes), pct(f.ratio)]),
    ),
    '',
    textTable(
      ['directory', 'path', 'size'],
      Object.entries(r.directories).map(([k, d]) => [
        k,
        d.path,
        d.bytes === undefined ? 'absent' : `${size(d.bytes)}${d.truncated ? '+' : ''}`,
      ]),
    ),
    '',
    'top by memory',
    textTable(['pid', 'user', 'cpu', 'mem', 'rss', 'command'], procRows(r.topByMemory)),
    '',
    'top by cpu',
    textTable(['pid', 'user', 'cpu', 'mem', 'rss', 'command'], procRows(r.topByCpu)),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
