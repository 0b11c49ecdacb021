/**
 * Finding a category on the phone without a network: by words of the name, a code prefix or pinyin initials
 * (jg → 井盖), over the list the server gave while online (field.fieldCategories). The grid's common ones first.
 */
import type { FieldCategory } from '@liandong/contracts';

export function searchCategories(all: readonly FieldCategory[], text: string, limit = 20): FieldCategory[] {
  const q = text.trim().toLowerCase();
  if (!q) return all.filter((c) => c.recent > 0).slice(0, 8);
  const initials = /^[a-z]+$/.test(q);
  return all
    .filter((c) => c.name.includes(text.trim()) || c.code.startsWith(q) || (initials && c.initials.includes(q)) || c.nameEn?.toLowerCase().includes(q))
    .slice(0, limit);
}
