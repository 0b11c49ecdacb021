/**
 * Demo accounts for every role, all sharing LIANDONG_DEMO_PASSWORD. One argon2 hash is computed and
 * reused so the first start stays fast.
 */
import type { Queryable } from '@liandong/db';
import { addUser, type AddUserInput } from '../org/add-user.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Role } from '../org/roles.ts';
import { CENTRE, DEPARTMENTS, DISTRICT_CODE } from './org-data.ts';
import { stationCode, subCentreCode, townSlug, type DemoDivision } from './load-demo-org.ts';

export interface DemoAccount {
  username: string;
  role: Role;
  scope: string;
  displayName: string;
}

export interface DemoGridRef {
  code: string;
  name: string;
  villageCode: string | null;
  townCode: string | null;
  kind: 'basic' | 'professional';
  /** 4 for the basic grids where people work; 1–3 for the management grids above them. */
  level?: number;
}

const working = (g: DemoGridRef) => g.kind === 'basic' && (g.level ?? 4) === 4;

type Plan = Omit<AddUserInput, 'passwordHash' | 'password'> & { role: Role; scopeLabel: string };

export function planDemoUsers(divisions: readonly DemoDivision[], grids: readonly DemoGridRef[], unitIds: ReadonlyMap<string, number>): Plan[] {
  const unit = (code: string) => {
    const id = unitIds.get(code);
    if (id === undefined) throw new Error(`demo unit ${code} missing`);
    return id;
  };
  const centre = unit(CENTRE.code);
  const district = divisions.find((d) => d.code === DISTRICT_CODE)!;
  const plans: Plan[] = [];
  const centreUser = (username: string, role: Role, displayName: string) =>
    plans.push({ username, displayName, role, roles: [role], unitId: centre, scope: { unitIds: [centre], areaCodes: [DISTRICT_CODE] }, scopeLabel: district.name });
  centreUser('admin', 'admin', '系统管理员');
  centreUser('zx_operator', 'operator', '区中心话务员 王敏');
  centreUser('zx_dispatcher', 'dispatcher', '区中心分拨员 李强');
  centreUser('zx_shiftlead', 'shift_lead', '区中心值班长 陈静');
  centreUser('zx_supervisor', 'supervisor', '区中心督办员 周涛');
  centreUser('leader', 'leader', '区领导 吴江');
  for (const d of DEPARTMENTS) {
    const id = unit(d.code);
    plans.push({ username: `${d.slug}_handler`, displayName: `${d.name.replace(/^(苏州市|吴江区)/, '')}承办人`, role: 'handler', roles: ['handler'], unitId: id, scope: { unitIds: [id] }, scopeLabel: d.name });
  }
  for (const town of divisions.filter((d) => d.level === 'town')) {
    const slug = townSlug(town.code);
    const sub = unit(subCentreCode(town.code));
    plans.push({ username: `${slug}_dispatcher`, displayName: `${town.name}分中心分拨员`, role: 'dispatcher', roles: ['dispatcher'], unitId: sub, scope: { unitIds: [sub], areaCodes: [town.code] }, scopeLabel: town.name });
    // Requests on what the town dispatched are approved at the town (审批不上交).
    plans.push({ username: `${slug}_shiftlead`, displayName: `${town.name}分中心值班长`, role: 'shift_lead', roles: ['shift_lead'], unitId: sub, scope: { unitIds: [sub], areaCodes: [town.code] }, scopeLabel: town.name });
    const village = divisions.find((d) => d.level === 'village' && d.parentCode === town.code);
    const grid = village && grids.find((g) => working(g) && g.villageCode === village.code);
    if (!village || !grid) continue;
    const station = unit(stationCode(village.code));
    plans.push({ username: `${slug}_station`, displayName: `${village.name}工作站`, role: 'handler', roles: ['handler'], unitId: station, scope: { unitIds: [station] }, scopeLabel: village.name });
    plans.push({ username: `${slug}_gridleader`, displayName: `${village.name}网格长`, role: 'grid_leader', roles: ['grid_leader'], unitId: station, scope: { areaCodes: [village.code] }, scopeLabel: village.name });
    plans.push({ username: `${slug}_gridworker`, displayName: `${grid.name}专职网格员`, role: 'grid_worker', roles: ['grid_worker'], unitId: station, scope: { areaCodes: [grid.code] }, scopeLabel: grid.name, gridWorkerKind: 'full_time' });
    const second = grids.find((g) => working(g) && g.villageCode === village.code && g.code !== grid.code);
    if (second) {
      plans.push({ username: `${slug}_gridworker_pt`, displayName: `${second.name}兼职网格员`, role: 'grid_worker', roles: ['grid_worker'], unitId: station, scope: { areaCodes: [second.code] }, scopeLabel: second.name, gridWorkerKind: 'part_time' });
    }
  }
  plans.push({ username: 'citizen', displayName: '市民 张三', role: 'citizen', roles: ['citizen'], unitId: null, scope: {}, scopeLabel: '本人诉求' });
  plans.push({ username: 'hotline_api', displayName: '12345 热线系统对接', role: 'integration', roles: ['integration'], unitId: centre, scope: { unitIds: [centre], areaCodes: [DISTRICT_CODE] }, scopeLabel: district.name });
  return plans;
}

