/** `mmops simulate`: the demo model service against an engine, or `--write-reference FILE`. */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  createFetchPost,
  createSimulator,
  describeFaults,
  FAULT_NAMES,
  type FaultName,
  faultSet,
  isFaultName,
  readFaultCommands,
  writeReference,
} from '../sim/index.js';
import { CliError, EXIT } from './exit.js';
import { intFlag, releaseProcess, waitForSignal } from './lifetime.js';

/** The command's options, as commander parses them. */
export interface Opts {
  engine?: string;
  rate: string;
  fault?: string[];
  seed: string;
  logDir?: string;
  writeReference?: string;
  rows: string;
}

/** `--fault a,b --fault c` as fault names; a usage error names the unknown one. */
export function parseFaults(values: readonly string[] = []): FaultName[] {
  const names = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);
  for (const n of names) {
    if (!isFaultName(n)) throw new CliError(`--fault ${n}: allowed: ${FAULT_NAMES.join(', ')}`);
    // the engine belongs to whoever started it: only `mmops demo` stops (and restarts) its own
    if (n === 'engine') throw new CliError('--fault engine: only mmops demo can stop its own engine');
  }
  return [...new Set(names)] as FaultName[];
}

/** $MMOPS_LOG_DIR, or ~/.local/state/mmops/logs (XDG state: logs are state, not config or data). */
export function defaultLogDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MMOPS_LOG_DIR?.trim() || join(homedir(), '.local', 'state', 'mmops', 'logs');
}

/** Runs the command. */
export async function run(opts: Opts, _cmd: Command): Promise<number> {
  if (opts.writeReference) {
    const rows = intFlag('--rows', opts.rows, 1);
    const r = await writeReference(opts.writeReference, { rows: rows ?? 5000 });
    process.stdout.write(`wrote ${r.rows} reference rows (${r.format}) to ${resolve(r.file)}\n`);
    return EXIT.ok;
  }
  if (!opts.engine) throw new CliError('simulate needs --engine URL (or --write-reference FILE)');
  let engineUrl: URL;
  try {
    engineUrl = new URL(opts.engine);
  } catch {
    throw new CliError(`--engine ${opts.engine}: expected a URL such as http://127.0.0.1:8000`);
  }
  const rate = Number(opts.rate);
  if (!(rate > 0 && Number.isFinite(rate))) throw new CliError(`--rate ${opts.rate}: expected a number > 0`);
  const faults = parseFaults(opts.fault);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const logDir = resolve(opts.logDir ?? defaultLogDir());
  mkdirSync(logDir, { recursive: true });
  const token = process.env.MMOPS_INGEST_TOKEN?.trim();
  const sim = createSimulator({
    engineUrl: engineUrl.href,
    rate,
    seed: intFlag('--seed', opts.seed) ?? 42,
    faults: faultSet(...faults),
    logDir,
    post: createFetchPost(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    onSwitch: (name, on) => {
      if (name === 'engine' && on)
        say('mmops simulate: the engine fault does nothing here: only mmops demo stops its own engine');
    },
  });
  sim.start();
  say(`mmops simulate: ${rate} records/s to ${engineUrl.origin}; ${describeFaults(sim.faults())}`);
  say(`mmops simulate: logs in ${logDir} (app.log, error.log)`);
  say('mmops simulate: type "fault <name> on|off", "rate <n>" or "faults"; Ctrl-C stops');
  void readFaultCommands(process.stdin, sim, say).catch(() => undefined);
  const status = setInterval(() => {
    const s = sim.stats();
    say(
      `mmops simulate: generated ${s.generated}, acked ${s.acked}, buffered ${s.buffered}, failed posts ${s.failedPosts}`,
    );
  }, 10_000);
  const signal = await waitForSignal();
  clearInterval(status);
  await sim.stop();
  const s = sim.stats();
  say(`mmops simulate: ${signal}, stopped: generated ${s.generated}, acked ${s.acked}, dropped ${s.dropped}`);
  releaseProcess(EXIT.ok);
  return EXIT.ok;
}
