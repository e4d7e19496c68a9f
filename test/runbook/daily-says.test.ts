// The daily runbook says exactly what it checks (issue 12, point 1): its table of steps names real steps,
// each numbered step once, and the steps it calls interactive are the interactive ones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseRunbookFile } from '../../src/runbook/index.js';
import { ROOT } from './helpers.js';

it('the daily table covers every step, each once, and names the interactive ones', () => {
  const file = join(ROOT, 'runbooks', 'daily.md');
  const rb = parseRunbookFile(file);
  const text = readFileSync(file, 'utf8');
  const intro = text.slice(text.indexOf('What it checks'), text.indexOf('\n## '));
  const listed = [...intro.matchAll(/^\| (\d+)(?:-(\d+))? \|/gm)].flatMap((m) => {
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
  const interactive = rb.steps.filter((s) => s.action?.attrs.interactive).map((s) => s.index + 1);
  const said = /Steps (\d+) and (\d+) \(htop, tail -f\) are interactive/.exec(intro);
  expect(said?.slice(1).map(Number)).toEqual(interactive);
  expect([...listed, ...interactive].sort((a, b) => a - b)).toEqual(rb.steps.map((s) => s.index + 1));
  // the manual last step is the dashboards, as the table says
  expect(rb.steps.at(-1)?.title).toBe('Dashboards look right');
});
