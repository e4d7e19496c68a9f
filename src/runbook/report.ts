/**
 * Reports of one run: Markdown for people (email, tickets) and JSON for tools. The Markdown reads top down
 * as a person hands it on (issue 12, point 6): the verdict and what is down on the first line, the findings
 * one line each, the step table, and only then each step's output, capped with a pointer to the full text.
 */
import { findings, headline } from './findings.js';
import type { RunRecord, StepRecord } from './record.js';

/** Seconds with one decimal. */
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** Lines of each output stream shown in the Markdown report: the first and last half of them. */
export const REPORT_OUTPUT_LINES = 20;
/** The width the head of the report (everything before the outputs) is laid out for. */
export const REPORT_WIDTH = 120;

/** The JSON report: the record itself, raw values and full (capped) output included. */
export function renderJson(r: RunRecord): string {
  return `${JSON.stringify(r, null, 2)}\n`;
}

// A fence longer than any backtick run inside, so output containing ``` cannot end the block early.
function fenced(text: string, lang = 'text'): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${text.replace(/\n$/, '')}\n${f}`;
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, Math.max(0, n - 1))}…`);

/**
 * At most REPORT_OUTPUT_LINES lines of `text`: its first and last halves around a line saying how many were
 * left out and where the whole is (`full` names the file and the step's field).
 */
export function capLines(text: string, full: string, max = REPORT_OUTPUT_LINES): string {
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines.length <= max) return lines.join('\n');
  const head = Math.ceil(max / 2);
  const tail = max - head;
  const left = lines.length - max;
  return [
    ...lines.slice(0, head),
    `[... ${left} more line${left > 1 ? 's' : ''}: the whole output is in ${full} ...]`,
    ...lines.slice(-tail),
  ].join('\n');
}

/** Options of the Markdown report. */
export interface MarkdownOptions {
  /** Where the full output is (the journal's JSON report, an attachment); named under each capped output. */
  fullOutput?: string;
}

/** Findings listed in the report's head at most; the table has the rest. */
export const REPORT_FINDINGS_LIMIT = 12;

// The findings, one screen line each, at most REPORT_FINDINGS_LIMIT.
function findingLines(found: string[]): string[] {
  if (found.length === 0) return ['- nothing wrong: no step failed or warned, and every source answered'];
  const shown = found.length > REPORT_FINDINGS_LIMIT ? found.slice(0, REPORT_FINDINGS_LIMIT - 1) : found;
  const lines = shown.map((f) => `- ${clip(f, REPORT_WIDTH - 2)}`);
  if (shown.length < found.length)
    lines.push(`- ... and ${found.length - shown.length} more in the table below`);
  return lines;
}

// One table row, its reason clipped so the row fits REPORT_WIDTH (the step's section has the whole reason).
function row(s: StepRecord): string {
  const head = `| ${s.index + 1} | ${s.title} | ${s.unreachable ? 'UNREACHABLE' : s.status} | ${secs(s.durationMs)} | `;
  const reason = s.reason.replace(/\s+/g, ' ').replace(/\|/g, '\\|');
  return `${head}${clip(reason, REPORT_WIDTH - head.length - 2)} |`;
}

/** The Markdown report: headline, findings, the run in three lines, the step table, then each step in full. */
export function renderMarkdown(r: RunRecord, opts: MarkdownOptions = {}): string {
  const kv = (o: Record<string, string>) =>
    Object.entries(o)
      .map(([k, v]) => `\`${k}=${v}\``)
      .join(', ') || 'none';
  const found = findings(r);
  const where = opts.fullOutput ?? "the run's JSON report";
  const lines = [
    `# ${headline(r, found)}`,
    '',
    ...findingLines(found),
    '',
    `- run ${r.runId} of \`${r.runbook.id}\` (${r.runbook.file}) by ${r.user} on ${r.host}, ${secs(r.durationMs)}${r.unattended ? ', unattended' : ''}${r.resumedFrom ? `, resuming ${r.resumedFrom}` : ''}`,
    `- params: ${kv(r.params)}; alert labels: ${kv(r.labels)}`,
    `- endpoints: ${kv(r.endpoints ?? {})}`,
    '',
    '| # | step | status | time | reason |',
    '|---|---|---|---|---|',
    ...r.steps.map(row),
  ];
  for (const s of r.steps) {
    lines.push(
      '',
      `## ${s.index + 1}. ${s.title}: ${s.unreachable ? 'UNREACHABLE' : s.status}`,
      '',
      s.reason,
    );
    if (s.command) lines.push('', fenced(s.command, s.kind));
    if (s.note) lines.push('', `> note: ${s.note.replace(/\n/g, '\n> ')}`);
    const field = (stream: string) => `${where}, step ${s.index + 1} (\`steps[${s.index}].${stream}\`)`;
    if (s.stdout) lines.push('', 'output:', '', fenced(capLines(s.stdout, field('stdout'))));
    if (s.stderr) lines.push('', 'stderr:', '', fenced(capLines(s.stderr, field('stderr'))));
  }
  return `${lines.join('\n')}\n`;
}
