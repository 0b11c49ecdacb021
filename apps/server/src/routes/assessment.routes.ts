import type { FastifyInstance } from 'fastify';
import { assessmentRoutes as routes } from '@liandong/contracts';
import { drillDown } from '@liandong/core/assessment/drill-down.ts';
import { indicatorList } from '@liandong/core/assessment/indicator-list.ts';
import { unitAssessment } from '@liandong/core/assessment/unit-assessment.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import { requestLang } from '../http/lang.ts';
import { readClock, type Platform } from '../platform.ts';

/** 考核: indicators, units' figures and standings, the orders behind a figure (docs/assessment.md). */
export function assessmentRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.indicators, async (req) => indicatorList(requireActor(req), requestLang(req)));
  contractRoute(app, routes.units, async (req) => unitAssessment(p.db, requireActor(req), req.query, requestLang(req), p.clock()));
  contractRoute(app, routes.drill, async (req) => drillDown(p.db, requireActor(req), req.params, req.query, requestLang(req), await readClock(p)));
}
