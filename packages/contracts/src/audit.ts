import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Obj, PageOf, PagingFields } from './common.ts';
import { route } from './route.ts';
import { AUDIT_ACTIONS, literals } from './vocabulary.ts';

export const AuditQuery = Obj({
  ...PagingFields,
  userId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  action: Type.Optional(literals(AUDIT_ACTIONS)),
  orderId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  from: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date-time, inclusive' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date-time, exclusive' })),
});
export type AuditFilter = Static<typeof AuditQuery>;

/** One access to personal data (审计日志). */
export const AuditEntrySchema = Obj({
  id: Type.Integer(),
  at: DateTime,
  userId: Nullable(Type.Integer()),
  username: Type.String(),
  action: literals(AUDIT_ACTIONS),
  orderId: Nullable(Type.Integer()),
  details: Obj({
    phone: Type.Optional(Type.String({ description: 'search_by_phone: the number searched' })),
    reporterIds: Type.Optional(Type.Array(Type.Integer(), { description: 'view_reporter: the reporters seen in full' })),
    messageIds: Type.Optional(Type.Array(Type.Integer(), { description: 'view_message_addresses: the messages whose addresses were shown' })),
    reporterId: Type.Optional(Type.Integer({ description: 'reveal_phone: the reporter whose number was revealed' })),
    reason: Type.Optional(Type.String({ description: 'reveal_phone: why the number was needed' })),
    unitId: Type.Optional(Type.Integer({ description: 'manage_unit: the unit added or changed' })),
    targetUserId: Type.Optional(Type.Integer({ description: 'manage_user, reset_password: the account' })),
    fields: Type.Optional(Type.Array(Type.String(), { description: 'manage_unit, manage_user, manage_catalogue: what was set' })),
    categoryCode: Type.Optional(Type.String({ description: 'manage_catalogue: the category added or changed' })),
    conditionId: Type.Optional(Type.Integer({ description: 'manage_catalogue: the condition added or changed' })),
    day: Type.Optional(Type.String({ description: 'manage_calendar: the day set (absent: the working hours)' })),
  }),
  ip: Nullable(Type.String()),
});
export const AuditPageSchema = PageOf(AuditEntrySchema);
export type AuditEntry = Static<typeof AuditEntrySchema>;
export type AuditPage = Static<typeof AuditPageSchema>;

export const auditRoutes = {
  listAudit: route({
    method: 'GET',
    path: '/api/v1/audit',
    tags: ['system'],
    summary: '审计日志 Who searched by phone or saw reporters in full, newest first (administrators)',
    querystring: AuditQuery,
    response: { 200: AuditPageSchema },
  }),
};
