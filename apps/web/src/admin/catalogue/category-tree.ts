/**
 * The categories as antd tree data: 事件 and 部件, each with its major classes (大类) and their minor classes (小类),
 * in catalogue order; titled "code name", those out of use marked; filtered by words of the name or the code.
 */
import type { CategoryAdmin } from '@liandong/contracts';

export interface CategoryNode {
  key: string;
  title: string;
  category?: CategoryAdmin;
  selectable?: boolean;
  children: CategoryNode[];
}

export function categoryTree(
  categories: readonly CategoryAdmin[],
  labels: { kinds: Record<CategoryAdmin['kind'], string>; outOfUse: string; name: (c: CategoryAdmin) => string },
  search = '',
): CategoryNode[] {
  const node = (c: CategoryAdmin): CategoryNode => ({ key: c.code, title: `${c.code} ${labels.name(c)}${c.active ? '' : `（${labels.outOfUse}）`}`, category: c, children: [] });
  const matches = (c: CategoryAdmin) => !search || c.name.includes(search) || (c.nameEn ?? '').toLowerCase().includes(search.toLowerCase()) || c.code.toLowerCase().startsWith(search.toLowerCase());
  const majors = new Map<string, CategoryNode>();
  for (const c of categories) if (c.level === 'major') majors.set(c.code, node(c));
  for (const c of categories) if (c.level === 'minor' && c.parentCode) majors.get(c.parentCode)?.children.push(node(c));
  // A major that matches shows all its minors; another shows the minors that match, if any.
  const shown = [...majors.values()].flatMap((m) => {
    if (matches(m.category!)) return [m];
    const children = m.children.filter((n) => matches(n.category!));
    return children.length ? [{ ...m, children }] : [];
  });
  return (['event', 'component'] as const).map((kind) => ({
    key: `kind:${kind}`,
    title: labels.kinds[kind],
    selectable: false,
    children: shown.filter((m) => m.category!.kind === kind),
  }));
}

/** Every key of the tree (to open it whole while searching). */
export const allKeys = (nodes: readonly CategoryNode[]): string[] => nodes.flatMap((n) => [n.key, ...allKeys(n.children)]);
