import { describe, expect, it } from 'vitest';
import type { CategoricalColumn, NumericColumn } from '../../src/monitor/frame/types.js';
import {
  columnLabels,
  compareCodePoints,
  isMissingLabel,
  labelSet,
  pairLabels,
} from '../../src/monitor/performance/index.js';

describe('labelSet', () => {
  it('sorts all-numeric labels numerically and merges equal numbers', () => {
    const s = labelSet([10, 9, '2'], ['2.0', 1, '1e1']);
    expect(s.numeric).toBe(true);
    expect(s.labels).toEqual(['1', '2', '9', '10']);
    expect(s.key('2.0')).toBe('2');
  });

  it('sorts anything else by code point, as np.unique does', () => {
    const s = labelSet(['buy', 'Buy', '_hold', 'Hold'], ['10', '9', 1]);
    expect(s.numeric).toBe(false);
    expect(s.labels).toEqual(['1', '10', '9', 'Buy', 'Hold', '_hold', 'buy']);
  });

  it('orders astral characters after the rest of the BMP, unlike UTF-16 comparison', () => {
    const astral = '\u{1F600}';
    const high = '\uFF01';
    expect(astral < high).toBe(true); // UTF-16 code units
    expect(compareCodePoints(astral, high)).toBeGreaterThan(0); // code points
    expect(labelSet([astral, high], [])).toMatchObject({ labels: [high, astral] });
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('abc', 'abc')).toBe(0);
  });

  it('does not take hex, inf or padded numbers for numeric labels', () => {
    expect(labelSet(['0x10', '2'], []).numeric).toBe(false);
    expect(labelSet(['inf', '2'], []).numeric).toBe(false);
    expect(labelSet([' 2', '3'], []).numeric).toBe(false);
    expect(labelSet(['-1', '+.5', '3.'], []).labels).toEqual(['-1', '0.5', '3']);
  });
});

describe('pairLabels', () => {
  it('drops pairs missing either side and counts them', () => {
    const r = pairLabels(
      ['buy', null, 'sell', '', 'hold', 2],
      ['buy', 'sell', undefined, 'hold', ' ', Number.NaN],
    );
    expect(r).toEqual({ yTrue: ['buy'], yPred: ['buy'], dropped: 5 });
  });

  it('rejects arrays of different lengths', () => {
    expect(() => pairLabels(['a'], [])).toThrow(RangeError);
  });

  it('knows a missing label', () => {
    expect([null, undefined, '', '  ', Number.NaN, Number.POSITIVE_INFINITY].every(isMissingLabel)).toBe(
      true,
    );
    expect(['0', 0, 'buy'].some(isMissingLabel)).toBe(false);
  });
});

describe('columnLabels', () => {
  it('reads numeric and categorical frame columns', () => {
    const num: NumericColumn = {
      kind: 'numeric',
      name: 'actual',
      dtype: 'int64',
      values: Float64Array.from([0, 1, Number.NaN]),
      invalid: 0,
    };
    const cat: CategoricalColumn = {
      kind: 'categorical',
      name: 'prediction',
      dtype: 'string',
      values: ['buy', null],
      invalid: 0,
    };
    expect(columnLabels(num)).toEqual([0, 1, null]);
    expect(columnLabels(cat)).toEqual(['buy', null]);
  });
});
