/** A unit list as antd tree data: parents before children, each node titled by its name (disabled ones marked). */
import type { UnitView } from '@liandong/contracts';

/** What a tree needs of a unit: the administrator's list (with `active`) or everyone's (active units only). */
type TreeUnit = Pick<UnitView, 'id' | 'code' | 'name' | 'parentId'> & { active?: boolean };

export interface UnitNode<U extends TreeUnit = TreeUnit> {
  key: number;
  value: number;
  title: string;
  unit: U;
  children: UnitNode<U>[];
  disabled?: boolean;
}

export function unitTree<U extends TreeUnit>(units: readonly U[], opts: { onlyActive?: boolean; disabledLabel?: string } = {}): UnitNode<U>[] {
  const nodes = new Map<number, UnitNode<U>>();
  const roots: UnitNode<U>[] = [];
  for (const u of units) {
    const active = u.active !== false;
    if (opts.onlyActive && !active) continue;
    nodes.set(u.id, { key: u.id, value: u.id, title: active || !opts.disabledLabel ? u.name : `${u.name}（${opts.disabledLabel}）`, unit: u, children: [] });
  }
  for (const n of nodes.values()) {
    const parent = n.unit.parentId == null ? undefined : nodes.get(n.unit.parentId);
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}
