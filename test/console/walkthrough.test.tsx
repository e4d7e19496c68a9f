/**
 * The console's runbooks: the Runbooks view, the walkthrough over real shell steps (the real spawner and
 * journal through the CLI's port), Enter on an alert, and the header's routines.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleRunbookPort } from '../../src/cli/runbook-session.js';
import { App } from '../../src/console/app.js';
import { createDeck } from '../../src/console/runbooks/deck.js';
import { alertInputs, runbookForAlert } from '../../src/console/runbooks/find.js';
import { routinesSegment, runbookList } from '../../src/console/runbooks/list-model.js';
import { printable, walkPanes } from '../../src/console/runbooks/walk-model.js';
import { createWalk } from '../../src/console/runbooks/walk-store.js';
import { type JournalEntry, parseRunbook, readJournal } from '../../src/runbook/index.js';
import { config, fixtureStore, NOW } from './make-store.js';

const ESC = String.fromCharCode(27);
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const visible = (s: string | undefined) => (s ?? '').replace(SGR, '');
const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await tick(25);
  }
}

// A small real runbook: a step that prints, one that fails, one behind a typed confirmation, a manual one.
const WALK_MD = `---
id: walk-test
title: Walk test
kind: daily
summary: a runbook for the walkthrough tests
---

# Walk test

## Say hello

Prints the alert's name from the environment.

\`\`\`sh
echo "hello from \${MMOPS_ALERT_ALERTNAME:-nobody}"
printf 'second line\\n'
\`\`\`

## Fails

\`\`\`sh
echo "about to fail" >&2; exit 3
\`\`\`

## Guarded

\`\`\`sh {"confirm": "restart"}
echo restarted
\`\`\`

## Look at the dashboard

Open Grafana and check the latency panel.
`;

let dir: string;
let journalDir: string;
let cfg: typeof config;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmops-walk-'));
  mkdirSync(join(dir, 'runbooks'));
  writeFileSync(join(dir, 'runbooks', 'walk-test.md'), WALK_MD);
  journalDir = join(dir, 'journal');
  cfg = structuredClone(config);
  cfg.runbooks.dirs = [join(dir, 'runbooks')];
  cfg.runbooks.journal_dir = journalDir;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('runbook lookup for an alert', () => {
  const rb = (id: string, alerts: string[], params = '') =>
    parseRunbook(
      `---\nid: ${id}\ntitle: T\nkind: alert\nalerts: [${alerts.join(', ')}]\nsummary: s\n${params}---\n## s\nx\n`,
      `${id}.md`,
    );
  const books = [
    rb('high-latency', ['HighPredictionLatency'], 'params:\n  model:\n    default: ""\n'),
    rb('data-drift', ['DataDriftDetected']),
  ];

  it('follows the runbook annotation as an id, a path or a URL, then the front matter alerts', () => {
    const find = (runbook: string | null, name = 'X') =>
      runbookForAlert({ name, runbook, labels: {} }, books)?.id;
    expect(find('data-drift')).toBe('data-drift');
    expect(find('runbooks/high-latency.md')).toBe('high-latency');
    expect(find('https://git.example/mmops/blob/main/runbooks/data-drift.md#steps')).toBe('data-drift');
    expect(find(null, 'HighPredictionLatency')).toBe('high-latency');
    expect(find('no-such', 'DataDriftDetected')).toBe('data-drift');
    expect(find(null, 'Unknown')).toBeUndefined();
  });

  it('passes every label, alertname included, and fills the params named like a label', () => {
    const alert = {
      name: 'HighPredictionLatency',
      runbook: null,
      labels: { model: 'mm-v2', severity: 'critical' },
    };
    const inputs = alertInputs(alert, books[0]!);
    expect(inputs.labels).toEqual({
      alertname: 'HighPredictionLatency',
      model: 'mm-v2',
      severity: 'critical',
    });
    expect(inputs.params).toEqual({ model: 'mm-v2' });
  });
});

describe('walkthrough model', () => {
  it('removes escapes and controls from output, and resolves carriage returns', () => {
    expect(printable(`${ESC}[31mred${ESC}[0m\tx\n10%\r50%\r100%\nbell\x07`)).toEqual([
      'red  x',
      '100%',
      'bell',
    ]);
  });

  it('never draws wider or taller than its box, even with long output', () => {
    const rb = parseRunbook(WALK_MD, 'walk-test.md');
    const port = consoleRunbookPort(cfg);
    const walk = createWalk(port, rb);
    const state = walk.getState();
    const long = {
      ...state,
      steps: state.steps.map((s) => ({
        ...s,
        mark: 'PASS' as const,
        output: `${'x'.repeat(500)}\n`.repeat(300),
      })),
    };
    for (const [w, h] of [
      [80, 21],
      [120, 37],
      [40, 5],
    ] as const) {
      const panes = walkPanes(long, w, h);
      expect(panes.leftWidth + 3 + panes.rightWidth).toBeLessThanOrEqual(w);
      for (const [pane, width] of [
        [panes.left, panes.leftWidth],
        [panes.right, panes.rightWidth],
      ] as const) {
        expect(pane.length).toBeLessThanOrEqual(h);
        for (const l of pane) expect(l.text.length).toBeLessThanOrEqual(width);
      }
    }
    port.dispose();
  });
});

describe('routines', () => {
  const entry = (kind: string, finishedAt: string, status = 'PASS') =>
    ({
      runbook: { id: kind, kind, title: kind, file: '' },
      finishedAt,
      status,
      user: 'ana',
      steps: [],
    }) as unknown as JournalEntry;

  it('shows each routine with a symbol, never colour alone, and the worst state', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    const entries = [entry('daily', '2026-11-23T08:00:00Z'), entry('weekly', '2026-11-14T08:00:00Z', 'WARN')];
    const schedule = cfg.runbooks.schedule;
    const seg = routinesSegment(
      runbookList({ runbooks: [], errors: [], entries, journalError: null }, schedule, now).routines,
    );
    // daily ran 4 h ago; weekly 9 days ago (due after 7 d, overdue after 10.5 d); monthly never
    expect(seg.text).toBe('routines d✔ w▲ m▲');
    expect(seg.state).toBe('warning');
  });
});

describe('walkthrough over real steps', () => {
  it('runs, fails, asks the typed confirmation, takes a note and a manual answer, then journals the run', async () => {
    const port = consoleRunbookPort(cfg);
    const rb = port.load().runbooks.find((r) => r.id === 'walk-test')!;
    const walk = createWalk(port, rb, { labels: { alertname: 'HighPredictionLatency' }, params: {} });
    walk.runOrNext();
    await until('step 1', () => walk.getState().steps[0]!.mark === 'PASS');
    expect(walk.getState().steps[0]!.output).toBe('hello from HighPredictionLatency\nsecond line\n');
    walk.runOrNext(); // it ran: Enter moves on
    expect(walk.getState().selected).toBe(1);
    walk.runRemaining();
    await until(
      'the stop at the FAIL',
      () => !walk.getState().running && walk.getState().steps[1]!.mark === 'FAIL',
    );
    const s = walk.getState();
    expect(s.steps[1]!.output).toContain('about to fail');
    expect(s.steps[2]!.mark).toBe('PENDING'); // run-remaining stopped at the first failure
    expect(s.message).toMatch(/stopped at step 2: FAIL/);
    walk.note('exit 3 is the known flaky probe');
    walk.select(2);
    walk.runOrNext();
    await until('the confirmation', () => walk.getState().question?.kind === 'confirm');
    walk.answer('nope');
    await until('the skip', () => walk.getState().steps[2]!.mark === 'SKIPPED');
    expect(walk.getState().steps[2]!.reason).toMatch(/not confirmed/);
    walk.retry();
    await until('the confirmation again', () => walk.getState().question?.kind === 'confirm');
    walk.answer('restart');
    await until('the guarded step', () => walk.getState().steps[2]!.mark === 'PASS');
    expect(walk.getState().steps[2]!.attempts).toBe(2);
    walk.runOrNext(); // moves to the manual step
    walk.runOrNext();
    await until('the manual question', () => walk.getState().question?.kind === 'manual');
    walk.answer('w');
    await until('the manual verdict', () => walk.getState().steps[3]!.mark === 'WARN');
    const saved = await walk.close();
    expect(saved).toMatch(/reports\/.*walk-test\.md$/);
    const { entries } = readJournal(journalDir);
    expect(entries).toHaveLength(1);
    const e = entries[0]!;
    expect(e.unattended).toBe(false);
    expect(e.labels).toEqual({ alertname: 'HighPredictionLatency' });
    expect(e.steps.map((x) => x.status)).toEqual(['PASS', 'FAIL', 'PASS', 'WARN']);
    expect(e.steps[1]!.note).toBe('exit 3 is the known flaky probe');
    expect(readFileSync(saved!, 'utf8')).toContain('exit 3 is the known flaky probe');
    port.dispose();
  });

  it('Esc while a step runs stops it, and a walk with nothing run journals nothing', async () => {
    writeFileSync(
      join(dir, 'runbooks', 'slow.md'),
      '---\nid: slow\ntitle: Slow\nkind: alert\nsummary: s\n---\n## Sleep\n```sh {"timeout": "60s"}\necho started; sleep 30\n```\n',
    );
    const port = consoleRunbookPort(cfg);
    const books = port.load().runbooks;
    const idle = createWalk(port, books.find((r) => r.id === 'walk-test')!);
    expect(await idle.close()).toBeNull();
    const walk = createWalk(port, books.find((r) => r.id === 'slow')!);
    walk.runOrNext();
    await until('output', () => walk.getState().steps[0]!.output.includes('started'));
    const t0 = Date.now();
    const saved = await walk.close();
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(walk.getState().steps[0]!.mark).toBe('SKIPPED');
    expect(saved).not.toBeNull();
    expect(readJournal(journalDir).entries.map((e) => e.runbook.id)).toEqual(['slow']);
    port.dispose();
  });
});

describe('the console with runbooks', () => {
  let unmount: (() => void) | undefined;
  afterEach(() => unmount?.());

  async function mount(columns = 120, rows = 40) {
    const f = fixtureStore();
    await f.refresh();
    const port = consoleRunbookPort(cfg);
    const deck = createDeck(port);
    deck.start();
    const r = render(
      <App store={f.store} deck={deck} size={{ columns, rows }} color={false} now={() => NOW} />,
    );
    unmount = () => {
      r.unmount();
      deck.stop();
      port.dispose();
    };
    await tick();
    return { ...r, deck };
  }
  const frame = (app: { lastFrame: () => string | undefined }) => visible(app.lastFrame());

  it('view 6 lists the runbooks with their due state; the header shows the routines', async () => {
    const app = await mount();
    expect(frame(app).split('\n')[0]).toContain('routines d▲ w▲ m▲');
    app.stdin.write('6');
    await until('view 6', () => frame(app).includes('never run'));
    const f = frame(app);
    expect(f).toContain('daily ▲ never run');
    for (const id of ['daily', 'weekly', 'monthly', 'high-latency', 'data-drift', 'walk-test'])
      expect(f).toContain(id);
    const lines = f.split('\n');
    expect(lines.length).toBeLessThanOrEqual(39);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(120);
  });

  it('Enter on an alert opens its runbook with the labels; its first step runs and shows its output', async () => {
    const app = await mount();
    app.stdin.write('5');
    await until('view 5', () => frame(app).includes('│ › │'));
    app.stdin.write('\r'); // the first alert of the fixtures: DataDriftDetected, runbook data-drift
    await until('the walkthrough', () => frame(app).includes('Data drift'));
    expect(frame(app)).toContain('⏎ run  a run all');
    app.stdin.write('\r');
    await until('the first step', () => frame(app).includes('✔ PASS'));
    expect(frame(app)).toContain('alert: DataDriftDetected');
    app.stdin.write(ESC);
    await until('the walk to close', () => frame(app).includes('run saved:'));
    const { entries } = readJournal(journalDir);
    expect(entries.at(-1)?.runbook.id).toBe('data-drift');
    expect(entries.at(-1)?.labels.alertname).toBe('DataDriftDetected');
    // the journal links a console run to its alert too (Alertmanager's fingerprint of its labels)
    expect(entries.at(-1)?.alert?.labels.alertname).toBe('DataDriftDetected');
    expect(entries.at(-1)?.alert?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("R in view 6 resumes the runbook's last run at its FAIL with the steps before it carried over", async () => {
    const app = await mount(80, 24);
    app.stdin.write('6');
    await until('view 6', () => frame(app).includes('never run'));
    app.stdin.write('/');
    for (const c of 'walk-test\r') app.stdin.write(c);
    await until('the filter', () => frame(app).includes('filter: /walk-test'));
    app.stdin.write('R'); // nothing to resume yet
    await until('the refusal', () => frame(app).includes('walk-test has no run to resume'));
    app.stdin.write('\r');
    await until('the walkthrough', () => frame(app).includes('Walk test'));
    app.stdin.write('a'); // runs 1, stops at the FAIL of 2
    await until('the stop', () => frame(app).includes('stopped at step 2'));
    app.stdin.write(ESC);
    await until('the run saved', () => frame(app).includes('run saved:'));
    const first = readJournal(journalDir).entries.at(-1)!;
    app.stdin.write('R');
    await until('the resume', () => frame(app).includes(`resuming ${first.runId}`));
    expect(frame(app)).toMatch(/✔ (PASS )?1\. Say hello/);
    app.stdin.write('\r'); // step 2 again
    await until(
      'step 2 again',
      () => /✖ (FAIL )?2\. Fails/.test(frame(app)) && !frame(app).includes('RUNNING'),
    );
    app.stdin.write(ESC);
    await until(
      'the resumed run saved',
      () => frame(app).includes('run saved:') && readJournal(journalDir).entries.length === 2,
    );
    const second = readJournal(journalDir).entries.at(-1)!;
    expect(second.resumedFrom).toBe(first.runId);
    expect(second.steps.map((x) => x.status).slice(0, 2)).toEqual(['PASS', 'FAIL']);
    for (const l of frame(app).split('\n')) expect(l.length).toBeLessThanOrEqual(80);
  });

  it('walks a runbook from view 6 at 80x24: confirmation and note typed in the footer', async () => {
    const app = await mount(80, 24);
    app.stdin.write('6');
    await until('view 6', () => frame(app).includes('never run'));
    app.stdin.write('/');
    for (const c of 'walk-test\r') app.stdin.write(c);
    await until('the filter', () => frame(app).includes('filter: /walk-test'));
    app.stdin.write('\r');
    await until('the walkthrough', () => frame(app).includes('Walk test'));
    app.stdin.write('j');
    app.stdin.write('j');
    await until('step 3 selected', () => frame(app).includes('3. Guarded [sh]'));
    app.stdin.write('\r');
    await until('the confirmation prompt', () => frame(app).includes('type "restart"'));
    for (const c of 'restart') app.stdin.write(c);
    await tick();
    app.stdin.write('\r');
    await until('the guarded step', () => frame(app).includes('restarted'));
    app.stdin.write('n');
    await tick();
    for (const c of 'done by hand') app.stdin.write(c);
    app.stdin.write('\r');
    await tick(50);
    const lines = frame(app).split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    app.stdin.write('q'); // closes the walkthrough, not the console
    await until('the walk to close', () => frame(app).includes('run saved:'));
    const e = readJournal(journalDir).entries.at(-1)!;
    expect(e.steps[2]!.status).toBe('PASS');
    expect(e.steps[2]!.note).toBe('done by hand');
    // back in view 6: one step of three was run, so the daily routine (walk-test is a daily) is not done
    // (issue 10: a routine is done only when every step was judged and none FAILed, or it was signed off)
    expect(frame(app)).not.toContain('daily ✔ ok');
    expect(frame(app)).toMatch(/daily ▲/);
  });
});
