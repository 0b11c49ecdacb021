/**
 * The supervision ladder (督办阶梯) in the history. Live, the clock's timers raise a level when a step has used
 * a policy's share of its limit (supervision/clock-timer.ts); the history is simulated without timers, so once
 * an order's path is done, every clock it ran is read against the same policies at the same moments
 * (thresholdMoment) and each threshold passed while the step still ran becomes the supervision the sweeper
 * would have raised, with its event in the timeline at that moment. A task (levels 2–3) gets the unit's reply
 * before its deadline, and the supervisor's acceptance, when those fall before the end of the history.
 *
 * Left out, as the live clock would differ or the history cannot make them: orders that were suspended or
 * extended (their timers were re-planned in the middle of a step), escalation policies (they change the order's path: the history draws escalation
 * itself), and levels that produce a special report (a generated document).
 */
import type { Queryable } from '@liandong/db';
import type { Step } from '@liandong/contracts';
import { STEP_LABELS } from '../../orders/labels.ts';
import { policyApplies } from '../../orders/clock-timers.ts';
import { thresholdMoment } from '../../orders/step-clock.rules.ts';
import { taskDueAt } from '../../supervision/raise-supervision.ts';
import type { LevelDefinition } from '../../supervision/levels.ts';
import type { OrderSim } from './order-sim.ts';
import type { SimDeadline, SimEvent, SimOrder, SimSupervision } from './history.types.ts';

/** The timeline actions the ladder writes (the differential test's live replay runs no timers). */
export const LADDER_ACTIONS: ReadonlySet<string> = new Set(['supervise', 'supervision-reply', 'supervision-review']);

export interface LadderPolicy {
  id: number;
  step: Step;
  share: number;
  level: number;
  category_prefix: string | null;
  urgency: string | null;
  task_hours: number | null;
}

type LadderLevel = Pick<LevelDefinition, 'level' | 'nameZh' | 'hasTask' | 'taskHours' | 'producesReport'>;

export interface HistoryLadder {
  policies: LadderPolicy[];
  levels: Map<number, LadderLevel>;
}

export async function loadHistoryLadder(q: Queryable): Promise<HistoryLadder> {
  const p = await q.query<LadderPolicy>(
    `select id, step, share::float8 as share, level, category_prefix, urgency, task_hours::float8 as task_hours
       from supervision_policies where active and action = 'supervise' and order_level is null order by step, share, id`,
  );
  const l = await q.query<{ level: number; nameZh: string; hasTask: boolean; taskHours: number | null; producesReport: boolean }>(
    `select level, name_zh as "nameZh", has_task as "hasTask", task_hours::float8 as "taskHours", produces_report as "producesReport" from supervision_levels`,
  );
  return { policies: p.rows, levels: new Map(l.rows.map((x) => [x.level, x])) };
}

const MINUTE = 60_000;

/** Raises, on an order whose path is done, the supervisions its clocks earned; returns how many. */
export function raiseHistoryLadder(sim: OrderSim, o: SimOrder, ladder: HistoryLadder): number {
  if (o.events.some((e) => e.action === 'suspend' || e.action === 'approve-extension')) return 0;
  const clocks: SimDeadline[] = [...(o.pastClocks ?? []), ...o.deadlines.values()];
  const raised: SimSupervision[] = [];
  for (const clock of clocks) {
    const until = Math.min((clock.doneAt ?? sim.endAt).getTime(), sim.endAt.getTime());
    for (const p of ladder.policies) {
      const level = ladder.levels.get(p.level);
      if (p.step !== clock.step || !level || level.producesReport || !policyApplies(p, o.row)) continue;
      const at = thresholdMoment({ dueAt: clock.dueAt, limitValue: clock.value, limitUnit: clock.unit }, p.share, clock.startedAt, sim.ctx.calendar);
      if (at.getTime() <= clock.startedAt.getTime() || at.getTime() >= until) continue;
      raised.push(supervision(sim, clock, p, level, at, until));
    }
  }
  const kept: SimSupervision[] = [];
  for (const s of raised.sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime())) {
    const data = { level: s.level, levelName: ladder.levels.get(s.level)!.nameZh, step: s.step, unitId: s.unitId, auto: true, taskDueAt: s.taskDueAt };
    if (!insertEvent(o, supervisionEvent(sim, s, 'supervise', s.raisedAt, s.note, data))) continue;
    kept.push(s);
    if (s.repliedAt && !insertEvent(o, supervisionEvent(sim, s, 'supervision-reply', s.repliedAt, s.reply, { level: s.level, late: false }))) {
      Object.assign(s, { status: 'open', reply: null, repliedAt: null, repliedBy: null, reviewedAt: null, reviewedBy: null });
    }
    if (s.reviewedAt && !insertEvent(o, supervisionEvent(sim, s, 'supervision-review', s.reviewedAt, '督办回复已验收', { level: s.level, accepted: true }))) {
      Object.assign(s, { status: 'replied', reviewedAt: null, reviewedBy: null });
    }
  }
  if (kept.length) o.supervisions = kept;
  return kept.length;
}

