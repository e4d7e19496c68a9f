import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  describeFaults,
  type FaultSet,
  faultSet,
  parseFaultCommand,
  readFaultCommands,
} from '../../src/sim/index.js';

describe('parseFaultCommand', () => {
  it.each([
    ['fault drift on', { kind: 'set', faults: ['drift'], on: true }],
    ['  FAULT  Latency   OFF ', { kind: 'set', faults: ['latency'], on: false }],
    ['fault errors on # burst', { kind: 'set', faults: ['errors'], on: true }],
    ['faults', { kind: 'status' }],
    ['rate 3.5', { kind: 'rate', rate: 3.5 }],
    ['', { kind: 'empty' }],
    ['# a comment', { kind: 'empty' }],
  ])('%j', (line, want) => {
    expect(parseFaultCommand(line)).toEqual(want);
  });

  it('turns every fault off with `fault all off`', () => {
    expect(parseFaultCommand('fault all off')).toEqual({
      kind: 'set',
      faults: ['drift', 'latency', 'errors', 'quality', 'accuracy', 'memory', 'spread', 'stall', 'bias'],
      on: false,
    });
  });

  it.each([
    ['fault disk on', /unknown fault "disk"/],
    ['fault drift maybe', /"maybe" is not on or off/],
    ['fault drift', /expected "fault </],
    ['drift on', /expected "fault </],
    ['fault drift on now', /expected "fault </],
    ['rate 0', /"0" is not a rate > 0/],
    ['rate fast', /"fast" is not a rate > 0/],
  ])('refuses %j', (line, reason) => {
    const cmd = parseFaultCommand(line);
    expect(cmd.kind).toBe('invalid');
    expect(cmd.kind === 'invalid' && cmd.reason).toMatch(reason);
  });
});

describe('readFaultCommands', () => {
  it('applies each line from a stream, answers each, and survives bad lines', async () => {
    let faults: FaultSet = faultSet();
    const target = {
      setFault: (name: keyof FaultSet, on: boolean) => {
        faults = { ...faults, [name]: on };
      },
      faults: () => faults,
    };
    const input = new PassThrough();
    const replies: string[] = [];
    const done = readFaultCommands(input, target, (l) => replies.push(l));
    input.write('fault drift on\nfault nope on\n\r\nfault latency on\r\n');
    input.write('fault drift off\nfaults\nrate 4\n');
    input.end();
    await done;
    expect(faults).toEqual(faultSet('latency'));
    expect(replies).toEqual([
      `ok: ${describeFaults(faultSet('drift'))}`,
      expect.stringMatching(/^error: unknown fault "nope"/),
      `ok: ${describeFaults(faultSet('drift', 'latency'))}`,
      `ok: ${describeFaults(faultSet('latency'))}`,
      `ok: ${describeFaults(faultSet('latency'))}`,
      'error: this target has no rate to change',
    ]);
    expect(describeFaults(faultSet('latency'))).toBe(
      'drift=off latency=on errors=off quality=off accuracy=off memory=off spread=off stall=off bias=off',
    );
  });
});
