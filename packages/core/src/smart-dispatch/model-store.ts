/**
 * Models in the database (dispatch_models, migration 0043) and the one the process suggests with: the newest ready
 * version, read once and kept per database until a newer one is ready (a version number is cheap to check).
 */
import type { Queryable } from '@liandong/db';
import type { DispatchModel } from './dispatch-model.rules.ts';
import type { TrainingCounts } from './train-model.ts';

export interface ModelRow {
  version: number;
  state: 'training' | 'ready' | 'failed';
  progress: number;
  stage: string;
  startedAt: Date;
  trainedAt: Date | null;
  lastEventId: number;
  examples: Partial<TrainingCounts>;
  evaluation: Record<string, number> | null;
  error: string | null;
}

const COLS = `version, state, progress, stage, started_at, trained_at, last_event_id, examples, evaluation, error`;

interface Raw {
  version: number;
  state: ModelRow['state'];
  progress: number;
  stage: string;
  started_at: Date;
  trained_at: Date | null;
  last_event_id: string;
  examples: Partial<TrainingCounts>;
  evaluation: Record<string, number> | null;
  error: string | null;
}
const toRow = (r: Raw): ModelRow => ({
  version: r.version,
  state: r.state,
  progress: Number(r.progress),
  stage: r.stage,
  startedAt: new Date(r.started_at),
  trainedAt: r.trained_at ? new Date(r.trained_at) : null,
  lastEventId: Number(r.last_event_id),
  examples: r.examples,
  evaluation: r.evaluation,
  error: r.error,
});

/**
 * A new run's row (its version the next number), or null when one is already training (a run that has trained for
 * over an hour is taken for dead). Two starts at once: the version is the key, the second insert fails and is null.
 */
export async function startModelRow(q: Queryable, userId: number | null, now: Date): Promise<number | null> {
  try {
    const r = await q.query<{ version: number }>(
      `insert into dispatch_models (version, started_at, started_by)
       select m.v, $1, $2 from (select coalesce(max(version), 0) + 1 as v from dispatch_models) m
        where not exists (select 1 from dispatch_models where state = 'training' and started_at > $1::timestamptz - interval '1 hour')
       returning version`,
      [now, userId],
    );
    return r.rows[0]?.version ?? null;
  } catch (err) {
    if ((err as { code?: string }).code === '23505') return null;
    throw err;
  }
}

export async function reportProgress(q: Queryable, version: number, progress: number, stage: string): Promise<void> {
  await q.query(`update dispatch_models set progress = $2, stage = $3 where version = $1 and state = 'training'`, [version, Math.min(1, Math.max(0, progress)), stage]);
}

export async function saveModel(
  q: Queryable,
  version: number,
  model: DispatchModel,
  info: { counts: TrainingCounts; lastEventId: number; evaluation: Record<string, number>; now: Date },
): Promise<void> {
  await q.query(
    `update dispatch_models set state = 'ready', progress = 1, stage = 'done', trained_at = $2, weights = $3::jsonb, examples = $4::jsonb,
            evaluation = $5::jsonb, last_event_id = $6 where version = $1`,
    [version, info.now, JSON.stringify(model), JSON.stringify(info.counts), JSON.stringify(info.evaluation), info.lastEventId],
  );
}

export async function failModel(q: Queryable, version: number, error: string): Promise<void> {
  await q.query(`update dispatch_models set state = 'failed', stage = 'failed', error = $2 where version = $1`, [version, error.slice(0, 500)]);
}

export async function listModels(q: Queryable, limit = 10): Promise<ModelRow[]> {
  return (await q.query<Raw>(`select ${COLS} from dispatch_models order by version desc limit $1`, [limit])).rows.map(toRow);
}

export async function latestReady(q: Queryable): Promise<ModelRow | null> {
  const r = await q.query<Raw>(`select ${COLS} from dispatch_models where state = 'ready' order by version desc limit 1`);
  return r.rows[0] ? toRow(r.rows[0]) : null;
}

const cache = new WeakMap<object, { version: number; model: DispatchModel }>();

/** The newest ready model with its version, or null when none has been trained yet. `key`: one per database. */
export async function currentModel(q: Queryable, key: object = q): Promise<{ version: number; model: DispatchModel } | null> {
  const head = await q.query<{ version: number }>(`select max(version) as version from dispatch_models where state = 'ready'`);
  const version = head.rows[0]?.version;
  if (version == null) return null;
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit;
  const r = await q.query<{ weights: DispatchModel | string }>(`select weights from dispatch_models where version = $1`, [version]);
  const w = r.rows[0]!.weights;
  const loaded = { version, model: typeof w === 'string' ? (JSON.parse(w) as DispatchModel) : w };
  cache.set(key, loaded);
  return loaded;
}
