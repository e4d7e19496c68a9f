import { describe, expect, it } from 'vitest';
import { consoleMetricNames } from '../../src/console/data/metric-names.js';
import { metricNames } from '../../src/engine/metrics/names.js';

describe('the console queries the names the engine exposes', () => {
  it('every restated name equals the engine one', () => {
    const engine = metricNames('acme') as unknown as Record<string, string>;
    for (const [key, name] of Object.entries(consoleMetricNames('acme'))) expect(name, key).toBe(engine[key]);
  });
});
