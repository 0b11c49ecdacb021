/** When and from where an administrator's request came: what the audit entry of his change records. */
import type { FastifyRequest } from 'fastify';
import type { AdminContext } from '@liandong/core/audit/audit.repository.ts';
import type { Platform } from '../platform.ts';

export function adminContext(p: Platform, req: FastifyRequest): AdminContext {
  return { now: p.clock(), ip: req.ip };
}
