import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createFileHistory,
  createHistoryBuffer,
  describeInvalidLines,
  type HistoryEntry,
} from '../../src/alerting/index.js';
import { startTestEngine } from '../engine/helpers/engine.js';

const fixtures = join(import.meta.dirname, '../fixtures/alerting');
const entry = (ts: number, to: HistoryEntry['to'] = 'firing'): HistoryEntry => ({
  ts,
  name: 'HighErrorRatio',
  labels: { model: 'm1' },
  severity: 'critical',
  from: 'pending',
  to,
  value: 0.2,
});

describe('createHistoryBuffer', () => {
  it('keeps the latest capacity entries, oldest first', () => {
    const h = createHistoryBuffer(3);
    expect(h.entries()).toEqual([]);
    for (let i = 1; i <= 5; i++) h.append(entry(i));
    expect(h.size).toBe(3);
    expect(h.entries().map((e) => e.ts)).toEqual([3, 4, 5]);
  });

  it('can start from loaded entries and rejects a bad capacity', () => {
    expect(
      createHistoryBuffer(2, [entry(1), entry(2), entry(3)])
        .entries()
        .map((e) => e.ts),
    ).toEqual([2, 3]);
    expect(() => createHistoryBuffer(0)).toThrow(RangeError);
  });
});

describe('createFileHistory', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'mmops-history-'));

  it('appends NDJSON in order and loads it back; a missing file is empty', async () => {
    const path = join(dir(), 'nested', 'alerts.ndjson');
    const h = createFileHistory(path);
    expect(await h.load()).toEqual([]);
    await Promise.all([h.append(entry(1)), h.append(entry(2)), h.append(entry(3))]);
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(4);
    expect((await h.load()).map((e) => e.ts)).toEqual([1, 2, 3]);
  });

  it('flush waits for appends nobody awaited, a failed one included', async () => {
    const path = join(dir(), 'alerts.ndjson');
    const h = createFileHistory(path);
    void h.append(entry(1));
    void h.append(entry(2));
    await h.flush();
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
    const broken = createFileHistory(join(path, 'not-a-dir', 'alerts.ndjson'));
    broken.append(entry(3)).catch(() => {});
    await expect(broken.flush()).resolves.toBeUndefined();
  });

  it('skips a torn last line, and the next append repairs the tail', async () => {
    const path = join(dir(), 'alerts.ndjson');
    copyFileSync(join(fixtures, 'history-torn.ndjson'), path);
    const invalid: string[] = [];
    const h = createFileHistory(path, {
      onInvalidLine: (line, reason) => invalid.push(`${line}: ${reason}`),
    });
    expect((await h.load()).map((e) => e.to)).toEqual(['pending', 'firing']);
    expect(invalid).toEqual(['3: torn last line (incomplete write)']);

    await h.append(entry(99, 'resolved'));
    const reopened = createFileHistory(path);
    expect((await reopened.load()).map((e) => e.to)).toEqual(['pending', 'firing', 'resolved']);
    expect(readFileSync(path, 'utf8').endsWith('"value":0.2}\n')).toBe(true);
  });

  it('skips lines that are not history entries', async () => {
    const path = join(dir(), 'alerts.ndjson');
    writeFileSync(
      path,
      `${JSON.stringify(entry(1))}\n{"ts":"soon"}\nnot json\n\n${JSON.stringify(entry(2))}\n`,
    );
    const invalid: number[] = [];
    const loaded = await createFileHistory(path, { onInvalidLine: (line) => invalid.push(line) }).load();
    expect(loaded.map((e) => e.ts)).toEqual([1, 2]);
    expect(invalid).toEqual([2, 3]);
  });

  it('counts the skipped lines even without a listener, and describes them in one sentence', async () => {
    const path = join(dir(), 'alerts.ndjson');
    writeFileSync(
      path,
      `${JSON.stringify(entry(1))}\n{"ts":"soon"}\nnot json\n${JSON.stringify(entry(2))}\n`,
    );
    const h = createFileHistory(path);
    expect(await h.load()).toHaveLength(2);
    expect(h.invalidLines().map((l) => l.line)).toEqual([2, 3]);
    expect(describeInvalidLines(path, h.invalidLines())).toMatch(
      new RegExp(`^${path}: 2 lines skipped, not history entries \\(first: line 2: .+\\)$`),
    );
    writeFileSync(path, `${JSON.stringify(entry(1))}\n`);
    await h.load();
    expect(describeInvalidLines(path, h.invalidLines())).toBeNull();
  });

  it('the engine says at start how many history lines it skipped', async () => {
    const data = dir();
    writeFileSync(join(data, 'alert-history.ndjson'), `${JSON.stringify(entry(1))}\n{"ts":1,"name":3}\n`);
    const said: string[] = [];
    const engine = await startTestEngine(data, { log: (l) => said.push(l) });
    await engine.close();
    expect(said).toContainEqual(
      expect.stringMatching(
        /^alert history: .*alert-history\.ndjson: 1 line skipped, not history entries \(first: line 2: /,
      ),
    );
  });

  it('a torn file with no complete line is cut to empty before appending', async () => {
    const path = join(dir(), 'alerts.ndjson');
    writeFileSync(path, '{"ts":1,"na');
    const h = createFileHistory(path);
    await h.append(entry(5));
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(entry(5))}\n`);
  });
});
