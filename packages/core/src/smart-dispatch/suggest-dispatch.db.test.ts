/**
 * Where it happened, in the suggestions (demo district): with a point, a territorial (属地) matter is offered as the
 * sub-centre of the point's town — the unit the live routing sends a territorial condition to — with that
 * condition and its category; from a sub-centre's own dispatcher, as the village's station; without a point
 * nothing territorial is offered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { DEMO_SEED } from '../../test/seeds.ts';
import { loadActor } from '../org/org.repository.ts';
import { TerritoryService } from '../territory/index.ts';
import { suggestDispatch } from './suggest-dispatch.ts';

let t: TestDatabase;
let territory: TerritoryService;
const now = new Date('2026-12-01T02:00:00Z');
const SONGLING = { lng: 120.646, lat: 31.163 };
const CLUTTER = '楼道里堆放杂物，邻居家的纸箱和旧家具把楼梯都堵住了';

beforeAll(async () => {
  t = await createTestDb(DEMO_SEED);
  territory = new TerritoryService(t.db);
});
afterAll(async () => {
  await t?.close();
});

const rows = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params)).rows;
async function actor(username: string) {
  const [u] = await rows<{ id: number }>('select id from users where username = $1', [username]);
  return (await loadActor(t.db, u!.id))!;
}
const unitOf = async (kind: string, division: string | null) => (await rows<{ code: string }>('select code from units where kind = $1 and division_code = $2 and active', [kind, division]))[0]?.code;
const territorialConditions = async () =>
  new Set((await rows<{ code: string }>(`select cc.code from category_conditions cc join condition_units cu on cu.condition_id = cc.id where cu.role = 'lead' and cu.territorial`)).map((r) => r.code));

describe('suggestions where it happened', () => {
  it('a territorial matter at a point: the sub-centre of its town, with a territorial condition and its category', async () => {
    const at = await territory.lookup(SONGLING.lng, SONGLING.lat);
    expect(at.townCode).not.toBeNull();
    const out = await suggestDispatch(t.db, await actor('zx_dispatcher'), { text: CLUTTER, location: SONGLING }, now, { territory });
    const placed = out.items.filter((i) => i.territorial);
    expect(placed).toHaveLength(1);
    const item = placed[0]!;
    expect(item.unit.code).toBe(await unitOf('sub_centre', at.townCode));
    expect((await territorialConditions()).has(item.condition!.code)).toBe(true);
    expect(item.category!.name).toMatch(/杂物/);
    expect(item.reasons.length).toBeGreaterThan(0);
    // Clutter in a stairwell is mostly the town's own matter: a third of the weight or more, among the first two;
    // the confidences still share at most 1.
    expect(item.confidence).toBeGreaterThan(0.3);
    expect(out.items.indexOf(item)).toBeLessThan(2);
    expect(out.items.reduce((s, i) => s + i.confidence, 0)).toBeLessThanOrEqual(1.001);
  });

  it('a point in another town names that town’s sub-centre', async () => {
    const songling = (await territory.lookup(SONGLING.lng, SONGLING.lat)).townCode;
    const grids = await rows<{ geometry: { coordinates: number[][][] } | string }>(
      `select geometry from grids where kind = 'basic' and town_code <> $1 order by code limit 20`,
      [songling],
    );
    let point: { lng: number; lat: number } | null = null;
    let town: string | null = null;
    for (const g of grids) {
      const ring = (typeof g.geometry === 'string' ? JSON.parse(g.geometry) : g.geometry).coordinates[0] as number[][];
      const p = { lng: ring.reduce((s, c) => s + c[0]!, 0) / ring.length, lat: ring.reduce((s, c) => s + c[1]!, 0) / ring.length };
      const m = await territory.lookup(p.lng, p.lat);
      if (m.townCode && m.townCode !== songling) {
        point = p;
        town = m.townCode;
        break;
      }
    }
    expect(point).not.toBeNull();
    const out = await suggestDispatch(t.db, await actor('zx_dispatcher'), { text: CLUTTER, location: point! }, now, { territory });
    expect(out.items.find((i) => i.territorial)?.unit.code).toBe(await unitOf('sub_centre', town));
  });

  it('asked at the town’s sub-centre, the matter goes on to the village’s station, as the live routing sends it', async () => {
    const at = await territory.lookup(SONGLING.lng, SONGLING.lat);
    const station = await unitOf('station', at.villageCode);
    expect(station).toBeDefined();
    const out = await suggestDispatch(t.db, await actor('songling_dispatcher'), { text: CLUTTER, location: SONGLING }, now, { territory });
    expect(out.items.find((i) => i.territorial)?.unit.code).toBe(station);
  });

  it('without a point nothing territorial is offered; a departmental matter keeps its department first', async () => {
    const bare = await suggestDispatch(t.db, await actor('zx_dispatcher'), { text: CLUTTER }, now, { territory });
    expect(bare.items.some((i) => i.territorial)).toBe(false);
    const wages = await suggestDispatch(t.db, await actor('zx_dispatcher'), { text: '单位拖欠工资三个月，社保养老保险也一直不交', location: SONGLING }, now, { territory });
    expect(wages.items[0]!.territorial).toBe(false);
    expect(wages.items[0]!.unit.code).toBe('WJ-RSJ');
  });
});
