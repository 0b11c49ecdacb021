/** The unit list as antd tree data: parents before children, each node titled by its name (disabled ones marked). */
import type { UnitAdmin } from '@liandong/contracts';

export interface UnitNode {
  key: number;
  value: number;
  title: string;
  unit: UnitAdmin;
  children: UnitNode[];
  disabled?: boolean;
}

export function unitTree(units: readonly UnitAdmin[], opts: { onlyActive?: boolean; disabledLabel?: string } = {}): UnitNode[] {
  const nodes = new Map<number, UnitNode>();
  const roots: UnitNode[] = [];
  for (const u of units) {
    if (opts.onlyActive && !u.active) continue;
    nodes.set(u.id, { key: u.id, value: u.id, title: u.active || !opts.disabledLabel ? u.name : `${u.name}（${opts.disabledLabel}）`, unit: u, children: [] });
  }
  for (const n of nodes.values()) {
    const parent = n.unit.parentId == null ? undefined : nodes.get(n.unit.parentId);
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}
