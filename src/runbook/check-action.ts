/** Validates one action block: its attributes, its expectation keys for the language, its code and params. */
import { attrsSchema } from './attrs.js';
import { EXPECT_KEYS } from './expect-schema.js';
import { parseHttpBlock } from './http-block.js';
import type { Problem } from './parse.js';
import type { Action } from './types.js';

const SHELL_ONLY = ['cwd', 'interactive', 'background'] as const;

/** Problems with `action` (all on its fence line); on success its attrs are replaced by the parsed ones. */
export function validateAction(action: Action, declaredParams: Set<string>): Problem[] {
  const problems: string[] = [];
  const parsed = attrsSchema.safeParse(action.attrs);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const at = issue.path.join('.');
      problems.push(
        issue.code === 'unrecognized_keys'
          ? `unknown attribute ${issue.keys.map((k) => `"${at ? `${at}.` : ''}${k}"`).join(', ')}`
          : `attribute "${at}": ${issue.message}`,
      );
    }
  } else {
    action.attrs = parsed.data;
    const a = parsed.data;
    const shell = action.lang === 'sh' || action.lang === 'bash';
    for (const key of Object.keys(a.expect ?? {})) {
      if (!EXPECT_KEYS[action.lang].includes(key)) {
        problems.push(
          `expect.${key} does not apply to ${action.lang} steps (${EXPECT_KEYS[action.lang].join(', ')})`,
        );
      }
    }
    const e = a.expect ?? {};
    if (e.finding && (e.exitCode !== undefined || e.warnExitCode !== undefined)) {
      problems.push(
        'expect.finding sets the exit codes (0 ok, 1 finding, 2 usage, 3 unreachable): drop exitCode/warnExitCode',
      );
    }
    for (const key of SHELL_ONLY) {
      if (a[key] !== undefined && !shell) problems.push(`attribute "${key}" applies to sh/bash steps only`);
    }
    if (a.args && action.lang !== 'sql') problems.push('attribute "args" applies to sql steps only');
  }
  if (action.code.trim() === '') problems.push('empty action block');
  if (action.lang === 'http' && action.code.trim() !== '') {
    try {
      parseHttpBlock(action.code.trim());
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  const text = [action.code, ...(parsed.data?.requires ?? []), ...(parsed.data?.args ?? [])].join('\n');
  for (const m of text.matchAll(/MMOPS_PARAM_([A-Za-z0-9_]+)/g)) {
    if (!declaredParams.has(m[1]!)) {
      problems.push(`MMOPS_PARAM_${m[1]} is not a declared param (front matter "params")`);
    }
  }
  return [...new Set(problems)].map((message) => ({ line: action.line, message }));
}
