/** Typed, column-oriented data: the shape every monitor computation reads. */

/** The logical types a schema can ask for; names follow pandas' dtypes as the guide writes them. */
export type DType = 'float64' | 'int64' | 'string' | 'bool' | 'datetime';

/** A numeric column. Missing values (null, '', NaN, +/-inf) are stored as NaN. */
export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  /** 'int64' when every present value is integral, else 'float64'. */
  readonly dtype: 'float64' | 'int64';
  readonly values: Float64Array;
  /** Cells that held something that is not a number (counted as missing, reported as type mismatches). */
  readonly invalid: number;
}

/** A categorical (string or boolean) column. Missing values are null. */
export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  readonly dtype: 'string' | 'bool';
  readonly values: ReadonlyArray<string | null>;
  readonly invalid: number;
}

/** A timestamp column, stored as epoch milliseconds; missing or unparseable values are NaN. */
export interface TimestampColumn {
  readonly kind: 'timestamp';
  readonly name: string;
  readonly dtype: 'datetime';
  readonly values: Float64Array;
  readonly invalid: number;
}

/** Any column kind; switch on `kind`. */
export type Column = NumericColumn | CategoricalColumn | TimestampColumn;

/** A table of equally long typed columns. */
export interface Frame {
  readonly rows: number;
  readonly columns: ReadonlyArray<Column>;
}

/** The expected type of each named column. */
export type Schema = Readonly<Record<string, DType>>;

/** The market-master guide's expected OHLCV types (validate_data / "Data Type Validation"). */
export const OHLCV_SCHEMA: Schema = {
  open: 'float64',
  high: 'float64',
  low: 'float64',
  close: 'float64',
  volume: 'int64',
};

/** Finds a column by name. */
export function column(frame: Frame, name: string): Column | undefined {
  return frame.columns.find((c) => c.name === name);
}

/** Numeric columns only, in frame order. */
export function numericColumns(frame: Frame): NumericColumn[] {
  return frame.columns.filter((c): c is NumericColumn => c.kind === 'numeric');
}

/** Schema problems a reader or the quality check reports instead of throwing. */
export type SchemaIssueCode = 'missing_column' | 'type_mismatch';

/** One schema problem: an expected column that is absent, or cells that do not fit the expected type. */
export interface SchemaIssue {
  readonly code: SchemaIssueCode;
  readonly column: string;
  readonly expected: DType;
  /** The column's actual dtype, when the column exists. */
  readonly actual?: DType;
  /** Cells that failed coercion to `expected` (type_mismatch only). */
  readonly count?: number;
  readonly message: string;
}

/** A built frame plus the schema problems found while building it. */
export interface FrameResult {
  readonly frame: Frame;
  readonly schemaIssues: SchemaIssue[];
}

/** Every column, by name, in frame order. */
export function columnNames(frame: Frame): string[] {
  return frame.columns.map((c) => c.name);
}
