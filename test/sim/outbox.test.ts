import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/sim/outbox.js';

describe('createOutbox', () => {
  it('is first in, first out', () => {
    const box = createOutbox<number>(10);
    box.push([1, 2, 3]);
    expect(box.take(2)).toEqual([1, 2]);
    box.push([4]);
    expect(box.take(10)).toEqual([3, 4]);
    expect(box.size).toBe(0);
  });

  it('drops the oldest beyond the cap, and says how many', () => {
    const box = createOutbox<number>(3);
    expect(box.push([1, 2])).toBe(0);
    expect(box.push([3, 4, 5])).toBe(2);
    expect(box.take(5)).toEqual([3, 4, 5]);
  });

  it('puts a failed batch back at the front', () => {
    const box = createOutbox<number>(4);
    box.push([1, 2, 3]);
    const batch = box.take(2);
    box.push([4, 5]);
    expect(box.putBack(batch)).toBe(1); // 1 2 3 4 5 is one over the cap: 1 goes
    expect(box.take(9)).toEqual([2, 3, 4, 5]);
  });

  it('keeps order and the cap under any mix of operations', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(
          fc.oneof(
            fc.nat(30).map((n) => ({ push: n })),
            fc.nat(30).map((n) => ({ take: n })),
          ),
          {
            maxLength: 200,
          },
        ),
        (cap, ops) => {
          const box = createOutbox<number>(cap);
          let model: number[] = [];
          let next = 0;
          for (const op of ops) {
            if ('push' in op) {
              const items = Array.from({ length: op.push }, () => next++);
              model.push(...items);
              const over = Math.max(0, model.length - cap);
              model = model.slice(over);
              expect(box.push(items)).toBe(over);
            } else {
              expect(box.take(op.take)).toEqual(model.splice(0, op.take));
            }
            expect(box.size).toBe(model.length);
          }
        },
      ),
    );
  });

  it('refuses a cap below 1', () => {
    expect(() => createOutbox(0)).toThrow(RangeError);
  });
});
