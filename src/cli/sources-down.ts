/**
 * One stderr line per source that did not answer, as `diag health` writes them: a runbook step that runs
 * `mmops status` or `mmops alerts` reads its last stderr line as the reason it found the source unreachable
 * (runbook/judge.ts), and a report names the dependency from it instead of a bare "exit 3".
 */
import type { SourceCheck } from '../console/index.js';

const NO_ANSWER = new Set(['unreachable', 'timeout', 'bad-response']);

/** Writes `mmops: prometheus unreachable at http://...: ECONNREFUSED` for each source that gave no answer. */
export function reportSourcesDown(sources: Record<string, SourceCheck>): void {
  for (const [name, c] of Object.entries(sources)) {
    if (c.ok || !NO_ANSWER.has(c.kind ?? '')) continue;
    // the error starts with the request URL (query string and all): the base URL and the cause read better
    const why = (c.error ?? c.kind ?? 'no answer').split(': ').slice(1).join(': ') || c.error || 'no answer';
    process.stderr.write(`mmops: ${name} unreachable at ${c.url}: ${why}\n`);
  }
}
