/**
 * Handling and closing steps of an order's walk: sign (签收) or return (退单), co-handler (协办), extension
 * (延期), suspension (挂账), feedback (反馈) against the handling clock, the grid worker's check (核查, 返工),
 * the callback (回访) and closure (结案) or reopening (重办).
 */
import type { TimeUnit } from '../../calendar/index.ts';
import { approverOf, dispatcherOf, now, type Flow } from './flow-core.ts';
import { SATISFACTION_MIX } from './plan-mix.ts';
import { coFeedbackText, feedbackText } from './plan-texts.ts';
import { chance, pick, Picker } from './rng.ts';
import { EXTENSION_REASONS, FORCE_CLOSE_REASONS, REOPEN_REASONS, RETURN_REASONS, REWORK_NOTES, SUSPENSION_REASONS } from './texts-matters.ts';

const SATISFACTION = Picker.of(SATISFACTION_MIX);
const LATE = 0.025;

const handlerOf = (f: Flow) => f.ctx.actors.handler(f.o.row.handler_unit_id!);
const isWrongUnit = (f: Flow) => !f.mem.returned && f.mem.wrongUnitId !== null && f.o.row.handler_unit_id === f.mem.wrongUnitId;

function returnIt(f: Flow, at: Date): void {
  f.mem.returned = true;
  f.sim.act(f.o, 'return', handlerOf(f), at, { reason: pick(f.rng, RETURN_REASONS) });
}

export function stepSign(f: Flow): void {
  const { o, time } = f;
  const t = now(f);
  const sign = o.deadlines.get('sign')!;
  if (isWrongUnit(f) && chance(f.rng, 0.6)) return returnIt(f, time.share(t, sign.value, sign.unit, 0.2, 0.9));
  const late = chance(f.rng, 0.03);
  f.sim.act(o, 'sign', handlerOf(f), time.share(t, sign.value, sign.unit, late ? 1.05 : 0.05, late ? 2 : 0.7), {});
}

/** An extension a handler would ask for: about half the original limit, in a unit people use. */
function extensionOf(value: number, unit: TimeUnit): { value: number; unit: TimeUnit } {
  if (unit === 'working_days') return { value: Math.max(2, Math.ceil(value / 2)), unit };
  if (unit === 'natural_days') return { value: Math.max(3, Math.ceil(value / 2)), unit };
  if (unit === 'urgent_hours') return { value: Math.max(6, Math.ceil(value / 2)), unit };
  return { value: Math.max(2, Math.ceil(value / 2)), unit };
}

