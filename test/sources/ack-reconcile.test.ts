/** The ack reconciler as a table of minutes (Prometheus' TestKeepFiringFor style), no servers. */
import { describe, expect, it } from 'vitest';
import {
  type AmSilence,
  ackActions,
  DEFAULT_ACK_POLICY,
  formatMatcher,
  parseMatcher,
  parseSilenceDuration,
} from '../../src/sources/index.js';

const MIN = 60_000;
const T0 = Date.parse('2026-12-05T12:00:00Z');

const ack = (over: Partial<AmSilence> = {}): AmSilence => ({
  id: 'a1',
  matchers: [{ name: 'alertname', value: 'X', isRegex: false, isEqual: true }],
  startsAt: T0,
  endsAt: T0 + 15 * MIN,
  createdBy: 'alice@box',
  comment: 'ACK! on it',
  state: 'active',
  ack: true,
  ...over,
});
const firing = (...ids: string[]) => [{ silencedBy: ids }];

describe('ackActions', () => {
  it.each([
    // minute, alerts muted by a1, expected action
    [1, firing('a1'), null],
    [9, firing('a1'), null], // ends in 6 min: not near yet
    [10, firing('a1'), 'extend'], // ends in 5 min: extend to 10 + 15
    [14, firing('a1', 'other'), 'extend'],
    [0.5, [], null], // resolved inside the grace: leave a fresh ack alone
    [1, [], 'expire'], // resolved: expire
    [3, firing('other'), 'expire'], // the alert firing is another silence's
  ] as const)('minute %s: %j -> %s', (minute, alerts, want) => {
    const acts = ackActions(
      alerts.map((a) => ({ silencedBy: [...a.silencedBy] })),
      [ack()],
      T0 + minute * MIN,
    );
    expect(acts.map((a) => a.kind)).toEqual(want === null ? [] : [want]);
    if (want === 'extend') expect(acts[0]).toMatchObject({ endsAt: T0 + (minute + 15) * MIN, alerts: 1 });
  });

  it('leaves plain silences, pending and expired acks alone', () => {
    const now = T0 + 14 * MIN;
    const list = [
      ack({ id: 's', ack: false, comment: 'maintenance' }),
      ack({ id: 'p', state: 'pending' }),
      ack({ id: 'e', state: 'expired', endsAt: T0 + MIN }),
    ];
    expect(ackActions([{ silencedBy: ['s', 'p', 'e'] }], list, now)).toEqual([]);
    expect(ackActions([], list, now)).toEqual([]);
  });

  it('never extends past maxDuration (kthxbye -max-duration)', () => {
    const policy = { ...DEFAULT_ACK_POLICY, maxDurationMs: 20 * MIN };
    expect(ackActions(firing('a1'), [ack()], T0 + 12 * MIN, policy)).toMatchObject([
      { endsAt: T0 + 20 * MIN },
    ]);
    // at the cap: nothing more to extend, the ack lapses on its own
    expect(ackActions(firing('a1'), [ack({ endsAt: T0 + 20 * MIN })], T0 + 18 * MIN, policy)).toEqual([]);
  });
});

describe('matchers and durations as operators type them', () => {
  it.each([
    ['alertname=X', 'alertname="X"'],
    ['job != "a b"', 'job!="a b"'],
    ['instance=~"eng.*"', 'instance=~"eng.*"'],
    ['feature!~close|volume', 'feature!~"close|volume"'],
  ])('%s reads back as %s', (text, back) => {
    expect(formatMatcher(parseMatcher(text))).toBe(back);
    expect(parseMatcher(back)).toEqual(parseMatcher(text));
  });

  it('refuses what is not a matcher or not a regex', () => {
    expect(() => parseMatcher('alertname')).toThrow('not a matcher: "alertname"');
    expect(() => parseMatcher('a=~(')).toThrow('bad regex');
  });

  it('reads durations, refuses forever and zero, flags over a day', () => {
    expect(parseSilenceDuration('2h')).toEqual({ ms: 2 * 3600_000, long: false });
    expect(parseSilenceDuration('1d')).toEqual({ ms: 86_400_000, long: false });
    expect(parseSilenceDuration('90d').long).toBe(true);
    expect(() => parseSilenceDuration('forever')).toThrow('cannot read the duration "forever"');
    expect(() => parseSilenceDuration('0s')).toThrow('is zero');
    expect(() => parseSilenceDuration('90')).toThrow('cannot read');
  });
});
