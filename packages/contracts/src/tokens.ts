import { Type } from '@sinclair/typebox';

/** An integration's API token (接口令牌) as administrators see it; the secret itself is never shown again. */
export const ApiTokenSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  userId: Type.Integer(),
  username: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const ApiTokenListQuery = Type.Object(
  { user: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'username whose tokens to list' })) },
  { additionalProperties: false },
);

export const ApiTokenList = Type.Object({ items: Type.Array(ApiTokenSchema) });
