/**
 * The demo district's source data (see ../data/SOURCES.md): Wujiang's division tree (NBS 2022) and its
 * outline (DataV, treated as GCJ-02 and converted to WGS-84 here, like everything the platform stores).
 */
import { readFileSync } from 'node:fs';
import { toWgs84 } from '../../territory/coordinates.ts';
import { mapPositions, type MultiPolygonGeometry, type PolygonGeometry } from '../../territory/geometry.ts';
import { TOWNS } from '../org-data.ts';

export interface SourceVillage {
  code: string;
  name: string;
  kind: string;
}
export interface SourceTown {
  code: string;
  name: string;
  villages: SourceVillage[];
  /** Approximate centre, WGS-84. */
  center: [number, number];
}

const dataUrl = (file: string) => new URL(`../data/${file}`, import.meta.url);

export function loadWujiangTree(): { name: string; towns: SourceTown[] } {
  const raw = JSON.parse(readFileSync(dataUrl('wujiang_320509_tree_2022.json'), 'utf8')) as {
    district: { name: string };
    towns: { code: string; name: string; villages: SourceVillage[] }[];
  };
  const towns = raw.towns.map((t) => {
    const known = TOWNS.find((x) => x.code === t.code);
    if (!known) throw new Error(`demo: no centre for town ${t.code}`);
    return { ...t, center: toWgs84(known.center[0], known.center[1], 'gcj02') };
  });
  return { name: raw.district.name, towns };
}

/** The district outline in WGS-84. */
export function loadWujiangOutline(): PolygonGeometry | MultiPolygonGeometry {
  const fc = JSON.parse(readFileSync(dataUrl('wujiang_320509_outline_datav.geojson'), 'utf8')) as {
    features: { geometry: PolygonGeometry | MultiPolygonGeometry }[];
  };
  return mapPositions(fc.features[0].geometry, ([lng, lat]) => toWgs84(lng, lat, 'gcj02'));
}
