import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ACTION_NAMES, ActionBodies, CreateOrderBody, IdParams, ListOrdersQuery, type ActionName, type CreateOrderInput, type ListOrdersFilter } from '@liandong/contracts';
import { createOrder, findVisibleOrder, listOrders, newOrderView, orderView, performAction } from '@liandong/core/orders/index.ts';
import { seesReporterIdentity } from '@liandong/core/org/personal-data.ts';
import { DomainError } from '@liandong/core/shared/errors.ts';
import { recordAudit } from '@liandong/core/audit/audit.repository.ts';
import { requireActor } from '../http/auth.ts';
import { requestLang } from '../http/lang.ts';
import { readClock, type Platform } from '../platform.ts';
import { errorResponses, OrderViewSchema } from './schemas.ts';

const ACTION_SUMMARIES: Record<ActionName, string> = {
  accept: '受理 Accept a new order (optionally classify it)',
  reject: '不予受理 Reject a new order with a reason',
  classify: '分类 Set the category and case-opening condition',
  dispatch: '派遣 Dispatch to a department, a station or a town sub-centre (two-level)',
  redispatch: '改派 Take back and dispatch elsewhere',
  'add-co-handler': '协办 Add a co-handling unit',
  sign: '签收 Sign for the order',
  return: '退单 Return the order to the dispatcher with a reason',
  'request-extension': '申请延期 Ask for more time',
  'approve-extension': '批准延期 Approve the extension',
  'deny-extension': '驳回延期 Deny the extension',
  'request-suspension': '申请挂账 Ask to suspend',
  suspend: '挂账 Suspend (clocks stop)',
  'deny-suspension': '驳回挂账 Deny the suspension',
  resume: '恢复 Resume a suspended order',
  'request-void': '申请作废 Ask to void',
  void: '作废 Void the order',
  'deny-void': '驳回作废 Deny voiding',
  escalate: '上推 Escalate to the next level centre',
  'self-handle': '自行处置 Solved on the spot by the grid worker',
  feedback: '反馈 Report the handling result',
  check: '核查 On-site check of the result (fail = rework)',
  callback: '回访 Record the citizen callback and satisfaction',
  reopen: '重办 Reopen on substantive dissatisfaction',
  close: '结案 Close',
  'force-close': '强制结案 Forced close by the shift lead',
  merge: '并单 Merge duplicates under this order',
};

export function orderRoutes(app: FastifyInstance, p: Platform): void {
  app.post<{ Body: CreateOrderInput }>(
    '/api/v1/orders',
    {
      schema: {
        tags: ['orders'],
        summary: '登记工单 Create a work order from any channel',
        headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'required; retries with the same key return the same order' })) }),
        body: CreateOrderBody,
        response: { 201: OrderViewSchema, 200: OrderViewSchema, ...errorResponses },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const key = req.headers['idempotency-key'];
      const lang = requestLang(req);
      const r = await createOrder(p.db, actor, req.body, Array.isArray(key) ? key[0] : key, p.services);
      if (!r.prepared) {
        reply.header('Idempotent-Replayed', 'true');
        return reply.status(200).send(await orderView(p.db, actor, r.order.id, lang, false, await readClock(p)));
      }
      return reply.status(201).send(newOrderView(r.order, r.prepared, r.reference, actor, lang, await readClock(p)));
    },
  );

  app.get<{ Querystring: ListOrdersFilter }>(
    '/api/v1/orders',
    {
      schema: {
        tags: ['orders'],
        summary: '工单列表 Orders in your scope, with filters and paging',
        querystring: ListOrdersQuery,
        response: {
          200: Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(OrderViewSchema) }),
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (req.query.phone) {
        // A search by number confirms a masked one: only roles that see numbers in full, and every search is logged.
        if (!seesReporterIdentity(actor)) {
          throw new DomainError(403, 'forbidden', { zh: '只有可查看完整号码的话务员可按来电号码查询', en: 'Only operators, who see full numbers, may search by phone number' }, 'phone');
        }
        await recordAudit(p.db, { actor, action: 'search_by_phone', details: { phone: req.query.phone }, ip: req.ip, at: p.clock() });
      }
      return listOrders(p.db, actor, req.query, requestLang(req), await readClock(p));
    },
  );

  app.get<{ Params: { id: number } }>(
    '/api/v1/orders/:id',
    {
      schema: {
        tags: ['orders'],
        summary: '工单详情 One order with its deadlines and timeline',
        params: IdParams,
        response: { 200: OrderViewSchema, ...errorResponses },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await findVisibleOrder(p.db, actor, req.params.id);
      return orderView(p.db, actor, req.params.id, requestLang(req), true, await readClock(p));
    },
  );

  for (const action of ACTION_NAMES) {
    app.post<{ Params: { id: number }; Body: unknown }>(
      `/api/v1/orders/:id/actions/${action}`,
      {
        schema: {
          tags: ['order actions'],
          summary: ACTION_SUMMARIES[action],
          params: IdParams,
          body: ActionBodies[action],
          response: { 200: OrderViewSchema, ...errorResponses },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        await performAction(p.db, actor, req.params.id, action, (req.body ?? {}) as never, p.services);
        return orderView(p.db, actor, req.params.id, requestLang(req), true, await readClock(p));
      },
    );
  }
}
