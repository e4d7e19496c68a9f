/** Help and footer come from the key tables: every key stays reachable at 80x24 and 120x40. */
import { describe, expect, it } from 'vitest';
import { footerText } from '../../src/console/components/keys.js';
import { KEY_TABLE } from '../../src/console/keys/key-table.js';
import { READER_KEY_TABLE, WALK_KEY_TABLE } from '../../src/console/runbooks/walk-keys.js';
import { helpLines, helpMaxOffset } from '../../src/console/views/help-lines.js';
import { bodyHeight } from '../../src/console/views/layout.js';
import { VIEW_TABLE } from '../../src/console/views/view-table.js';

describe('help and footer from the key tables', () => {
  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    it(`${columns}x${rows}: the help lists every key of every table and every view, within the body`, () => {
      const lines = helpLines(columns, bodyHeight(rows));
      expect(lines.length).toBeLessThanOrEqual(bodyHeight(rows));
      for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(columns);
      const text = lines.join('\n');
      for (const b of [...KEY_TABLE, ...WALK_KEY_TABLE, ...READER_KEY_TABLE]) expect(text).toContain(b.keys);
      for (const v of VIEW_TABLE) expect(text).toContain(`${v.key} ${v.title}`);
      expect(text).toContain('↑↓/jk');
    });
    it(`${columns} columns: the footer lists every key`, () => {
      const f = footerText(columns);
      expect(f.length).toBeLessThanOrEqual(columns);
      for (const b of KEY_TABLE) expect(f).toContain(b.compact);
    });
  }
  it('a tall terminal gets every description in full, with nothing to scroll', () => {
    const lines = helpLines(120, 80);
    const text = lines.join('\n');
    for (const b of [...WALK_KEY_TABLE, ...READER_KEY_TABLE]) expect(text).toContain(b.help.split(' ')[0]!);
    expect(text).not.toContain('more lines');
    expect(helpMaxOffset(120, 80)).toBe(0);
    expect(helpLines(120, 80, [], 5)).toEqual(lines);
  });

  for (const [columns, rows] of [
    [80, 24],
    [120, 40],
  ] as const) {
    it(`${columns}x${rows}: scrolling shows every description line the tall help has, a page at a time`, () => {
      const height = bodyHeight(rows);
      const max = helpMaxOffset(columns, height);
      expect(max).toBeGreaterThan(0);
      const seen = new Set<string>();
      for (let offset = 0; offset <= max; offset++) {
        const page = helpLines(columns, height, [], offset);
        expect(page.length).toBeLessThanOrEqual(height);
        for (const l of page) seen.add(l);
        expect(page.at(-1)).toMatch(offset < max ? /… \d+ more lines: ↓ PgDn scroll/ : /\(end\) ↑ PgUp/);
      }
      // the full help's lines, wrapped at this width, all appear at some offset
      const tall = helpLines(columns, 1000);
      for (const l of tall.slice(tall.indexOf(''))) if (l.trim()) expect(seen.has(l), l).toBe(true);
      // past the end it stays at the end
      expect(helpLines(columns, height, [], max + 50)).toEqual(helpLines(columns, height, [], max));
    });
  }
});
