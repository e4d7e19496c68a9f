/**
 * sql steps against DATABASE_URL. Read-only (BEGIN READ ONLY) unless the step has `confirm`: the typed
 * confirmation is the permission to write. `args` bind MMOPS_* variables to $1.. (never spliced in).
 */
import { judge } from '../judge.js';
import { capText } from '../output.js';
import { noAnswer } from '../unreachable.js';
import type { KindResult, StepKind } from './types.js';

/** Rows as a small text table: a header, then one tab-separated line a row. */
export function rowsText(fields: string[], rows: Record<string, unknown>[]): string {
  const cell = (v: unknown) =>
    v === null || v === undefined ? 'NULL' : v instanceof Date ? v.toISOString() : String(v);
  return [fields.join('\t'), ...rows.map((r) => fields.map((f) => cell(r[f])).join('\t'))].join('\n');
}

/** The SQL step kind. */
export const sqlKind: StepKind = {
  async run(step, ctx): Promise<KindResult> {
    const { attrs, code } = step.action!;
    const url = ctx.env.DATABASE_URL;
    if (!url) return { status: 'SKIPPED', reason: 'no DATABASE_URL', stdout: '', stderr: '' };
    const values: string[] = [];
    for (const name of attrs.args ?? []) {
      const v = ctx.env[name];
      if (v === undefined) return { status: 'FAIL', reason: `${name} is not set`, stdout: '', stderr: '' };
      values.push(v);
    }
    let result: Awaited<ReturnType<typeof ctx.deps.sql>>;
    try {
      result = await ctx.deps.sql(url, code, values, { readOnly: !attrs.confirm, timeoutMs: ctx.timeoutMs });
    } catch (err) {
      const why = noAnswer(err);
      if (why !== undefined) {
        const v = judge(attrs.expect ?? {}, { unreachable: `database: ${why}` });
        return { ...v, stdout: '', stderr: `${v.reason}\n` };
      }
      const reason = `query failed: ${(err as Error).message}`;
      return { status: 'FAIL', reason, stdout: '', stderr: reason };
    }
    const { fields, rows } = result;
    const stdout = capText(rowsText(fields, rows), ctx.outputCap);
    ctx.onOutput(`${stdout}\n`, 'stdout');
    // the numeric value of a row is its first column: SELECT count(*) ..., SELECT max(lag) ...
    const first = fields[0];
    const values_ = rows.map((r, i) => {
      const raw = first === undefined ? null : r[first];
      const n =
        typeof raw === 'number'
          ? raw
          : typeof raw === 'string' && raw.trim() !== ''
            ? Number(raw)
            : Number.NaN;
      return { label: rows.length > 1 ? `row ${i + 1}` : '', value: Number.isFinite(n) ? n : null };
    });
    // A statement without a result set (UPDATE, DELETE) has no data to miss; a query with no rows has.
    const v = judge(attrs.expect ?? {}, {
      ...(fields.length > 0 ? { values: values_ } : {}),
      rows: rows.length,
      text: stdout,
    });
    const reason = v.status === 'PASS' && v.reason === 'ok' ? `${rows.length} rows` : v.reason;
    const raw = fields.length > 0 ? { values: values_.map((x) => ({ value: x.value })) } : {};
    return {
      ...v,
      reason,
      stdout,
      stderr: '',
      ...raw,
      ...(attrs.expect?.unit ? { unit: attrs.expect.unit } : {}),
    };
  },
};