export function stepHandling(f: Flow): void {
  const { sim, o, plan, time, ctx, mem } = f;
  const t = now(f);
  const h = handlerOf(f);
  const lead = approverOf(f);
  const handle = o.deadlines.get('handle')!;
  if (isWrongUnit(f)) return returnIt(f, time.office(t, 0.5, 4));
  if (plan.flags.coHandler && !mem.coAdded) {
    mem.coAdded = true;
    const co = pick(f.rng, ctx.departments.filter((d) => d.id !== o.row.handler_unit_id && !d.enforcement));
    sim.act(o, 'add-co-handler', h, time.office(t, 0.2, 2), { unitId: co.id, note: '需协同处置' });
    return;
  }
  if (plan.flags.suspension && !mem.suspended) {
    mem.suspended = true;
    if (!sim.act(o, 'request-suspension', h, time.office(t, 1, 6), { reason: pick(f.rng, SUSPENSION_REASONS) })) return;
    sim.act(o, 'suspend', lead, time.office(now(f), 0.2, 2), {});
    return;
  }
  if (plan.flags.extension !== 'none' && !mem.extended) {
    mem.extended = true;
    const ask = extensionOf(handle.value, handle.unit);
    const at = new Date(Math.max(time.office(t, 0.5, 2).getTime(), time.share(handle.startedAt, handle.value, handle.unit, 0.5, 0.85).getTime()));
    if (!sim.act(o, 'request-extension', h, at, { ...ask, reason: pick(f.rng, EXTENSION_REASONS) })) return;
    const when = time.office(now(f), 0.2, 2);
    if (plan.flags.extension === 'approved') sim.act(o, 'approve-extension', lead, when, { note: '同意延期' });
    else sim.act(o, 'deny-extension', lead, when, { reason: '不符合延期条件，请按期办结' });
    return;
  }
  const waiting = [...o.units.values()].find((u) => u.role === 'co' && u.active && !u.reportedAt);
  if (waiting) {
    // 协办: each co-handler reports its part before the lead's result, which carries it.
    sim.act(o, 'co-feedback', ctx.actors.handler(waiting.unitId), time.office(t, 0.5, 8), { result: coFeedbackText(f.rng) });
    return;
  }
  if (plan.flags.lingering && !mem.lingered) {
    mem.lingered = true;
    // The ~1% that drags on: long past the deadline, some closed by the shift lead after coordination.
    if (chance(f.rng, 0.4)) {
      sim.act(o, 'force-close', lead, time.days(handle.dueAt, 3, 8), { reason: pick(f.rng, FORCE_CLOSE_REASONS) });
      return;
    }
    sim.act(o, 'feedback', h, time.share(handle.dueAt, handle.value, handle.unit, 0.5, 3), { result: feedbackText(f.rng, plan.condition, mem.reworked) });
    return;
  }
  // Feedback against what is left on the handling clock (extended, pushed back by a suspension, or restarted).
  const left = ctx.calendar.elapsed(t, handle.dueAt, handle.unit);
  const at =
    left <= 0
      ? time.office(t, 0.5, 6)
      : chance(f.rng, LATE)
        ? time.share(handle.dueAt, handle.value, handle.unit, 0.02, 0.4)
        : time.early(t, left, handle.unit, 0.05, 0.9);
  sim.act(o, 'feedback', h, at, { result: feedbackText(f.rng, plan.condition, mem.reworked) });
}

export function stepResume(f: Flow): void {
  f.sim.act(f.o, 'resume', approverOf(f), f.time.days(now(f), 2, 10), { note: '挂账原因消除，恢复办理' });
}

export function stepCheck(f: Flow): void {
  const { plan, mem } = f;
  const checker = f.ctx.actors.gridWorker(plan.grid.code, plan.grid.stationId);
  const at = f.time.early(now(f), 1, 'working_days', 0.05, 0.7);
  if (plan.flags.rework && !mem.reworked) {
    mem.reworked = true;
    f.sim.act(f.o, 'check', checker, at, { passed: false, note: pick(f.rng, REWORK_NOTES) });
    return;
  }
  f.sim.act(f.o, 'check', checker, at, { passed: true, note: '现场核查，已整改到位' });
}

export function stepCallback(f: Flow): void {
  const { o, plan, mem } = f;
  const at = f.time.early(now(f), 2, 'working_days', 0.02, 0.5);
  const reporter = o.reporters.find((r) => r.phone != null);
  if (plan.flags.dissatisfied !== 'none' && !mem.unhappy) {
    mem.unhappy = true;
    const substantive = plan.flags.dissatisfied === 'reopened';
    // A substantive dissatisfaction reopens the order at the callback itself.
    if (substantive) mem.reopened = true;
    const satisfaction = chance(f.rng, 0.8) ? 'dissatisfied' : 'very_dissatisfied';
    f.sim.act(o, 'callback', f.ctx.actors.operator, at, { satisfaction, substantive, reporter, note: substantive ? '群众反映问题未解决' : '群众对处理时效有意见，已解释' });
    return;
  }
  const satisfaction = SATISFACTION.draw(f.rng) as 'very_satisfied' | 'satisfied' | 'basically_satisfied';
  f.sim.act(o, 'callback', f.ctx.actors.operator, at, { satisfaction, reporter });
}

export function stepClose(f: Flow): void {
  const { o, plan, mem } = f;
  const d = dispatcherOf(f);
  const at = f.time.office(now(f), 0.1, 2);
  if (plan.flags.dissatisfied === 'reopened' && mem.unhappy && !mem.reopened) {
    mem.reopened = true;
    f.sim.act(o, 'reopen', d, at, { reason: pick(f.rng, REOPEN_REASONS) });
    return;
  }
  f.sim.act(o, 'close', d, at, {});
}
