// The Markdown report on real journal entries (issue 12, point 6): daily runs of `mmops demo` on a pegged host
// (CPU critical) and with its Prometheus killed, as `mmops runbook run daily --yes` journalled them, plus one
// journalled before the findings existed. What is wrong comes first, the head fits one screen, outputs are
// capped with a pointer to the whole, and the JSON keeps the raw values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findings, headline, type RunRecord, renderJson, renderMarkdown } from '../../src/runbook/index.js';
import { REPORT_OUTPUT_LINES, REPORT_WIDTH } from '../../src/runbook/report.js';
import { ROOT } from './helpers.js';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(join(ROOT, 'test', 'fixtures', 'runbook', 'journal', `${name}.json`), 'utf8'),
  ) as RunRecord;
const FULL = '/var/lib/mmops/journal/reports/run.json';

/** The report's lines before the first step's section: what a person sees before the outputs. */
function head(md: string): string[] {
  const lines = md.split('\n');
  return lines.slice(
    0,
    lines.findIndex((l) => /^## 1\. /.test(l)),
  );
}

describe('the Markdown report of a daily run with Prometheus down', () => {
  const rec = fixture('daily-prometheus-down');
  const md = renderMarkdown(rec, { fullOutput: FULL });

  it('names the dependency that is down, with its URL, on its first line; then the findings', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Daily checks: FAIL: Prometheus (http://127.0.0.1:9090) unreachable');
    expect(lines.slice(2, 5)).toEqual([
      '- UNREACHABLE Prometheus (http://127.0.0.1:9090): connection refused (ECONNREFUSED) (steps 2-10, 12, 13, 15)',
      '- FAIL 16. Resource usage: exit code 1: a critical finding: cpu: 100.00% of 2 cores (CRITICAL), load 16.95 17.57 12.02',
      '- WARN 11. Recent alerts (engine): output matches /"state"\\s*:\\s*"firing"/',
    ]);
  });

  it('fits one screen (40 lines of 120 columns) before the outputs begin, the step table included', () => {
    const h = head(md);
    expect(h.length).toBeLessThanOrEqual(40);
    for (const l of h) expect([...l].length, l).toBeLessThanOrEqual(REPORT_WIDTH);
    expect(h.filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(rec.steps.length);
    expect(h).toContain(
      '| 3 | Prometheus scrapes every target | UNREACHABLE | 0.0s | unreachable: Prometheus: http://127.0.0.1:9090: ECONNREF… |',
    );
  });

  it('caps each output at 20 lines, its start and its end, pointing at the whole in the journal', () => {
    // step 1 printed 60 lines of /metrics (issue 12: "step 1 dumps 60 lines")
    expect(rec.steps[0]!.stdout.trimEnd().split('\n')).toHaveLength(60);
    const section = md.slice(md.indexOf('## 1. '), md.indexOf('## 2. '));
    const output = section.slice(section.indexOf('```text\n') + 8, section.lastIndexOf('\n```'));
    const lines = output.split('\n');
    expect(lines).toHaveLength(REPORT_OUTPUT_LINES + 1);
    expect(lines[10]).toBe(
      `[... 40 more lines: the whole output is in ${FULL}, step 1 (\`steps[0].stdout\`) ...]`,
    );
    expect(lines[0]).toBe(rec.steps[0]!.stdout.split('\n')[0]);
    expect(lines.at(-1)).toBe(rec.steps[0]!.stdout.trimEnd().split('\n').at(-1));
  });
});

describe('the Markdown report of a daily run on a host with its CPU critical', () => {
  const rec = fixture('daily-cpu-critical');
  const md = renderMarkdown(rec, { fullOutput: FULL });

  it('counts the findings on its first line and lists FAILs before WARNs, each with its reason', () => {
    expect(md.split('\n')[0]).toBe('# Daily checks: FAIL: 5 findings');
    expect(findings(rec).map((f) => f.split(':')[0])).toEqual([
      'FAIL 2. Current status',
      'FAIL 12. Firing alerts (Prometheus)',
      'FAIL 13. Alerts review',
      'FAIL 16. Resource usage',
      'WARN 11. Recent alerts (engine)',
    ]);
  });

  it('reasons read for people: labels as model=..., seconds as ms, ratios as %; the JSON keeps the raw values', () => {
    const h = head(md).join('\n');
    expect(h).toContain('| 10 | Model accuracy | PASS | 0.0s | model=market-master-v1: 89.7 % |');
    expect(h).toContain('| 4 | Prediction latency (p95) | PASS | 0.1s | 65.9 ms |');
    expect(h).toContain(
      '| 3 | Prometheus scrapes every target | PASS | 0.1s | job=market_master: 1; job=prometheus: 1 |',
    );
    // the reasons, in the head and in each step's section (the outputs stay as the source printed them)
    for (const s of rec.steps) expect(s.reason).not.toMatch(/__name__|instance=|%7B|%28/);
    expect(h).not.toMatch(/__name__|instance=/);
    const json = JSON.parse(renderJson(rec)) as RunRecord;
    expect(json.steps[9]!.values).toEqual([
      {
        value: 0.8972520908004779,
        labels: {
          __name__: 'market_master_model_accuracy',
          instance: '127.0.0.1:44807',
          job: 'market_master',
          model: 'market-master-v1',
        },
      },
    ]);
    expect(json.steps[9]!.unit).toBe('ratio');
  });

  it('says "nothing wrong" when every step passed', () => {
    const clean = {
      ...rec,
      status: 'PASS' as const,
      steps: rec.steps.map((s) =>
        s.status === 'FAIL' || s.status === 'WARN' ? { ...s, status: 'PASS' as const } : s,
      ),
    };
    const lines = renderMarkdown(clean).split('\n');
    expect(lines[0]).toBe('# Daily checks: PASS');
    expect(lines[2]).toBe('- nothing wrong: no step failed or warned, and every source answered');
  });
});

describe('a run journalled before the findings existed', () => {
  it('still names the down source from the step reasons; a bare "exit 3" stays a finding of its own', () => {
    const rec = fixture('daily-prometheus-down-before-issue-12');
    expect(headline(rec)).toBe('Daily checks: FAIL: Prometheus (http://127.0.0.1:9090) unreachable');
    expect(findings(rec).slice(0, 3)).toEqual([
      'UNREACHABLE Prometheus (http://127.0.0.1:9090): connection refused (ECONNREFUSED) (steps 3-10, 12, 15)',
      'UNREACHABLE 2. Current status: exit 3',
      'UNREACHABLE 13. Alerts review: exit 3',
    ]);
  });
});
