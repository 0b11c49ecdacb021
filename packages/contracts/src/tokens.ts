import { Type, type Static } from '@sinclair/typebox';
import { DateTime, IdParams, Nullable, Obj } from './common.ts';
import { route } from './route.ts';

/** An integration's API token (接口令牌) as administrators see it; the secret itself is never shown again. */
export const ApiTokenSchema = Obj({
  id: Type.Integer(),
  name: Type.String(),
  userId: Type.Integer(),
  username: Type.String(),
  createdAt: DateTime,
  expiresAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});
export type ApiTokenView = Static<typeof ApiTokenSchema>;

export const ApiTokenListQuery = Obj({ user: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'username whose tokens to list' })) });

export const ApiTokenList = Obj({ items: Type.Array(ApiTokenSchema) });

export const tokenRoutes = {
  listTokens: route({
    method: 'GET',
    path: '/api/v1/admin/tokens',
    tags: ['auth'],
    summary: '接口令牌列表 API tokens of integrations (administrators; secrets are never shown)',
    querystring: ApiTokenListQuery,
    response: { 200: ApiTokenList },
  }),
  revokeToken: route({
    method: 'DELETE',
    path: '/api/v1/admin/tokens/:id',
    tags: ['auth'],
    summary: '吊销接口令牌 Revoke an API token (administrators); refused at once by every process',
    params: IdParams,
    response: { 200: ApiTokenSchema },
  }),
};
