/** Reads a YAML file into plain data while remembering the line each key came from. */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { isSecretKey } from './secrets.js';

/** Where a configuration value came from: a file and line, a variable, a flag or the defaults. */
export type Origin =
  | { kind: 'file'; file: string; line: number }
  | { kind: 'env'; name: string }
  | { kind: 'flag'; name: string };

/** Dotted key path (`drift.alpha`, `alerting.aggregation.0.window`) to its origin. */
export type Origins = Map<string, Origin>;

/** Raised for a YAML file that does not parse; the message names file:line. */
export class YamlSyntaxError extends Error {}

/** Parses YAML text from `file`, returning its data and the line of every key; secrets stay text. */
export function parseYamlWithOrigins(source: string, file: string): { data: unknown; origins: Origins } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new YamlSyntaxError(`${file}:${line}: invalid YAML: ${first.message.split('\n')[0]}`);
  }
  const origins: Origins = new Map();
  const lineOf = (node: Node | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const walk = (node: unknown, path: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const child = path ? `${path}.${key}` : key;
        origins.set(child, { kind: 'file', file, line: lineOf(pair.key as Node) });
        // `password: 0123456` is a YAML number (and would lose its leading zero): a secret is taken as the
        // text written, since no secret is a number (issue 17, defect 7).
        const v = pair.value;
        if (isSecretKey(child) && isScalar(v) && typeof v.value !== 'string' && v.value !== null && v.range)
          v.value = source.slice(v.range[0], v.range[1]);
        walk(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const child = `${path}.${i}`;
        origins.set(child, { kind: 'file', file, line: lineOf(item as Node) });
        walk(item, child);
      });
    }
  };
  walk(doc.contents, '');
  return { data: doc.toJS() ?? {}, origins };
}

/** Describes an origin for an error message. */
export function describeOrigin(origin: Origin | undefined): string {
  if (!origin) return 'the built-in defaults';
  if (origin.kind === 'file') return `${origin.file}:${origin.line}`;
  if (origin.kind === 'env') return `environment variable ${origin.name}`;
  return `flag --${origin.name}`;
}
