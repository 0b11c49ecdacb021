/**
 * Raises one level of the supervision ladder (五级督办) on an order, by the clock or by a supervisor: a
 * `supervisions` row, an event on the order's timeline and the level's notifications, all in the caller's
 * transaction. What a level does is data (levels.ts): the built-in levels 2–3 give the supervised unit a task with its
 * own deadline to reply to, level 4 texts the unit's leader, level 5 produces the special report (专报).
 */
import type { Queryable } from '@liandong/db';
import { supervisedUnit } from '../orders/step-clock.rules.ts';
import type { Step } from '@liandong/contracts';
import { enqueueMessage, type ChannelCode, type Recipient } from '../notify/index.ts';
import { insertEvent } from '../orders/order.repository.ts';
import type { OrderRow } from '../orders/order.types.ts';
import type { OrderServices } from '../orders/order-services.ts';
import { STEP_LABELS } from '../orders/labels.ts';
import { formatChineseDateTime, formatWorkingSpan } from './special-report/index.ts';
import type { WorkingCalendar } from '../calendar/index.ts';
import { getLevel, type LevelDefinition } from './levels.ts';
import { unprocessable } from '../shared/errors.ts';
import { storeSpecialReport } from './store-special-report.ts';
import type { NotifyTarget } from './supervision.types.ts';

export interface RaiseInput {
  order: OrderRow;
  /** A level of supervision_levels. */
  level: number;
  step: Step | null;
  policyId: number | null;
  /** null: the clock raised it. */
  actor: { userId: number; unitId: number | null; name: string } | null;
  note: string | null;
  /** Levels with a task: its limit in working hours; null: the level's default. */
  taskHours: number | null;
  /** Whom to notify; null: the level's default (supervision_levels.notify). */
  notify?: readonly NotifyTarget[] | null;
  now: Date;
}

export { supervisedUnit } from '../orders/step-clock.rules.ts';

/**
 * How a step stands, in the words of a supervision notice: 「已超过时限 2 小时」 past its deadline, 「将于2026年3月20日
 * 17:00到期，尚余 3 工作日」 before it. Measured in working time, as the clocks are.
 */
export function timingOf(calendar: WorkingCalendar, dueAt: Date, now: Date): string {
  const perDay = calendar.hoursPerWorkday * 60;
  if (now > dueAt) return `已超过时限 ${formatWorkingSpan(calendar.elapsed(dueAt, now, 'working_hours') * 60, perDay)}`;
  return `将于${formatChineseDateTime(dueAt)}到期，尚余 ${formatWorkingSpan(calendar.elapsed(now, dueAt, 'working_hours') * 60, perDay)}`;
}

/** When a supervision task is due: the hours given, else the level's task length (default 4 working hours). */
export function taskDueAt(calendar: WorkingCalendar, def: Pick<LevelDefinition, 'taskHours'>, now: Date, hours: number | null = null): Date {
  return calendar.addDuration(now, hours ?? def.taskHours ?? 4, 'working_hours');
}

export async function raiseSupervision(tx: Queryable, services: OrderServices, input: RaiseInput): Promise<number> {
  const { order, level, step, now } = input;
  const def = await getLevel(tx, level);
  if (!def) throw unprocessable('level', `没有第 ${level} 级督办`, `There is no supervision level ${level}`);
  const unitId = supervisedUnit(order, step);
  const unit = unitId
    ? (await tx.query<{ name: string; leader_name: string | null }>('select name, leader_name from units where id = $1', [unitId])).rows[0]
    : undefined;
  // Where the supervisor goes (现场督办): the address given, else the place the order lies in.
  const place = order.address ?? (await tx.query<{ name: string }>('select name from divisions where code = $1', [order.village_code ?? order.town_code])).rows[0]?.name ?? '';
  const calendar = await services.calendar(tx);
  const taskDue = def.hasTask ? taskDueAt(calendar, def, now, input.taskHours) : null;
  const r = await tx.query<{ id: number }>(
    `insert into supervisions (order_id, level, step, unit_id, policy_id, raised_by, raised_at, note, task_due_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [order.id, level, step, unitId, input.policyId, input.actor?.userId ?? null, now, input.note, taskDue],
  );
  const id = r.rows[0]!.id;
  const stepDue = step
    ? (await tx.query<{ due_at: Date }>('select due_at from order_deadlines where order_id = $1 and step = $2', [order.id, step])).rows[0]?.due_at
    : undefined;
  const report = def.producesReport ? await storeSpecialReport(tx, services, order.id, id, now) : null;
  await insertEvent(tx, {
    orderId: order.id,
    at: now,
    action: 'supervise',
    actorUserId: input.actor?.userId ?? null,
    actorUnitId: input.actor?.unitId ?? null,
    fromState: order.state,
    toState: order.state,
    note: input.note ?? `${def.nameZh}${step ? `（${STEP_LABELS[step].zh}环节）` : ''}`,
    data: { supervisionId: id, level, levelName: def.nameZh, step, unitId, auto: input.actor === null, taskDueAt: taskDue },
    // The special report travels as the event's attachments, so whoever may see the order may open it.
    attachmentIds: report ? [report.docxId, report.htmlId] : [],
  });
  const vars = {
    orderCode: order.code,
    unitName: unit?.name ?? '',
    step: step ? STEP_LABELS[step].zh : '',
    dueAt: formatChineseDateTime(taskDue ?? stepDue ?? now),
    timing: stepDue ? timingOf(calendar, stepDue, now) : '',
    supervisorName: input.actor?.name ?? '督办系统',
    note: input.note ?? '',
    address: place,
    // 「赵局长同志」 reads wrong; a name gets 同志, no name is 负责同志.
    leaderName: unit?.leader_name ? `${unit.leader_name}同志` : '负责同志',
    summary: order.description.slice(0, 60),
  };
  const send = (channel: ChannelCode, recipient: Recipient) =>
    enqueueMessage(tx, { template: def.template, vars, channel, recipient, orderId: order.id, at: now });
  const centre = order.dispatch_unit_id;
  for (const target of input.notify ?? def.notify) {
    if (target === 'unit' && unitId) await send('inbox', { kind: 'unit', unitId });
    if (target === 'unit_leader' && unitId) await send('sms', { kind: 'unit', unitId });
    if (target === 'centre' && centre && centre !== unitId) await send('inbox', { kind: 'unit', unitId: centre });
    if (target === 'wecom' || target === 'dingtalk') await send(target, { kind: 'webhook' });
  }
  return id;
}
