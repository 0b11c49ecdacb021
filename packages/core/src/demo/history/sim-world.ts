/**
 * The demo history's answers to what an action's decision asks (orders/decisions/asks.ts), from the loaded
 * district in memory, and its executor of the decision's effects on the order in memory. The decisions
 * themselves are the live platform's; only where the answers come from differs.
 */
import { resumedDueAt } from '../../orders/clock-moves.rules.ts';
import type { Ask, ClockInfo, CoPart, Effect, UnitInfo } from '../../orders/decisions/index.ts';
import { dispatchRoute, type Route } from '../../orders/dispatch-route.rules.ts';
import { HistoryBug } from './history-bug.ts';
import { classificationOf } from '../../orders/classification.ts';
import type { HistoryContext, HistoryUnit } from './history-context.ts';
import type { SimOrder, SimReporter } from './history.types.ts';
import type { OrderSim } from './order-sim.ts';
import { supervisedUnit } from '../../orders/step-clock.rules.ts';

const villageTowns = new WeakMap<HistoryContext, Map<string, string>>();

function townOfVillage(ctx: HistoryContext, villageCode: string | null): string | null {
  let m = villageTowns.get(ctx);
  if (!m) villageTowns.set(ctx, (m = new Map(ctx.grids.map((g) => [g.villageCode, g.townCode]))));
  return villageCode ? (m.get(villageCode) ?? null) : null;
}

function unitInfo(ctx: HistoryContext, u: HistoryUnit | undefined): UnitInfo | null {
  if (!u) return null;
  return { id: u.id, name: u.name, kind: u.kind, divisionCode: u.divisionCode, active: u.active, enforcement: u.enforcement, townCode: u.kind === 'station' ? townOfVillage(ctx, u.divisionCode) : null };
}

/** routeOrder, on the order in memory: the same rule (dispatch-route.rules.ts) over the loaded units. */
export function routeOf(sim: OrderSim, o: SimOrder): Route | null {
  const row = o.row;
  const c = row.condition_id == null ? undefined : sim.ctx.catalogue.byId.get(row.condition_id);
  if (!c) return null;
  return dispatchRoute(c.rules, row, {
    subCentreId: row.town_code ? sim.ctx.subCentreByTown.get(row.town_code)?.id : undefined,
    stationId: row.village_code ? sim.ctx.stationByVillage.get(row.village_code)?.id : undefined,
    componentOwnerId: null, // the history's orders name no component (sim-create.ts)
  });
}

/** Reporters have ids only once written: in memory a callback names one by -(its index + 1). */
export const memoryReporterId = (o: SimOrder, r: SimReporter): number => -(o.reporters.indexOf(r) + 1);
const reporterAt = (o: SimOrder, id: number): SimReporter | undefined => o.reporters[-id - 1];

export function simAnswers(sim: OrderSim, o: SimOrder): (a: Ask) => unknown {
  const ctx = sim.ctx;
  return (a) => {
    switch (a.ask) {
      case 'unit':
        return unitInfo(ctx, ctx.units.get(a.id));
      case 'route':
        return routeOf(sim, o);
      case 'classification': {
        const options = ctx.catalogue.conditions.filter((c) => c.categoryCode === a.categoryCode);
        if (!options.length) throw new HistoryBug(`demo history: no conditions for ${a.categoryCode}`);
        return classificationOf(a.categoryCode, options, a.conditionCode, a.text, true);
      }
      case 'callable':
        return o.reporters.some((r) => r.phone != null);
      case 'clocks':
        return [...o.deadlines.values()].map((d): ClockInfo => ({ step: d.step, dueAt: d.dueAt, limitValue: d.value, limitUnit: d.unit, doneAt: d.doneAt }));
      case 'calendar':
        return ctx.calendar;
      case 'station':
        return unitInfo(ctx, a.villageCode ? ctx.stationByVillage.get(a.villageCode) : undefined);
      case 'centre':
        if (a.level === 'town') return unitInfo(ctx, o.row.town_code ? ctx.subCentreByTown.get(o.row.town_code) : undefined);
        return ctx.centre.divisionCode === o.row.district_code ? unitInfo(ctx, ctx.centre) : null;
      case 'reporter':
        return reporterAt(o, a.reporterId) !== undefined;
      case 'article':
        return null; // the history answers without the knowledge base
      case 'returnedBefore':
        return o.events.some((e) => e.action === 'return' && e.data.unitId === a.unitId);
      case 'coParts':
        return [...o.units.values()]
          .filter((u) => u.role === 'co' && u.active)
          .sort((x, y) => x.unitId - y.unitId)
          .map((u): CoPart => ({ unitId: u.unitId, name: ctx.units.get(u.unitId)?.name ?? '', signedAt: u.signedAt ?? null, reportedAt: u.reportedAt ?? null, report: u.report ?? null }));
    }
  };
}

/** The effects on the order in memory; timers, messages and callback links are the live platform's (the history schedules its clocks once written). */
export function applySimEffects(sim: OrderSim, o: SimOrder, effects: readonly Effect[], at: Date): void {
  for (const e of effects) {
    switch (e.effect) {
      case 'complete':
      case 'withdraw':
        sim.completeSteps(o, e.steps, at, e.effect === 'complete' ? 'done' : 'withdrawn');
        break;
      case 'start':
        sim.startSteps(o, e.steps, at);
        break;
      case 'extendHandle': {
        const handle = o.deadlines.get('handle');
        if (e.existed && handle) Object.assign(handle, { dueAt: e.clock.dueAt, value: e.clock.limitValue });
        else o.deadlines.set('handle', { step: 'handle', startedAt: at, dueAt: e.clock.dueAt, value: e.clock.limitValue, unit: e.clock.limitUnit, doneAt: null, supervisedUnitId: supervisedUnit(o.row, 'handle') });
        break;
      }
      case 'resumeClocks':
        for (const d of o.deadlines.values()) if (!d.doneAt) d.dueAt = resumedDueAt(sim.ctx.calendar, { dueAt: d.dueAt, limitUnit: d.unit }, e.since, at);
        break;
      case 'involve':
        sim.involve(o, e.unitId, e.role, at);
        break;
      case 'release':
        sim.release(o, e.role);
        break;
      case 'coSigned':
      case 'coReported': {
        const link = o.units.get(`${e.unitId}:co`);
        if (!link) throw new HistoryBug('demo history: no such co-handler');
        link.signedAt ??= at;
        if (e.effect === 'coReported') {
          link.reportedAt = at;
          link.report = e.report;
        }
        break;
      }
      case 'rateReporter': {
        const r = reporterAt(o, e.reporterId);
        if (r) r.satisfaction = e.satisfaction;
        break;
      }
      case 'cancelTimers':
      case 'notify':
      case 'tellReporters':
      case 'requestCallbacks':
      case 'useArticle':
        break;
    }
  }
}
