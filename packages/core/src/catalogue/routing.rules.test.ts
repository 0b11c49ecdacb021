import { describe, expect, it } from 'vitest';
import { handlingLevelOf, isDepartmentalMatter, resolveResponsibleUnits, type UnitRule } from './routing.rules.ts';

const DISTRICT = '320509000000';
const TOWN_A = '320509104000';
const TOWN_B = '320509105000';
const VILLAGE_A1 = '320509104201';
const SUB_CENTRE: Record<string, number> = { [TOWN_A]: 104, [TOWN_B]: 105 };
const resolveTown = (town: string) => SUB_CENTRE[town] ?? null;

const inA1 = { districtCode: DISTRICT, townCode: TOWN_A, villageCode: VILLAGE_A1 };
const inB = { districtCode: DISTRICT, townCode: TOWN_B, villageCode: '320509105201' };

const fixed = (role: UnitRule['role'], unitId: number, areaCode: string | null = null): UnitRule => ({
  role,
  unitId,
  territorial: false,
  componentOwner: false,
  areaCode,
});
const territorial = (role: UnitRule['role'], areaCode: string | null = null): UnitRule => ({
  role,
  unitId: null,
  territorial: true,
  componentOwner: false,
  areaCode,
});
const owner = (role: UnitRule['role']): UnitRule => ({ role, unitId: null, territorial: false, componentOwner: true, areaCode: null });

describe('resolveResponsibleUnits', () => {
  it('uses the general lead and co-handlers when no area rule matches', () => {
    const rules = [fixed('lead', 1), fixed('co', 2), fixed('co', 3), fixed('lead', 9, TOWN_B)];
    expect(resolveResponsibleUnits(rules, inA1, resolveTown)).toEqual({
      leadUnitId: 1,
      leadTerritorial: false,
      coUnitIds: [2, 3],
    });
  });

  it('lets a rule for the order\'s town override the general lead', () => {
    const rules = [fixed('lead', 1), fixed('lead', 7, TOWN_A), fixed('co', 2)];
    const r = resolveResponsibleUnits(rules, inA1, resolveTown);
    expect(r.leadUnitId).toBe(7);
    expect(r.coUnitIds).toEqual([2]); // co-handlers not overridden by the area are inherited
    expect(resolveResponsibleUnits(rules, inB, resolveTown).leadUnitId).toBe(1);
  });

  it('prefers a village rule to a town rule to a district rule', () => {
    const rules = [fixed('lead', 1, DISTRICT), fixed('lead', 2, TOWN_A), fixed('lead', 3, VILLAGE_A1), fixed('lead', 4)];
    expect(resolveResponsibleUnits(rules, inA1, resolveTown).leadUnitId).toBe(3);
    expect(resolveResponsibleUnits(rules, inB, resolveTown).leadUnitId).toBe(1);
  });

  it('lets area co-handlers replace the general ones', () => {
    const rules = [fixed('lead', 1), fixed('co', 2), fixed('co', 5, TOWN_A)];
    expect(resolveResponsibleUnits(rules, inA1, resolveTown).coUnitIds).toEqual([5]);
    expect(resolveResponsibleUnits(rules, inB, resolveTown).coUnitIds).toEqual([2]);
  });

  it('resolves territorial (属地) rules to the town sub-centre', () => {
    const rules = [territorial('lead'), fixed('co', 2)];
    expect(resolveResponsibleUnits(rules, inA1, resolveTown)).toEqual({
      leadUnitId: 104,
      leadTerritorial: true,
      coUnitIds: [2],
    });
    expect(resolveResponsibleUnits(rules, inB, resolveTown).leadUnitId).toBe(105);
    const coTerritorial = resolveResponsibleUnits([fixed('lead', 1), territorial('co')], inB, resolveTown);
    expect(coTerritorial.coUnitIds).toEqual([105]);
  });

  it('drops co-handlers equal to the lead and duplicates', () => {
    const rules = [territorial('lead'), fixed('co', 104), fixed('co', 2), fixed('co', 2)];
    expect(resolveResponsibleUnits(rules, inA1, resolveTown).coUnitIds).toEqual([2]);
  });

  it('falls back to the general lead when a territorial area rule cannot resolve', () => {
    const rules = [fixed('lead', 1), territorial('lead', TOWN_A)];
    expect(resolveResponsibleUnits(rules, inA1, () => null).leadUnitId).toBe(1);
  });

  it("sends a component's matter to the component's owner (权属单位), else to the next lead", () => {
    const rules = [owner('lead'), fixed('lead', 1), fixed('co', 2)];
    expect(resolveResponsibleUnits(rules, { ...inA1, componentOwnerId: 7 }, resolveTown)).toEqual({ leadUnitId: 7, leadTerritorial: false, coUnitIds: [2] });
    expect(resolveResponsibleUnits(rules, { ...inA1, componentOwnerId: null }, resolveTown).leadUnitId).toBe(1);
    expect(resolveResponsibleUnits(rules, inA1, resolveTown).leadUnitId).toBe(1);
    // The owner co-handles where the catalogue says so; never twice, never beside itself as lead.
    expect(resolveResponsibleUnits([fixed('lead', 1), owner('co')], { ...inA1, componentOwnerId: 7 }, resolveTown).coUnitIds).toEqual([7]);
    expect(resolveResponsibleUnits([owner('lead'), owner('co')], { ...inA1, componentOwnerId: 7 }, resolveTown).coUnitIds).toEqual([]);
  });

  it('returns a null lead when nothing matches or resolves', () => {
    expect(resolveResponsibleUnits([], inA1, resolveTown).leadUnitId).toBeNull();
    expect(resolveResponsibleUnits([fixed('lead', 1, TOWN_B)], inA1, resolveTown).leadUnitId).toBeNull();
    const noTown = { districtCode: DISTRICT, townCode: null, villageCode: null };
    expect(resolveResponsibleUnits([territorial('lead')], noTown, resolveTown)).toEqual({
      leadUnitId: null,
      leadTerritorial: false,
      coUnitIds: [],
    });
  });
});

describe('handlingLevelOf', () => {
  it('keeps departmental matters at district level', () => {
    expect(handlingLevelOf({ handlingLevel: 'department' })).toBe('district');
    expect(isDepartmentalMatter({ handlingLevel: 'department' })).toBe(true);
  });

  it('pushes grass-roots matters down to their level', () => {
    expect(handlingLevelOf({ handlingLevel: 'town' })).toBe('town');
    expect(handlingLevelOf({ handlingLevel: 'village' }, 'sub_centre')).toBe('village');
    expect(handlingLevelOf({ handlingLevel: 'grid' })).toBe('grid');
    expect(isDepartmentalMatter({ handlingLevel: 'grid' })).toBe(false);
  });

  it('does not push down a matter whose lead is a functional department', () => {
    expect(handlingLevelOf({ handlingLevel: 'grid' }, 'department')).toBe('district');
  });
});
