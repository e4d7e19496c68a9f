/** Markdown -> Runbook: front matter, one step per `##` heading, one fenced action block per step. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { validateAction } from './check-action.js';
import { parseFrontMatter } from './front-matter.js';
import { type Levels, resolveLevelRefs, shippedLevels } from './level-refs.js';
import { LANGS, type Lang, type Runbook, type Step, type StepAttrs } from './types.js';

/** One problem: the line it is on and what is wrong. */
export interface Problem {
  line: number;
  message: string;
}

/** A runbook that did not parse; the message is one `file:line: what is wrong` per line. */
export class RunbookError extends Error {
  constructor(
    readonly file: string,
    readonly problems: Problem[],
  ) {
    super(problems.map((p) => `${file}:${p.line}: ${p.message}`).join('\n'));
    this.name = 'RunbookError';
  }
}

// Blocks in these languages (or none) are part of the guidance: example output, config snippets.
const DISPLAY = new Set(['', 'text', 'txt', 'console', 'output', 'yaml', 'json']);
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** How to parse: `levels` is the config that `${thresholds...}` references resolve against. */
export interface ParseOptions {
  /** Default: the shipped defaults (config/default.yaml). */
  levels?: Levels;
}

/** Reads and parses one file; throws RunbookError. */
export function parseRunbookFile(file: string, opts: ParseOptions = {}): Runbook {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new RunbookError(file, [{ line: 1, message: (err as Error).message }]);
  }
  return parseRunbook(text, file, opts);
}

/** Parses runbook Markdown; throws RunbookError listing every problem found. */
export function parseRunbook(text: string, file: string, opts: ParseOptions = {}): Runbook {
  const lines = text.split(/\r?\n/);
  const problems: Problem[] = [];
  if (lines[0]?.trim() !== '---') {
    throw new RunbookError(file, [{ line: 1, message: 'missing YAML front matter (a first line "---")' }]);
  }
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) throw new RunbookError(file, [{ line: 1, message: 'front matter is not closed by "---"' }]);
  const fm = parseFrontMatter(lines.slice(1, end).join('\n'), 2);
  problems.push(...fm.problems);
  const expected = basename(file).replace(/\.md$/, '');
  if (fm.value && fm.value.id !== expected) {
    const line = lines.findIndex((l) => /^id\s*:/.test(l)) + 1;
    problems.push({
      line,
      message: `id "${fm.value.id}" does not match the file name (expected "${expected}")`,
    });
  }
  const steps = parseSteps(lines, end + 1, problems, opts.levels);
  if (steps.length === 0) problems.push({ line: end + 2, message: 'no steps: each "## heading" is a step' });
  const declared = new Set(fm.value?.params.map((p) => p.name.toUpperCase()));
  for (const step of steps) {
    if (step.action) problems.push(...validateAction(step.action, declared));
  }
  const names = new Map<string, number>();
  for (const s of steps) {
    const prev = names.get(s.name);
    if (prev !== undefined)
      problems.push({ line: s.line, message: `step name "${s.name}" repeats line ${prev}` });
    names.set(s.name, s.line);
  }
  if (problems.length > 0 || !fm.value)
    throw new RunbookError(
      file,
      problems.sort((a, b) => a.line - b.line),
    );
  const { continueOnFail, ...front } = fm.value;
  return { ...front, continueOnFail: continueOnFail ?? front.kind === 'alert', steps, file };
}

function parseSteps(lines: string[], from: number, problems: Problem[], levels?: Levels): Step[] {
  const steps: (Step & { body: string[] })[] = [];
  let current: (Step & { body: string[] }) | undefined;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      current = {
        index: steps.length,
        title: heading[1]!,
        name: slug(heading[1]!),
        guidance: '',
        line: i + 1,
        body: [],
      };
      steps.push(current);
      continue;
    }
    const fence = FENCE.exec(line);
    if (!fence) {
      current?.body.push(line);
      continue;
    }
    const close = lines.findIndex(
      (l, j) => j > i && new RegExp(`^ {0,3}${fence[1]![0]}{${fence[1]!.length},}\\s*$`).test(l),
    );
    if (close < 0) {
      problems.push({ line: i + 1, message: 'code block is not closed' });
      return steps;
    }
    const info = fence[2]!.trim();
    const lang = /^\S*/.exec(info)![0];
    if (DISPLAY.has(lang)) current?.body.push(...lines.slice(i, close + 1));
    else if (!(LANGS as readonly string[]).includes(lang)) {
      problems.push({
        line: i + 1,
        message: `unknown language "${lang}" (actions: ${LANGS.join(', ')}; "text" for display)`,
      });
    } else if (!current) problems.push({ line: i + 1, message: 'action block before the first "## step"' });
    else if (current.action) {
      problems.push({
        line: i + 1,
        message: `step "${current.title}" already has an action (line ${current.action.line})`,
      });
    } else {
      const raw = parseInfo(info.slice(lang.length).trim(), i + 1, problems);
      const levelRefs = hasRef(raw) ? resolveLevelRefs(raw, levels ?? shippedLevels()) : undefined;
      for (const message of levelRefs?.problems ?? []) problems.push({ line: i + 1, message });
      const attrs = raw as StepAttrs;
      current.action = {
        lang: lang as Lang,
        attrs,
        code: lines.slice(i + 1, close).join('\n'),
        line: i + 1,
        ...(levelRefs && Object.keys(levelRefs.refs).length ? { levelRefs: levelRefs.refs } : {}),
      };
      if (typeof attrs.name === 'string') current.name = attrs.name;
    }
    i = close;
  }
  return steps.map(({ body, ...s }) => ({ ...s, guidance: body.join('\n').trim() }));
}

// The raw JSON object after the language; the schema is checked in validateAction with the language known.
function parseInfo(json: string, line: number, problems: Problem[]): Record<string, unknown> {
  if (json === '') return {};
  try {
    const v: unknown = JSON.parse(json);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch (err) {
    problems.push({ line, message: `attributes are not valid JSON: ${(err as Error).message}` });
    return {};
  }
  problems.push({ line, message: 'attributes must be a JSON object, e.g. {"timeout": "30s"}' });
  return {};
}

// The config is loaded only for runbooks that reference it.
const hasRef = (attrs: Record<string, unknown>) => JSON.stringify(attrs.expect ?? null).includes('"${');

function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** What loading the runbook dirs gives: the runbooks, and a RunbookError per file that did not parse. */
export interface LoadedRunbooks {
  runbooks: Runbook[];
  errors: RunbookError[];
}

/**
 * Loads every `*.md` in `dirs` (missing dirs are skipped); a broken file is reported, the rest still load.
 * `parseFile` reads and parses one file (load-memo.ts passes one that remembers unchanged files).
 */
export function loadRunbooks(
  dirs: string[],
  opts: ParseOptions = {},
  parseFile: (file: string) => Runbook = (file) => parseRunbookFile(file, opts),
): LoadedRunbooks {
  const byId = new Map<string, Runbook>();
  const errors: RunbookError[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md');
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      try {
        const rb = parseFile(join(dir, name));
        // a later directory overrides a shipped runbook of the same id
        byId.set(rb.id, rb);
      } catch (err) {
        if (err instanceof RunbookError) errors.push(err);
        else throw err;
      }
    }
  }
  return { runbooks: [...byId.values()], errors };
}
