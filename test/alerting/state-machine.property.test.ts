// Properties of the state machine over arbitrary sample sequences (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AlertEvent, type AlertState, severityOf, step } from '../../src/alerting/index.js';
import { latencyRule, T0 } from './helpers/alerts.js';

const value = fc.oneof(
  fc.constant(null),
  fc.constantFrom(0, 0.1, 0.25, Number.NaN),
  fc.double({ min: -1, max: 1, noNaN: true }),
);
// Strictly increasing times: gaps from 1 s to 20 min.
const samples = fc.array(fc.record({ gapSeconds: fc.integer({ min: 1, max: 1200 }), value }), {
  maxLength: 60,
});
const options = fc.record({
  forSeconds: fc.constantFrom(0, 60, 300, 600),
  cooldownSeconds: fc.constantFrom(0, 300, 1800),
  direction: fc.constantFrom('above' as const, 'below' as const),
});

interface Trace {
  now: number;
  value: number | null;
  prev: AlertState | undefined;
  next: AlertState;
  events: AlertEvent[];
}

type Options = typeof options extends fc.Arbitrary<infer T> ? T : never;

function run(seq: { gapSeconds: number; value: number | null }[], o: Options) {
  const rule =
    o.direction === 'above'
      ? latencyRule({ forSeconds: o.forSeconds })
      : latencyRule({ forSeconds: o.forSeconds, direction: 'below', warning: 0.25, critical: 0.1 });
  const trace: Trace[] = [];
  let now = T0;
  let prev: AlertState | undefined;
  for (const s of seq) {
    now += s.gapSeconds * 1000;
    const { next, events } = step(prev, { value: s.value }, rule, now, {
      cooldownSeconds: o.cooldownSeconds,
    });
    trace.push({ now, value: s.value, prev, next, events });
    prev = next;
  }
  return { rule, trace };
}

describe('state machine properties', () => {
  it('never fires before for has elapsed since activeAt, and activeAt is the start of the active run', () => {
    fc.assert(
      fc.property(samples, options, (seq, o) => {
        const { rule, trace } = run(seq, o);
        for (const t of trace) {
          if (t.next.state === 'firing') {
            expect(t.next.activeAt).not.toBeNull();
            expect(t.next.firedAt! - t.next.activeAt!).toBeGreaterThanOrEqual(rule.forSeconds * 1000);
            expect(t.next.severity).toBe(severityOf(t.value, rule));
          }
          if (t.next.state === 'pending' || t.next.state === 'firing') {
            // every sample from activeAt to now was active
            for (const u of trace) {
              if (u.now >= t.next.activeAt! && u.now <= t.now)
                expect(severityOf(u.value, rule)).not.toBeNull();
            }
          }
        }
      }),
    );
  });

  it('resolves only after firing, and events match the transitions', () => {
    fc.assert(
      fc.property(samples, options, (seq, o) => {
        const { trace } = run(seq, o);
        for (const t of trace) {
          const from = t.prev?.state ?? 'inactive';
          const types = t.events.map((e) => e.type);
          if (t.next.state === 'resolved' && from !== 'resolved') expect(from).toBe('firing');
          if (types.includes('resolved')) expect([from, t.next.state]).toEqual(['firing', 'resolved']);
          if (types.includes('firing')) expect(t.next.state).toBe('firing');
          expect(types.includes('firing')).toBe(t.next.state === 'firing' && from !== 'firing');
          if (types.includes('repeat') || types.includes('severity_changed')) {
            expect([from, t.next.state]).toEqual(['firing', 'firing']);
          }
          expect(t.events.length).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('repeats no more often than the cooldown', () => {
    fc.assert(
      fc.property(samples, options, (seq, o) => {
        const { trace } = run(seq, o);
        let lastNotice: number | null = null;
        for (const t of trace) {
          for (const e of t.events) {
            if (e.type === 'repeat') {
              expect(o.cooldownSeconds).toBeGreaterThan(0);
              expect(t.now - lastNotice!).toBeGreaterThanOrEqual(o.cooldownSeconds * 1000);
            }
            lastNotice = e.type === 'resolved' ? null : t.now;
          }
        }
      }),
    );
  });
});
