/**
 * The text of an `http` block, in the .http-file style: `METHOD URL` (or just a URL for GET), then
 * `Header: value` lines, then a blank line and the body. Only `${MMOPS_*}` / `$MMOPS_*` variables are
 * substituted, in the URL and header values: a variable at the very start of the URL is a base URL and is
 * inserted as is; anywhere else its value is percent-encoded, so a label cannot change the request's shape.
 */

/** A parsed http block, before substitution. */
export interface HttpBlock {
  method: string;
  url: string;
  headers: [string, string][];
  body?: string;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Parses the block; throws an Error whose message says what is wrong (the parser adds file:line). */
export function parseHttpBlock(code: string): HttpBlock {
  const lines = code.split('\n');
  const first = (lines.shift() ?? '').trim();
  const parts = first.split(/\s+/);
  const [method, url] = parts.length === 1 ? ['GET', parts[0] ?? ''] : [parts[0] ?? '', parts[1] ?? ''];
  if (!METHODS.includes(method)) throw new Error(`http: unknown method "${method}" (${METHODS.join(', ')})`);
  if (parts.length > 2) throw new Error('http: the first line is "METHOD URL"');
  if (!/^(\$\{?MMOPS_[A-Z0-9_]+\}?|https?:\/\/)/.test(url)) {
    throw new Error(`http: the URL must start with http(s):// or an MMOPS_* variable, not "${url}"`);
  }
  const headers: [string, string][] = [];
  let i = 0;
  for (; i < lines.length && (lines[i] ?? '').trim() !== ''; i++) {
    const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec((lines[i] ?? '').trim());
    if (!m) throw new Error(`http: expected "Header: value", got "${lines[i]}"`);
    headers.push([m[1]!, m[2]!]);
  }
  const body = lines
    .slice(i + 1)
    .join('\n')
    .trim();
  const block: HttpBlock = { method, url, headers, ...(body ? { body } : {}) };
  for (const text of [url, ...headers.map((h) => h[1])]) {
    for (const name of variables(text)) {
      if (!name.startsWith('MMOPS_')) {
        throw new Error(`http: only MMOPS_* variables are substituted, not $${name}`);
      }
    }
  }
  return block;
}

/** The variable names `text` references. */
export function variables(text: string): string[] {
  return [...text.matchAll(VAR)].map((m) => (m[1] ?? m[2])!);
}

/** Substitutes MMOPS_* variables from `env` into the block; throws naming a variable that is not set. */
export function resolveHttpBlock(block: HttpBlock, env: Record<string, string | undefined>): HttpBlock {
  const value = (name: string) => {
    const v = env[name];
    if (v === undefined || v === '') throw new Error(`${name} is not set`);
    return v;
  };
  const url = block.url.replace(
    VAR,
    (_whole, a: string | undefined, b: string | undefined, offset: number) => {
      const v = value((a ?? b)!);
      return offset === 0 ? v.replace(/\/+$/, '') : encodeURIComponent(v);
    },
  );
  if (!/^https?:\/\//.test(url)) throw new Error(`the URL "${url}" is not http(s)`);
  const headers = block.headers.map(
    ([k, v]) => [k, v.replace(VAR, (_w, a?: string, b?: string) => value((a ?? b)!))] as [string, string],
  );
  return { ...block, url, headers };
}
