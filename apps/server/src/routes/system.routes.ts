import type { FastifyInstance } from 'fastify';
import { systemRoutes as routes } from '@liandong/contracts';
import { isMigrated } from '@liandong/db';
import { notFound } from '@liandong/core/shared/errors.ts';
import { deploymentState } from '@liandong/core/setup/deployment.ts';
import { demoAccounts } from '@liandong/core/demo/index.ts';
import { demoHistoryStatus } from '@liandong/core/demo/history/history-progress.ts';
import { contractRoute } from '../http/contract-route.ts';
import type { Platform } from '../platform.ts';

const DEMO = { zh: '演示数据', en: 'Demo district' };

export function systemRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.health, async (_req, reply) => {
    const unavailable = (reason: string) => {
      reply.status(503);
      return { status: 'unavailable' as const, reason };
    };
    try {
      if (!(await isMigrated(p.db))) return unavailable('migrations pending');
      const state = await deploymentState(p.db);
      if (state === 'ready') return { status: 'ok' as const };
      return unavailable(state === 'empty' ? 'not set up yet' : 'first setup incomplete');
    } catch {
      return unavailable('database unreachable');
    }
  });

  contractRoute(app, routes.demoAccounts, async () => {
    const accounts = await demoAccounts(p.db);
    if (!accounts) throw notFound(DEMO);
    return accounts;
  });

  contractRoute(app, routes.demoStatus, async () => {
    const status = await demoHistoryStatus(p.db);
    if (!status) throw notFound(DEMO);
    return status;
  });
}
