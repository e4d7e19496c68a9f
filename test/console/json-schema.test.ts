// The documented JSON Schemas are the zod schemas' (the README points scripts at docs/*.schema.json), and
// the schemas refuse what issue 15 forbids: display strings in place of numbers.
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { statusDocSchema } from '../../src/console/index.js';
import { ROOT } from '../helpers/run-cli.js';

describe('status and alerts JSON schemas', () => {
  it('docs/*-json.schema.json are generated from src/console/json-schema.ts and current', async () => {
    const r = await execa(process.execPath, ['scripts/json-schemas.mjs', '--check'], {
      cwd: ROOT,
      reject: false,
    });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
  });

  it('refuses a figure given as a display string, or without its unit', () => {
    const figure = { value: 0.979, unit: 'ratio', level: 'ok', warning: 0.85, critical: 0.75, text: '97.9%' };
    const panel = (stats: Record<string, unknown>) => ({ state: 'ok', stats });
    const source = { url: 'http://p', configured: true, ok: true, state: 'ok' };
    const doc = (score: unknown) => ({
      at: '2026-12-05T00:00:00.000Z',
      overall: 'ok',
      exitCode: 0,
      sources: { prometheus: source, alertmanager: source, engine: source },
      panels: {
        quality: panel({ score }),
        drift: { ...panel({}), rows: [] },
        performance: { ...panel({}), rows: [] },
        latency: panel({}),
        throughput: panel({}),
        errors: { ...panel({}), rows: [] },
        resources: { ...panel({}), rows: [] },
      },
      alerts: [],
    });
    expect(statusDocSchema.safeParse(doc(figure)).success).toBe(true);
    expect(statusDocSchema.safeParse(doc('97.9%')).success).toBe(false);
    expect(statusDocSchema.safeParse(doc({ ...figure, value: '97.9%' })).success).toBe(false);
    const { unit: _unit, ...noUnit } = figure;
    expect(statusDocSchema.safeParse(doc(noUnit)).success).toBe(false);
  });
});
