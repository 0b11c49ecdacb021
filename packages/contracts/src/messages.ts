import { Type, type Static } from '@sinclair/typebox';
import { CountedPageOf, DateTime, IdParams, Nullable, Obj, ORDER_CODE_PATTERN, PagingFields } from './common.ts';
import { route } from './route.ts';
import { LANGS, literals, MESSAGE_CHANNELS, MESSAGE_STATUSES } from './vocabulary.ts';

export const InboxQuery = Obj({ ...PagingFields, unread: Type.Optional(Type.Boolean({ description: 'only messages not read yet' })) });
export const MessagesQuery = Obj({
  ...PagingFields,
  channel: Type.Optional(literals(MESSAGE_CHANNELS)),
  status: Type.Optional(literals(MESSAGE_STATUSES)),
  orderId: Type.Optional(Type.Integer({ minimum: 1 })),
  orderCode: Type.Optional(Type.String({ pattern: ORDER_CODE_PATTERN, description: 'messages about the order of this number (工单编号), e.g. LD20261201023744' })),
  template: Type.Optional(Type.String({ maxLength: 50 })),
});
export const TemplateParams = Type.Object({ code: Type.String({ maxLength: 50 }), lang: literals(LANGS) });
export const TemplateBody = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 200, description: 'title (e-mail subject, inbox title); {{placeholders}} allowed' }),
    body: Type.String({ minLength: 1, maxLength: 2000, description: 'text with {{placeholders}} known for this template' }),
  },
  { additionalProperties: false },
);
export const ChannelParams = Type.Object({ code: Type.String({ maxLength: 20 }) });
export const ChannelBody = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    config: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'sms {url, headers?, sign?}; wecom {webhookUrl}; dingtalk {webhookUrl, secret?}; email {host, port, secure?, user?, pass?, from}. ' +
          'Replaces the config. Secrets are read back as ******** (pass, secret, header values, the query values of url and webhookUrl); ' +
          'sent back so, they keep the stored ones (an address only while its host and path are unchanged), as does a pass or secret left out; an empty value removes one.',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Whom a message is for. A unit means its leader for SMS, and the whole unit for the inbox. */
export const RecipientSchema = Type.Union([
  Obj({ kind: Type.Literal('unit'), unitId: Type.Integer() }),
  Obj({ kind: Type.Literal('user'), userId: Type.Integer() }),
  Obj({ kind: Type.Literal('phone'), phone: Nullable(Type.String()) }),
  Obj({ kind: Type.Literal('email'), address: Type.String() }),
  Obj({ kind: Type.Literal('webhook') }),
]);

/** A message in the inbox (站内信). */
export const InboxMessageSchema = Obj({
  id: Type.Integer(),
  template: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  recipient: RecipientSchema,
  orderId: Nullable(Type.Integer()),
  orderCode: Nullable(Type.String()),
  createdAt: DateTime,
  readAt: Nullable(DateTime),
});
export const InboxPageSchema = Obj({ total: Type.Integer(), unread: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(InboxMessageSchema) });

/** A message of the outbox log with its delivery. */
export const OutboxMessageSchema = Obj({
  id: Type.Integer(),
  channel: literals(MESSAGE_CHANNELS),
  recipient: RecipientSchema,
  recipientName: Nullable(Type.String({ description: 'the name of the unit or user it is for; null for a phone, an e-mail address or a group robot' })),
  address: Nullable(Type.String()),
  template: Type.String(),
  lang: literals(LANGS),
  subject: Type.String(),
  body: Type.String(),
  orderId: Nullable(Type.Integer()),
  orderCode: Nullable(Type.String()),
  status: literals(MESSAGE_STATUSES),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(DateTime),
  lastError: Nullable(Type.String()),
  createdAt: DateTime,
  sentAt: Nullable(DateTime),
  readAt: Nullable(DateTime),
});
export const OutboxPageSchema = CountedPageOf(OutboxMessageSchema, 'messages');

