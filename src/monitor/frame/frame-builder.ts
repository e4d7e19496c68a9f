/** Accumulates named columns row by row and finishes them into a Frame plus its schema issues. */
import { CoercingColumn } from './coercing-column.js';
import type { ColumnSink } from './column-sink.js';
import { pushAny } from './column-sink.js';
import { visitCells } from './flatten.js';
import { InferringColumn } from './inferring-column.js';
import { checkSchema } from './schema-check.js';
import type { FrameResult, Schema } from './types.js';

/** A sink for one column: coercing when the schema names it, inferring otherwise. */
export function createSink(name: string, schema?: Schema): ColumnSink {
  const expected = schema !== undefined && Object.hasOwn(schema, name) ? schema[name] : undefined;
  return expected === undefined ? new InferringColumn(name) : new CoercingColumn(name, expected);
}

/**
 * Columns appear in first-seen order. A column first seen at row k starts with k missing cells, and a
 * row that lacks a column leaves it missing: both are padded lazily, so sparse records stay cheap.
 */
export class FrameBuilder {
  private readonly schema: Schema | undefined;
  private readonly sinks: ColumnSink[] = [];
  private readonly byName = new Map<string, ColumnSink>();
  private readonly lastOrder: ColumnSink[] = [];
  /** Rows completed so far. */
  rows = 0;

  constructor(schema?: Schema) {
    this.schema = schema;
  }

  /** The sink for `name`, created (and padded to the current row) on first use. */
  column(name: string): ColumnSink {
    let sink = this.byName.get(name);
    if (sink === undefined) {
      sink = createSink(name, this.schema);
      this.sinks.push(sink);
      this.byName.set(name, sink);
    }
    return sink;
  }

  /** Adds one record, flattened by visitCells (so `features.x` becomes column `x`), as the next row. */
  addRecord(record: Readonly<Record<string, unknown>>): void {
    let i = 0;
    visitCells(record, (name, value) => {
      // Records usually repeat the previous record's field order: try that sink before the map.
      let sink = this.lastOrder[i];
      if (sink === undefined || sink.name !== name) {
        sink = this.column(name);
        this.lastOrder[i] = sink;
      }
      i++;
      sink.padTo(this.rows);
      pushAny(sink, value);
    });
    this.rows++;
  }

  /** Marks a row complete after its cells were pushed straight into the sinks. */
  endRow(): void {
    this.rows++;
  }

  /** The typed frame and, when a schema was given, its schema issues. */
  finish(): FrameResult {
    const columns = this.sinks.map((s) => {
      s.padTo(this.rows);
      return s.finish();
    });
    const frame = { rows: this.rows, columns };
    return { frame, schemaIssues: this.schema === undefined ? [] : checkSchema(frame, this.schema) };
  }
}
