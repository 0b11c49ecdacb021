import { describe, expect, it } from 'vitest';
import { TerritoryIndex } from '../../territory/territory-index.ts';
import { DEPARTMENTS } from '../org-data.ts';
import { buildDemoTerritory, lookupGrids } from './build-demo-territory.ts';
import { buildDemoComponents, componentCategoryNames, DEMO_COMPONENT_TYPES } from './demo-components.ts';

describe('demo components', () => {
  const demo = buildDemoTerritory();
  const components = buildDemoComponents(demo.grids, 5000);

  it('places 5,000 components inside the basic grid they name', () => {
    expect(components).toHaveLength(5000);
    const index = TerritoryIndex.build(lookupGrids(demo));
    for (const c of components) expect(index.lookup(c.lng, c.lat).basicGrid?.code).toBe(c.gridCode);
  });

  it('codes them 6-digit division + 5-digit category + 6-digit sequence, uniquely', () => {
    expect(new Set(components.map((c) => c.code)).size).toBe(5000);
    for (const c of components) expect(c.code).toMatch(new RegExp(`^320509${c.categoryCode}\\d{6}$`));
    expect(components.find((c) => c.categoryCode === '01037')?.code).toBe('32050901037000001');
  });

  it('uses management-component categories of the standard and owners from the department list', () => {
    const names = componentCategoryNames();
    const departments = new Set(DEPARTMENTS.map((d) => d.code));
    for (const t of DEMO_COMPONENT_TYPES) {
      expect(names.has(t.code), t.code).toBe(true);
      expect(departments.has(t.owner), t.owner).toBe(true);
    }
    const cover = components.find((c) => c.categoryCode === '01001')!;
    expect(cover).toMatchObject({ name: '供水井盖', ownerDepartmentCode: 'WJ-GSGS' });
    expect(components.find((c) => c.categoryCode === '01037')).toMatchObject({ name: '路灯', ownerDepartmentCode: 'WJ-CGJ' });
    // Lamps and bins are the most common, as on real streets.
    const lamps = components.filter((c) => c.categoryCode === '01037').length;
    expect(lamps).toBeGreaterThan(600);
  });

  it('is deterministic', () => {
    expect(buildDemoComponents(demo.grids, 50)).toEqual(components.slice(0, 50));
  });
});