function supervision(sim: OrderSim, clock: SimDeadline, p: LadderPolicy, level: LadderLevel, at: Date, until: number): SimSupervision {
  const taskDue = level.hasTask ? taskDueAt(sim.ctx.calendar, level, at, p.task_hours) : null;
  const s: SimSupervision = {
    level: p.level,
    step: clock.step,
    unitId: clock.supervisedUnitId ?? null,
    policyId: p.id,
    raisedAt: at,
    note: `${level.nameZh}（${STEP_LABELS[clock.step].zh}环节）`,
    taskDueAt: taskDue,
    status: 'open',
    reply: null,
    repliedAt: null,
    repliedBy: null,
    reviewedAt: null,
    reviewedBy: null,
    id: 0,
  };
  if (!taskDue || s.unitId === null) return s;
  // The unit answers before the task's deadline (by the time the step ends, if sooner); the supervisor accepts within the hour.
  const by = Math.min(taskDue.getTime(), Math.max(until, at.getTime() + 20 * MINUTE));
  const replied = at.getTime() + Math.round((by - at.getTime()) * 0.6);
  if (replied >= sim.endAt.getTime()) return s;
  const reply = clock.step === 'sign' ? '已安排专人签收处理' : '已加派人员，正在抓紧办理';
  Object.assign(s, { status: 'replied', reply, repliedAt: new Date(replied), repliedBy: sim.ctx.actors.handler(s.unitId).userId });
  const reviewed = replied + 30 * MINUTE;
  if (reviewed < sim.endAt.getTime()) Object.assign(s, { status: 'closed', reviewedAt: new Date(reviewed), reviewedBy: sim.ctx.actors.supervisor.userId });
  return s;
}

function supervisionEvent(sim: OrderSim, s: SimSupervision, action: string, at: Date, note: string | null, data: Record<string, unknown>): Omit<SimEvent, 'from' | 'to' | 'dispatchUnitAfter'> {
  const actors = sim.ctx.actors;
  const actor =
    action === 'supervise' ? { userId: null, unitId: null, roles: new Set(), unitIds: [], areaCodes: [] } : action === 'supervision-reply' ? actors.handler(s.unitId!) : actors.supervisor;
  return { at, action, actor: actor as SimEvent['actor'], note, data, resolveData: () => ({ supervisionId: s.id }) };
}

/** Puts a timeline-only event where its moment falls: the order's state then, ids still following time; false when no room. */
function insertEvent(o: SimOrder, e: Omit<SimEvent, 'from' | 'to' | 'dispatchUnitAfter'>): boolean {
  let i = o.events.length;
  while (i > 0 && o.events[i - 1]!.at.getTime() >= e.at.getTime()) i--;
  const prev = o.events[i - 1]!;
  const next = o.events[i];
  let at = e.at.getTime();
  // Strictly between its neighbours: a moment equal to another event's moves by a millisecond.
  if (at <= prev.at.getTime()) at = prev.at.getTime() + 1;
  if (next && at >= next.at.getTime()) return false;
  o.events.splice(i, 0, { ...e, at: new Date(at), from: prev.to, to: prev.to, dispatchUnitAfter: prev.dispatchUnitAfter });
  return true;
}
