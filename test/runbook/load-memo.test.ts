import { chmodSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeck } from '../../src/console/runbooks/deck.js';
import type { RunbookPort } from '../../src/console/runbooks/port.js';
import {
  appendJournal,
  createJournalReader,
  createRunbookLoader,
  loadRunbooks,
} from '../../src/runbook/index.js';
import { run, runbook } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'mmops-load-memo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh runbook dir holding `files` (name -> Markdown). */
function dirWith(files: Record<string, string>): string {
  const dir = join(root, `d${n++}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const md = (id: string, step: string) =>
  `---\nid: ${id}\ntitle: ${id}\nkind: daily\nsummary: S\n---\n## ${step}\n\`\`\`sh\necho ${step}\n\`\`\`\n`;

describe('createRunbookLoader', () => {
  it('gives what loadRunbooks gives, and the very same result while no file changes', () => {
    const dir = dirWith({ 'a.md': md('a', 'one'), 'b.md': md('b', 'two'), 'bad.md': 'no front matter\n' });
    const load = createRunbookLoader([dir]);
    const first = load();
    expect(first).toEqual(loadRunbooks([dir]));
    expect(first.runbooks.map((r) => r.id)).toEqual(['a', 'b']);
    expect(first.errors.map((e) => e.message)).toEqual([
      `${join(dir, 'bad.md')}:1: missing YAML front matter (a first line "---")`,
    ]);
    // the deck tells "unchanged" by identity: same object, runbooks and errors
    expect(load()).toBe(first);
    expect(load()).toBe(first);
  });

  it('parses again only the file that changed, and sees files come and go', () => {
    const dir = dirWith({ 'a.md': md('a', 'one'), 'b.md': md('b', 'two') });
    const load = createRunbookLoader([dir]);
    const first = load();
    writeFileSync(join(dir, 'b.md'), md('b', 'two-and-a-half'));
    const second = load();
    expect(second).not.toBe(first);
    expect(second.runbooks[1]!.steps[0]!.title).toBe('two-and-a-half');
    // a.md was not read again: its Runbook is the one parsed the first time
    expect(second.runbooks[0]).toBe(first.runbooks[0]);

    writeFileSync(join(dir, 'c.md'), md('c', 'three'));
    expect(load().runbooks.map((r) => r.id)).toEqual(['a', 'b', 'c']);
    unlinkSync(join(dir, 'a.md'));
    const fourth = load();
    expect(fourth.runbooks.map((r) => r.id)).toEqual(['b', 'c']);
    expect(load()).toBe(fourth);
  });

  it('reads a file again after a chmod (a runbook made readable again must load)', () => {
    const dir = dirWith({ 'a.md': md('a', 'one') });
    const load = createRunbookLoader([dir]);
    const first = load();
    chmodSync(join(dir, 'a.md'), 0o600);
    const second = load();
    expect(second).not.toBe(first);
    expect(second.runbooks[0]).not.toBe(first.runbooks[0]);
    expect(second.runbooks[0]).toEqual(first.runbooks[0]);
  });

  it('reads every file again while their state cannot be told (stat failed)', () => {
    const dir = dirWith({ 'a.md': md('a', 'one') });
    const load = createRunbookLoader([dir], {}, () => null);
    const first = load();
    expect(load().runbooks[0]).not.toBe(first.runbooks[0]);
  });

  it('keeps reporting a broken file until it is mended', () => {
    const dir = dirWith({ 'a.md': '---\nid: a\n---\n' });
    const load = createRunbookLoader([dir]);
    const first = load();
    expect(first.runbooks).toEqual([]);
    expect(first.errors).toHaveLength(1);
    expect(load().errors[0]).toBe(first.errors[0]);
    writeFileSync(join(dir, 'a.md'), md('a', 'mended'));
    const mended = load();
    expect(mended.errors).toEqual([]);
    expect(mended.runbooks.map((r) => r.steps[0]!.title)).toEqual(['mended']);
  });
});

describe('createJournalReader', () => {
  it('reads the journal again only after it changed', async () => {
    const dir = join(root, 'journal');
    const read = createJournalReader(dir);
    expect(read()).toEqual([]);
    const rb = runbook('## one\n```sh\necho one\n```\n');
    appendJournal(dir, (await run(rb)).record);
    const one = read();
    expect(one).toHaveLength(1);
    expect(read()).toBe(one);
    appendJournal(dir, (await run(rb)).record);
    expect(read()).toHaveLength(2);
    // the journal's state unknown (its stat failed, say EACCES): read, so a read error would show
    const unsure = createJournalReader(dir, () => null);
    expect(unsure()).not.toBe(unsure());
  });

  it('lets a read error through rather than an old answer', () => {
    const dir = join(root, 'journal-gone-bad');
    const read = createJournalReader(dir);
    expect(read()).toEqual([]);
    // the journal's place taken by a directory: reading it fails, and says so
    mkdirSync(join(dir, 'journal.ndjson'), { recursive: true });
    expect(() => read()).toThrow(/journal/);
  });
});

describe('the deck over a remembering port', () => {
  it('tells its listeners of a reload only when a runbook or the journal changed', async () => {
    const dir = dirWith({ 'a.md': md('a', 'one') });
    const journalDir = join(root, 'deck-journal');
    const load = createRunbookLoader([dir]);
    const port = {
      load: () => {
        const r = load();
        return { runbooks: r.runbooks, errors: r.errors.map((e) => e.message) };
      },
      journal: createJournalReader(journalDir),
      schedule: { daily: '0 9 * * *', weekly: '0 9 * * 1', monthly: '0 9 1 * *' },
    } as unknown as RunbookPort;
    const deck = createDeck(port);
    let heard = 0;
    deck.subscribe(() => heard++);
    deck.reload();
    expect(heard).toBe(1);
    const state = deck.getState();
    deck.reload();
    deck.reload();
    expect(heard).toBe(1);
    expect(deck.getState()).toBe(state);

    appendJournal(journalDir, (await run(runbook('## one\n```sh\necho one\n```\n'))).record);
    deck.reload();
    expect(heard).toBe(2);
    expect(deck.getState().entries).toHaveLength(1);
    writeFileSync(join(dir, 'a.md'), md('a', 'edited'));
    deck.reload();
    expect(heard).toBe(3);
    expect(deck.getState().runbooks[0]!.steps[0]!.title).toBe('edited');
  });
});
