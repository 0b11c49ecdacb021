import type { FastifyInstance } from 'fastify';
import { assessmentRoutes as routes } from '@liandong/contracts';
import { drillDown } from '@liandong/core/assessment/drill-down.ts';
import { indicatorList } from '@liandong/core/assessment/indicator-list.ts';
import { standings } from '@liandong/core/assessment/standings.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import { requestLang } from '../http/lang.ts';
import { readClock, type Platform } from '../platform.ts';

/** 考核: indicators, the standings of units, areas and grid workers, the orders behind a figure (docs/assessment.md). */
export function assessmentRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.indicators, async (req) => indicatorList(requireActor(req), requestLang(req)));
  contractRoute(app, routes.standings, async (req) => standings(p.db, requireActor(req), req.params.subject, req.query, p.clock()));
  contractRoute(app, routes.drill, async (req) => drillDown(p.db, requireActor(req), req.params, req.query, requestLang(req), await readClock(p)));
}