/**
 * The field accounts a district needs so that every routed order can be handled by someone who signs in: a
 * station account for every village (st + village code, e.g. st320509001001) and a full-time grid worker for
 * every basic grid (gw + grid code without its dash, e.g. gw32050900100101), except where a named account above
 * already covers the station or the grid.
 */
export function planFieldAccounts(divisions: readonly DemoDivision[], grids: readonly DemoGridRef[], unitIds: ReadonlyMap<string, number>, named: readonly Plan[]): Plan[] {
  const stationsTaken = new Set(named.filter((p) => p.role === 'handler').map((p) => p.unitId));
  const gridsTaken = new Set(named.filter((p) => p.role === 'grid_worker').flatMap((p) => p.scope.areaCodes ?? []));
  const plans: Plan[] = [];
  for (const v of divisions.filter((d) => d.level === 'village')) {
    const station = unitIds.get(stationCode(v.code));
    if (station === undefined || stationsTaken.has(station)) continue;
    plans.push({ username: `st${v.code}`, displayName: `${v.name}工作站`, role: 'handler', roles: ['handler'], unitId: station, scope: { unitIds: [station] }, scopeLabel: v.name });
  }
  for (const g of grids) {
    if (!working(g) || !g.villageCode || gridsTaken.has(g.code)) continue;
    const station = unitIds.get(stationCode(g.villageCode));
    if (station === undefined) continue;
    plans.push({ username: `gw${g.code.replace(/-/g, '')}`, displayName: `${g.name}专职网格员`, role: 'grid_worker', roles: ['grid_worker'], unitId: station, scope: { areaCodes: [g.code] }, scopeLabel: g.name, gridWorkerKind: 'full_time' });
  }
  return plans;
}

/** Inserts the named accounts (listed on start and in /demo/accounts) and the field accounts, with one password hash. */
export async function loadDemoUsers(q: Queryable, plans: readonly Plan[], password: string, field: readonly Plan[] = []): Promise<DemoAccount[]> {
  const passwordHash = await hashPassword(password);
  for (const plan of plans) {
    const { role: _role, scopeLabel: _label, ...input } = plan;
    await addUser(q, { ...input, passwordHash });
  }
  await addFieldUsers(q, field, passwordHash);
  return plans.map((p) => ({ username: p.username, role: p.role, scope: p.scopeLabel, displayName: p.displayName }));
}

/** The field accounts in three statements (a thousand and more of them would take seconds one by one). */
async function addFieldUsers(q: Queryable, plans: readonly Plan[], passwordHash: string): Promise<void> {
  if (plans.length === 0) return;
  const rows = plans.map((p) => ({
    username: p.username,
    display_name: p.displayName,
    unit_id: p.unitId ?? null,
    kind: p.gridWorkerKind ?? null,
    roles: p.roles,
    unit_ids: p.scope.unitIds ?? [],
    area_codes: p.scope.areaCodes ?? [],
  }));
  await q.query(
    `with input as (select * from jsonb_to_recordset($1::jsonb) as r(username text, display_name text, unit_id int, kind text, roles text[], unit_ids int[], area_codes text[])),
          added as (
            insert into users (username, display_name, password_hash, unit_id, grid_worker_kind)
            select username, display_name, $2, unit_id, kind from input returning id, username),
          roles as (insert into user_roles (user_id, role) select a.id, unnest(i.roles) from added a join input i using (username)),
          units as (insert into user_scopes (user_id, unit_id) select a.id, unnest(i.unit_ids) from added a join input i using (username))
     insert into user_scopes (user_id, area_code) select a.id, unnest(i.area_codes) from added a join input i using (username)`,
    [JSON.stringify(rows), passwordHash],
  );
}