export const TemplateSchema = Obj({
  code: Type.String(),
  lang: literals(LANGS),
  subject: Type.String(),
  body: Type.String(),
  placeholders: Type.Array(Type.String()),
  updatedAt: DateTime,
});

/** A channel's settings as administrators see them: every secret masked (********). */
export const ChannelConfigSchema = Obj({
  url: Type.Optional(Type.String()),
  headers: Type.Optional(Type.Record(Type.String(), Type.String())),
  sign: Type.Optional(Type.String()),
  webhookUrl: Type.Optional(Type.String()),
  secret: Type.Optional(Type.String()),
  host: Type.Optional(Type.String()),
  port: Type.Optional(Type.Integer()),
  secure: Type.Optional(Type.Boolean()),
  user: Type.Optional(Type.String()),
  pass: Type.Optional(Type.String()),
  from: Type.Optional(Type.String()),
});
export const ChannelViewSchema = Obj({ code: literals(MESSAGE_CHANNELS), enabled: Type.Boolean(), config: ChannelConfigSchema, updatedAt: DateTime });

export type InboxMessage = Static<typeof InboxMessageSchema>;
export type OutboxMessage = Static<typeof OutboxMessageSchema>;
export type TemplateView = Static<typeof TemplateSchema>;
export type ChannelView = Static<typeof ChannelViewSchema>;
export type RecipientView = Static<typeof RecipientSchema>;

export const messageRoutes = {
  inbox: route({
    method: 'GET',
    path: '/api/v1/inbox',
    tags: ['notifications'],
    summary: '站内信 Inbox: messages to your units or to you (reminders, assignments…), newest first, with the unread count',
    querystring: InboxQuery,
    response: { 200: InboxPageSchema },
  }),
  markRead: route({
    method: 'POST',
    path: '/api/v1/inbox/:id/read',
    tags: ['notifications'],
    summary: '标记已读 Mark an inbox message read',
    params: IdParams,
    response: { 200: InboxMessageSchema },
  }),
  listMessages: route({
    method: 'GET',
    path: '/api/v1/messages',
    tags: ['notifications'],
    summary: '消息发送记录 Outbox: every message and its delivery (administrators; supervisors for orders in their scope)',
    querystring: MessagesQuery,
    response: { 200: OutboxPageSchema },
  }),
  listTemplates: route({
    method: 'GET',
    path: '/api/v1/message-templates',
    tags: ['notifications'],
    summary: '消息模板 Message templates in Chinese and English, with their placeholders',
    response: { 200: Type.Array(TemplateSchema) },
  }),
  updateTemplate: route({
    method: 'PUT',
    path: '/api/v1/message-templates/:code/:lang',
    tags: ['notifications'],
    summary: '编辑消息模板 Edit a template (administrators); only its known {{placeholders}} are allowed',
    params: TemplateParams,
    body: TemplateBody,
    response: { 200: TemplateSchema },
  }),
  listChannels: route({
    method: 'GET',
    path: '/api/v1/notification-channels',
    tags: ['notifications'],
    summary: '通知渠道 Channels and their settings (administrators; secrets masked)',
    response: { 200: Type.Array(ChannelViewSchema) },
  }),
  getChannel: route({
    method: 'GET',
    path: '/api/v1/notification-channels/:code',
    tags: ['notifications'],
    summary: '通知渠道 One channel: inbox, sms, wecom, dingtalk, email',
    params: ChannelParams,
    response: { 200: ChannelViewSchema },
  }),
  updateChannel: route({
    method: 'PUT',
    path: '/api/v1/notification-channels/:code',
    tags: ['notifications'],
    summary: '设置通知渠道 Enable or configure a channel (administrators); an enabled channel needs a complete config',
    params: ChannelParams,
    body: ChannelBody,
    response: { 200: ChannelViewSchema },
  }),
};
