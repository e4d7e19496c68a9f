/** Which command lines take the console's fast path: only those that open the console and nothing else. */
import { describe, expect, it } from 'vitest';
import { consoleArgv } from '../../src/cli/console-argv.js';

const argv = (...a: string[]) => ['node', 'mmops', ...a];

describe('consoleArgv', () => {
  it('takes the console with its options', () => {
    expect(consoleArgv(argv())).toEqual({ color: true });
    expect(consoleArgv(argv('console'))).toEqual({ color: true });
    expect(consoleArgv(argv('--config', 'c.yaml', 'console', '--no-color'))).toEqual({
      configFile: 'c.yaml',
      color: false,
    });
    expect(consoleArgv(argv('--config=c.yaml'))).toEqual({ configFile: 'c.yaml', color: true });
  });

  it('leaves everything else to the CLI', () => {
    for (const a of [
      ['status'],
      ['console', '--help'],
      ['--version'],
      ['statsu'],
      ['console', 'console'],
      ['--config'],
      ['--config='],
      ['--config', 'a', '--config', 'b'],
    ])
      expect(consoleArgv(argv(...a)), a.join(' ')).toBe(null);
  });
});
