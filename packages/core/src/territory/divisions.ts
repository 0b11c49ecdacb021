/**
 * National statistical division codes (统计用区划代码): 2 digits province, 2 city, 2 district, 3 town,
 * 3 village, written as 12 digits with trailing zeros. Short forms (6-digit district, 9-digit town) are
 * common in spreadsheets, so imports pad them.
 */
import type { DivisionLevel } from './types.ts';

const SHORT_LENGTHS = new Set([2, 4, 6, 9, 12]);

/** '320509' → '320509000000'; null when the input is not 2/4/6/9/12 digits. */
export function normalizeDivisionCode(raw: unknown): string | null {
  const s = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^[0-9]+$/.test(s) || !SHORT_LENGTHS.has(s.length)) return null;
  return s.padEnd(12, '0');
}

/** The level a 12-digit code denotes, read from where its trailing zeros start. */
export function levelFromCode(code: string): DivisionLevel {
  if (/^[0-9]{2}0{10}$/.test(code)) return 'province';
  if (/^[0-9]{4}0{8}$/.test(code)) return 'city';
  if (/^[0-9]{6}0{6}$/.test(code)) return 'district';
  if (/^[0-9]{9}000$/.test(code)) return 'town';
  return 'village';
}

/** The parent a code implies by its prefix (null for a province). */
export function parentFromCode(code: string, level: DivisionLevel = levelFromCode(code)): string | null {
  switch (level) {
    case 'province':
      return null;
    case 'city':
      return code.slice(0, 2).padEnd(12, '0');
    case 'district':
      return code.slice(0, 4).padEnd(12, '0');
    case 'town':
      return code.slice(0, 6).padEnd(12, '0');
    case 'village':
      return code.slice(0, 9).padEnd(12, '0');
  }
}

// Longest first, so that 社区居委会 wins over 居委会 and 开发区 over 区.
const KIND_SUFFIXES = [
  '社区居委会',
  '虚拟社区',
  '村委会',
  '居委会',
  '自治区',
  '开发区',
  '度假区',
  '管委会',
  '街道',
  '社区',
  '省',
  '市',
  '区',
  '县',
  '镇',
  '乡',
  '村',
];

/** The kind (街道 / 镇 / 社区居委会 / 村委会 ...) a division's name ends with, or null. */
export function divisionKindFromName(name: string): string | null {
  return KIND_SUFFIXES.find((s) => name.endsWith(s)) ?? null;
}

/** '西塘社区居委会' → '西塘社区', '大浦村委会' → '大浦村': the name people use, e.g. in grid names. */
export function shortDivisionName(name: string): string {
  if (name.endsWith('社区居委会')) return name.slice(0, -3);
  if (name.endsWith('村委会')) return name.slice(0, -2);
  if (name.endsWith('居委会')) return `${name.slice(0, -3)}社区`;
  return name;
}
