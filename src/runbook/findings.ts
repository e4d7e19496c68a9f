/**
 * What is wrong in a run, one line each (issue 12, point 6): the dependencies that did not answer, named
 * with their URLs, then each FAIL and WARN step with its reason. The report, the terminal summary and the
 * first line of both start here, so the person handed a report reads the answer before the evidence.
 */
import { noAnswerText } from './reason-text.js';
import type { RunRecord, StepRecord } from './record.js';

/** How the dependencies read in a report (the endpoint names are config keys). */
const DISPLAY: Record<string, string> = {
  engine: 'Engine',
  prometheus: 'Prometheus',
  alertmanager: 'Alertmanager',
  grafana: 'Grafana',
  mlflow: 'MLflow',
  database: 'Database',
  model_service: 'Model service',
  model_loading: 'Model loading',
};

/** A dependency that gave no answer, and the steps that said so. */
export interface DownDependency {
  name: string;
  url: string;
  /** Why, for people: "connection refused (ECONNREFUSED)". */
  why: string;
  steps: number[];
}

/** The "no answer" detail of a step: its `unreachable`, or a FAIL/WARN whose step decides (`unreachable: fail`). */
function noAnswerDetail(s: StepRecord): string | undefined {
  if (s.unreachable !== undefined) return s.unreachable;
  return /^unreachable: /.test(s.reason) ? s.reason.slice('unreachable: '.length) : undefined;
}

// `host:port` of a URL (the default port when none is written), for finding it in an error text.
function hostPorts(url: string): string[] {
  try {
    const u = new URL(url);
    const port =
      u.port || (u.protocol === 'https:' ? '443' : u.protocol.startsWith('postgres') ? '5432' : '80');
    // curl says "Failed to connect to 127.0.0.1 port 9090"
    return [`${u.hostname}:${port}`, `${u.hostname} port ${port}`];
  } catch {
    return [];
  }
}

/**
 * Which endpoint a "no answer" detail is about: by the name it gives ("Prometheus: ...", "mmops: engine
 * unreachable ..."), else by its host and port (curl, an http step's URL).
 */
function endpointOf(detail: string, endpoints: Record<string, string>): string | undefined {
  const entries = Object.entries(endpoints);
  const lower = detail.toLowerCase();
  const byName = entries.find(([name]) => new RegExp(`\\b${name.replace(/_/g, '[ _]')}\\b`).test(lower));
  if (byName) return byName[0];
  return entries.find(([, url]) => hostPorts(url).some((hp) => detail.includes(hp)))?.[0];
}

// The cause at the end of a detail ("...: ECONNREFUSED (exit 3)" -> "ECONNREFUSED"), for people.
function cause(detail: string): string {
  const last =
    detail
      .replace(/\s*\(exit \d+\)$/, '')
      .split(': ')
      .pop() ?? detail;
  return noAnswerText(last.trim());
}

/**
 * The dependencies that did not answer, in the endpoints' order, and the steps whose source gave no answer
 * that no endpoint explains (a command that exited 3 without saying why).
 */
export function downDependencies(r: RunRecord): { down: DownDependency[]; unexplained: StepRecord[] } {
  const endpoints = r.endpoints ?? {};
  const by = new Map<string, DownDependency>();
  const unexplained: StepRecord[] = [];
  for (const s of r.steps) {
    const detail = noAnswerDetail(s);
    if (detail === undefined) continue;
    const name = endpointOf(detail, endpoints);
    if (name === undefined) {
      unexplained.push(s);
      continue;
    }
    const d = by.get(name) ?? { name, url: endpoints[name]!, why: cause(detail), steps: [] };
    d.steps.push(s.index + 1);
    by.set(name, d);
  }
  const order = Object.keys(endpoints);
  return {
    down: [...by.values()].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name)),
    unexplained,
  };
}

/** `Prometheus (http://127.0.0.1:9090)`. */
export const dependencyText = (d: Pick<DownDependency, 'name' | 'url'>) =>
  `${DISPLAY[d.name] ?? d.name} (${d.url})`;

/** `3-10, 12, 15`: step numbers with runs joined. */
export function stepRanges(steps: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    let j = i;
    while (j + 1 < steps.length && steps[j + 1] === steps[j]! + 1) j++;
    out.push(j - i >= 2 ? `${steps[i]}-${steps[j]}` : steps.slice(i, j + 1).join(', '));
    i = j;
  }
  return out.join(', ');
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The run's findings, one line each, most urgent first: dependencies down, steps whose source gave no
 * answer for an unknown reason, FAILs, WARNs, and the steps the run never judged. Empty when nothing is wrong.
 */
export function findings(r: RunRecord): string[] {
  const { down, unexplained } = downDependencies(r);
  const explained = new Set(down.flatMap((d) => d.steps));
  const lines = down.map(
    (d) =>
      `UNREACHABLE ${dependencyText(d)}: ${d.why} (step${d.steps.length > 1 ? 's' : ''} ${stepRanges(d.steps)})`,
  );
  for (const s of unexplained)
    lines.push(`UNREACHABLE ${s.index + 1}. ${s.title}: ${oneLine(noAnswerDetail(s) ?? s.reason)}`);
  const rest = r.steps.filter((s) => !explained.has(s.index + 1) && noAnswerDetail(s) === undefined);
  for (const status of ['FAIL', 'WARN'] as const)
    for (const s of rest.filter((x) => x.status === status))
      lines.push(`${status} ${s.index + 1}. ${s.title}: ${oneLine(s.reason)}`);
  const unjudged = rest.filter((s) => s.unjudged !== undefined);
  if (unjudged.length)
    lines.push(
      `NOT JUDGED step${unjudged.length > 1 ? 's' : ''} ${stepRanges(unjudged.map((s) => s.index + 1))}: ${oneLine(unjudged[0]!.reason)}`,
    );
  return lines;
}

/**
 * The first line of a report: the runbook, the verdict, and what is down by name and URL, else how many
 * findings there are. "Daily checks: FAIL: Prometheus (http://127.0.0.1:9090) unreachable".
 */
export function headline(r: RunRecord, found: string[] = findings(r)): string {
  const { down } = downDependencies(r);
  const head = `${r.runbook.title}: ${r.status}`;
  if (down.length) return `${head}: ${down.map(dependencyText).join(', ')} unreachable`;
  if (found.length) return `${head}: ${found.length} finding${found.length > 1 ? 's' : ''}`;
  return head;
}
