/** Reports of one run: Markdown for people (email, tickets) and JSON for tools. */
import type { RunRecord } from './record.js';

const ICON = { PASS: 'PASS', WARN: 'WARN', FAIL: 'FAIL', SKIPPED: 'SKIPPED' } as const;

/** Seconds with one decimal. */
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** The JSON report: the record itself. */
export function renderJson(r: RunRecord): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

// A fence longer than any backtick run inside, so output containing ``` cannot end the block early.
function fenced(text: string, lang = 'text'): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${text.replace(/\n$/, '')}\n${f}`;
}

// One line per source that gave no answer, with the steps that could not judge because of it.
function unreachableLines(r: RunRecord): string[] {
  const by = new Map<string, number[]>();
  for (const s of r.steps)
    if (s.unreachable) by.set(s.unreachable, [...(by.get(s.unreachable) ?? []), s.index + 1]);
  return [...by].map(
    ([what, steps]) => `- unreachable: ${what} (step${steps.length > 1 ? 's' : ''} ${steps.join(', ')})`,
  );
}

/** The Markdown report: a summary table, then each step with its command, reason and output. */
export function renderMarkdown(r: RunRecord): string {
  const kv = (o: Record<string, string>) =>
    Object.entries(o)
      .map(([k, v]) => `\`${k}=${v}\``)
      .join(', ') || 'none';
  const lines = [
    `# ${r.runbook.title}: ${r.status}`,
    '',
    `- runbook: \`${r.runbook.id}\` (${r.runbook.kind}, ${r.runbook.file})`,
    `- run: ${r.runId}`,
    `- by ${r.user} on ${r.host}, ${r.startedAt} (${secs(r.durationMs)})${r.unattended ? ', unattended' : ''}`,
    `- params: ${kv(r.params)}`,
    `- alert labels: ${kv(r.labels)}`,
    `- endpoints: ${kv(r.endpoints ?? {})}`,
    ...unreachableLines(r),
    '',
    '| # | step | status | time | reason |',
    '|---|---|---|---|---|',
    ...r.steps.map(
      (s) =>
        `| ${s.index + 1} | ${s.title} | ${ICON[s.status]} | ${secs(s.durationMs)} | ${s.reason.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`,
    ),
  ];
  for (const s of r.steps) {
    lines.push('', `## ${s.index + 1}. ${s.title}: ${s.status}`, '', `${s.reason}`);
    if (s.command) lines.push('', fenced(s.command, s.kind));
    if (s.note) lines.push('', `> note: ${s.note.replace(/\n/g, '\n> ')}`);
    if (s.stdout) lines.push('', 'output:', '', fenced(s.stdout));
    if (s.stderr) lines.push('', 'stderr:', '', fenced(s.stderr));
  }
  return `${lines.join('\n')}\n`;
}
