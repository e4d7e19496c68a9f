/** The stdin control channel: lines such as `fault drift on` switch faults while the simulator runs. */
import { createInterface } from 'node:readline';
import { FAULT_NAMES, type FaultName, type FaultSet, isFaultName } from './faults.js';

/** A parsed control line. */
export type FaultCommand =
  | { kind: 'set'; faults: FaultName[]; on: boolean }
  | { kind: 'rate'; rate: number }
  | { kind: 'status' }
  | { kind: 'empty' }
  | { kind: 'invalid'; reason: string };

const USAGE = `expected "fault <${FAULT_NAMES.join('|')}|all>[,<another>...] on|off", "rate <records/s>" or "faults"`;
const VALID = `valid faults: ${FAULT_NAMES.join(', ')}, all`;

/**
 * Parses one line: `fault drift on`, `fault drift,latency on` (several at once), `fault latency off`,
 * `fault all off`, `rate 3` (records per second), or `faults` (show the switches).
 * Case and extra spaces do not matter; `#` starts a comment.
 */
export function parseFaultCommand(line: string): FaultCommand {
  const words = line.replace(/#.*/, '').trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'empty' };
  if (words.length === 1 && (words[0] === 'faults' || words[0] === 'status')) return { kind: 'status' };
  if (words[0] === 'rate' && words.length === 2) {
    const rate = Number(words[1]);
    return rate > 0 && Number.isFinite(rate)
      ? { kind: 'rate', rate }
      : { kind: 'invalid', reason: `"${words[1]}" is not a rate > 0 (records per second)` };
  }
  const [verb, name, state, ...rest] = words;
  if (verb !== 'fault' || name === undefined || state === undefined || rest.length > 0) {
    return { kind: 'invalid', reason: USAGE };
  }
  if (state !== 'on' && state !== 'off')
    return { kind: 'invalid', reason: `"${state}" is not on or off; ${USAGE}` };
  const names = name.split(',').filter(Boolean);
  const faults: FaultName[] = [];
  for (const n of names) {
    if (n === 'all') faults.push(...FAULT_NAMES);
    else if (isFaultName(n)) faults.push(n);
    else return { kind: 'invalid', reason: `unknown fault "${n}"; ${VALID}` };
  }
  if (faults.length === 0) return { kind: 'invalid', reason: USAGE };
  // in FAULT_NAMES order, each once: "fault drift,drift on" switches drift once
  return { kind: 'set', faults: FAULT_NAMES.filter((f) => faults.includes(f)), on: state === 'on' };
}

/** What the commands act on: a Simulator fits. Without setRate, `rate` lines are refused. */
export interface FaultTarget {
  setFault(name: FaultName, on: boolean): void;
  faults(): FaultSet;
  setRate?(rate: number): void;
}

/** A one-line summary of the switches: `drift=on latency=off ...`. */
export function describeFaults(faults: Readonly<FaultSet>): string {
  return FAULT_NAMES.map((f) => `${f}=${faults[f] ? 'on' : 'off'}`).join(' ');
}

/** The faults on, for a reply: `drift, latency`, or `none`. */
function onNow(faults: Readonly<FaultSet>): string {
  return FAULT_NAMES.filter((f) => faults[f]).join(', ') || 'none';
}

/**
 * What a `set` did, for people: which faults it switched, which were already as asked (switching on twice,
 * or off a fault that is not on, changes nothing and says so), and what is on now.
 */
function describeSet(
  names: readonly FaultName[],
  on: boolean,
  before: Readonly<FaultSet>,
  after: Readonly<FaultSet>,
): string {
  const switched = names.filter((f) => before[f] !== on && after[f] === on);
  const already = names.filter((f) => before[f] === on);
  const parts: string[] = [];
  if (switched.length > 0) parts.push(`switched ${on ? 'on' : 'off'} ${switched.join(', ')}`);
  if (already.length > 0)
    parts.push(
      on ? `already on: ${already.join(', ')}` : `not on, nothing to switch off: ${already.join(', ')}`,
    );
  if (switched.length === 0) parts.unshift('nothing changed');
  return `${parts.join('; ')}; on now: ${onNow(after)}`;
}

/** Applies one control line to `target`; returns the reply (the switches after it, or why it was refused), or null for a blank line. */
export function applyFaultCommand(line: string, target: FaultTarget): string | null {
  const cmd = parseFaultCommand(line);
  if (cmd.kind === 'empty') return null;
  if (cmd.kind === 'invalid') return `error: ${cmd.reason}`;
  if (cmd.kind === 'rate') {
    if (!target.setRate) return 'error: this target has no rate to change';
    target.setRate(cmd.rate);
    return `ok: rate=${cmd.rate}`;
  }
  if (cmd.kind === 'status') return `ok: ${describeFaults(target.faults())}`;
  const before = target.faults();
  for (const f of cmd.faults) target.setFault(f, cmd.on);
  return `ok: ${describeSet(cmd.faults, cmd.on, before, target.faults())}`;
}

/**
 * Reads control lines from `input` (e.g. process.stdin) until it ends, applying each to `target`.
 * Every non-empty line gets one reply through `reply` (e.g. to stderr): the switches after the change,
 * or why the line was refused. A bad line never stops the reader.
 */
export async function readFaultCommands(
  input: NodeJS.ReadableStream,
  target: FaultTarget,
  reply: (line: string) => void = () => undefined,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  for await (const line of lines) {
    const answer = applyFaultCommand(line, target);
    if (answer !== null) reply(answer);
  }
}
