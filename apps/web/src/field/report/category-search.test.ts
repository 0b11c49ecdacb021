import { describe, expect, it } from 'vitest';
import type { FieldCategory } from '@liandong/contracts';
import { searchCategories } from './category-search.ts';

const c = (code: string, name: string, initials: string, recent = 0, nameEn: string | null = null): FieldCategory => ({ code, kind: 'event', parentCode: code.slice(0, 2), name, nameEn, initials, recent });
const all = [c('01001', '井盖缺失', 'jgqs', 12, 'Missing manhole cover'), c('06006', '违规悬挂条幅', 'wgxgtf', 3), c('02003', '道路破损', 'dlps', 0)];

describe('category search on the phone', () => {
  it('offers the grid’s common ones when nothing is typed', () => {
    expect(searchCategories(all, '').map((x) => x.code)).toEqual(['01001', '06006']);
  });
  it('finds by Chinese words, pinyin initials, code prefix and English', () => {
    expect(searchCategories(all, '条幅').map((x) => x.code)).toEqual(['06006']);
    expect(searchCategories(all, 'jg').map((x) => x.code)).toEqual(['01001']);
    expect(searchCategories(all, 'DLPS').map((x) => x.code)).toEqual(['02003']);
    expect(searchCategories(all, '060').map((x) => x.code)).toEqual(['06006']);
    expect(searchCategories(all, 'manhole').map((x) => x.code)).toEqual(['01001']);
  });
});
