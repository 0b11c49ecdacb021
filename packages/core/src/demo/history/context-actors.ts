/**
 * The people who act in the history, looked up from the loaded demo district by role and scope (not by
 * username), with their scope expanded by the same loadActor the API uses.
 *
 * Rule for people without a demo account: the demo has one station handler per town (its first village)
 * and grid workers for two grids per town. Every other station and grid still works in the history, through
 * a "virtual" actor: actor_user_id null, actor_unit_id the village station (村/社区网格工作站), with the
 * role and scope such a person would have (a handler of that station; a grid worker covering that grid).
 * orders.created_by is then null. Real accounts are used wherever one holds the responsibility.
 */
import type { Queryable } from '@liandong/db';
import { loadActors } from '../../org/org.repository.ts';
import type { Role } from '../../org/roles.ts';
import type { SimActor } from './history.types.ts';

export interface HistoryActors {
  /** District centre 话务员: takes hotline calls, accepts them, calls citizens back (回访). */
  operator: SimActor;
  /** District centre 分拨员. */
  dispatcher: SimActor;
  /** District centre 值班长: approvals, suspension, voiding, forced close. */
  shiftLead: SimActor;
  /** District centre 督办员: accepts the units' replies to supervision tasks (督办验收). */
  supervisor: SimActor;
  /** The system account that files web / app / WeChat / video reports (系统对接); the operator if none. */
  intake: SimActor;
  townDispatcher(subCentreId: number): SimActor;
  /** The shift lead of a town sub-centre, who approves what the town dispatched; the district's if it has none. */
  townShiftLead(subCentreId: number): SimActor;
  /** A handler of a department or station: the demo account, or a virtual station handler. */
  handler(unitId: number): SimActor;
  /** The grid worker covering a grid: the demo account, or a virtual one of the grid's station. */
  gridWorker(gridCode: string, stationId: number): SimActor;
}

function toSim(a: { userId: number; unitId: number | null; roles: ReadonlySet<Role>; unitIds: readonly number[]; areaCodes: readonly string[] }): SimActor {
  return { userId: a.userId, unitId: a.unitId, roles: a.roles, unitIds: a.unitIds, areaCodes: a.areaCodes };
}

export async function loadHistoryActors(q: Queryable, centreId: number, subCentreIds: ReadonlySet<number>): Promise<HistoryActors> {
  const r = await q.query<{ id: number; unit_id: number | null; role: string }>(
    `select u.id, u.unit_id, r.role from users u join user_roles r on r.user_id = u.id where u.active order by u.id, r.role`,
  );
  // Every account at once (three queries): the demo has one for every station and every basic grid.
  const all = await loadActors(q, [...new Set(r.rows.map((x) => x.id))]);
  const cache = new Map<number, SimActor>();
  const load = async (id: number): Promise<SimActor> => {
    let a = cache.get(id);
    if (!a) {
      const actor = all.get(id);
      if (!actor) throw new Error(`demo history: user ${id} vanished`);
      a = toSim(actor);
      cache.set(id, a);
    }
    return a;
  };
  const first = (role: string, unitId: number) => r.rows.find((x) => x.role === role && x.unit_id === unitId)?.id;
  const need = async (role: string, what: string): Promise<SimActor> => {
    const id = first(role, centreId);
    if (id === undefined) throw new Error(`demo history: the district centre has no ${what} (${role}); load the demo district first`);
    return load(id);
  };
  const operator = await need('operator', '话务员');
  const dispatcher = await need('dispatcher', '分拨员');
  const shiftLead = await need('shift_lead', '值班长');
  const supervisor = await need('supervisor', '督办员');
  const integrationId = first('integration', centreId);
  const intake = integrationId === undefined ? operator : await load(integrationId);

  const townDispatchers = new Map<number, SimActor>();
  const townShiftLeads = new Map<number, SimActor>();
  const handlers = new Map<number, SimActor>();
  const gridWorkers = new Map<string, SimActor>();
  for (const row of r.rows) {
    if (row.unit_id == null) continue;
    if (row.role === 'dispatcher' && subCentreIds.has(row.unit_id) && !townDispatchers.has(row.unit_id)) {
      townDispatchers.set(row.unit_id, await load(row.id));
    } else if (row.role === 'shift_lead' && subCentreIds.has(row.unit_id) && !townShiftLeads.has(row.unit_id)) {
      townShiftLeads.set(row.unit_id, await load(row.id));
    } else if (row.role === 'handler' && !handlers.has(row.unit_id)) {
      handlers.set(row.unit_id, await load(row.id));
    } else if (row.role === 'grid_worker') {
      const a = await load(row.id);
      for (const code of a.areaCodes) if (!gridWorkers.has(code)) gridWorkers.set(code, a);
    }
  }

  const virtualHandlers = new Map<number, SimActor>();
  const virtualWorkers = new Map<string, SimActor>();
  return {
    operator,
    dispatcher,
    shiftLead,
    supervisor,
    intake,
    // A town without its own dispatcher account is dispatched by the district centre's, whose scope covers it.
    townDispatcher: (subCentreId) => townDispatchers.get(subCentreId) ?? dispatcher,
    townShiftLead: (subCentreId) => townShiftLeads.get(subCentreId) ?? shiftLead,
    handler(unitId) {
      const real = handlers.get(unitId);
      if (real) return real;
      let v = virtualHandlers.get(unitId);
      if (!v) {
        v = { userId: null, unitId, roles: new Set<Role>(['handler']), unitIds: [unitId], areaCodes: [] };
        virtualHandlers.set(unitId, v);
      }
      return v;
    },
    gridWorker(gridCode, stationId) {
      const real = gridWorkers.get(gridCode);
      if (real) return real;
      let v = virtualWorkers.get(gridCode);
      if (!v) {
        v = { userId: null, unitId: stationId, roles: new Set<Role>(['grid_worker']), unitIds: [], areaCodes: [gridCode] };
        virtualWorkers.set(gridCode, v);
      }
      return v;
    },
  };
}
