import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { isMigrated } from '@liandong/db';
import { notFound } from '@liandong/core/shared/errors.ts';
import { deploymentState } from '@liandong/core/setup/deployment.ts';
import type { Platform } from '../platform.ts';

export const DEMO_ACCOUNTS_KEY = 'demo.accounts';
export const DEMO_HISTORY_KEY = 'demo.history';

export function systemRoutes(app: FastifyInstance, p: Platform): void {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Health: 200 only when the database is reachable, migrated and its first setup complete (503 with a reason otherwise)',
      },
    },
    async (_req, reply) => {
      try {
        if (!(await isMigrated(p.db))) return reply.status(503).send({ status: 'unavailable', reason: 'migrations pending' });
        const state = await deploymentState(p.db);
        if (state === 'ready') return { status: 'ok' };
        return reply.status(503).send({ status: 'unavailable', reason: state === 'empty' ? 'not set up yet' : 'first setup incomplete' });
      } catch {
        return reply.status(503).send({ status: 'unavailable', reason: 'database unreachable' });
      }
    },
  );

  app.get(
    '/api/v1/demo/accounts',
    {
      schema: {
        tags: ['system'],
        summary: '演示账号 Demo accounts (404 when the demo district is not loaded); passwords are not listed',
        response: {
          200: Type.Array(Type.Object({ username: Type.String(), role: Type.String(), scope: Type.String(), displayName: Type.String() })),
        },
      },
    },
    async () => {
      const r = await p.db.query<{ value: unknown }>('select value from settings where key = $1', [DEMO_ACCOUNTS_KEY]);
      if (!r.rows[0]) throw notFound({ zh: '演示数据', en: 'Demo district' });
      return r.rows[0].value;
    },
  );

  app.get('/api/v1/demo/status', { schema: { tags: ['system'], summary: 'Progress of the demo history build' } }, async () => {
    const r = await p.db.query<{ value: unknown }>('select value from settings where key = $1', [DEMO_HISTORY_KEY]);
    if (!r.rows[0]) throw notFound({ zh: '演示数据', en: 'Demo district' });
    return r.rows[0].value;
  });
}
