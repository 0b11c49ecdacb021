/**
 * Grid import from GeoJSON (网格导入). All or nothing: every feature is validated first, then references
 * (divisions, parent grids) are checked and the grids written in one transaction, so a bad file leaves
 * the territory as it was.
 */
import type { Db } from '@liandong/db';
import type { Crs } from './coordinates.ts';
import { parentFromCode } from './divisions.ts';
import { featureError, fileError } from './import-errors.ts';
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

/** Validates everything that needs no database; returns the grids in file order. */
export function validateGridCollection(geojson: unknown, crs: Crs = 'wgs84'): GridInput[] {
  const grids = featuresOf(geojson).map((f, i) => validateGridFeature(i, f, crs));
  const seen = new Map<string, number>();
  grids.forEach((g, i) => {
    const first = seen.get(g.code);
    if (first !== undefined) {
      throw featureError(i, 'properties.code', `${g.code} 与第 ${first + 1} 个要素重复`, `${g.code} repeats feature ${first + 1}`);
    }
    seen.set(g.code, i);
  });
  return grids;
}

export async function importGridsGeoJson(db: Db, geojson: unknown, opts: ImportGridsOptions = {}): Promise<UpsertResult> {
  const grids = validateGridCollection(geojson, opts.crs ?? 'wgs84');
  return db.transaction(async (tx) => {
    const fields = ['villageCode', 'townCode', 'districtCode'] as const;
    const wanted = grids.flatMap((g) => fields.map((f) => g[f]).filter((c): c is string => !!c));
    // Derived codes (a village's town and district) are filled in when present, never required.
    const derived = grids.flatMap((g) => [g.villageCode, g.townCode].filter((c): c is string => !!c).map((c) => parentFromCode(c)!));
    derived.push(...derived.map((c) => parentFromCode(c)!));
    const known = await existingCodes(tx, 'divisions', [...wanted, ...derived]);
    grids.forEach((g, i) => {
      for (const f of fields) {
        const code = g[f];
        if (code && !known.has(code)) {
          throw featureError(i, `properties.${f}`, `区划 ${code} 不存在，请先导入区划`, `division ${code} does not exist; import divisions first`);
        }
      }
      if (!g.townCode && g.villageCode && known.has(parentFromCode(g.villageCode)!)) g.townCode = parentFromCode(g.villageCode);
      if (!g.districtCode && g.townCode && known.has(parentFromCode(g.townCode)!)) g.districtCode = parentFromCode(g.townCode);
    });
    const inFile = new Set(grids.map((g) => g.code));
    const parents = grids.map((g) => g.parentCode).filter((c): c is string => !!c && !inFile.has(c));
    const knownGrids = await existingCodes(tx, 'grids', parents);
    grids.forEach((g, i) => {
      if (g.parentCode === g.code) throw featureError(i, 'properties.parentCode', '不能是网格自身', 'must not be the grid itself');
      if (g.parentCode && !inFile.has(g.parentCode) && !knownGrids.has(g.parentCode)) {
        throw featureError(i, 'properties.parentCode', `上级网格 ${g.parentCode} 不存在`, `parent grid ${g.parentCode} does not exist`);
      }
    });
    return upsertGrids(tx, grids, { onProgress: opts.onProgress });
  });
}
