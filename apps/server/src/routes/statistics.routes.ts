import type { FastifyInstance } from 'fastify';
import { statisticsRoutes as routes } from '@liandong/contracts';
import { statsBreakdown, statsHeadline, statsOrders, statsSeries } from '@liandong/core/statistics/read-stats.ts';
import { checkStatsAs, rebuildStatsAs } from '@liandong/core/statistics/admin-stats.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import { requestLang } from '../http/lang.ts';
import { readClock, type Platform } from '../platform.ts';

/** 统计分析: headline, series, breakdowns and the orders behind a figure, from the rollups (docs/statistics.md). */
export function statisticsRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.headline, async (req) => statsHeadline(p.db, requireActor(req), req.query, p.clock()));
  contractRoute(app, routes.series, async (req) => statsSeries(p.db, requireActor(req), req.query, p.clock()));
  contractRoute(app, routes.breakdown, async (req) => statsBreakdown(p.db, requireActor(req), req.params.dimension, req.query, requestLang(req), p.clock()));
  contractRoute(app, routes.orders, async (req) => statsOrders(p.db, requireActor(req), req.query, requestLang(req), await readClock(p)));
  contractRoute(app, routes.check, async (req) => checkStatsAs(p.db, requireActor(req), p.clock()));
  contractRoute(app, routes.rebuild, async (req) => rebuildStatsAs(p.db, requireActor(req), p.clock()));
}
