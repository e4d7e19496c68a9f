import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunbooks, parseRunbook, parseRunbookFile, RunbookError } from '../../src/runbook/index.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'runbook');

/** The RunbookError message of parsing `text` as `file`. */
function problems(text: string, file = 'rb.md'): string {
  try {
    parseRunbook(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(RunbookError);
    return (err as Error).message;
  }
  throw new Error('parsed, but should not have');
}

const HEAD = '---\nid: rb\ntitle: T\nkind: daily\nsummary: S\n---\n';

describe('parseRunbook', () => {
  it('reads front matter, steps, guidance, actions and manual steps', () => {
    const rb = parseRunbookFile(join(FIX, 'good', 'smoke.md'));
    expect(rb).toMatchObject({
      id: 'smoke',
      title: 'Smoke test runbook',
      kind: 'daily',
      alerts: [],
      continueOnFail: false,
    });
    expect(rb.params).toEqual([
      { name: 'greeting', default: 'hello' },
      { name: 'target', default: 'world', description: 'who to greet' },
    ]);
    expect(rb.steps.map((s) => [s.title, s.name, s.action?.lang ?? 'manual'])).toEqual([
      ['Greet', 'greet', 'sh'],
      ['Count something', 'count-something', 'bash'],
      ['Needs a tool that is not installed', 'needs-a-tool-that-is-not-installed', 'sh'],
      ['Look at the dashboard', 'look-at-the-dashboard', 'manual'],
      ['Something that writes to stderr', 'something-that-writes-to-stderr', 'sh'],
    ]);
    const greet = rb.steps[0]!;
    expect(greet.guidance).toBe(
      'Prints the greeting from the params (they arrive as environment variables).',
    );
    expect(greet.action).toMatchObject({
      attrs: { name: 'greet', expect: { matches: '^hello, ' } },
      line: 21,
    });
    expect(greet.action?.code).toBe('echo "$MMOPS_PARAM_GREETING, $MMOPS_PARAM_TARGET"');
    // a text block is guidance, not an action
    expect(rb.steps[3]!.guidance).toContain('example output, shown as guidance');
  });

  it('ignores "##" inside a code block and defaults continueOnFail to true for alert runbooks', () => {
    const rb = parseRunbook(
      '---\nid: rb\ntitle: T\nkind: alert\nsummary: S\n---\n## One\n```sh\necho "## not a heading"\n```\n',
      'rb.md',
    );
    expect(rb.steps).toHaveLength(1);
    expect(rb.continueOnFail).toBe(true);
  });

  it('names file:line for front matter problems', () => {
    expect(problems('---\nid: rb\ntitle: T\nkind: nightly\nsummary: S\n---\n## a\n')).toMatch(
      /^rb\.md:4: kind: /,
    );
    expect(problems('---\nid: rb\ntitle: T\nkind: daily\nsummary: S\nowner: me\n---\n## a\n')).toBe(
      'rb.md:6: unknown key "owner"',
    );
    expect(problems('---\nid: rb\ntitle: T\nkind: daily\n---\n## a\n')).toMatch(/^rb\.md:2: summary: /);
    expect(problems('---\nid: rb\ntitle: [\nkind: daily\n---\n')).toMatch(/^rb\.md:\d+: front matter: /);
    expect(problems('# no front matter\n')).toBe('rb.md:1: missing YAML front matter (a first line "---")');
    expect(problems(HEAD.replace('id: rb', 'id: other'))).toMatch(
      /rb\.md:2: id "other" does not match the file name/,
    );
    expect(
      problems('---\nid: rb\ntitle: T\nkind: daily\nsummary: S\nparams:\n  Bad-Name: 1\n---\n## a\n'),
    ).toMatch(/rb\.md:7: params\.Bad-Name/);
  });

  it('names file:line for unknown languages, attributes and misplaced expectations', () => {
    expect(problems(`${HEAD}## a\n\n\`\`\`python\nprint(1)\n\`\`\`\n`)).toBe(
      'rb.md:9: unknown language "python" (actions: sh, bash, promql, http, sql; "text" for display)',
    );
    expect(problems(`${HEAD}## a\n\`\`\`sh {"timeot": "5s"}\ntrue\n\`\`\`\n`)).toBe(
      'rb.md:8: unknown attribute "timeot"',
    );
    expect(problems(`${HEAD}## a\n\`\`\`sh {"expect": {"below": "x"}}\ntrue\n\`\`\`\n`)).toMatch(
      /^rb\.md:8: attribute "expect\.below": /,
    );
    expect(problems(`${HEAD}## a\n\`\`\`promql {"expect": {"exitCode": 0}}\nup\n\`\`\`\n`)).toMatch(
      /^rb\.md:8: expect\.exitCode does not apply to promql steps/,
    );
    expect(problems(`${HEAD}## a\n\`\`\`sh {timeout: 5}\ntrue\n\`\`\`\n`)).toMatch(
      /^rb\.md:8: attributes are not valid JSON/,
    );
    expect(problems(`${HEAD}## a\n\`\`\`sh\ntrue\n`)).toBe('rb.md:8: code block is not closed');
    expect(problems(`${HEAD}## a\n\`\`\`sh\n\`\`\`\n`)).toBe('rb.md:8: empty action block');
    expect(problems(`${HEAD}## a\n\`\`\`sh\necho $MMOPS_PARAM_NOPE\n\`\`\`\n`)).toBe(
      'rb.md:8: MMOPS_PARAM_NOPE is not a declared param (front matter "params")',
    );
    expect(problems(`${HEAD}## a\n\`\`\`http\nGET http://x/$HOME\n\`\`\`\n`)).toBe(
      'rb.md:8: http: only MMOPS_* variables are substituted, not $HOME',
    );
    expect(problems(`${HEAD}## a\n\`\`\`sh\ntrue\n\`\`\`\n\`\`\`sh\nfalse\n\`\`\`\n`)).toBe(
      'rb.md:11: step "a" already has an action (line 8)',
    );
    expect(problems(`${HEAD}intro\n`)).toBe('rb.md:7: no steps: each "## heading" is a step');
  });
});

describe('loadRunbooks', () => {
  it('loads the good files and reports each bad one with file:line', () => {
    const { runbooks, errors } = loadRunbooks([join(FIX, 'mixed'), join(FIX, 'does-not-exist')]);
    expect(runbooks.map((r) => r.id)).toEqual(['smoke']);
    const messages = errors.map((e) => e.message.replaceAll(`${join(FIX, 'mixed')}/`, ''));
    expect(messages).toEqual([
      expect.stringMatching(
        /^bad-attr\.md:10: unknown attribute "timeot"\nbad-attr\.md:16: expect\.exitCode does not apply/,
      ),
      expect.stringMatching(/^bad-kind\.md:4: kind: /),
      'bad-lang.md:10: unknown language "python" (actions: sh, bash, promql, http, sql; "text" for display)',
    ]);
  });
});
