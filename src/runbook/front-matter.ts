/** The YAML front matter of a runbook: schema, and zod issues turned into `file:line: what is wrong`. */
import { isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import { z } from 'zod';
import { RUNBOOK_KINDS, type Runbook } from './types.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const param = z.union([
  scalar,
  z.strictObject({ default: scalar, description: z.string().optional(), secret: z.boolean().optional() }),
]);

/** The front matter schema; unknown keys are errors. */
export const frontMatterSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and "-"'),
  title: z.string().min(1),
  kind: z.enum(RUNBOOK_KINDS),
  alerts: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an alert name')).default([]),
  summary: z.string().min(1),
  params: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower_snake_case'), param).default({}),
  continueOnFail: z.boolean().optional(),
});

/** What the front matter gives the runbook: its fields but the steps and file; continueOnFail may be unsaid. */
export type FrontMatter = Omit<Runbook, 'steps' | 'file' | 'continueOnFail'> & { continueOnFail?: boolean };

/** Parses `yamlText` (which starts on file line `firstLine`); returns problems as `line: message`. */
export function parseFrontMatter(
  yamlText: string,
  firstLine: number,
): { value?: FrontMatter; problems: { line: number; message: string }[] } {
  const lc = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lc, prettyErrors: false });
  const lineAt = (offset: number) => firstLine + lc.linePos(offset).line - 1;
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        line: lineAt(e.pos[0]),
        message: `front matter: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const parsed = frontMatterSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) {
    const { params, continueOnFail, ...rest } = parsed.data;
    return {
      problems: [],
      value: {
        ...rest,
        params: Object.entries(params).map(([name, p]) =>
          typeof p === 'string'
            ? { name, default: p }
            : {
                name,
                default: p.default,
                ...(p.description ? { description: p.description } : {}),
                ...(p.secret ? { secret: true } : {}),
              },
        ),
        ...(continueOnFail === undefined ? {} : { continueOnFail }),
      },
    };
  }
  return {
    problems: parsed.error.issues.map((issue) => {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const node = nodeAt(doc.contents, issue.path.map(String), keys[0]);
      const line = node?.range ? lineAt(node.range[0]) : firstLine;
      const where = issue.path.length ? issue.path.join('.') : keys.length ? '' : 'front matter';
      const what = keys.length ? `unknown key ${keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
      return { line, message: where ? `${where}: ${what}` : what };
    }),
  };
}

// The deepest node on `path` (or the key node `extraKey` under it), for the line of an issue.
function nodeAt(root: unknown, path: string[], extraKey?: string): Node | undefined {
  let node = root as Node | undefined;
  for (const key of extraKey === undefined ? path : [...path, extraKey]) {
    if (!isMap(node)) return node;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (!pair) return node;
    const next = (key === extraKey ? pair.key : pair.value) as Node | null;
    if (!next) return pair.key as Node;
    node = next;
  }
  return node;
}
