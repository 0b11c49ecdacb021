/**
 * The training job (后台训练): a run is a row of dispatch_models that says how far it is (progress 0…1 and its
 * stage) while the model learns the catalogue, the taxonomy and every dispatch and return, then holds the weights
 * and the evaluation. The evaluation is prequential: the newest dispatches (up to 200) are suggested for before
 * they are learned, and the share whose unit was in the first one / three suggestions is kept.
 * Started by an administrator (POST /api/v1/dispatch/models), by the background work when there is no model, and
 * hourly by it when orders were dispatched or returned since the last run. One run at a time per database.
 */
import type { Db } from '@liandong/db';
import { learnExample, suggest } from './dispatch-model.rules.ts';
import { failModel, latestReady, reportProgress, saveModel, startModelRow } from './model-store.ts';
import { trainModel } from './train-model.ts';
import { dispatchExamples, loadCatalogueTexts, readTaxonomy } from './training-set.ts';

const HELD_OUT = 200;

export async function trainDispatchModel(db: Db, opts: { userId?: number | null; now: Date }): Promise<number | null> {
  const version = await startModelRow(db, opts.userId ?? null, opts.now);
  if (version === null) return null;
  return runTraining(db, version);
}

/** Trains the run `version` (a row startModelRow made) to the end: ready with its weights, or failed with the error. */
export async function runTraining(db: Db, version: number): Promise<number> {
  try {
    await reportProgress(db, version, 0, 'reading');
    const { conditions, units } = await loadCatalogueTexts(db);
    const { examples, lastEventId } = await dispatchExamples(db);
    const cut = Math.max(0, examples.length - HELD_OUT);
    const { model, counts } = await trainModel(
      { conditions, units, taxonomy: readTaxonomy(), dispatches: examples.slice(0, cut) },
      (share, stage) => reportProgress(db, version, share * 0.9, stage),
    );
    let top1 = 0;
    let top3 = 0;
    let asked = 0;
    for (const e of examples.slice(cut)) {
      if (e.weight > 0 && e.unitCode) {
        const list = suggest(model, e.text, 3).map((s) => s.unitCode);
        asked++;
        if (list[0] === e.unitCode) top1++;
        if (list.includes(e.unitCode)) top3++;
      }
      learnExample(model, e);
    }
    const all = { ...counts, dispatches: examples.filter((d) => d.weight > 0).length, returns: examples.filter((d) => d.weight < 0).length };
    const evaluation = { heldOut: asked, top1: asked ? top1 / asked : 0, top3: asked ? top3 / asked : 0 };
    await saveModel(db, version, model, { counts: all, lastEventId, evaluation, now: new Date() });
    return version;
  } catch (err) {
    await failModel(db, version, err instanceof Error ? err.message : String(err));
    throw err;
  }
}

/** Trains when there is no ready model, or when orders were dispatched or returned since the newest one. */
export async function retrainIfStale(db: Db, now: Date): Promise<number | null> {
  const latest = await latestReady(db);
  if (latest) {
    const r = await db.query<{ n: number }>(
      `select count(*)::int as n from order_events where id > $1 and action in ('dispatch', 'redispatch', 'return')`,
      [latest.lastEventId],
    );
    if (r.rows[0]!.n === 0) return null;
  }
  return trainDispatchModel(db, { now });
}
