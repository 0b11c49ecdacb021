import type { AreaGeometry } from './geometry.ts';

export type GridKind = 'basic' | 'professional';

/** Professional grids (专业网格): 安全生产 work safety, 消防 fire, 生态环境 environment, 劳动保障 labour inspection. */
export type Specialty = 'work_safety' | 'fire' | 'environment' | 'labour';
export const SPECIALTIES: readonly Specialty[] = ['work_safety', 'fire', 'environment', 'labour'];
export const SPECIALTY_NAMES: Record<Specialty, { zh: string; en: string }> = {
  work_safety: { zh: '安全生产', en: 'Work safety' },
  fire: { zh: '消防安全', en: 'Fire safety' },
  environment: { zh: '生态环境', en: 'Environment' },
  labour: { zh: '劳动保障', en: 'Labour inspection' },
};

export function isSpecialty(v: unknown): v is Specialty {
  return typeof v === 'string' && (SPECIALTIES as readonly string[]).includes(v);
}

export type DivisionLevel = 'province' | 'city' | 'district' | 'town' | 'village';
export const DIVISION_LEVELS: readonly DivisionLevel[] = ['province', 'city', 'district', 'town', 'village'];

/** What the lookup index needs of a grid. */
export interface GridShape {
  code: string;
  name: string;
  kind: GridKind;
  specialty: Specialty | null;
  villageCode: string | null;
  townCode: string | null;
  districtCode: string | null;
  /** GeoJSON Polygon or MultiPolygon, WGS-84. */
  geometry: AreaGeometry;
}

/** Where a point lies: its basic grid (and through it village, town, district) and professional grids. */
export interface TerritoryMatch {
  basicGrid: { code: string; name: string } | null;
  professionalGrids: { code: string; name: string; specialty: Specialty }[];
  villageCode: string | null;
  townCode: string | null;
  districtCode: string | null;
}

/** Whether a point is served here: it lies in a basic grid of a town of the district (intake refuses it otherwise). */
export const isServed = (m: TerritoryMatch): boolean => Boolean(m.basicGrid && m.townCode && m.districtCode);

/** A grid row as written by upsertGrids and imports. */
export interface GridInput extends GridShape {
  /** 1–4; basic grids are level 4 (网格). */
  level?: number;
  /** Code of the parent grid, if grids nest (一级/二级/三级网格). */
  parentCode?: string | null;
  households?: number | null;
  population?: number | null;
  enterprises?: number | null;
}

/** A grid as listed (without geometry: it is large). */
export interface GridSummary {
  id: number;
  code: string;
  name: string;
  kind: GridKind;
  specialty: Specialty | null;
  level: number;
  parentCode: string | null;
  villageCode: string | null;
  townCode: string | null;
  districtCode: string | null;
  households: number | null;
  population: number | null;
  enterprises: number | null;
}

export interface GridRecord extends GridSummary {
  geometry: AreaGeometry;
}

export interface DivisionInput {
  /** 12-digit national statistical division code. */
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
  /** 街道 / 镇 / 社区居委会 / 村委会 ... */
  kind?: string | null;
  geometry?: AreaGeometry | null;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
}
