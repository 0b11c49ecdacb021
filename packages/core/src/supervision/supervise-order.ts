/**
 * A supervisor raises a level by hand (any level, with a note), and the supervised unit answers a supervision
 * task. Both are events on the order's timeline.
 */
import type { Db } from '@liandong/db';
import { conflict, forbidden, notFound, unprocessable } from '../shared/errors.ts';
import { coversUnit, hasRole, type Actor } from '../org/actor.ts';
import { lockVisibleOrder } from '../orders/order-access.ts';
import { FINAL_STATES } from '../orders/lifecycle.rules.ts';
import { insertEvent, lockOrder } from '../orders/order.repository.ts';
import type { OrderServices } from '../orders/order-services.ts';
import { raiseSupervision } from './raise-supervision.ts';
import type { SupervisionLevel, SupervisionRow } from './supervision.types.ts';

const SUPERVISORS = ['supervisor', 'shift_lead', 'leader'] as const;
const SUPERVISION = { zh: '督办', en: 'Supervision' };

export async function superviseOrder(
  db: Db,
  actor: Actor,
  orderId: number,
  input: { level: SupervisionLevel; note: string; taskHours?: number },
  services: OrderServices,
): Promise<number> {
  return db.transaction(async (tx) => {
    const order = await lockVisibleOrder(tx, actor, orderId);
    if (!hasRole(actor, ...SUPERVISORS)) throw forbidden('只有督办员、值班长或领导可以督办', 'Only supervisors, shift leads or leaders may supervise');
    if (FINAL_STATES.includes(order.state)) throw conflict('wrong_state', '工单已办结，无需督办', 'The order is finished; there is nothing to supervise');
    const running = (await tx.query<{ step: string }>('select step from order_deadlines where order_id = $1 and done_at is null order by due_at limit 1', [order.id])).rows[0];
    return raiseSupervision(tx, services, {
      order,
      level: input.level,
      step: (running?.step ?? null) as never,
      policyId: null,
      actor: { userId: actor.userId, unitId: actor.unitId, name: actor.displayName },
      note: input.note,
      taskHours: input.taskHours ?? null,
      now: services.clock(),
    });
  });
}

export async function replyToSupervision(db: Db, actor: Actor, supervisionId: number, reply: string, now: Date): Promise<SupervisionRow> {
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
    return r.rows[0]!;
  });
}

export async function listSupervisions(q: Db, orderId: number): Promise<Record<string, unknown>[]> {
  const r = await q.query<Record<string, unknown>>(
    `select s.id, s.level, l.name_zh as "levelName", s.step, s.unit_id as "unitId", un.name as "unitName", s.policy_id as "policyId",
            s.raised_by as "raisedBy", u.display_name as "raisedByName", s.raised_at as "raisedAt", s.note, s.task_due_at as "taskDueAt",
            s.status, s.reply, s.replied_at as "repliedAt", fd.public_id as "reportDocxId", fh.public_id as "reportHtmlId"
       from supervisions s join supervision_levels l on l.level = s.level left join units un on un.id = s.unit_id
       left join files fd on fd.id = s.report_docx_id left join files fh on fh.id = s.report_html_id
       left join users u on u.id = s.raised_by where s.order_id = $1 order by s.id`,
    [orderId],
  );
  return r.rows;
}
