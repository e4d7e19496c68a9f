/**
 * A panel's summary line as one styled string (components/summary-text.ts) draws the same frame, codes
 * included, as the nested <Text> elements it replaced: each case renders both through Ink with colour on.
 */
import chalk from 'chalk';
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryText } from '../../src/console/components/summary-text.js';
import type { PanelModel, Stat } from '../../src/console/panels/model.js';
import { type PanelState, STATE_COLOR, STATE_TEXT } from '../../src/console/panels/state.js';

const ESC = String.fromCharCode(27);

// The elements the console drew before (panel.tsx up to 6810539), kept here as the reference.
function ReferenceStat({ stat, color }: { stat: Stat; color: boolean }) {
  const mark = stat.state === 'warning' ? '▲' : stat.state === 'critical' ? '✖' : '';
  const tint =
    stat.state === 'ok' || stat.state === 'unknown' || !color ? undefined : STATE_COLOR[stat.state];
  return (
    <Text>
      {`  ${stat.label} `}
      <Text color={tint} bold={mark !== ''}>
        {stat.value}
        {mark}
      </Text>
    </Text>
  );
}

function Reference({ model, stale, color }: { model: PanelModel; stale?: string; color: boolean }) {
  return (
    <Text wrap="truncate">
      <Text bold>{model.title.padEnd(18).slice(0, 18)}</Text>
      <Text color={color ? STATE_COLOR[model.state] : undefined} bold={model.state !== 'ok'}>
        {STATE_TEXT[model.state]}
      </Text>
      {model.stats.map((s) => (
        <ReferenceStat key={s.label} stat={s} color={color} />
      ))}
      {model.series.length > 1 ? (
        <Text dimColor>{`  [${model.series.map((s) => s.name).join(' ')}]`}</Text>
      ) : null}
      {stale ? <Text inverse>{` ${stale} `}</Text> : null}
    </Text>
  );
}

const frameOf = (node: React.ReactElement): string => {
  const r = render(<Box width={200}>{node}</Box>);
  const frame = r.lastFrame() ?? '';
  r.unmount();
  return frame;
};

const stat = (label: string, value: string, state: PanelState): Stat => ({ label, value, state });

const model = (state: PanelState, stats: Stat[], series = 1): PanelModel => ({
  id: 'latency',
  title: 'Latency',
  state,
  stats,
  series: Array.from({ length: series }, (_, i) => ({ name: `p${50 + i * 45}`, points: [] })),
});

const CASES: Array<{ name: string; model: PanelModel; stale?: string }> = [
  { name: 'all OK', model: model('ok', [stat('p50', '35 ms', 'ok'), stat('p95', '66 ms', 'ok')]) },
  {
    name: 'a warning figure, two series',
    model: model('warning', [stat('p50', '35 ms', 'ok'), stat('p95', '120 ms', 'warning')], 2),
  },
  {
    name: 'a critical figure, stale',
    model: model('critical', [stat('p99', '400 ms', 'critical'), stat('rate', '-', 'unknown')]),
    stale: 'STALE unreachable 2m',
  },
  { name: 'unknown, no figures', model: model('unknown', []) },
];

describe('summaryText', () => {
  const level = chalk.level;
  beforeAll(() => {
    chalk.level = 1; // the test's stdout is no terminal: chalk (and so Ink) would draw no codes at all
  });
  afterAll(() => {
    chalk.level = level;
  });

  for (const c of CASES) {
    for (const color of [true, false]) {
      it(`${c.name}, colour ${color ? 'on' : 'off'}: the same frame as the nested elements`, () => {
        const reference = frameOf(
          <Reference model={c.model} color={color} {...(c.stale ? { stale: c.stale } : {})} />,
        );
        const line = frameOf(<Text wrap="truncate">{summaryText(c.model, c.stale, color)}</Text>);
        expect(line).toBe(reference);
        expect(reference).toContain(`${ESC}[1m`); // codes were drawn: the comparison is not of plain text
      });
    }
  }

  it('colour off keeps the marks and words, and draws no state colour', () => {
    const text = summaryText(CASES[2]!.model, undefined, false);
    expect(text).toContain('✖ CRIT');
    expect(text).toContain('400 ms✖');
    expect(text).not.toMatch(new RegExp(`${ESC}\\[3[1-3]m`));
    expect(summaryText(CASES[2]!.model, undefined, true)).toMatch(new RegExp(`${ESC}\\[31m`));
  });
});
