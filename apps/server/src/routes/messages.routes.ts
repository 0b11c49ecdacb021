/**
 * Notifications over HTTP: the inbox (站内信) of the signed-in user, the outbox log for administrators and
 * supervisors, the editable message templates and the channel settings (administrators only).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { IdParams, PagingFields } from '@liandong/contracts';
import {
  CHANNEL_CODES,
  getChannelView,
  listChannelViews,
  listInbox,
  listMessages,
  listTemplates,
  markInboxRead,
  MESSAGE_STATUSES,
  updateChannel,
  updateTemplate,
  type MessageScope,
} from '@liandong/core/notify/index.ts';
import { orderScopeSql } from '@liandong/core/orders/index.ts';
import { hasRole, type Actor } from '@liandong/core/org/actor.ts';
import { forbidden } from '@liandong/core/shared/errors.ts';
import { requireActor } from '../http/auth.ts';
import { recordAudit } from '@liandong/core/audit/audit.repository.ts';
import type { Platform } from '../platform.ts';
import { errorResponses } from './schemas.ts';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const InboxQuery = Type.Object({ ...PagingFields, unread: Type.Optional(Type.Boolean({ description: 'only messages not read yet' })) });
const MessagesQuery = Type.Object({
  ...PagingFields,
  channel: Type.Optional(literals(CHANNEL_CODES)),
  status: Type.Optional(literals(MESSAGE_STATUSES)),
  orderId: Type.Optional(Type.Integer({ minimum: 1 })),
  template: Type.Optional(Type.String({ maxLength: 50 })),
});
const TemplateParams = Type.Object({ code: Type.String({ maxLength: 50 }), lang: literals(['zh', 'en'] as const) });
const TemplateBody = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 200, description: 'title (e-mail subject, inbox title); {{placeholders}} allowed' }),
    body: Type.String({ minLength: 1, maxLength: 2000, description: 'text with {{placeholders}} known for this template' }),
  },
  { additionalProperties: false },
);
const ChannelParams = Type.Object({ code: Type.String({ maxLength: 20 }) });
const ChannelBody = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    config: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'sms {url, headers?, sign?}; wecom {webhookUrl}; dingtalk {webhookUrl, secret?}; email {host, port, secure?, user?, pass?, from}. ' +
          'Replaces the config; an e-mail pass left out keeps the stored one.',
      }),
    ),
  },
  { additionalProperties: false },
);

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw forbidden('仅管理员可以管理通知设置', 'Only administrators may manage notification settings');
}

function messageScope(actor: Actor): MessageScope {
  if (hasRole(actor, 'admin')) return { all: true };
  return { all: false, unitIds: actor.unitIds, userId: actor.userId, orderScopeSql: (params, alias) => orderScopeSql(actor, params, alias) };
}

const inboxOwner = (actor: Actor) => ({ unitIds: actor.unitIds, userId: actor.userId });

export function messagesRoutes(app: FastifyInstance, p: Platform): void {
  app.get<{ Querystring: Static<typeof InboxQuery> }>(
    '/api/v1/inbox',
    {
      schema: {
        tags: ['notifications'],
        summary: '站内信 Inbox: messages to your units or to you (reminders, assignments…), newest first, with the unread count',
        querystring: InboxQuery,
        response: errorResponses,
      },
    },
    async (req) => listInbox(p.db, inboxOwner(requireActor(req)), req.query),
  );

  app.post<{ Params: { id: number } }>(
    '/api/v1/inbox/:id/read',
    { schema: { tags: ['notifications'], summary: '标记已读 Mark an inbox message read', params: IdParams, response: errorResponses } },
    async (req) => markInboxRead(p.db, inboxOwner(requireActor(req)), req.params.id, p.clock()),
  );

  app.get<{ Querystring: Static<typeof MessagesQuery> }>(
    '/api/v1/messages',
    {
      schema: {
        tags: ['notifications'],
        summary: '消息发送记录 Outbox: every message and its delivery (administrators; supervisors for orders in their scope)',
        querystring: MessagesQuery,
        response: errorResponses,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!hasRole(actor, 'admin', 'supervisor')) throw forbidden('仅管理员和督办员可以查看消息记录', 'Only administrators and supervisors may read the message log');
      const unmasked = hasRole(actor, 'admin');
      const page = await listMessages(p.db, messageScope(actor), req.query, !unmasked);
      const ids = page.items.filter((m) => m.address).map((m) => m.id);
      if (unmasked && ids.length > 0) await recordAudit(p.db, { actor, action: 'view_message_addresses', details: { messageIds: ids }, ip: req.ip, at: p.clock() });
      return page;
    },
  );

  app.get(
    '/api/v1/message-templates',
    { schema: { tags: ['notifications'], summary: '消息模板 Message templates in Chinese and English, with their placeholders', response: errorResponses } },
    async (req) => {
      requireActor(req);
      return listTemplates(p.db);
    },
  );

  app.put<{ Params: Static<typeof TemplateParams>; Body: Static<typeof TemplateBody> }>(
    '/api/v1/message-templates/:code/:lang',
    {
      schema: {
        tags: ['notifications'],
        summary: '编辑消息模板 Edit a template (administrators); only its known {{placeholders}} are allowed',
        params: TemplateParams,
        body: TemplateBody,
        response: errorResponses,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      requireAdmin(actor);
      return updateTemplate(p.db, req.params.code, req.params.lang, req.body, actor.userId);
    },
  );

  app.get(
    '/api/v1/notification-channels',
    { schema: { tags: ['notifications'], summary: '通知渠道 Channels and their settings (administrators; passwords masked)', response: errorResponses } },
    async (req) => {
      requireAdmin(requireActor(req));
      return listChannelViews(p.db);
    },
  );

  app.get<{ Params: Static<typeof ChannelParams> }>(
    '/api/v1/notification-channels/:code',
    { schema: { tags: ['notifications'], summary: '通知渠道 One channel: inbox, sms, wecom, dingtalk, email', params: ChannelParams, response: errorResponses } },
    async (req) => {
      requireAdmin(requireActor(req));
      return getChannelView(p.db, req.params.code);
    },
  );

  app.put<{ Params: Static<typeof ChannelParams>; Body: Static<typeof ChannelBody> }>(
    '/api/v1/notification-channels/:code',
    {
      schema: {
        tags: ['notifications'],
        summary: '设置通知渠道 Enable or configure a channel (administrators); an enabled channel needs a complete config',
        params: ChannelParams,
        body: ChannelBody,
        response: errorResponses,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      requireAdmin(actor);
      return p.db.transaction((tx) => updateChannel(tx, req.params.code, req.body, actor.userId));
    },
  );
}
