/** The pure delivery queue: what is queued, told, superseded, retried and given up, on a table of minutes. */
import { describe, expect, it } from 'vitest';
import {
  EMPTY_QUEUE,
  enqueue,
  expire,
  fail,
  nextDue,
  nextWake,
  type QueuePolicy,
} from '../../src/alerting/delivery/queue.js';
import { groupNotices, type Notice, noticeKey, step } from '../../src/alerting/index.js';
import { latencyRule, MIN, T0 } from './helpers/alerts.js';

const policy: QueuePolicy = {
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  maxAgeMs: 60 * MIN,
  repeatMs: 30 * MIN,
  random: () => 0,
};
const rule = latencyRule({ forSeconds: 0 });
/** The notice of the first evaluation at `at` with `value` (a fresh alert state, as after a restart). */
const fresh = (value: number, at: number): Notice =>
  groupNotices(step(undefined, { value }, rule, at).events)[0]!;

describe('enqueue', () => {
  it('queues one delivery per channel, keyed by the notice', () => {
    const n = fresh(0.3, T0);
    const { state, queued } = enqueue(EMPTY_QUEUE, n, ['email', 'slack'], T0, policy);
    expect(queued.map((d) => d.id)).toEqual([`${noticeKey(n)}:email`, `${noticeKey(n)}:slack`]);
    expect(state.told).toEqual({ HighPredictionLatency: { severity: 'critical', at: T0 } });
    // the same notice again (a duplicate dispatch) adds nothing
    expect(enqueue(state, n, ['email', 'slack'], T0, policy).queued).toEqual([]);
  });

  it.each([
    ['the same severity within the repeat interval: not told again', 0.3, 10, 0],
    ['another severity: told', 0.2, 10, 1],
    ['after the repeat interval: told', 0.3, 31, 1],
  ])('a re-fire (%s)', (_what, value, minutes, expected) => {
    const first = enqueue(EMPTY_QUEUE, fresh(0.3, T0), ['email'], T0, policy).state;
    const at = T0 + minutes * MIN;
    expect(enqueue(first, fresh(value, at), ['email'], at, policy).queued).toHaveLength(expected);
  });

  it('a resolution drops the waiting firing notice, forgets the alert and queues the resolved notice', () => {
    const fired = step(undefined, { value: 0.3 }, rule, T0);
    const resolved = groupNotices(step(fired.next, { value: 0.01 }, rule, T0 + MIN).events)[0]!;
    const s1 = enqueue(EMPTY_QUEUE, groupNotices(fired.events)[0]!, ['email'], T0, policy).state;
    const s2 = enqueue(s1, resolved, ['email'], T0 + MIN, policy).state;
    expect(s2.deliveries.map((d) => d.notice.status)).toEqual(['resolved']);
    expect(s2.told).toEqual({});
    // with no channel (send_resolved off) the firing notice still goes
    expect(enqueue(s1, resolved, [], T0 + MIN, policy).state.deliveries).toEqual([]);
  });
});

describe('retry', () => {
  it('backs off 0.5, 1, 2, 4, 4 s (equal jitter at 0, capped at 8 s) and never gives up before max_age', () => {
    let state = enqueue(EMPTY_QUEUE, fresh(0.3, T0), ['email'], T0, policy).state;
    const id = state.deliveries[0]!.id;
    const waits: number[] = [];
    let now = T0;
    for (let i = 0; i < 5; i++) {
      expect(nextDue(state, 'email', now)?.id).toBe(id);
      state = fail(state, id, 'ECONNREFUSED', now, policy);
      const at = nextWake(state, 'email')!;
      waits.push(at - now);
      expect(nextDue(state, 'email', at - 1)).toBeNull();
      now = at;
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(state.deliveries[0]).toMatchObject({ attempts: 5, lastError: 'ECONNREFUSED' });
    expect(expire(state, T0 + 59 * MIN, policy).expired).toEqual([]);
    const gone = expire(state, T0 + 60 * MIN, policy);
    expect(gone.expired.map((d) => d.id)).toEqual([id]);
    expect(gone.state.deliveries).toEqual([]);
    expect(gone.state.told).toEqual({}); // told entries past the repeat interval go too
  });

  it('keeps at most maxPerChannel deliveries per channel, dropping the oldest', () => {
    const capped = { ...policy, maxPerChannel: 2 };
    let state = EMPTY_QUEUE;
    const dropped: number[] = [];
    for (const [i, v] of [0.3, 0.2, 0.3].entries()) {
      const at = T0 + i * 31 * MIN; // past the repeat interval: each one is news
      const r = enqueue(state, fresh(v, at), ['email'], at, capped);
      dropped.push(...r.dropped.map((d) => d.createdAt));
      state = r.state;
    }
    expect(dropped).toEqual([T0]);
    expect(state.deliveries.map((d) => d.createdAt)).toEqual([T0 + 31 * MIN, T0 + 62 * MIN]);
  });

  it('sends the oldest due delivery of a channel first', () => {
    let state = enqueue(EMPTY_QUEUE, fresh(0.3, T0), ['email'], T0, policy).state;
    state = enqueue(state, fresh(0.2, T0 + MIN), ['email'], T0 + MIN, policy).state;
    expect(nextDue(state, 'email', T0 + MIN)?.createdAt).toBe(T0);
    expect(nextDue(state, 'slack', T0 + MIN)).toBeNull();
  });
});
