/**
 * Integration API tokens (接口令牌) for administrators: list and revoke without SQL. Tokens are not
 * cached, so a revoked token is refused at once by every process.
 */
import type { FastifyInstance } from 'fastify';
import { tokenRoutes as routes } from '@liandong/contracts';
import { listTokensAs, revokeTokenAs } from '@liandong/core/auth/api-tokens.repository.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';

export function tokenRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.listTokens, async (req) => ({ items: await listTokensAs(p.db, requireActor(req), { username: req.query.user }) }));
  contractRoute(app, routes.revokeToken, async (req) => revokeTokenAs(p.db, requireActor(req), req.params.id, p.clock()));
}
