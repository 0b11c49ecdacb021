import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { PagingFields } from '@liandong/contracts';
import { AUDIT_ACTIONS, listAudit } from '@liandong/core/audit/audit.repository.ts';
import { hasRole } from '@liandong/core/org/actor.ts';
import { forbidden } from '@liandong/core/shared/errors.ts';
import { requireActor } from '../http/auth.ts';
import type { Platform } from '../platform.ts';
import { errorResponses } from './schemas.ts';

const AuditQuery = Type.Object({
  ...PagingFields,
  userId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  action: Type.Optional(Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a)))),
  orderId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  from: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date-time, inclusive' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date-time, exclusive' })),
});

/** The audit trail of access to personal data (审计日志), for administrators. */
export function auditRoutes(app: FastifyInstance, p: Platform): void {
  app.get<{ Querystring: Static<typeof AuditQuery> }>(
    '/api/v1/audit',
    {
      schema: {
        tags: ['system'],
        summary: '审计日志 Who searched by phone or saw reporters in full, newest first (administrators)',
        querystring: AuditQuery,
        response: errorResponses,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!hasRole(actor, 'admin')) throw forbidden('仅管理员可以查看审计日志', 'Only administrators may read the audit trail');
      return listAudit(p.db, req.query);
    },
  );
}
