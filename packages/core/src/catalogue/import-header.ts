/**
 * The header row of a catalogue CSV. Columns may come in any order; unknown columns are rejected rather
 * than ignored, because a misspelt optional column ("co_unit") would otherwise drop data silently.
 */
import type { CsvRecord } from '../shared/csv.ts';
import { CatalogueImportError } from './import-errors.ts';

export const REQUIRED_COLUMNS = [
  'kind',
  'major_code',
  'major_name',
  'code',
  'name',
  'condition',
  'response_value',
  'response_unit',
  'handle_value',
  'handle_unit',
  'closing_standard',
  'lead_unit',
] as const;

export const OPTIONAL_COLUMNS = [
  'major_name_en',
  'name_en',
  'condition_code',
  'urgency',
  'handling_level',
  'co_units',
  'area_code',
  'standard_ref',
] as const;

export type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** Spellings accepted for a column besides its own name. */
const ALIASES: Record<string, Column> = { lead_units: 'lead_unit' };

const KNOWN = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

export interface Header {
  count: number;
  has(c: Column): boolean;
  /** 0-based field index; only call for columns the header has. */
  index(c: Column): number;
}

export function readHeader(record: CsvRecord): Header {
  const positions = new Map<Column, number>();
  record.fields.forEach((raw, i) => {
    const at = { line: record.line, column: { index: i + 1, name: raw.trim() || '?' } };
    const name = raw.trim().toLowerCase();
    const column = (ALIASES[name] ?? name) as Column;
    if (!KNOWN.has(column)) {
      throw new CatalogueImportError(at, `未知的列名“${raw.trim()}”`, `unknown column "${raw.trim()}"`);
    }
    if (positions.has(column)) throw new CatalogueImportError(at, `列名重复`, `the column appears twice`);
    positions.set(column, i);
  });
  for (const c of REQUIRED_COLUMNS) {
    if (!positions.has(c)) {
      throw new CatalogueImportError({ line: record.line, column: { index: record.fields.length + 1, name: c } },
        `缺少必需的列 ${c}`, `the required column ${c} is missing`);
    }
  }
  return {
    count: record.fields.length,
    has: (c) => positions.has(c),
    index: (c) => positions.get(c) ?? -1,
  };
}
