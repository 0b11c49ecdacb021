import type { FastifyInstance } from 'fastify';
import { warningRoutes as routes } from '@liandong/contracts';
import {
  acknowledgeWarning,
  getWarning,
  listWarningRules,
  listWarnings,
  resolveWarning,
  runWarningsNow,
  updateWarningRule,
  warningOrders,
  warningSummary,
} from '@liandong/core/warnings/index.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import { requestLang } from '../http/lang.ts';
import { readClock, type Platform } from '../platform.ts';

/** 预警: warnings in the reader's scope, acknowledged and resolved; the rules (docs/early-warning.md). */
export function warningRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.list, async (req) => listWarnings(p.db, requireActor(req), req.query, requestLang(req)));
  contractRoute(app, routes.summary, async (req) => warningSummary(p.db, requireActor(req), requestLang(req)));
  contractRoute(app, routes.get, async (req) => getWarning(p.db, requireActor(req), req.params.id, requestLang(req)));
  contractRoute(app, routes.orders, async (req) => warningOrders(p.db, requireActor(req), req.params.id, req.query, requestLang(req), await readClock(p)));
  contractRoute(app, routes.acknowledge, async (req) => acknowledgeWarning(p.db, requireActor(req), req.params.id, requestLang(req), p.clock()));
  contractRoute(app, routes.resolve, async (req) => resolveWarning(p.db, requireActor(req), req.params.id, req.body.note, requestLang(req), p.clock()));
  contractRoute(app, routes.rules, async (req) => listWarningRules(p.db, requireActor(req), requestLang(req)));
  contractRoute(app, routes.updateRule, async (req) => updateWarningRule(p.db, requireActor(req), req.params.code, req.body, requestLang(req), p.clock()));
  contractRoute(app, routes.run, async (req) => runWarningsNow(p.db, requireActor(req), p.clock(), (q) => p.calendar.get(q)));
}
