/** The console's keys as data: the pure key map, bursts, selection moves, footer and help, without Ink. */
import { describe, expect, it } from 'vitest';
import { footerText, helpKeyLines } from '../../src/console/components/keys.js';
import { PLAIN, splitBurst } from '../../src/console/keys/key-burst.js';
import {
  consoleKeyAction,
  KEY_TABLE,
  type KeyContext,
  keyElsewhere,
} from '../../src/console/keys/key-table.js';
import { moveIndex } from '../../src/console/keys/selection-move.js';
import { VIEW_TABLE } from '../../src/console/views/view-table.js';

const ctx = (over: Partial<KeyContext> = {}): KeyContext => ({
  help: false,
  selects: 'alerts',
  viewKeys: VIEW_TABLE.map((v) => v.key),
  ...over,
});
const press = (ch: string, over: Partial<typeof PLAIN> = {}, c: Partial<KeyContext> = {}) =>
  consoleKeyAction(ch, { ...PLAIN, ...over }, ctx(c));

describe('keyElsewhere: a key pressed in a view where it does nothing says where it acts', () => {
  it.each([
    ['x', 'alerts', 'x (expire) acts in 7 Silences'],
    ['R', 'none', 'R (resume) acts in 6 Runbooks'],
    ['s', 'runbooks', 's (silence) acts in 1 Overview, 5 Alerts'],
    ['d', 'silences', 'd (detail) acts in 1 Overview, 5 Alerts'],
  ] as const)('%s in a view listing %s', (ch, selects, said) => {
    expect(press(ch, {}, { selects })).toBeNull();
    expect(keyElsewhere(ch, ctx({ selects }))).toBe(said);
  });

  it('says nothing where the key acts, nor for keys that act everywhere or nowhere', () => {
    for (const b of KEY_TABLE.filter((x) => x.needs)) {
      expect(keyElsewhere(b.keys, ctx({ selects: b.needs! }))).toBeNull();
      expect(press(b.keys, {}, { selects: b.needs! })).not.toBeNull();
    }
    expect(keyElsewhere('q', ctx({ selects: 'none' }))).toBeNull();
    expect(keyElsewhere('z', ctx({ selects: 'none' }))).toBeNull();
  });
});

describe('consoleKeyAction', () => {
  it.each([
    ['1', {}, { type: 'view', index: 0 }],
    ['6', {}, { type: 'view', index: 5 }],
    ['9', {}, null],
    ['', { tab: true }, { type: 'cycleView', by: 1 }],
    ['', { tab: true, shift: true }, { type: 'cycleView', by: -1 }],
    ['j', {}, { type: 'move', move: 'down' }],
    ['', { upArrow: true }, { type: 'move', move: 'up' }],
    ['', { pageDown: true }, { type: 'move', move: 'pageDown' }],
    ['', { pageUp: true }, { type: 'move', move: 'pageUp' }],
    ['', { home: true }, { type: 'move', move: 'first' }],
    ['g', {}, { type: 'move', move: 'first' }],
    ['G', { shift: true }, { type: 'move', move: 'last' }],
    ['', { end: true }, { type: 'move', move: 'last' }],
    ['', { return: true }, { type: 'open' }],
    ['s', {}, { type: 'silence' }],
    ['t', {}, { type: 'range' }],
    ['=', {}, { type: 'rate', by: 1 }],
    ['-', {}, { type: 'rate', by: -1 }],
    ['?', {}, { type: 'help' }],
    ['', { escape: true }, null],
    ['q', {}, { type: 'quit' }],
  ] as const)('%j %j -> %j', (ch, over, want) => {
    expect(press(ch, over)).toEqual(want);
  });

  it('list keys do nothing on a view without a list; s only where alerts are', () => {
    expect(press('j', {}, { selects: 'none' })).toBeNull();
    expect(press('', { return: true }, { selects: 'none' })).toBeNull();
    expect(press('s', {}, { selects: 'runbooks' })).toBeNull();
    expect(press('', { return: true }, { selects: 'runbooks' })).toEqual({ type: 'open' });
  });

  it('help closes on ? and Esc; other keys keep their meaning', () => {
    expect(press('?', {}, { help: true })).toEqual({ type: 'closeHelp' });
    expect(press('', { escape: true }, { help: true })).toEqual({ type: 'closeHelp' });
    expect(press('2', {}, { help: true })).toEqual({ type: 'view', index: 1 });
    expect(press('j', {}, { help: true })).toEqual({ type: 'move', move: 'down' });
  });
});

describe('splitBurst', () => {
  it('splits a run of characters into presses, keeps single keys and control keys whole', () => {
    expect(splitBurst('12', PLAIN).map(([c]) => c)).toEqual(['1', '2']);
    expect(splitBurst('jjjj', PLAIN)).toHaveLength(4);
    expect(splitBurst('gG', PLAIN).map(([c, k]) => [c, k.shift])).toEqual([
      ['g', false],
      ['G', true],
    ]);
    expect(splitBurst('ab\r', PLAIN).at(-1)?.[1].return).toBe(true);
    expect(splitBurst('\x7f\x7fx', PLAIN).map(([c, k]) => [c, k.delete])).toEqual([
      ['\x7f', true],
      ['\x7f', true],
      ['x', false],
    ]);
    const down = { ...PLAIN, downArrow: true };
    expect(splitBurst('', down)).toEqual([['', down]]);
    expect(splitBurst('c', { ...PLAIN, ctrl: true })).toHaveLength(1);
  });
});

describe('moveIndex', () => {
  it.each([
    [0, 10, 'up', 0],
    [0, 10, 'down', 1],
    [9, 10, 'down', 9],
    [2, 10, 'pageDown', 6],
    [8, 10, 'pageDown', 9],
    [5, 10, 'pageUp', 1],
    [5, 10, 'first', 0],
    [5, 10, 'last', 9],
    [0, 0, 'down', 0],
  ] as const)('%i of %i, %s (page 5) -> %i', (i, n, move, want) => {
    expect(moveIndex(i, n, move, 5)).toBe(want);
  });
});

describe('footer and help from the table', () => {
  it('the 80-column footer lists every key and fits', () => {
    const text = footerText(80);
    expect(text.length).toBeLessThanOrEqual(80);
    for (const b of KEY_TABLE) expect(text, b.keys).toContain(b.compact);
    expect(text).toContain('? help');
    expect(text).toContain('q quit');
  });

  it('the wide footer has every key with its word', () => {
    const text = footerText(200);
    for (const b of KEY_TABLE) expect(text).toContain(`${b.compact} ${b.label}`);
  });

  it.each([60, 80, 120])('help at %i columns: every key, j/k included, every line within the width', (w) => {
    const lines = helpKeyLines(w);
    for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(w);
    const text = lines.join('\n');
    for (const b of KEY_TABLE) expect(text).toContain(b.keys);
    expect(text).toContain('jk');
    expect(text.replace(/\s+/g, ' ')).toContain('views: 1 Overview, 2 Drift & quality');
  });
});
