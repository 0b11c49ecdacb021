/**
 * Intake and dispatch steps of an order's walk: accept (受理) or reject (不予受理), self-handle on the spot
 * (自行处置), escalate (上推), classify (分类), void (作废), and the two-level dispatch (二级分拨).
 */
import { HistoryBug } from './history-bug.ts';
import { approverOf, atCentre, dispatcherOf, now, type Flow } from './flow-core.ts';
import { selfHandleText } from './plan-texts.ts';
import { pick } from './rng.ts';
import { routeOf } from './sim-world.ts';
import { consultationAnswer, ESCALATE_REASONS, REJECT_REASONS, VIDEO_FALSE_ALARM, VOID_REASONS } from './texts-matters.ts';

export function stepAccept(f: Flow): void {
  const { sim, o, plan, time, ctx } = f;
  const t = now(f);
  const a = ctx.actors;
  if (plan.kind === 'self') {
    // The grid worker reports what he has just set right: 小事不出格.
    const gw = a.gridWorker(plan.grid.code, plan.grid.stationId);
    sim.act(o, 'self-handle', gw, time.minutes(t, 5, 45), { result: selfHandleText(f.rng, plan.condition) });
    return;
  }
  const d = dispatcherOf(f);
  const centre = atCentre(f);
  if (plan.answerDirectly && centre) {
    // 直接办结: the operator who took the call answers it and closes the order.
    const actor = plan.channel === 'hotline' ? a.operator : d;
    sim.act(o, 'answer', actor, time.centre(t, 2, 12), { answer: consultationAnswer(f.rng, plan.condition.categoryName) });
    return;
  }
  if (plan.flags.reject) {
    const at = centre ? time.centre(t, 5, 60) : time.office(t, 0.1, 1);
    sim.act(o, 'reject', d, at, { reason: plan.intake === 'video' ? VIDEO_FALSE_ALARM : pick(f.rng, REJECT_REASONS) });
    return;
  }
  // A hotline call is accepted by the operator who took it; other intake waits for a dispatcher.
  const byOperator = centre && plan.channel === 'hotline';
  const actor = byOperator ? a.operator : d;
  const at = byOperator ? time.centre(t, 1, 8) : centre ? time.centre(t, 3, 45) : time.office(t, 0.1, 1.2);
  sim.act(o, 'accept', actor, at, o.row.category_code ? {} : { categoryCode: plan.condition.categoryCode, conditionCode: plan.condition.code });
}

/** A wrong first receiver for a return (退单): another station of the town, or another department. */
function wrongUnit(f: Flow, expected: number): number {
  const exp = f.ctx.units.get(expected);
  if (exp?.kind === 'station') {
    const others = (f.ctx.stationsByTown.get(f.o.row.town_code ?? '') ?? []).filter((s) => s.id !== expected);
    if (others.length) return pick(f.rng, others).id;
  }
  const depts = f.ctx.departments.filter((d) => d.id !== expected && !d.enforcement);
  return pick(f.rng, depts).id;
}

export function stepDispatch(f: Flow): void {
  const { sim, o, plan, time, ctx } = f;
  const t = now(f);
  const d = dispatcherOf(f);
  const centre = atCentre(f);
  if (o.row.condition_id !== plan.condition.id) {
    sim.act(o, 'classify', d, centre ? time.centre(t, 1, 10) : time.office(t, 0.02, 0.2), {
      categoryCode: plan.condition.categoryCode,
      conditionCode: plan.condition.code,
    });
    return;
  }
  if (plan.intake === 'patrol' && plan.flags.escalate && o.row.level === 'grid') {
    // Accepted by the town as a valid report, the grid pushes up what it cannot solve: 大事不出村.
    const gw = ctx.actors.gridWorker(plan.grid.code, plan.grid.stationId);
    sim.act(o, 'escalate', gw, time.minutes(t, 10, 60), { reason: pick(f.rng, ESCALATE_REASONS) });
    return;
  }
  if (plan.flags.voidIt && !f.mem.voidRequested) {
    f.mem.voidRequested = true;
    if (!sim.act(o, 'request-void', d, time.centre(t, 10, 120), { reason: pick(f.rng, VOID_REASONS) })) return;
    sim.act(o, 'void', approverOf(f), time.centre(now(f), 10, 90), {});
    return;
  }
  const at = centre ? time.centre(t, 5, 40) : time.office(t, 0.1, 1.5);
  // At the district centre a territorial matter goes to the town sub-centre by the catalogue routing; a
  // 'town' matter is sent there on purpose (二级分拨) for the town to coordinate the department.
  const final = !centre || plan.kind === 'district' || plan.kind === 'enforcement';
  if (!final) {
    const sub = ctx.subCentreByTown.get(o.row.town_code ?? '');
    if (!sub) throw new HistoryBug('demo history: no sub-centre for the town');
    sim.act(o, 'dispatch', d, at, plan.kind === 'town' ? { unitId: sub.id } : {});
    return;
  }
  if (plan.flags.wrongUnitFirst && !f.mem.returned && f.mem.wrongUnitId === null) {
    const route = routeOf(sim, o);
    if (!route) throw new HistoryBug('demo history: no route');
    f.mem.wrongUnitId = wrongUnit(f, route.leadUnitId);
    sim.act(o, 'dispatch', d, at, { unitId: f.mem.wrongUnitId });
    return;
  }
  // The routing may name the town's sub-centre as a territorial co-handler (属地协办), which dispatch refuses
  // (co-handlers must handle); the dispatcher then names the co-handlers himself.
  const route = routeOf(sim, o);
  const co = route?.coUnitIds.filter((id) => ['department', 'station'].includes(ctx.units.get(id)?.kind ?? ''));
  sim.act(o, 'dispatch', d, at, route && co && co.length !== route.coUnitIds.length ? { coUnitIds: co } : {});
}
