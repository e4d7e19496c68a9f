import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  applyFaultCommand,
  describeFaults,
  FAULT_NAMES,
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
    expect(parseFaultCommand('fault all off')).toEqual({ kind: 'set', faults: [...FAULT_NAMES], on: false });
  });

  it('switches several at once, each once, in the usual order', () => {
    expect(parseFaultCommand('fault latency,drift,latency on')).toEqual({
      kind: 'set',
      faults: ['drift', 'latency'],
      on: true,
    });
  });

  it.each([
    ['fault disk on', /unknown fault "disk"; valid faults: drift, latency, .*queue, cpu, engine, bias, all$/],
    ['fault drift,nope on', /unknown fault "nope"; valid faults: drift/],
    ['fault , on', /expected "fault </],
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
  const target = () => {
    let faults: FaultSet = faultSet();
    return {
      setFault: (name: keyof FaultSet, on: boolean) => {
        faults = { ...faults, [name]: on };
      },
      faults: () => faults,
    };
  };

  it('applies each line from a stream, answers each, and survives bad lines', async () => {
    const t = target();
    const input = new PassThrough();
    const replies: string[] = [];
    const done = readFaultCommands(input, t, (l) => replies.push(l));
    input.write('fault drift on\nfault nope on\n\r\nfault latency on\r\n');
    input.write('fault drift off\nfaults\nrate 4\n');
    input.end();
    await done;
    expect(t.faults()).toEqual(faultSet('latency'));
    expect(replies).toEqual([
      'ok: switched on drift; on now: drift',
      expect.stringMatching(/^error: unknown fault "nope"; valid faults: /),
      'ok: switched on latency; on now: drift, latency',
      'ok: switched off drift; on now: latency',
      `ok: ${describeFaults(faultSet('latency'))}`,
      'error: this target has no rate to change',
    ]);
    expect(describeFaults(faultSet('latency'))).toBe(
      'drift=off latency=on errors=off quality=off accuracy=off memory=off spread=off stall=off queue=off cpu=off engine=off bias=off',
    );
  });

  it('says what happened: on together, on twice, off when not on', () => {
    const t = target();
    expect(applyFaultCommand('fault drift,latency on', t)).toBe(
      'ok: switched on drift, latency; on now: drift, latency',
    );
    expect(applyFaultCommand('fault latency,errors on', t)).toBe(
      'ok: switched on errors; already on: latency; on now: drift, latency, errors',
    );
    expect(applyFaultCommand('fault latency on', t)).toBe(
      'ok: nothing changed; already on: latency; on now: drift, latency, errors',
    );
    expect(applyFaultCommand('fault queue off', t)).toBe(
      'ok: nothing changed; not on, nothing to switch off: queue; on now: drift, latency, errors',
    );
    expect(applyFaultCommand('fault all off', t)).toMatch(
      /^ok: switched off drift, latency, errors; not on, nothing to switch off: quality, .*; on now: none$/,
    );
    expect(t.faults()).toEqual(faultSet());
  });
});
