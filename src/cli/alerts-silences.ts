/** `mmops alerts silences` (list, Alertmanager's and the engine's) and `mmops alerts unsilence ID` (expire). */
import type { Command } from 'commander';
import { type AmSilence, commentText, formatMatcher } from '../sources/index.js';
import { type SilenceTarget, silenceTargets } from './alert-targets.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';
import { textTable } from './text-table.js';

/** One listed silence and where it lives. */
export type ListedSilence = AmSilence & { target: SilenceTarget['name'] };

/** Every target's silences (expired ones only with `all`); the failures beside them. */
export async function listSilences(
  targets: readonly SilenceTarget[],
  all: boolean,
): Promise<{ silences: ListedSilence[]; errors: Array<{ target: string; error: string }> }> {
  const results = await Promise.all(targets.map(async (t) => ({ t, r: await t.client.silences() })));
  const silences: ListedSilence[] = [];
  const errors: Array<{ target: string; error: string }> = [];
  for (const { t, r } of results) {
    if (!r.ok) errors.push({ target: t.name, error: r.error });
    else
      silences.push(
        ...r.data.filter((s) => all || s.state !== 'expired').map((s) => ({ ...s, target: t.name })),
      );
  }
  silences.sort((a, b) => a.endsAt - b.endsAt || a.id.localeCompare(b.id));
  return { silences, errors };
}

/** The JSON of one silence. */
export function silenceJson(s: ListedSilence) {
  return {
    id: s.id,
    target: s.target,
    state: s.state,
    kind: s.ack ? 'ack' : 'silence',
    matchers: s.matchers.map(formatMatcher),
    createdBy: s.createdBy,
    comment: commentText(s.comment),
    startsAt: new Date(s.startsAt).toISOString(),
    endsAt: new Date(s.endsAt).toISOString(),
  };
}

/** Lists silences; exit 3 when a target does not answer (the others are still listed). */
export async function runList(opts: { all?: boolean; json?: boolean }, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const { silences, errors } = await listSilences(silenceTargets(config), opts.all === true);
  const code = errors.length > 0 ? EXIT.unreachable : EXIT.ok;
  if (opts.json) {
    printJson({ silences: silences.map(silenceJson), errors });
    return code;
  }
  for (const e of errors) process.stderr.write(`mmops: ${e.target}: ${e.error}\n`);
  if (silences.length === 0) process.stdout.write('no silences\n');
  else {
    const rows = silences.map((s) => {
      const j = silenceJson(s);
      return [j.id, j.target, j.state, j.kind, j.matchers.join(','), j.createdBy, j.comment, j.endsAt];
    });
    process.stdout.write(
      `${textTable(['id', 'in', 'state', 'kind', 'matchers', 'by', 'comment', 'ends'], rows)}\n`,
    );
  }
  return code;
}

/** Expires silence ID wherever it lives; exit 2 when no target knows it, 3 when none answers. */
export async function runExpire(id: string, opts: { json?: boolean }, cmd: Command): Promise<number> {
  const { config } = configFor(cmd);
  const errors: string[] = [];
  for (const t of silenceTargets(config)) {
    const r = await t.client.expire(id);
    if (r.ok) {
      if (opts.json) printJson({ id, target: t.name, expired: true });
      else process.stdout.write(`expired silence ${id} in ${t.name}\n`);
      return EXIT.ok;
    }
    errors.push(`${t.name}: ${r.error}`);
  }
  const unreachable = errors.length > 0 && errors.every((e) => !/HTTP \d/.test(e));
  throw new CliError(`no silence ${id}: ${errors.join('; ')}`, unreachable ? EXIT.unreachable : EXIT.usage);
}
