import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Nullable, Obj } from './common.ts';
import { route } from './route.ts';
import { literals, ROLES } from './vocabulary.ts';

export const HealthOkSchema = Obj({ status: Type.Literal('ok') });
export const HealthUnavailableSchema = Obj({ status: Type.Literal('unavailable'), reason: Type.String() });

export const DemoAccountSchema = Obj({ username: Type.String(), role: literals(ROLES), scope: Type.String(), displayName: Type.String() });

/** Progress of the demo history build (演示历史数据). */
export const DemoStatusSchema = Obj({
  state: literals(['building', 'done'] as const),
  days: Type.Integer(),
  done: Type.Integer({ description: 'orders written so far' }),
  total: Type.Integer({ description: 'orders planned' }),
  startedAt: DateTime,
  finishedAt: Nullable(DateTime),
  endAt: DateTime,
  seed: Type.Integer(),
  ordersPerDay: Type.Number(),
  batchSize: Type.Integer(),
  completedDays: Type.Array(DateTime),
  current: Nullable(Obj({ day: DateTime, batches: Type.Integer() })),
  orders: Type.Integer(),
  events: Type.Integer(),
});
export type DemoAccountView = Static<typeof DemoAccountSchema>;
export type DemoStatus = Static<typeof DemoStatusSchema>;

export const systemRoutes = {
  health: route({
    method: 'GET',
    path: '/api/health',
    tags: ['system'],
    summary: 'Health: 200 only when the database is reachable, migrated and its first setup complete (503 with a reason otherwise)',
    response: { 200: HealthOkSchema, 503: HealthUnavailableSchema },
    public: true,
  }),
  demoAccounts: route({
    method: 'GET',
    path: '/api/v1/demo/accounts',
    tags: ['system'],
    summary: '演示账号 Demo accounts (404 when the demo district is not loaded); passwords are not listed',
    response: { 200: Type.Array(DemoAccountSchema) },
    public: true,
  }),
  demoStatus: route({
    method: 'GET',
    path: '/api/v1/demo/status',
    tags: ['system'],
    summary: '演示进度 Progress of the demo history build (404 when the demo district is not loaded)',
    response: { 200: DemoStatusSchema },
    public: true,
  }),
};
