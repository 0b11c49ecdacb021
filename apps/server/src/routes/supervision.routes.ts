import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '@liandong/contracts';
import { findVisibleOrder } from '@liandong/core/orders/index.ts';
import { hasRole } from '@liandong/core/org/actor.ts';
import { forbidden, notFound } from '@liandong/core/shared/errors.ts';
import { listSupervisions, replyToSupervision, superviseOrder, supervisionBoard } from '@liandong/core/supervision/index.ts';
import { requireActor } from '../http/auth.ts';
import { readClock, type Platform } from '../platform.ts';
import { errorResponses } from './schemas.ts';

const SuperviseBody = Type.Object(
  {
    level: Type.Integer({ minimum: 1, maximum: 5, description: '1 电子催办, 2 人工交办, 3 现场督办, 4 短信督办, 5 专报批办' }),
    note: Type.String({ minLength: 1, maxLength: 2000 }),
    taskHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 200, description: 'levels 2–3: the task limit in working hours (default 4)' })),
  },
  { additionalProperties: false },
);
const ReplyBody = Type.Object({ reply: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
const BoardQuery = Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, description: 'period of the unit figures, default 30' })) });
const PolicyBody = Type.Object(
  {
    share: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 20 })),
    level: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    taskHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 200 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export function supervisionRoutes(app: FastifyInstance, p: Platform): void {
  app.post<{ Params: { id: number }; Body: Static<typeof SuperviseBody> }>(
    '/api/v1/orders/:id/supervisions',
    { schema: { tags: ['supervision'], summary: '督办 Raise a supervision level by hand', params: IdParams, body: SuperviseBody, response: errorResponses } },
    async (req, reply) => {
      const id = await superviseOrder(p.db, requireActor(req), req.params.id, req.body as never, p.services);
      return reply.status(201).send({ id });
    },
  );
  app.get<{ Params: { id: number } }>(
    '/api/v1/orders/:id/supervisions',
    { schema: { tags: ['supervision'], summary: '督办记录 The supervisions of an order', params: IdParams, response: errorResponses } },
    async (req) => {
      const actor = requireActor(req);
      await findVisibleOrder(p.db, actor, req.params.id);
      return listSupervisions(p.db, req.params.id);
    },
  );
  app.post<{ Params: { id: number }; Body: Static<typeof ReplyBody> }>(
    '/api/v1/supervisions/:id/reply',
    { schema: { tags: ['supervision'], summary: '督办回复 The supervised unit answers a supervision task', params: IdParams, body: ReplyBody, response: errorResponses } },
    async (req) => replyToSupervision(p.db, requireActor(req), req.params.id, req.body.reply, p.clock()),
  );
  app.get<{ Querystring: Static<typeof BoardQuery> }>(
    '/api/v1/supervision/board',
    { schema: { tags: ['supervision'], summary: '督办看板 Orders by traffic light and level, overdue by unit, units’ on-time and supervision counts', querystring: BoardQuery, response: errorResponses } },
    async (req) => {
      const actor = requireActor(req);
      if (!hasRole(actor, 'supervisor', 'shift_lead', 'leader', 'dispatcher', 'admin')) {
        throw forbidden('督办看板仅限督办员、值班长、分拨员和领导', 'The supervision board is for supervisors, shift leads, dispatchers and leaders');
      }
      return supervisionBoard(p.db, actor, await readClock(p), { days: req.query.days });
    },
  );
  app.get('/api/v1/supervision/policies', { schema: { tags: ['supervision'], summary: '督办策略 The ladder and escalation policies', response: errorResponses } }, async (req) => {
    requireActor(req);
    return (
      await p.db.query(
        `select id, name, step, share::float8 as share, action, level, category_prefix as "categoryPrefix", urgency, order_level as "orderLevel",
                task_hours::float8 as "taskHours", notify, active from supervision_policies order by step, share, id`,
      )
    ).rows;
  });
  app.patch<{ Params: { id: number }; Body: Static<typeof PolicyBody> }>(
    '/api/v1/supervision/policies/:id',
    { schema: { tags: ['supervision'], summary: '修改督办策略 Change a policy (administrators)', params: IdParams, body: PolicyBody, response: errorResponses } },
    async (req) => {
      const actor = requireActor(req);
      if (!hasRole(actor, 'admin')) throw forbidden('仅管理员可修改督办策略', 'Only administrators may change policies');
      const b = req.body;
      const r = await p.db.query(
        `update supervision_policies set share = coalesce($2, share), level = case when action = 'supervise' then coalesce($3, level) else level end,
                task_hours = coalesce($4, task_hours), active = coalesce($5, active) where id = $1 returning id`,
        [req.params.id, b.share ?? null, b.level ?? null, b.taskHours ?? null, b.active ?? null],
      );
      if (r.rowCount === 0) throw notFound({ zh: '督办策略', en: 'Policy' });
      return { id: req.params.id };
    },
  );
}
