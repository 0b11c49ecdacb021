/** 巡查: a grid worker's patrol track in batches (idempotent by key), and a grid's patrol coverage in a period. */
import type { FastifyInstance } from 'fastify';
import { patrolRoutes as routes } from '@liandong/contracts';
import { gridCoverage } from '@liandong/core/patrol/grid-coverage.ts';
import { recordTrack } from '@liandong/core/patrol/record-track.ts';
import { requireActor } from '../http/auth.ts';
import { contractRoute } from '../http/contract-route.ts';
import { headerOf } from '../http/request-headers.ts';
import type { Platform } from '../platform.ts';

export function patrolRoutes(app: FastifyInstance, p: Platform): void {
  contractRoute(app, routes.recordTrack, async (req) =>
    recordTrack(p.db, requireActor(req), headerOf(req, 'idempotency-key'), req.body, { now: p.clock(), territory: p.services.territory }),
  );
  contractRoute(app, routes.gridCoverage, async (req) => gridCoverage(p.db, requireActor(req), req.query));
}
