import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Obj, Ok } from './common.ts';
import { route } from './route.ts';
import { literals, PERMISSIONS, ROLES } from './vocabulary.ts';

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 60 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

const user = {
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(literals(ROLES)),
  unitId: Nullable(Type.Integer()),
  mustChangePassword: Type.Boolean({ description: 'a one-time password: change it before anything else' }),
};

export const LoginResponseSchema = Obj({ token: Type.String({ description: 'bearer token; also set as the session cookie' }), expiresAt: DateTime, user: Obj(user) });
/** The signed-in user with his data scope (数据权限). */
export const MeSchema = Obj({
  ...user,
  unitIds: Type.Array(Type.Integer(), { description: 'his unit and the units below it' }),
  areaCodes: Type.Array(Type.String(), { description: 'grids and divisions he covers' }),
  permissions: Type.Array(literals(PERMISSIONS), { description: 'what he may do beyond the order actions (each order lists its allowedActions)' }),
});
export type LoginResponse = Static<typeof LoginResponseSchema>;
export type Me = Static<typeof MeSchema>;

export const authRoutes = {
  login: route({
    method: 'POST',
    path: '/api/v1/auth/login',
    tags: ['auth'],
    summary: '登录 Sign in; sets the session cookie and returns a bearer token',
    body: LoginBody,
    response: { 200: LoginResponseSchema },
    public: true,
  }),
  logout: route({ method: 'POST', path: '/api/v1/auth/logout', tags: ['auth'], summary: '退出 Sign out', response: { 200: Ok }, public: true }),
  changePassword: route({
    method: 'POST',
    path: '/api/v1/auth/password',
    tags: ['auth'],
    summary: '修改密码 Change your own password (required first after a one-time password); ends your other sessions',
    body: ChangePasswordBody,
    response: { 200: Ok },
  }),
  me: route({ method: 'GET', path: '/api/v1/me', tags: ['auth'], summary: '当前用户 The signed-in user, roles and scope', response: { 200: MeSchema } }),
};
