import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TIME_UNITS, type ConditionInput, type TimeUnit } from '../../catalogue/catalogue.types.ts';
import { DEPARTMENTS } from '../org-data.ts';
import { buildDemoCatalogue, DEMO_CATEGORY_CODES, STANDARD_CSV_URL } from './build-demo-catalogue.ts';
import { LOCAL_CATEGORIES } from './demo-local.ts';
import { MATTERS } from './demo-matters.ts';

const plan = buildDemoCatalogue();
// Read the standard list independently of the builder (it has no quoted fields).
const standard = readFileSync(STANDARD_CSV_URL, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
const minors = plan.categories.filter((c) => c.level === 'minor');
const majors = plan.categories.filter((c) => c.level === 'major');
const deptCodes = new Set(DEPARTMENTS.map((d) => d.code));
const unitsOf = (conditionCode: string) => plan.conditionUnits.filter((u) => u.conditionCode === conditionCode);
const conditionsOf = (categoryCode: string) => plan.conditions.filter((c) => c.categoryCode === categoryCode);
/** The unit that leads when the order names no component (after the owner rule, where there is one). */
const leadOf = (c: ConditionInput) => unitsOf(c.code).find((u) => u.role === 'lead' && !u.componentOwner)!;
const HOURS: Record<TimeUnit, number> = { urgent_hours: 1, working_hours: 1, working_days: 8, natural_days: 24 };

describe('demo catalogue', () => {
  it('holds every code of the standard list plus the local classes', () => {
    expect(standard).toHaveLength(403);
    const components = standard.filter((r) => r[0] === '管理部件');
    expect(minors.filter((c) => c.kind === 'component')).toHaveLength(components.length);
    expect(components).toHaveLength(153);
    expect(minors.filter((c) => c.kind === 'event')).toHaveLength(250 + LOCAL_CATEGORIES.length);
    expect(LOCAL_CATEGORIES.length).toBeGreaterThanOrEqual(5);
    expect(majors.filter((c) => c.kind === 'component')).toHaveLength(new Set(components.map((r) => r[1])).size);
    expect(majors.filter((c) => c.kind === 'event')).toHaveLength(11); // 10 national + the local major
    for (const [kind, , , code, name] of standard) {
      const ours = plan.categories.find((c) => c.code === (kind === '管理部件' ? `B${code}` : code));
      expect(ours?.name, code).toBe(name);
    }
  });

  it('has unique codes, real parents, standard references and English major names', () => {
    expect(new Set(plan.categories.map((c) => c.code)).size).toBe(plan.categories.length);
    expect(new Set(plan.conditions.map((c) => c.code)).size).toBe(plan.conditions.length);
    for (const m of minors) {
      const parent = majors.find((p) => p.code === m.parentCode);
      expect(parent?.kind, m.code).toBe(m.kind);
      const ref = m.kind === 'component' ? 'GB/T 47678.5-2026 A.1' : m.code.startsWith('90') ? 'local' : 'GB/T 47678.5-2026 C.1';
      expect(m.standardRef, m.code).toBe(ref);
    }
    for (const m of majors) expect(m.nameEn, m.code).toMatch(/^[A-Z][a-z -]+$/);
  });

  it('gives every minor at least one condition and every condition a minor', () => {
    for (const m of minors) expect(conditionsOf(m.code).length, m.code).toBeGreaterThanOrEqual(1);
    const minorCodes = new Set(minors.map((m) => m.code));
    for (const c of plan.conditions) expect(minorCodes.has(c.categoryCode), c.code).toBe(true);
    expect(Object.keys(MATTERS).every((code) => minorCodes.has(code))).toBe(true);
  });

  it("gives every condition exactly one lead and valid units; a facility's matter goes to the component's owner first", () => {
    for (const c of plan.conditions) {
      const units = unitsOf(c.code);
      const leads = units.filter((u) => u.role === 'lead');
      const facility = Number(c.categoryCode.replace(/^B/, '').slice(0, 2)) <= 5;
      expect(leads.map((u) => u.componentOwner), c.code).toEqual(facility ? [true, false] : [false]);
      for (const u of units.filter((x) => !x.componentOwner)) {
        expect(u.territorial ? u.unitCode === null : deptCodes.has(u.unitCode!), `${c.code} ${u.unitCode}`).toBe(true);
        expect(u.areaCode).toBeNull();
      }
      const keys = units.map((u) => u.unitCode ?? (u.componentOwner ? '权属单位' : '属地'));
      expect(new Set(keys).size, c.code).toBe(keys.length); // no co-handler repeats the lead or another co
    }
    const known = new Set(plan.conditions.map((c) => c.code));
    expect(plan.conditionUnits.every((u) => known.has(u.conditionCode))).toBe(true);
  });

  it('uses valid time units, sensible limits and a handling level that matches the lead', () => {
    for (const c of plan.conditions) {
      expect(TIME_UNITS).toContain(c.responseUnit);
      expect(TIME_UNITS).toContain(c.handleUnit);
      expect(c.responseValue * HOURS[c.responseUnit], c.code).toBeLessThan(c.handleValue * HOURS[c.handleUnit]);
      expect(['normal', 'urgent', 'critical']).toContain(c.urgency);
      if (c.urgency !== 'normal') expect(c.responseUnit, c.code).toBe('urgent_hours');
      // Departmental matters are not pushed down; territorial ones are handled at the grass roots.
      expect(c.handlingLevel === 'department', c.code).toBe(!leadOf(c).territorial);
      expect(c.description.length).toBeGreaterThan(3);
      expect(c.closingStandard.length).toBeGreaterThan(1);
    }
  });

  it('models the local standards for the classes the stories use', () => {
    for (const code of Object.values(DEMO_CATEGORY_CODES)) expect(conditionsOf(code).length, code).toBeGreaterThan(0);
    for (const code of ['01001', '01002', '01003', 'B01001']) {
      expect(conditionsOf(code)[0], code).toMatchObject({
        urgency: 'urgent', responseValue: 2, responseUnit: 'urgent_hours', handleValue: 24, handleUnit: 'urgent_hours',
      });
    }
    expect(conditionsOf('06010')[0]).toMatchObject({ handleValue: 1, handleUnit: 'working_days' }); // 暴露垃圾
    expect(conditionsOf('06012')[0]).toMatchObject({ handleValue: 5, handleUnit: 'working_hours' }); // 道路不洁
    expect(conditionsOf('06001').map((c) => [c.handleValue, c.handleUnit])).toContainEqual([15, 'working_days']);
    expect(leadOf(conditionsOf('09009')[0]).unitCode).toBe('WJ-JJ');
    expect(leadOf(conditionsOf('09009')[1]).territorial).toBe(true); // parking inside a village: 属地
    const crop = conditionsOf('90001')[0];
    expect(unitsOf(crop.code).map((u) => `${u.role}:${u.unitCode}`)).toEqual(['lead:WJ-NYJ', 'co:WJ-SWJ']);
    expect(leadOf(conditionsOf('90002')[0]).territorial).toBe(true); // 邻里纠纷
  });

  it('routes classes to the department that owns them', () => {
    const lead = (code: string) => leadOf(conditionsOf(code)[0]).unitCode;
    expect(lead('01001')).toBe('WJ-GSGS'); // water-supply cover → water company
    expect(lead('01002')).toBe('WJ-SWJ'); // sewage cover → water affairs
    expect(lead('01005')).toBe('WJ-GDGS'); // power cover
    expect(lead('01011')).toBe('WJ-RQGS'); // gas cover
    expect(lead('01013')).toBe('WJ-XFJ'); // fire hydrant
    expect(lead('02014')).toBe('WJ-JJ'); // traffic lights
    expect(lead('02009')).toBe('WJ-JTJ'); // bridge
    expect(lead('06013')).toBe('WJ-ZJJ'); // road damage
    expect(lead('06026')).toBe('WJ-HBJ'); // river pollution
    expect(lead('09006')).toBe('WJ-CGJ'); // street vending
    expect(lead('09015')).toBe('WJ-SJJ'); // unlicensed food
    expect(lead('08013')).toBe('WJ-YJJ'); // work at height
  });
});
