/**
 * Grid files from the console (网格导入): an administrator's file checked feature by feature (every problem,
 * in the reader's language) and imported all or nothing (import-grids.ts).
 */
import type { Db } from '@liandong/db';
import type { GridCheck, Lang } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import type { Crs } from './coordinates.ts';
import { checkGridsGeoJson, importGridsGeoJson } from './import-grids.ts';
import type { UpsertResult } from './types.ts';

export async function checkGridFile(db: Db, actor: Actor, file: unknown, crs: Crs, lang: Lang): Promise<GridCheck> {
  assertMay(actor, 'territory.manage');
  const features = Array.isArray((file as { features?: unknown }).features) ? (file as { features: unknown[] }).features.length : 0;
  const { problems } = await checkGridsGeoJson(db, file, crs);
  const fileLevel = problems.some((p) => p.location.feature === undefined);
  const badFeatures = new Set(problems.map((p) => p.location.feature).filter((f) => f !== undefined));
  return {
    features,
    valid: fileLevel ? 0 : features - badFeatures.size,
    problems: problems.map((p) => ({ feature: p.location.feature ?? null, field: p.field ?? '', message: lang === 'en' ? p.messages.en : p.messages.zh })),
  };
}

export async function importGridFile(db: Db, actor: Actor, file: unknown, crs: Crs): Promise<UpsertResult> {
  assertMay(actor, 'territory.manage');
  return importGridsGeoJson(db, file, { crs });
}
