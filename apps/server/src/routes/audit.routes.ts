import type { FastifyInstance } from 'fastify';
import { auditRoutes as routes } from '@liandong/contracts';
import { readAudit } from '@liandong/core/audit/audit.repository.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';

/** The audit trail of access to personal data (审计日志), for administrators. */
export function auditRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.listAudit, async (req) => readAudit(p.db, requireActor(req), req.query));
}
