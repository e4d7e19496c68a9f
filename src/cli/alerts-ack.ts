/**
 * `mmops alerts ack NAME --comment TEXT`: an acknowledgement with an owner (alertmanager#1860), kept as
 * kthxbye keeps them: a short silence whose comment starts with ACK!, extended by the engine process
 * (cli/ack-loop.ts) while the alert fires and expired once it resolves.
 */
import type { Command } from 'commander';
import {
  ackComment,
  DEFAULT_ACK_POLICY,
  formatMatcher,
  type Matcher,
  matchersFor,
} from '../sources/index.js';
import { chooseTarget, hitNames, previewHits, silenceAuthor, silenceTargets } from './alert-targets.js';
import { configFor, printJson } from './config-option.js';
import { CliError, EXIT } from './exit.js';

/** The command's options. */
export interface AckOpts {
  comment?: string;
  author?: string;
  label?: string[];
  json?: boolean;
}

/** Acks every firing alert named NAME (narrowed by --label k=v); exit 2 when none fires, 3 when unreachable. */
export async function run(name: string, opts: AckOpts, cmd: Command): Promise<number> {
  if (!opts.comment?.trim())
    throw new CliError('alerts ack needs --comment TEXT (what you are doing about it)');
  const { config } = configFor(cmd);
  const wanted: Matcher[] = [
    { name: 'alertname', value: name, isRegex: false, isEqual: true },
    ...(opts.label ?? []).map((l) => {
      const i = l.indexOf('=');
      if (i <= 0) throw new CliError(`--label ${JSON.stringify(l)}: use name=value`);
      return { name: l.slice(0, i), value: l.slice(i + 1), isRegex: false, isEqual: true };
    }),
  ];
  const filter = wanted.map(formatMatcher);
  const { target, alerts } = chooseTarget(await previewHits(silenceTargets(config), filter), 'auto');
  if (alerts.length === 0) throw new CliError(`no firing alert matches ${filter.join(', ')}`, EXIT.usage);
  // One alert: its exact labels, so the ack never spreads to a sibling that fires later. Several: the filter.
  const matchers = alerts.length === 1 ? matchersFor(alerts[0]!.labels) : wanted;
  const now = Date.now();
  const author = silenceAuthor(opts.author);
  const endsAt = now + DEFAULT_ACK_POLICY.extendByMs;
  const r = await target.client.silence({
    matchers,
    startsAt: new Date(now),
    endsAt: new Date(endsAt),
    createdBy: author,
    comment: ackComment(opts.comment.trim()),
  });
  if (!r.ok)
    throw new CliError(
      `ack failed at ${target.client.url}: ${r.error}`,
      r.kind === 'http' ? EXIT.usage : EXIT.unreachable,
    );
  const doc = {
    silenceID: r.data.silenceID,
    target: target.name,
    author,
    comment: opts.comment.trim(),
    matchers: matchers.map(formatMatcher),
    alerts: alerts.map((a) => ({ fingerprint: a.fingerprint, labels: a.labels })),
    endsAt: new Date(endsAt).toISOString(),
  };
  if (opts.json) printJson(doc);
  else {
    process.stdout.write(
      `${[
        `acked ${hitNames(alerts)} as ${author} in ${target.name} (silence ${r.data.silenceID})`,
        `  matchers: ${doc.matchers.join(', ')}`,
        `  until ${doc.endsAt}; the engine process extends it while the alert fires and expires it once it resolves`,
      ].join('\n')}\n`,
    );
  }
  return EXIT.ok;
}
