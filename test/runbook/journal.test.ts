import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appendJournal,
  appendSignOff,
  JOURNAL_OUTPUT_CAP,
  JournalReadError,
  journalFile,
  makeRedactor,
  readJournal,
  renderMarkdown,
  secretsFromConfig,
  secretsFromEnv,
} from '../../src/runbook/index.js';
import { run, runbook } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mmops-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('redaction', () => {
  const config = {
    notify: {
      email: { to: 'ops@example.com', subject_prefix: '[x]' },
      slack: { webhook_url: 'https://hooks.slack.com/services/T000/B000/XXXXSECRET', channel: '#a' },
      webhook: { url: 'https://hooks.example.com/mmops/abc123token' },
      smtp: {
        host: 'smtp',
        port: 587,
        username: 'bot',
        password: 'smtp-pa55word',
        from: null,
        starttls: true,
      },
    },
    engine: { ingest_token: 'ingest-token-123' },
  } as unknown as Parameters<typeof secretsFromConfig>[0];
  const redact = makeRedactor([
    ...secretsFromConfig(config),
    ...secretsFromEnv({ GITHUB_TOKEN: 'ghp_abcdef', HOME: '/root' }),
  ]);

  it.each([
    ['login with smtp-pa55word', 'login with REDACTED'],
    ['posting to https://hooks.example.com/mmops/abc123token now', 'posting to REDACTED now'],
    ['slack https://hooks.slack.com/services/T000/B000/XXXXSECRET', 'slack REDACTED'],
    [
      'other slack https://hooks.slack.com/services/T1/B2/other',
      'other slack https://hooks.slack.com/REDACTED',
    ],
    ['X-Token: ingest-token-123', 'X-Token: REDACTED'],
    ['Authorization: Bearer eyJhbGciOi.abc.def', 'Authorization: Bearer REDACTED'],
    ['authorization: Basic dXNlcjpwYXNz', 'authorization: Basic REDACTED'],
    ['curl -H "Authorization: abcdef123"', 'curl -H "Authorization: REDACTED"'],
    ['postgres://app:s3cret@db:5432/app', 'postgres://app:REDACTED@db:5432/app'],
    ['postgresql://u:p%40ss@h/db?sslmode=require', 'postgresql://u:REDACTED@h/db?sslmode=require'],
    ['token=ghp_abcdef&x=1', 'token=REDACTED&x=1'],
    ['{"password": "hunter2"}', '{"password": "REDACTED"}'],
    ['nothing secret here: /root and #a', 'nothing secret here: /root and #a'],
  ])('%s', (input, output) => {
    expect(redact(input)).toBe(output);
  });

  it('is applied to the whole record: commands, output, reasons, params, labels', async () => {
    const rb = runbook(
      '## leak\n```sh\necho "$MMOPS_PARAM_DSN smtp-pa55word"; echo "$MMOPS_ALERT_URL" >&2\n```\n',
      'params:\n  dsn: postgres://a:b1b2b3@h/d\n',
    );
    const { record, events } = await run(rb, {
      redact,
      labels: { url: 'https://hooks.example.com/mmops/abc123token' },
    });
    const text = JSON.stringify(record);
    for (const secret of ['b1b2b3', 'smtp-pa55word', 'abc123token']) expect(text).not.toContain(secret);
    expect(record.steps[0]!.stdout).toBe('postgres://a:REDACTED@h/d REDACTED\n');
    expect(record.params.dsn).toBe('postgres://a:REDACTED@h/d');
    const streamed = events.flatMap((e) => (e.type === 'output' ? [e.chunk] : [])).join('');
    expect(streamed).not.toContain('smtp-pa55word');
  });
});

describe('journal, reports and history', () => {
  it('appends one NDJSON line per run with who, where, when, params, steps; writes both reports', async () => {
    const rb = runbook(
      '## one\n```sh\necho one\n```\n## two\n```sh\nseq 1 20000\n```\n## look\nA manual step.\n',
      'params:\n  p: v\n',
    );
    const { record } = await run(rb, { identity: { user: 'alice', host: 'prod-1' } });
    const saved = appendJournal(dir, record);
    const again = appendJournal(dir, (await run(rb, { identity: { user: 'bob', host: 'prod-2' } })).record);
    const lines = readFileSync(saved.journal, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(2);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      user: 'alice',
      host: 'prod-1',
      runbook: { id: 'rb', kind: 'daily' },
      params: { p: 'v' },
      status: 'PASS',
      reports: { markdown: saved.markdown, json: saved.json },
    });
    expect(entry.steps.map((s: { command?: string; status: string }) => [s.command, s.status])).toEqual([
      ['echo one', 'PASS'],
      ['seq 1 20000', 'PASS'],
      [undefined, 'SKIPPED'],
    ]);
    // the journal caps output; the report keeps more
    expect(entry.steps[1].stdout.length).toBeLessThan(JOURNAL_OUTPUT_CAP + 100);
    expect(JSON.parse(readFileSync(saved.json, 'utf8')).steps[1].stdout.length).toBeGreaterThan(100_000);
    expect(readFileSync(saved.markdown, 'utf8')).toMatch(/^# Test: PASS\n/);
    const { entries, badLines } = readJournal(dir);
    expect(entries.map((e) => e.user)).toEqual(['alice', 'bob']);
    expect(badLines).toEqual([]);
    expect(again.markdown).not.toBe(saved.markdown);
  });

  it('skips a corrupt line (a torn write) and reports its number', () => {
    appendFileSync(join(dir, 'journal.ndjson'), '{"runId": "torn\n');
    const { entries, badLines } = readJournal(dir);
    expect(entries).toHaveLength(2);
    expect(badLines).toEqual([3]);
  });

  it('a missing journal is an empty history', () => {
    expect(readJournal(join(dir, 'nope'))).toEqual({ entries: [], badLines: [] });
  });

  it('a journal that cannot be read (EISDIR) is an error naming the file, not "no runs"', () => {
    const odd = join(dir, 'odd');
    mkdirSync(join(odd, 'journal.ndjson'), { recursive: true });
    expect(() => readJournal(odd)).toThrow(JournalReadError);
    expect(() => readJournal(odd)).toThrow(`cannot read the journal ${join(odd, 'journal.ndjson')}: EISDIR`);
  });

  it('attaches a sign-off to its run; one for an unknown run or a malformed one is an invalid line', async () => {
    const signed = join(dir, 'signed');
    const { record } = await run(runbook('## one\n```sh\nexit 1\n```\n'));
    appendJournal(signed, record);
    const off = {
      runId: record.runId,
      note: 'known flake',
      user: 'alice',
      host: 'h',
      at: '2025-01-01T00:00:00Z',
    };
    appendSignOff(signed, off);
    appendSignOff(signed, { ...off, runId: 'no-such-run' });
    appendFileSync(journalFile(signed), '{"type":"sign-off","runId":"x"}\n{"runId":"y","steps":"no"}\n');
    const { entries, badLines } = readJournal(signed);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.status).toBe('FAIL');
    expect(entries[0]!.signOff).toEqual(off);
    expect(badLines).toEqual([3, 4, 5]);
  });

  it('the Markdown report fences output that itself contains fences', async () => {
    const { record } = await run(runbook('## f\n```sh\nprintf "\\`\\`\\`\\nx\\n"\n```\n'));
    const md = renderMarkdown(record);
    expect(md).toContain('````text\n```\nx\n````');
  });
});
