/**
 * What each action does to an order, mirroring orders/actions/*.ts line by line (same patches, notes, event
 * data, clocks and unit links) but on the in-memory order. When a live handler changes, change its twin
 * here; the history test replays every stored timeline through the state machine to catch drift.
 */
import type { ActionBody, ActionName, StateCode } from '@liandong/contracts';
import { nextLevel } from '../../orders/lifecycle.rules.ts';
import type { OrderPatch } from '../../orders/order.types.ts';
import type { HistoryUnit } from './history-context.ts';
import type { OrderRef, SimActor, SimOrder, SimReporter } from './history.types.ts';
import { HistoryBug } from './history-bug.ts';
import type { OrderSim } from './order-sim.ts';
import { ALL_STEPS, APPROVAL_EFFECTS } from './sim-approvals.ts';
import { activeUnit, coHandlingUnit, routeOf } from './sim-routing.ts';

/** The API body, except that a callback names the reporter object (its id exists only at write time). */
export type ActionBodyLike<A extends ActionName> = A extends 'callback'
  ? Omit<ActionBody<'callback'>, 'reporterId'> & { reporter?: SimReporter }
  : ActionBody<A>;

export interface SimOutcome {
  to: StateCode;
  patch?: OrderPatch;
  note?: string | null;
  data?: Record<string, unknown>;
  resolveData?: (ref: OrderRef) => Record<string, unknown>;
  after?: () => void;
}

export type Effect<A extends ActionName> = (sim: OrderSim, o: SimOrder, actor: SimActor, at: Date, body: ActionBodyLike<A>) => SimOutcome;

const DISSATISFIED = new Set(['dissatisfied', 'very_dissatisfied']);

/** resolveClassification: a category alone means its first condition. */
function classification(sim: OrderSim, categoryCode: string, conditionCode?: string): OrderPatch {
  const cat = sim.ctx.catalogue;
  const c = conditionCode ? cat.byCode.get(conditionCode) : cat.firstOf.get(categoryCode);
  if (!c || c.categoryCode !== categoryCode) throw new HistoryBug(`demo history: no condition ${conditionCode ?? ''} for ${categoryCode}`);
  return { category_code: categoryCode, condition_id: c.id, urgency: c.urgency };
}

/** sendTo (dispatch-actions.ts): to a sub-centre for its own dispatch, or to a unit that signs and handles. */
function sendTo(sim: OrderSim, o: SimOrder, at: Date, target: HistoryUnit, coUnitIds: number[], note: string | null | undefined): SimOutcome {
  if (target.kind === 'centre' || target.kind === 'grid_team') throw new HistoryBug('demo history: dispatch upwards');
  if (target.kind === 'sub_centre') {
    if (target.id === o.row.dispatch_unit_id || target.divisionCode !== o.row.town_code) throw new HistoryBug('demo history: wrong sub-centre');
    return {
      to: 'pending_dispatch',
      patch: { dispatch_unit_id: target.id, handler_unit_id: null, level: 'town', pending_request: null },
      note,
      data: { unitId: target.id, unitName: target.name, secondLevel: true },
      after: () => {
        sim.completeSteps(o, ['dispatch', 'sign', 'handle'], at);
        sim.release(o, 'lead');
        sim.involve(o, target.id, 'dispatch', at);
        sim.startSteps(o, ['dispatch'], at);
      },
    };
  }
  const co = [...new Set(coUnitIds)];
  if (co.includes(target.id)) throw new HistoryBug('demo history: co-handler equals lead');
  for (const id of co) coHandlingUnit(sim, id);
  return {
    to: 'pending_sign',
    patch: { handler_unit_id: target.id, level: target.kind === 'station' ? 'village' : o.row.level, pending_request: null },
    note,
    data: { unitId: target.id, unitName: target.name, coUnitIds: co },
    after: () => {
      sim.completeSteps(o, ['dispatch'], at);
      sim.release(o, 'lead');
      sim.involve(o, target.id, 'lead', at);
      for (const id of co) sim.involve(o, id, 'co', at);
      sim.startSteps(o, ['sign', 'handle'], at);
    },
  };
}

