/**
 * Patrol (巡查): the tracks a grid worker's phone records while patrolling, sent in batches through its outbox, and
 * the coverage of a grid (巡查覆盖率) — the share of its H3 cells the filtered tracks passed through in a period.
 */
import { Type, type Static } from '@sinclair/typebox';
import { DateTime, Flag, Obj } from './common.ts';
import { route } from './route.ts';
import { CRS_CODES, literals } from './vocabulary.ts';

export const TrackBatchBody = Type.Object(
  {
    crs: Type.Optional(literals(CRS_CODES, { description: 'the positions’ coordinate system (a phone’s map SDK: gcj02); default wgs84' })),
    points: Type.Array(
      Type.Object(
        {
          lng: Type.Number({ minimum: -180, maximum: 180 }),
          lat: Type.Number({ minimum: -90, maximum: 90 }),
          accuracy: Type.Optional(Type.Number({ minimum: 0, maximum: 100_000, description: 'metres' })),
          at: Type.String({ format: 'date-time', description: 'when the phone recorded it' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 5_000 },
    ),
  },
  { additionalProperties: false },
);
export type TrackBatch = Static<typeof TrackBatchBody>;

export const TrackReceiptSchema = Obj({
  received: Type.Integer({ description: 'positions in the batch' }),
  kept: Type.Integer({ description: 'stored after filtering' }),
  vague: Type.Integer({ description: 'dropped: accuracy worse than 50 m' }),
  jumps: Type.Integer({ description: 'dropped: faster than 8 m/s from the position before' }),
});
export type TrackReceipt = Static<typeof TrackReceiptSchema>;

export const CoverageQuery = Obj({
  gridCode: Type.String({ minLength: 1, maxLength: 40 }),
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  map: Flag('also the grid’s outline and the cells passed through, to draw (the field app’s patrol map)'),
});

const Ring = Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }), { description: '[lng, lat] positions, WGS-84' });
/** What the worker's patrol map draws: the grid and the cells walked in the period. */
export const CoverageMapSchema = Obj({
  outline: Type.Array(Ring, { description: 'the grid’s outer rings' }),
  visitedCells: Type.Array(Ring, { description: 'each cell passed through (in the grid), as its hexagon' }),
});

export const GridCoverageSchema = Obj({
  grid: Obj({ code: Type.String(), name: Type.String() }),
  from: DateTime,
  to: DateTime,
  resolution: Type.Integer({ description: 'H3 resolution of the cells' }),
  cells: Type.Integer({ description: 'the grid’s cells' }),
  visited: Type.Integer({ description: 'of them, those the tracks passed through' }),
  ratio: Type.Number({ description: 'visited / cells, 0–1' }),
  workers: Type.Array(Obj({ userId: Type.Integer(), name: Type.String(), visited: Type.Integer(), ratio: Type.Number(), points: Type.Integer() })),
  map: Type.Optional(CoverageMapSchema),
});
export type GridCoverage = Static<typeof GridCoverageSchema>;

export const patrolRoutes = {
  recordTrack: route({
    method: 'POST',
    path: '/api/v1/patrol/tracks',
    tags: ['patrol'],
    summary: '上传巡查轨迹 A batch of patrol positions (grid workers); a batch sent again with its Idempotency-Key is stored once',
    headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'required; a retry with the same key is answered as before' })) }),
    body: TrackBatchBody,
    response: { 200: TrackReceiptSchema },
  }),
  gridCoverage: route({
    method: 'GET',
    path: '/api/v1/patrol/coverage',
    tags: ['patrol'],
    summary: '巡查覆盖率 A grid’s patrol coverage in a period, in all and per worker (the grid’s worker, and those whose area holds it)',
    querystring: CoverageQuery,
    response: { 200: GridCoverageSchema },
  }),
};
