/**
 * Integration API tokens (接口令牌) for administrators: list and revoke without SQL. Tokens are not
 * cached, so a revoked token is refused at once by every process.
 */
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ApiTokenList, ApiTokenListQuery, ApiTokenSchema, IdParams } from '@liandong/contracts';
import { getApiToken, listApiTokens, revokeApiToken } from '@liandong/core/auth/api-tokens.repository.ts';
import { hasRole, type Actor } from '@liandong/core/org/actor.ts';
import { DomainError, forbidden } from '@liandong/core/shared/errors.ts';
import { requireActor } from '../http/auth.ts';
import type { Platform } from '../platform.ts';
import { errorResponses } from './schemas.ts';

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw forbidden('仅管理员可以管理接口令牌', 'Only administrators may manage API tokens');
}

export function tokenRoutes(app: FastifyInstance, p: Platform): void {
  app.get<{ Querystring: Static<typeof ApiTokenListQuery> }>(
    '/api/v1/admin/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: '接口令牌列表 API tokens of integrations (administrators; secrets are never shown)',
        querystring: ApiTokenListQuery,
        response: { 200: ApiTokenList, ...errorResponses },
      },
    },
    async (req) => {
      requireAdmin(requireActor(req));
      return { items: await listApiTokens(p.db, { username: req.query.user }) };
    },
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    '/api/v1/admin/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: '吊销接口令牌 Revoke an API token (administrators); refused at once by every process',
        params: IdParams,
        response: { 200: ApiTokenSchema, ...errorResponses },
      },
    },
    async (req) => {
      requireAdmin(requireActor(req));
      const revoked = await revokeApiToken(p.db, req.params.id, p.clock());
      if (revoked[0]) return revoked[0];
      const existing = await getApiToken(p.db, req.params.id);
      if (existing) return existing; // already revoked: idempotent
      throw new DomainError(404, 'not_found', { zh: '接口令牌不存在', en: 'API token not found' });
    },
  );
}
