/**
 * Pinyin initials (拼音首字母) of a category name, as operators type them to find a category fast: `jg` finds
 * 供水井盖异常 (gsjgyc). Computed once per name (pinyin-pro) and kept: the catalogue's names are few and stable.
 */
import { pinyin } from 'pinyin-pro';

const cache = new Map<string, string>();

export function pinyinInitials(name: string): string {
  let v = cache.get(name);
  if (v === undefined) {
    v = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    cache.set(name, v);
  }
  return v;
}

/** Whether a search is written in pinyin initials (Latin letters only), e.g. `jg`, `LDLF`. */
export const isInitialsQuery = (q: string): boolean => /^[a-z]{1,20}$/i.test(q);
