/**
 * `mmops alerts silence MATCHER... --duration D --comment TEXT`: shows the matchers and the alerts they hit
 * now (karma's preview, by Alertmanager's own `filter`) with the author, then creates the silence. A
 * duration that cannot be read is an error, and one over a day needs --yes.
 */
import type { Command } from 'commander';
import { formatMatcher, type Matcher, parseMatcher, parseSilenceDuration } from '../sources/index.js';
import { chooseTarget, hitNames, previewHits, silenceAuthor, silenceTargets } from './alert-targets.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';

/** The command's options. */
export interface SilenceOpts {
  duration?: string;
  comment?: string;
  author?: string;
  yes?: boolean;
  target?: string;
  json?: boolean;
}

/** Parses the matcher arguments; exit 2 naming the bad one. */
export function matcherArgs(args: readonly string[]): Matcher[] {
  if (args.length === 0)
    throw new CliError('give at least one matcher, e.g. alertname=HighPredictionLatency');
  return args.map((a) => {
    try {
      return parseMatcher(a);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
  });
}

/** Creates the silence; exit 2 on bad input, 3 when no target answers. */
export async function run(args: string[], opts: SilenceOpts, cmd: Command): Promise<number> {
  const matchers = matcherArgs(args);
  if (!opts.comment?.trim()) throw new CliError('alerts silence needs --comment TEXT (why it is silenced)');
  if (!opts.duration) throw new CliError('alerts silence needs --duration (e.g. 30m, 2h)');
  let duration: ReturnType<typeof parseSilenceDuration>;
  try {
    duration = parseSilenceDuration(opts.duration);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const want = opts.target ?? 'auto';
  if (want !== 'auto' && want !== 'alertmanager' && want !== 'engine') {
    throw new CliError(`--target ${want}: use auto, alertmanager or engine`);
  }
  const { config } = configFor(cmd);
  const author = silenceAuthor(opts.author);
  const texts = matchers.map(formatMatcher);
  const { target, alerts } = chooseTarget(await previewHits(silenceTargets(config), texts), want);
  const preview = [
    `silence in ${target.name} by ${author} for ${opts.duration}: ${opts.comment.trim()}`,
    `  matchers: ${texts.join(', ')}`,
    `  hits ${alerts.length} alert${alerts.length === 1 ? '' : 's'} now${alerts.length ? `: ${hitNames(alerts)}` : ''}`,
  ];
  if (duration.long && !opts.yes) {
    process.stderr.write(`${preview.join('\n')}\n`);
    throw new CliError(`${opts.duration} is longer than a day: add --yes to silence for that long`);
  }
  const now = Date.now();
  const endsAt = new Date(now + duration.ms);
  const r = await target.client.silence({
    matchers,
    startsAt: new Date(now),
    endsAt,
    createdBy: author,
    comment: opts.comment.trim(),
  });
  if (!r.ok) {
    throw new CliError(
      `silence failed at ${target.client.url}: ${r.error}`,
      r.kind === 'http' ? EXIT.usage : EXIT.unreachable,
    );
  }
  if (opts.json) {
    printJson({
      silenceID: r.data.silenceID,
      target: target.name,
      author,
      comment: opts.comment.trim(),
      matchers: texts,
      endsAt: endsAt.toISOString(),
      hits: alerts.map((a) => ({ fingerprint: a.fingerprint, labels: a.labels })),
    });
  } else {
    process.stdout.write(
      `${[...preview, `  silence ${r.data.silenceID} until ${endsAt.toISOString()}`].join('\n')}\n`,
    );
  }
  return EXIT.ok;
}