/** Where a matter was solved: enforcement when the enforcement unit handled it, else the order's level. */
function solvedLevel(sim: OrderSim, o: SimOrder): OrderPatch['solved_level'] {
  const h = o.row.handler_unit_id == null ? undefined : sim.ctx.units.get(o.row.handler_unit_id);
  return h?.enforcement ? 'enforcement' : o.row.level;
}

const closeAll = (sim: OrderSim, o: SimOrder, at: Date) => () => sim.completeSteps(o, ALL_STEPS, at);

const CORE_EFFECTS: { [A in ActionName]?: Effect<A> } = {
  accept: (sim, o, _a, at, body) => {
    const patch = body.categoryCode ? classification(sim, body.categoryCode) : {};
    return {
      to: 'pending_dispatch',
      patch,
      note: body.note,
      data: body.categoryCode ? { categoryCode: body.categoryCode } : {},
      after: () => {
        sim.completeSteps(o, ['accept'], at);
        sim.startSteps(o, ['dispatch'], at);
      },
    };
  },
  reject: (sim, o, _a, at, body) => ({ to: 'rejected', patch: { closed_at: at }, note: body.reason, after: () => sim.completeSteps(o, ['accept'], at) }),
  classify: (sim, o, _a, _at, body) => ({
    to: o.row.state,
    patch: classification(sim, body.categoryCode, body.conditionCode),
    note: body.note,
    data: { categoryCode: body.categoryCode, previous: o.row.category_code },
  }),
  dispatch: (sim, o, _a, at, body) => {
    if (body.unitId) return sendTo(sim, o, at, activeUnit(sim, body.unitId), body.coUnitIds ?? [], body.note);
    const route = routeOf(sim, o);
    if (!route) throw new HistoryBug(`demo history: no route for condition ${o.row.condition_id}`);
    return sendTo(sim, o, at, activeUnit(sim, route.leadUnitId), body.coUnitIds ?? route.coUnitIds, body.note);
  },
  'add-co-handler': (sim, o, _a, at, body) => {
    const unit = coHandlingUnit(sim, body.unitId);
    if (unit.id === o.row.handler_unit_id) throw new HistoryBug('demo history: co-handler equals lead');
    return { to: o.row.state, note: body.note, data: { unitId: unit.id, unitName: unit.name }, after: () => sim.involve(o, unit.id, 'co', at) };
  },
  sign: (sim, o, _a, at, body) => ({ to: 'handling', note: body.note, after: () => sim.completeSteps(o, ['sign'], at) }),
  return: (sim, o, _a, at, body) => ({
    to: 'pending_dispatch',
    patch: { handler_unit_id: null, return_count: o.row.return_count + 1, pending_request: null },
    note: body.reason,
    data: { unitId: o.row.handler_unit_id },
    after: () => {
      sim.completeSteps(o, ['sign', 'handle'], at);
      sim.release(o, 'lead');
      sim.startSteps(o, ['dispatch'], at);
    },
  }),
  feedback: (sim, o, _a, at, body) => {
    const to: StateCode = o.row.grid_code ? 'pending_check' : sim.callable(o) ? 'pending_callback' : 'pending_close';
    return {
      to,
      patch: { pending_request: null },
      note: body.result,
      after: () => {
        sim.completeSteps(o, ['handle'], at);
        if (to === 'pending_check') sim.startSteps(o, ['check'], at);
        if (to === 'pending_callback') sim.startSteps(o, ['callback'], at);
      },
    };
  },
  check: (sim, o, _a, at, body) => {
    if (!body.passed) {
      return {
        to: 'handling',
        patch: { rework_count: o.row.rework_count + 1 },
        note: body.note,
        data: { passed: false },
        after: () => {
          sim.completeSteps(o, ['check'], at);
          sim.startSteps(o, ['handle'], at);
        },
      };
    }
    const callable = sim.callable(o);
    return {
      to: callable ? 'pending_callback' : 'pending_close',
      note: body.note,
      data: { passed: true },
      after: () => {
        sim.completeSteps(o, ['check'], at);
        if (callable) sim.startSteps(o, ['callback'], at);
      },
    };
  },
  callback: (sim, o, _a, at, body) => {
    // Mirrors orders/actions/closing-actions.ts: a substantive dissatisfaction reopens at once.
    const rep = body.reporter;
    if (rep && !o.reporters.includes(rep)) throw new HistoryBug('demo history: reporter of another order');
    if (rep) rep.satisfaction = body.satisfaction;
    const substantive = DISSATISFIED.has(body.satisfaction) && body.substantive === true;
    const resolveData = () => ({ satisfaction: body.satisfaction, substantive, reporterId: rep?.id ?? null });
    if (substantive && o.row.handler_unit_id) {
      return {
        to: 'pending_sign',
        patch: { satisfaction: body.satisfaction, substantive_dissatisfaction: false, reopen_count: o.row.reopen_count + 1 },
        note: body.note,
        resolveData: () => ({ ...resolveData(), reopened: true }),
        after: () => {
          sim.completeSteps(o, ['callback'], at);
          sim.startSteps(o, ['sign', 'handle'], at);
        },
      };
    }
    return {
      to: 'pending_close',
      patch: { satisfaction: body.satisfaction, substantive_dissatisfaction: substantive },
      note: body.note,
      resolveData,
      after: () => sim.completeSteps(o, ['callback'], at),
    };
  },
  reopen: (sim, o, _a, at, body) => {
    if (!o.row.satisfaction || !DISSATISFIED.has(o.row.satisfaction) || !o.row.handler_unit_id) throw new HistoryBug('demo history: reopen refused');
    return {
      to: 'pending_sign',
      patch: { reopen_count: o.row.reopen_count + 1, satisfaction: null, substantive_dissatisfaction: false },
      note: body.reason,
      data: { previousSatisfaction: o.row.satisfaction },
      after: () => sim.startSteps(o, ['sign', 'handle'], at),
    };
  },
  close: (sim, o, _a, at, body) => ({ to: 'closed', patch: { closed_at: at, solved_level: solvedLevel(sim, o) }, note: body.note, after: closeAll(sim, o, at) }),
  'force-close': (sim, o, _a, at, body) => ({
    to: 'closed',
    patch: { closed_at: at, solved_level: solvedLevel(sim, o), pending_request: null, resume_state: null, suspended_at: null },
    note: body.reason,
    data: { forced: true },
    after: closeAll(sim, o, at),
  }),
  escalate: (sim, o, _a, at, body) => {
    // Mirrors orders/actions/level-actions.ts: the grid goes to its village station, which handles; the
    // village to the town sub-centre and the town to the district centre, which dispatch.
    const level = nextLevel(o.row.level);
    if (!level) throw new HistoryBug('demo history: escalate from the district level');
    const target =
      level === 'village'
        ? sim.ctx.stationByVillage.get(o.row.village_code ?? '')
        : level === 'town'
          ? sim.ctx.subCentreByTown.get(o.row.town_code ?? '')
          : sim.ctx.centre.divisionCode === o.row.district_code
            ? sim.ctx.centre
            : undefined;
    if (!target) throw new HistoryBug('demo history: no unit to escalate to');
    const toStation = level === 'village';
    return {
      to: toStation ? 'pending_sign' : 'pending_dispatch',
      patch: {
        level,
        ...(toStation ? { handler_unit_id: target.id } : { dispatch_unit_id: target.id, handler_unit_id: null }),
        escalation_count: o.row.escalation_count + 1,
        pending_request: null,
      },
      note: body.reason,
      data: { fromLevel: o.row.level, toLevel: level, unitId: target.id, unitName: target.name },
      after: () => {
        sim.completeSteps(o, ['accept', 'dispatch', 'sign', 'handle'], at);
        sim.release(o, 'lead');
        sim.involve(o, target.id, toStation ? 'lead' : 'dispatch', at);
        sim.startSteps(o, toStation ? ['sign', 'handle'] : ['dispatch'], at);
      },
    };
  },
  'self-handle': (sim, o, _a, at, body) => ({
    to: 'closed',
    patch: { self_handled: true, solved_level: 'grid', closed_at: at, handler_unit_id: null },
    note: body.result,
    after: closeAll(sim, o, at),
  }),
};

export const ACTION_EFFECTS: { [A in ActionName]?: Effect<A> } = { ...CORE_EFFECTS, ...APPROVAL_EFFECTS };
