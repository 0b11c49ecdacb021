/**
 * Reading the coded values of a catalogue CSV: each accepts the code and the Chinese label, so a file typed
 * by hand in Chinese ("15", "工作日", "紧急") and an exported one ("working_days", "urgent") both import.
 */
import { CATALOGUE_CODE_PATTERN } from '@liandong/contracts';
import type { CategoryKind, HandlingLevel, TimeUnit } from './catalogue.types.ts';

/** Case-, width- and space-insensitive key: "个 工作日" = "个工作日", "Working_Days" = "working_days". */
export function labelKey(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase().replace(/[\s_-]+/g, '');
}

function lookup<T extends string>(entries: Record<string, T>): Map<string, T> {
  return new Map(Object.entries(entries).map(([k, v]) => [labelKey(k), v]));
}

const KINDS = lookup<CategoryKind>({
  event: 'event',
  事件: 'event',
  事项: 'event',
  管理事项: 'event',
  component: 'component',
  部件: 'component',
  管理部件: 'component',
});

const HANDLING_LEVELS = lookup<HandlingLevel>({
  department: 'department',
  部门: 'department',
  职能部门: 'department',
  区级部门: 'department',
  town: 'town',
  镇: 'town',
  街道: 'town',
  镇街: 'town',
  '镇（街道）': 'town',
  village: 'village',
  村: 'village',
  社区: 'village',
  村社区: 'village',
  '村（社区）': 'village',
  grid: 'grid',
  网格: 'grid',
});

/** Labels beyond the time_units rows: the phrasings of published local standards. */
export const TIME_UNIT_ALIASES: Record<string, TimeUnit> = {
  个工作时: 'working_hours',
  工作小时: 'working_hours',
  个工作小时: 'working_hours',
  个工作日: 'working_days',
  天: 'natural_days',
  日: 'natural_days',
  自然天: 'natural_days',
  // Limits written as "24小时" run round the clock, which is what urgent hours count.
  小时: 'urgent_hours',
};

export const parseKind = (s: string): CategoryKind | undefined => KINDS.get(labelKey(s));
export const parseHandlingLevel = (s: string): HandlingLevel | undefined => HANDLING_LEVELS.get(labelKey(s));

/** A code/label table read from the database (time_units, urgencies). */
export interface LabelledCode {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** code, Chinese and English label of each row, plus extra aliases → code. */
export function labelLookup(rows: readonly LabelledCode[], aliases: Record<string, string> = {}): Map<string, string> {
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(aliases)) map.set(labelKey(k), v);
  for (const r of rows) {
    map.set(labelKey(r.code), r.code);
    map.set(labelKey(r.nameZh), r.code);
    map.set(labelKey(r.nameEn), r.code);
  }
  return map;
}

/** Unit-list cells: "WJ-CGJ; WJ-HBJ", also with Chinese separators. */
export function splitUnitList(s: string): string[] {
  return s
    .split(/[;；、]/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

export const TERRITORIAL_WORDS = new Set(['属地', 'territorial'].map(labelKey));
export const isTerritorialToken = (s: string): boolean => TERRITORIAL_WORDS.has(labelKey(s));
/** The owner (权属单位) of the component an order names. */
export const COMPONENT_OWNER_WORDS = new Set(['权属单位', 'owner'].map(labelKey));
export const isComponentOwnerToken = (s: string): boolean => COMPONENT_OWNER_WORDS.has(labelKey(s));

/** A positive decimal such as "15", "0.5" or "1.5" (no units, no exponent). */
export function parsePositiveNumber(s: string): number | undefined {
  if (!/^\d+(\.\d+)?$/.test(s.trim())) return undefined;
  const n = Number(s);
  return n > 0 ? n : undefined;
}

/** 6-, 9- or 12-digit statistical division codes, padded to the stored 12 digits. */
export function parseAreaCode(s: string): string | undefined {
  const t = s.trim();
  return /^(\d{6}|\d{9}|\d{12})$/.test(t) ? t.padEnd(12, '0') : undefined;
}

export const CODE_PATTERN = new RegExp(CATALOGUE_CODE_PATTERN);
