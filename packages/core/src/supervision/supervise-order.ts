/**
 * A supervisor raises a level by hand (any level with a note; beyond level 1 on an order that is not late, with a
 * reason), and the supervised unit answers a supervision
 * task. Both are events on the order's timeline.
 */
import type { Db } from '@liandong/db';
import { conflict, forbidden, notFound, unprocessable } from '../shared/errors.ts';
import { coversUnit, type Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import type { SupervisionView } from '@liandong/contracts';
import type { Queryable } from '@liandong/db';
import { lockVisibleOrder } from '../orders/order-access.ts';
import { FINAL_STATES } from '../orders/lifecycle.rules.ts';
import { insertEvent, lockOrder } from '../orders/order.repository.ts';
import type { OrderServices } from '../orders/order-services.ts';
import { raiseSupervision, taskDueAt } from './raise-supervision.ts';
import { getLevel } from './levels.ts';
import { getUnit } from '../org/org.repository.ts';
import { enqueueMessage } from '../notify/index.ts';
import { iso, isoOrNull } from '../shared/wire.ts';
import type { SupervisionLevel, SupervisionRow } from './supervision.types.ts';

const SUPERVISION = { zh: '督办', en: 'Supervision' };

/** A reason (理由) is at least this many characters: "督办" alone says nothing. */
export const MIN_REASON_CHARS = 5;

/**
 * A supervisor may go beyond the first level (电子催办) on an order that is not late only with a reason: the
 * ladder exists for lateness, and climbing it early has to say why (群众反映强烈, 领导关注...).
 */
export function checkManualLevel(level: number, late: boolean, note: string): void {
  if (level <= 1 || late) return;
  if ([...note.trim()].length < MIN_REASON_CHARS) {
    throw unprocessable('note', `工单未超时，越过电子催办直接督办须说明理由（不少于${MIN_REASON_CHARS}个字）`, `The order is not late: a supervision above level 1 needs a reason of at least ${MIN_REASON_CHARS} characters`);
  }
}

export async function superviseOrder(
  db: Db,
  actor: Actor,
  orderId: number,
  input: { level: SupervisionLevel; note: string; taskHours?: number },
  services: OrderServices,
): Promise<SupervisionView> {
  return db.transaction(async (tx) => {
    const order = await lockVisibleOrder(tx, actor, orderId);
    assertMay(actor, 'orders.supervise');
    if (FINAL_STATES.includes(order.state)) throw conflict('wrong_state', '工单已办结，无需督办', 'The order is finished; there is nothing to supervise');
    const now = services.clock();
    const running = (await tx.query<{ step: string; due_at: Date }>('select step, due_at from order_deadlines where order_id = $1 and done_at is null order by due_at limit 1', [order.id])).rows[0];
    // Late as the order view reads it: now, or when a suspended order stopped (step-clock.rules.ts).
    // (An unknown level is refused by raiseSupervision, naming the level.)
    if (await getLevel(tx, input.level)) checkManualLevel(input.level, running !== undefined && running.due_at < (order.suspended_at ?? now), input.note);
    const id = await raiseSupervision(tx, services, {
      order,
      level: input.level,
      step: (running?.step ?? null) as never,
      policyId: null,
      actor: { userId: actor.userId, unitId: actor.unitId, name: actor.displayName },
      note: input.note,
      taskHours: input.taskHours ?? null,
      now,
    });
    return (await supervisionViews(tx, 's.id = $1', [id]))[0]!;
  });
}

export async function replyToSupervision(db: Db, actor: Actor, supervisionId: number, reply: string, now: Date): Promise<SupervisionView> {
  return db.transaction(async (tx) => {
    const s = (await tx.query<SupervisionRow>('select * from supervisions where id = $1 for update', [supervisionId])).rows[0];
    if (!s) throw notFound(SUPERVISION);
    await lockVisibleOrder(tx, actor, s.order_id);
    if (!coversUnit(actor, s.unit_id)) throw forbidden('只有被督办单位可以回复', 'Only the supervised unit may reply');
    if (s.status !== 'open') throw conflict('wrong_state', '该督办已回复', 'This supervision has been answered already');
    if (!reply.trim()) throw unprocessable('reply', '回复不能为空', 'The reply must not be empty');
    const r = await tx.query<SupervisionRow>(
      `update supervisions set status = 'replied', reply = $2, replied_at = $3, replied_by = $4 where id = $1 returning *`,
      [s.id, reply, now, actor.userId],
    );
    const order = (await lockOrder(tx, s.order_id))!;
    await insertEvent(tx, {
      orderId: s.order_id,
      at: now,
      action: 'supervision-reply',
      actorUserId: actor.userId,
      actorUnitId: actor.unitId,
      fromState: order.state,
      toState: order.state,
      note: reply,
      data: { supervisionId: s.id, level: s.level, late: s.task_due_at !== null && now > s.task_due_at },
    });
    return (await supervisionViews(tx, 's.id = $1', [r.rows[0]!.id]))[0]!;
  });
}

/**
 * 督办验收: the supervisor reads the unit's reply and accepts it (the task closes) or sends it back with what is
 * missing; sent back, the task is open again with a new deadline of the level's task length.
 */
export async function reviewSupervision(
  db: Db,
  actor: Actor,
  supervisionId: number,
  input: { accepted: boolean; note?: string },
  services: OrderServices,
): Promise<SupervisionView> {
  return db.transaction(async (tx) => {
    const s = (await tx.query<SupervisionRow>('select * from supervisions where id = $1 for update', [supervisionId])).rows[0];
    if (!s) throw notFound(SUPERVISION);
    const order = await lockVisibleOrder(tx, actor, s.order_id);
    assertMay(actor, 'orders.supervise');
    if (s.status !== 'replied') throw conflict('wrong_state', '该督办尚未回复或已验收', 'This supervision has no reply waiting for review');
    if (!input.accepted && !input.note?.trim()) throw unprocessable('note', '退回须说明尚需落实的事项', 'Say what is still missing when sending it back');
    const now = services.clock();
    const level = await getLevel(tx, s.level);
    const dueAt = input.accepted ? s.task_due_at : taskDueAt(await services.calendar(tx), { taskHours: level?.taskHours ?? null }, now);
    await tx.query(
      `update supervisions set status = $2, reviewed_at = $3, reviewed_by = $4, review_note = $5, task_due_at = $6 where id = $1`,
      [s.id, input.accepted ? 'closed' : 'open', now, actor.userId, input.note ?? null, dueAt],
    );
    await insertEvent(tx, {
      orderId: order.id,
      at: now,
      action: 'supervision-review',
      actorUserId: actor.userId,
      actorUnitId: actor.unitId,
      fromState: order.state,
      toState: order.state,
      note: input.note ?? (input.accepted ? '督办回复已验收' : null),
      data: { supervisionId: s.id, level: s.level, accepted: input.accepted },
    });
    return (await supervisionViews(tx, 's.id = $1', [s.id]))[0]!;
  });
}

/** 领导批示: a leader's instruction on a special report (a level that produces one), sent down to the unit and the centre. */
export async function instructOnSupervision(db: Db, actor: Actor, supervisionId: number, instruction: string, now: Date): Promise<SupervisionView> {
  return db.transaction(async (tx) => {
    const s = (await tx.query<SupervisionRow>('select * from supervisions where id = $1 for update', [supervisionId])).rows[0];
    if (!s) throw notFound(SUPERVISION);
    const order = await lockVisibleOrder(tx, actor, s.order_id);
    assertMay(actor, 'supervision.instruct');
    if (!s.report_docx_id) throw conflict('wrong_state', '只能对督办专报批示', 'Instructions are given on a special report');
    if (s.instruction) throw conflict('wrong_state', '该专报已有批示', 'This special report has an instruction already');
    await tx.query('update supervisions set instruction = $2, instructed_at = $3, instructed_by = $4 where id = $1', [s.id, instruction, now, actor.userId]);
    await insertEvent(tx, {
      orderId: order.id,
      at: now,
      action: 'instruction',
      actorUserId: actor.userId,
      actorUnitId: actor.unitId,
      fromState: order.state,
      toState: order.state,
      note: instruction,
      data: { supervisionId: s.id, level: s.level },
    });
    const unitName = s.unit_id ? ((await getUnit(tx, s.unit_id))?.name ?? '') : '';
    const vars = { orderCode: order.code, unitName, leaderName: actor.displayName, instruction };
    for (const unitId of new Set([s.unit_id, order.dispatch_unit_id].filter((u): u is number => u != null))) {
      await enqueueMessage(tx, { template: 'supervision.instruction', vars, channel: 'inbox', recipient: { kind: 'unit', unitId }, orderId: order.id, at: now });
    }
    return (await supervisionViews(tx, 's.id = $1', [s.id]))[0]!;
  });
}

async function supervisionViews(q: Queryable, where: string, params: unknown[]): Promise<SupervisionView[]> {
  const r = await q.query<SupervisionView>(
    `select s.id, s.order_id as "orderId", s.level, l.name_zh as "levelName", s.step, s.unit_id as "unitId", un.name as "unitName",
            s.policy_id as "policyId", s.raised_by as "raisedBy", u.display_name as "raisedByName", s.raised_at as "raisedAt", s.note,
            s.task_due_at as "taskDueAt", s.status, s.reply, s.replied_at as "repliedAt",
            s.reviewed_at as "reviewedAt", s.review_note as "reviewNote",
            s.instruction, s.instructed_at as "instructedAt", iu.display_name as "instructedByName",
            fd.public_id as "reportDocxId", fh.public_id as "reportHtmlId"
       from supervisions s join supervision_levels l on l.level = s.level left join units un on un.id = s.unit_id
       left join files fd on fd.id = s.report_docx_id left join files fh on fh.id = s.report_html_id
       left join users u on u.id = s.raised_by left join users iu on iu.id = s.instructed_by where ${where} order by s.id`,
    params,
  );
  return r.rows.map((v) => ({
    ...v,
    raisedAt: iso(v.raisedAt),
    taskDueAt: isoOrNull(v.taskDueAt),
    repliedAt: isoOrNull(v.repliedAt),
    reviewedAt: isoOrNull(v.reviewedAt),
    instructedAt: isoOrNull(v.instructedAt),
  }));
}

/** The supervisions of an order; the caller has checked that the actor may see it. */
export async function listSupervisions(q: Queryable, orderId: number): Promise<SupervisionView[]> {
  return supervisionViews(q, 's.order_id = $1', [orderId]);
}
