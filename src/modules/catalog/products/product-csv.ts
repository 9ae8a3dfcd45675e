import { parse } from 'csv-parse/sync';
import { fromDecimalString, isCurrency, type Money } from '../../../platform/money.js';
import { productCreateSchema, type ProductCreateInput } from './product.schemas.js';

/*
 * The product CSV: a header row sku,name,description,status,category,price_<CUR>…,attr_<name>…,
 * then one product a row. Reading never throws for a bad row: it becomes a rejection naming the
 * file's line and the column. Strings are taken as text (never evaluated); NUL bytes and unpaired
 * surrogates, which PostgreSQL cannot store, are refused per field.
 */

export interface CsvRow {
  /** The line in the file where the record starts (the header is line 1). */
  readonly line: number;
  readonly values: readonly string[];
}

export interface CsvRejection {
  readonly row: number;
  readonly field: string;
  readonly reason: string;
}

export interface ProductCsv {
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
  /** Records the parser could not read (an unclosed quote …). */
  readonly unreadable: readonly CsvRejection[];
}

export class ProductCsvError extends Error {}

const MAX_COLUMNS = 200;

export function readProductCsv(bytes: Buffer): ProductCsv {
  const unreadable: CsvRejection[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(bytes, {
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      max_record_size: 256 * 1024,
      on_skip: (error) => {
        unreadable.push({
          row: Number(error?.lines ?? 0),
          field: 'row',
          reason: (error?.message ?? 'cannot be read').slice(0, 300),
        });
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new ProductCsvError(`the file cannot be read as CSV: ${(error as Error).message.slice(0, 200)}`);
  }
  const [first, ...rest] = records;
  if (!first) throw new ProductCsvError('the file has no header row');
  const header = first.record.map((h) => h.trim().toLowerCase());
  return { header, rows: rest.map((r) => ({ line: r.info.lines, values: r.record })), unreadable };
}

/** Problems of the header itself (the whole import is refused for them). */
export function headerProblems(header: readonly string[]): string[] {
  const problems: string[] = [];
  if (header.length > MAX_COLUMNS) problems.push(`has more than ${MAX_COLUMNS} columns`);
  for (const needed of ['sku', 'name'])
    if (!header.includes(needed)) problems.push(`has no '${needed}' column`);
  const known = new Set(['sku', 'name', 'description', 'status', 'category']);
  for (const column of header) {
    if (known.has(column)) continue;
    if (column.startsWith('price_')) {
      if (!isCurrency(column.slice(6).toUpperCase()))
        problems.push(`column '${column.slice(0, 40)}' names no ISO 4217 currency`);
    } else if (column.startsWith('attr_')) {
      if (!/^[a-z][a-z0-9_]{0,49}$/.test(column.slice(5)))
        problems.push(`column '${column.slice(0, 60)}' is no attribute name`);
    } else problems.push(`column '${column.slice(0, 60)}' is not known`);
  }
  if (new Set(header).size !== header.length) problems.push('names a column twice');
  return problems;
}

const unstorable = (text: string) => text.includes('\u0000') || /\p{Cs}/u.test(text);

export type ParsedRow =
  | { readonly product: ProductCreateInput; readonly categoryPath: string[] | null }
  | { readonly rejections: CsvRejection[] };

/** One record as a product to write, or why not. */
export function productFromRow(header: readonly string[], row: CsvRow): ParsedRow {
  const rejections: CsvRejection[] = [];
  const reject = (field: string, reason: string) => rejections.push({ row: row.line, field, reason });
  const cell = (column: string) => {
    const index = header.indexOf(column);
    return index < 0 ? '' : (row.values[index] ?? '').trim();
  };
  header.forEach((column, i) => {
    if (unstorable(row.values[i] ?? '')) reject(column, 'contains a NUL character or invalid Unicode');
  });
  if (rejections.length) return { rejections };
  const prices: Money[] = [];
  const attributes: Record<string, string | number | boolean> = {};
  for (const column of header) {
    const value = cell(column);
    if (value === '') continue;
    if (column.startsWith('price_')) {
      const currency = column.slice(6).toUpperCase();
      const amountMinor = fromDecimalString(value, currency);
      if (amountMinor === undefined || amountMinor < 0)
        reject(`price_${currency}`, `must be a non-negative decimal amount in ${currency} (e.g. 19.99)`);
      else prices.push({ amountMinor, currency });
    } else if (column.startsWith('attr_')) {
      attributes[column.slice(5)] =
        value === 'true'
          ? true
          : value === 'false'
            ? false
            : /^-?\d{1,15}(\.\d{1,6})?$/.test(value)
              ? Number(value)
              : value;
    }
  }
  const status = cell('status').toLowerCase();
  const candidate = {
    sku: cell('sku'),
    name: cell('name'),
    description: cell('description') || null,
    ...(status ? { status } : {}),
    attributes,
    prices,
  };
  const parsed = productCreateSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 10)) {
      const [head, key] = issue.path.map(String);
      const field =
        head === 'attributes' && key
          ? `attr_${key}`
          : head === 'prices'
            ? 'price'
            : head === 'attributes'
              ? 'attr'
              : (head ?? 'row');
      reject(field, issue.message);
    }
  }
  const category = cell('category');
  const categoryPath = category
    ? category
        .split('>')
        .map((part) => part.trim())
        .filter(Boolean)
    : null;
  if (categoryPath && (categoryPath.length > 20 || categoryPath.some((p) => p.length > 200)))
    reject('category', 'must be at most 20 names of at most 200 characters, separated by >');
  if (rejections.length || !parsed.success) return { rejections };
  return { product: parsed.data, categoryPath: categoryPath?.length ? categoryPath : null };
}
