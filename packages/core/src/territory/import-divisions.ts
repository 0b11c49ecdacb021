/**
 * Division import from CSV (区划导入): header code,name[,parentCode][,level][,kind]. Short codes are padded
 * to 12 digits, the level read from the code when absent, the parent from the code prefix when absent
 * (and only if that parent exists). All or nothing, like the grid import.
 */
import type { Db, Queryable } from '@liandong/db';
import { parseCsvTable, type CsvOptions } from '../shared/csv.ts';
import { divisionKindFromName, levelFromCode, normalizeDivisionCode, parentFromCode } from './divisions.ts';
import { fileError, lineError } from './import-errors.ts';
import { upsertDivisions } from './territory.repository.ts';
import { DIVISION_LEVELS, type DivisionInput, type DivisionLevel, type UpsertResult } from './types.ts';

export interface ImportDivisionsOptions extends CsvOptions {
  onProgress?(done: number, total: number): void;
}

// Header names people actually type, English or Chinese, folded to the canonical ones.
const HEADER_ALIASES: Record<string, string> = {
  code: 'code', 代码: 'code', 编码: 'code', 区划代码: 'code',
  name: 'name', 名称: 'name', 区划名称: 'name',
  parentcode: 'parentCode', parent: 'parentCode', 上级代码: 'parentCode', 上级: 'parentCode',
  level: 'level', 级别: 'level', 层级: 'level',
  kind: 'kind', 类型: 'kind', 类别: 'kind',
};

const LEVEL_ALIASES: Record<string, DivisionLevel> = {
  province: 'province', 省: 'province',
  city: 'city', 市: 'city',
  district: 'district', 区: 'district', 县: 'district', 区县: 'district',
  town: 'town', 镇: 'town', 乡: 'town', 街道: 'town', 乡镇: 'town', 镇街: 'town',
  village: 'village', 村: 'village', 社区: 'village', 村居: 'village',
};

const rank = (l: DivisionLevel) => DIVISION_LEVELS.indexOf(l);

interface ParsedRow {
  line: number;
  row: DivisionInput;
  /** true when the parent came from the code prefix, not from the file. */
  inferredParent: boolean;
}

/** Validates the CSV without the database. */
export function parseDivisionsCsv(csvText: string, opts: CsvOptions = {}): ParsedRow[] {
  const table = parseCsvTable(csvText, opts);
  const header = table.header.map((h) => HEADER_ALIASES[h.toLowerCase().replace(/[\s_-]/g, '')] ?? h);
  for (const need of ['code', 'name']) {
    if (!header.includes(need)) throw fileError('header', `表头缺少 ${need} 列`, `header has no ${need} column`);
  }
  if (table.rows.length === 0) throw fileError('rows', '没有数据行', 'has no data rows');
  const seen = new Map<string, number>();
  return table.rows.map(({ line, values: raw }) => {
    const v: Record<string, string> = {};
    table.header.forEach((h, k) => (v[header[k]] = raw[h] ?? ''));
    const code = normalizeDivisionCode(v.code);
    if (!code) throw lineError(line, 'code', `“${v.code}”不是 6/9/12 位区划代码`, `"${v.code}" is not a 6, 9 or 12-digit division code`);
    const dup = seen.get(code);
    if (dup !== undefined) throw lineError(line, 'code', `${code} 与第 ${dup} 行重复`, `${code} repeats line ${dup}`);
    seen.set(code, line);
    if (!v.name) throw lineError(line, 'name', '不能为空', 'is required');
    if (v.name.length > 100) throw lineError(line, 'name', '不能超过 100 个字符', 'must be at most 100 characters');
    let level = levelFromCode(code);
    if (v.level) {
      const l = LEVEL_ALIASES[v.level.toLowerCase()];
      if (!l) throw lineError(line, 'level', `“${v.level}”无效，应为 ${DIVISION_LEVELS.join('/')}`, `"${v.level}" is not one of ${DIVISION_LEVELS.join(', ')}`);
      level = l;
    }
    let parentCode: string | null = null;
    const inferredParent = !v.parentCode;
    if (v.parentCode) {
      parentCode = normalizeDivisionCode(v.parentCode);
      if (!parentCode) throw lineError(line, 'parentCode', `“${v.parentCode}”不是区划代码`, `"${v.parentCode}" is not a division code`);
      if (parentCode === code) throw lineError(line, 'parentCode', '不能是自身', 'must not be the division itself');
    } else {
      parentCode = parentFromCode(code, level);
    }
    const kind = v.kind || divisionKindFromName(v.name);
    return { line, inferredParent, row: { code, name: v.name, level, parentCode, kind } };
  });
}

async function levelsOf(q: Queryable, codes: string[]): Promise<Map<string, DivisionLevel>> {
  if (codes.length === 0) return new Map();
  const r = await q.query<{ code: string; level: DivisionLevel }>(`select code, level from divisions where code = any($1::text[])`, [
    [...new Set(codes)],
  ]);
  return new Map(r.rows.map((x) => [x.code, x.level]));
}

export async function importDivisionsCsv(db: Db, csvText: string, opts: ImportDivisionsOptions = {}): Promise<UpsertResult> {
  const parsed = parseDivisionsCsv(csvText, opts);
  return db.transaction(async (tx) => {
    const inFile = new Map(parsed.map((p) => [p.row.code, p.row.level]));
    const outside = parsed.map((p) => p.row.parentCode).filter((c): c is string => !!c && !inFile.has(c));
    const stored = await levelsOf(tx, outside);
    for (const p of parsed) {
      const parent = p.row.parentCode;
      if (!parent) continue;
      const parentLevel = inFile.get(parent) ?? stored.get(parent);
      if (!parentLevel) {
        // A parent guessed from the code may simply not be tracked (e.g. no province row): no parent then.
        if (p.inferredParent) {
          p.row.parentCode = null;
          continue;
        }
        throw lineError(p.line, 'parentCode', `上级区划 ${parent} 不存在`, `parent division ${parent} does not exist`);
      }
      if (rank(parentLevel) >= rank(p.row.level)) {
        throw lineError(p.line, 'parentCode', `上级区划 ${parent}（${parentLevel}）的级别须高于 ${p.row.level}`, `parent ${parent} (${parentLevel}) must rank above ${p.row.level}`);
      }
    }
    return upsertDivisions(tx, parsed.map((p) => p.row), { onProgress: opts.onProgress });
  });
}
