/**
 * The organisation in the console (组织机构与用户): administrators keep the unit tree (centres, sub-centres,
 * departments, stations, grid teams) and the users — their roles, their data scope (units with everything below
 * them, and areas), disabling an account, and resetting a password to a one-time one.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, IdParams, Nullable, Obj, PageOf, PagingFields } from './common.ts';
import { route } from './route.ts';
import { UnitSchema } from './catalogue.ts';
import { literals, ROLES, UNIT_KINDS, UNIT_LEVELS } from './vocabulary.ts';

const Name = (description: string) => Type.String({ minLength: 1, maxLength: 100, description });
const Phone = Type.String({ pattern: '^[0-9+\\-]{5,20}$', description: 'digits, + or -' });

/** A unit as the administrator sees it: the active and the disabled, with its leader and how many people work there. */
export const UnitAdminSchema = Obj({
  ...UnitSchema.properties,
  leaderName: Nullable(Type.String()),
  leaderPhone: Nullable(Type.String()),
  enforcement: Type.Boolean({ description: '综合执法: orders it closes count as solved by enforcement' }),
  active: Type.Boolean(),
  users: Type.Integer({ description: 'active users whose unit it is' }),
});
export type UnitAdmin = Static<typeof UnitAdminSchema>;

const unitFields = {
  nameEn: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  leaderName: Type.Optional(Nullable(Type.String({ maxLength: 50, description: '负责人' }))),
  leaderPhone: Type.Optional(Nullable(Phone)),
  enforcement: Type.Optional(Type.Boolean()),
};

export const UnitCreateBody = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{1,39}$', description: 'unique, e.g. WJ-SWUJ' }),
    name: Name('单位名称'),
    kind: literals(UNIT_KINDS),
    level: literals(UNIT_LEVELS),
    parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1, description: 'the unit above it (上级单位); none for a district centre or bureau' }))),
    divisionCode: Type.Optional(Nullable(Type.String({ maxLength: 12, description: 'the division it serves (a town’s sub-centre: the town)' }))),
    ...unitFields,
  },
  { additionalProperties: false },
);
export type UnitCreate = Static<typeof UnitCreateBody>;

export const UnitPatchBody = Type.Object(
  {
    name: Type.Optional(Name('单位名称')),
    parentId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    active: Type.Optional(Type.Boolean({ description: 'false: disabled — refused while it has open orders, active sub-units or active users' })),
    ...unitFields,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UnitPatch = Static<typeof UnitPatchBody>;

export const ScopeSchema = Obj({
  units: Type.Array(Obj({ id: Type.Integer(), name: Type.String() }), { description: 'units he works for, with everything below them' }),
  areas: Type.Array(Obj({ code: Type.String(), name: Nullable(Type.String()) }), { description: 'divisions or grids' }),
});

/** A user as the administrator sees him (the phone in full: administrators keep the accounts). */
export const UserAdminSchema = Obj({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  phone: Nullable(Type.String()),
  unit: Nullable(Obj({ id: Type.Integer(), name: Type.String() })),
  roles: Type.Array(literals(ROLES)),
  scope: ScopeSchema,
  gridWorkerKind: Nullable(literals(['full_time', 'part_time'] as const)),
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean({ description: 'holds a one-time password' }),
  createdAt: DateTime,
  lastLoginAt: Nullable(DateTime),
});
export type UserAdmin = Static<typeof UserAdminSchema>;

export const UserQuery = Type.Object(
  {
    ...PagingFields,
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'username or name contains' })),
    unitId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'his unit or a unit below it' })),
    role: Type.Optional(literals(ROLES)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UserFilter = Static<typeof UserQuery>;

const userFields = {
  phone: Type.Optional(Nullable(Phone)),
  unitId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  scopeUnitIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50, uniqueItems: true, description: 'data scope: units (and all below them)' })),
  scopeAreaCodes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 200, uniqueItems: true, description: 'data scope: division or grid codes' })),
  gridWorkerKind: Type.Optional(Nullable(literals(['full_time', 'part_time'] as const))),
};

export const UserCreateBody = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 40, description: '2–40 lowercase letters, digits or _.-' }),
    displayName: Name('姓名'),
    roles: Type.Array(literals(ROLES), { minItems: 1, uniqueItems: true }),
    ...userFields,
  },
  { additionalProperties: false },
);
export type UserCreate = Static<typeof UserCreateBody>;

export const UserPatchBody = Type.Object(
  {
    displayName: Type.Optional(Name('姓名')),
    roles: Type.Optional(Type.Array(literals(ROLES), { minItems: 1, uniqueItems: true })),
    active: Type.Optional(Type.Boolean({ description: 'false: disabled, signed out everywhere' })),
    ...userFields,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UserPatch = Static<typeof UserPatchBody>;

/** A new account or a reset: the one-time password is shown once, to be handed over; it must be changed at first sign-in. */
export const OneTimePasswordSchema = Obj({ temporaryPassword: Type.String() });
export const UserCreatedSchema = Obj({ user: UserAdminSchema, temporaryPassword: Type.String() });

export const orgRoutes = {
  listUnits: route({
    method: 'GET',
    path: '/api/v1/admin/units',
    tags: ['admin'],
    summary: '组织机构 Every unit, disabled ones too, with its leader and users (administrators)',
    response: { 200: Type.Array(UnitAdminSchema) },
  }),
  createUnit: route({
    method: 'POST',
    path: '/api/v1/admin/units',
    tags: ['admin'],
    summary: '新增单位 Add a unit under another',
    body: UnitCreateBody,
    response: { 201: UnitAdminSchema },
  }),
  updateUnit: route({
    method: 'PATCH',
    path: '/api/v1/admin/units/:id',
    tags: ['admin'],
    summary: '修改单位 Rename, move, change the leader, disable or enable a unit',
    params: IdParams,
    body: UnitPatchBody,
    response: { 200: UnitAdminSchema },
  }),
  listUsers: route({
    method: 'GET',
    path: '/api/v1/admin/users',
    tags: ['admin'],
    summary: '用户管理 Users with roles and data scope (administrators)',
    querystring: UserQuery,
    response: { 200: PageOf(UserAdminSchema) },
  }),
  createUser: route({
    method: 'POST',
    path: '/api/v1/admin/users',
    tags: ['admin'],
    summary: '新增用户 Add a user; answers his one-time password (shown once)',
    body: UserCreateBody,
    response: { 201: UserCreatedSchema },
  }),
  updateUser: route({
    method: 'PATCH',
    path: '/api/v1/admin/users/:id',
    tags: ['admin'],
    summary: '修改用户 Change a user’s name, unit, roles, data scope; disable (signs him out everywhere) or enable',
    params: IdParams,
    body: UserPatchBody,
    response: { 200: UserAdminSchema },
  }),
  resetPassword: route({
    method: 'POST',
    path: '/api/v1/admin/users/:id/password-reset',
    tags: ['admin'],
    summary: '重置密码 A new one-time password (shown once); his sessions end',
    params: IdParams,
    response: { 200: OneTimePasswordSchema },
  }),
};
