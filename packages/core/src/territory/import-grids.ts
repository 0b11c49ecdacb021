/**
 * Grid import from GeoJSON (网格导入). All or nothing: every feature is validated first, then references
 * (divisions, parent grids) are checked and the grids written in one transaction, so a bad file leaves
 * the territory as it was.
 */
import type { Db, Queryable } from '@liandong/db';
import type { Crs } from './coordinates.ts';
import { parentFromCode } from './divisions.ts';
import { featureError, fileError, ImportValidationError } from './import-errors.ts';
import { validateGridFeature } from './grid-feature.ts';
import { existingCodes, upsertGrids } from './territory.repository.ts';
import type { GridInput, UpsertResult } from './types.ts';

export interface ImportGridsOptions {
  onProgress?(done: number, total: number): void;
  /** The file's coordinate system; default WGS-84. GCJ-02 (e.g. drawn on AMap) is converted. */
  crs?: Crs;
}

export const MAX_IMPORT_FEATURES = 20_000;

function featuresOf(geojson: unknown): unknown[] {
  let doc = geojson;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      throw fileError('(json)', '不是有效的 JSON', 'is not valid JSON');
    }
  }
  if (typeof doc !== 'object' || doc === null || (doc as { type?: unknown }).type !== 'FeatureCollection') {
    throw fileError('type', '应为 FeatureCollection', 'must be a FeatureCollection');
  }
  const features = (doc as { features?: unknown }).features;
  if (!Array.isArray(features) || features.length === 0) throw fileError('features', '应为非空数组', 'must be a non-empty array');
  if (features.length > MAX_IMPORT_FEATURES) {
    throw fileError('features', `一次最多导入 ${MAX_IMPORT_FEATURES} 个要素`, `at most ${MAX_IMPORT_FEATURES} features per import`);
  }
  return features;
}

/** Validates everything that needs no database; returns the grids in file order. Throws the first problem. */
export function validateGridCollection(geojson: unknown, crs: Crs = 'wgs84'): GridInput[] {
  const { entries, problems } = collectFeatureProblems(geojson, crs);
  if (problems.length) throw problems[0];
  return entries.map((e) => e.grid);
}

/** At most this many problems are reported for one file: enough to fix a whole column at once. */
export const MAX_IMPORT_PROBLEMS = 200;

/** Every feature validated, each problem kept (a file-level problem stops there); the valid grids in file order. */
function collectFeatureProblems(geojson: unknown, crs: Crs): { entries: { grid: GridInput; feature: number }[]; problems: ImportValidationError[] } {
  const problems: ImportValidationError[] = [];
  const entries: { grid: GridInput; feature: number }[] = [];
  const seen = new Map<string, number>();
  featuresOf(geojson).forEach((f, i) => {
    try {
      const g = validateGridFeature(i, f, crs);
      const first = seen.get(g.code);
      if (first !== undefined) throw featureError(i, 'properties.code', `${g.code} 与第 ${first + 1} 个要素重复`, `${g.code} repeats feature ${first + 1}`);
      seen.set(g.code, i);
      entries.push({ grid: g, feature: i });
    } catch (err) {
      if (!(err instanceof ImportValidationError)) throw err;
      problems.push(err);
    }
  });
  return { entries, problems };
}

/**
 * 导入校验: the whole file checked against the territory (divisions exist, parent grids exist), every problem
 * collected with its feature and field, nothing written. What an import would refuse, all at once.
 */
export async function checkGridsGeoJson(q: Queryable, geojson: unknown, crs: Crs = 'wgs84'): Promise<{ grids: GridInput[]; problems: ImportValidationError[] }> {
  let collected: ReturnType<typeof collectFeatureProblems>;
  try {
    collected = collectFeatureProblems(geojson, crs);
  } catch (err) {
    if (err instanceof ImportValidationError) return { grids: [], problems: [err] };
    throw err;
  }
  const { entries, problems } = collected;
  const grids = entries.map((e) => e.grid);
  const index = new Map(entries.map((e) => [e.grid, e.feature]));
  const fields = ['villageCode', 'townCode', 'districtCode'] as const;
  const wanted = grids.flatMap((g) => fields.map((f) => g[f]).filter((c): c is string => !!c));
  // Derived codes (a village's town and district) are filled in when present, never required.
  const derived = grids.flatMap((g) => [g.villageCode, g.townCode].filter((c): c is string => !!c).map((c) => parentFromCode(c)!));
  derived.push(...derived.map((c) => parentFromCode(c)!));
  const known = await existingCodes(q, 'divisions', [...wanted, ...derived]);
  for (const g of grids) {
    const i = index.get(g)!;
    for (const f of fields) {
      const code = g[f];
      if (code && !known.has(code)) problems.push(featureError(i, `properties.${f}`, `区划 ${code} 不存在，请先导入区划`, `division ${code} does not exist; import divisions first`));
    }
    if (!g.townCode && g.villageCode && known.has(parentFromCode(g.villageCode)!)) g.townCode = parentFromCode(g.villageCode);
    if (!g.districtCode && g.townCode && known.has(parentFromCode(g.townCode)!)) g.districtCode = parentFromCode(g.townCode);
  }
  const inFile = new Set(grids.map((g) => g.code));
  const parents = grids.map((g) => g.parentCode).filter((c): c is string => !!c && !inFile.has(c));
  const knownGrids = await existingCodes(q, 'grids', parents);
  for (const g of grids) {
    const i = index.get(g)!;
    if (g.parentCode === g.code) problems.push(featureError(i, 'properties.parentCode', '不能是网格自身', 'must not be the grid itself'));
    else if (g.parentCode && !inFile.has(g.parentCode) && !knownGrids.has(g.parentCode)) {
      problems.push(featureError(i, 'properties.parentCode', `上级网格 ${g.parentCode} 不存在`, `parent grid ${g.parentCode} does not exist`));
    }
  }
  problems.sort((a, b) => (a.location.feature ?? -1) - (b.location.feature ?? -1));
  return { grids, problems: problems.slice(0, MAX_IMPORT_PROBLEMS) };
}

export async function importGridsGeoJson(db: Db, geojson: unknown, opts: ImportGridsOptions = {}): Promise<UpsertResult> {
  return db.transaction(async (tx) => {
    const { grids, problems } = await checkGridsGeoJson(tx, geojson, opts.crs ?? 'wgs84');
    if (problems.length) throw problems[0];
    return upsertGrids(tx, grids, { onProgress: opts.onProgress });
  });
}
