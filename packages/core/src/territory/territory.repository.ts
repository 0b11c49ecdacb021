/**
 * Territory storage: divisions (区划) and grids (网格). Writes go in batches through jsonb_to_recordset (one
 * parameter per batch, so no parameter-count limit and few round trips) and bump the settings key
 * 'territory.version' in the same transaction, which tells every server process to rebuild its index.
 */
import type { Db, Queryable } from '@liandong/db';
import { DIVISION_LEVELS, type DivisionInput, type GridInput, type GridKind, type GridRecord, type GridShape, type GridSummary, type Specialty, type UpsertResult } from './types.ts';

export const TERRITORY_VERSION_KEY = 'territory.version';
const BATCH = 250;

/** Runs fn in a transaction when given a Db; inside a caller's transaction it just runs. */
export function inTransaction<T>(q: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return typeof (q as Db).transaction === 'function' ? (q as Db).transaction(fn) : fn(q);
}

export async function territoryVersion(q: Queryable): Promise<number> {
  const r = await q.query<{ v: number }>(`select (value #>> '{}')::bigint as v from settings where key = $1`, [TERRITORY_VERSION_KEY]);
  return r.rows.length ? Number(r.rows[0].v) : 0;
}

/**
 * Moves 'territory.version' forward; returns the new value. The value is at least the current time in
 * milliseconds, not just old + 1: a reset deletes the key, and a plain counter restarting at 1 could
 * land on the very number a running process already holds, which would then keep a stale index.
 */
export async function bumpTerritoryVersion(q: Queryable): Promise<number> {
  const r = await q.query<{ v: number }>(
    `insert into settings (key, value, updated_at)
     values ($1, to_jsonb((extract(epoch from clock_timestamp()) * 1000)::bigint), now())
     on conflict (key) do update set
       value = to_jsonb(greatest(coalesce((settings.value #>> '{}')::bigint, 0) + 1, (extract(epoch from clock_timestamp()) * 1000)::bigint)),
       updated_at = now()
     returning (value #>> '{}')::bigint as v`,
    [TERRITORY_VERSION_KEY],
  );
  return Number(r.rows[0].v);
}

const GRID_COLUMNS = `g.id, g.code, g.name, g.kind, g.specialty, g.level, p.code as parent_code, g.village_code, g.town_code,
  g.district_code, g.households, g.population, g.enterprises`;

interface GridDbRow {
  id: number;
  code: string;
  name: string;
  kind: GridKind;
  specialty: Specialty | null;
  level: number;
  parent_code: string | null;
  village_code: string | null;
  town_code: string | null;
  district_code: string | null;
  households: number | null;
  population: number | null;
  enterprises: number | null;
  geometry?: GridRecord['geometry'];
}

function toSummary(r: GridDbRow): GridSummary {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    specialty: r.specialty,
    level: r.level,
    parentCode: r.parent_code,
    villageCode: r.village_code,
    townCode: r.town_code,
    districtCode: r.district_code,
    households: r.households,
    population: r.population,
    enterprises: r.enterprises,
  };
}

/**
 * The grid shapes a point is looked up in: the professional grids and the finest basic grids (those with no basic
 * grid below them, the 四级网格 where people work); the management grids above (一级–三级) only group them.
 */
export async function loadGridShapes(q: Queryable): Promise<GridShape[]> {
  const r = await q.query<GridDbRow & { geometry: GridShape['geometry'] }>(
    `select code, name, kind, specialty, village_code, town_code, district_code, geometry from grids g
      where g.kind = 'professional' or not exists (select 1 from grids c where c.parent_id = g.id and c.kind = 'basic')
      order by code`,
  );
  return r.rows.map((g) => ({
    code: g.code,
    name: g.name,
    kind: g.kind,
    specialty: g.specialty,
    villageCode: g.village_code,
    townCode: g.town_code,
    districtCode: g.district_code,
    geometry: g.geometry,
  }));
}

export interface GridFilter {
  kind?: GridKind;
  level?: number;
  specialty?: Specialty;
  townCode?: string;
  villageCode?: string;
  /** One grid by its code. */
  code?: string;
  /** Only grids lying in one of these areas (a grid, village, town or district code): a user's data scope. */
  withinAreas?: readonly string[];
  /** Part of the code or name. */
  search?: string;
  limit?: number;
  offset?: number;
}

export async function listGrids(q: Queryable, filter: GridFilter = {}): Promise<GridSummary[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (filter.kind) add('g.kind = ?', filter.kind);
  if (filter.level) add('g.level = ?', filter.level);
  if (filter.specialty) add('g.specialty = ?', filter.specialty);
  if (filter.townCode) add('g.town_code = ?', filter.townCode);
  if (filter.villageCode) add('g.village_code = ?', filter.villageCode);
  if (filter.code) add('g.code = ?', filter.code);
  if (filter.withinAreas) add('(g.code = any(?::text[]) or g.village_code = any(?::text[]) or g.town_code = any(?::text[]) or g.district_code = any(?::text[]))', filter.withinAreas);
  if (filter.search) add('(g.code ilike ? or g.name ilike ?)', `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`);
  params.push(Math.min(Math.max(filter.limit ?? 1000, 1), 5000), Math.max(filter.offset ?? 0, 0));
  const r = await q.query<GridDbRow>(
    `select ${GRID_COLUMNS} from grids g left join grids p on p.id = g.parent_id
     ${where.length ? `where ${where.join(' and ')}` : ''}
     order by g.code limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  return r.rows.map(toSummary);
}

export async function getGrid(q: Queryable, code: string): Promise<GridRecord | null> {
  const r = await q.query<GridDbRow>(
    `select ${GRID_COLUMNS}, g.geometry from grids g left join grids p on p.id = g.parent_id where g.code = $1`,
    [code],
  );
  const row = r.rows[0];
  return row ? { ...toSummary(row), geometry: row.geometry! } : null;
}

export interface UpsertOptions {
  onProgress?(done: number, total: number): void;
}

/** Inserts or updates grids by code, sets parents, and bumps 'territory.version', all in one transaction. */
export async function upsertGrids(q: Queryable, grids: readonly GridInput[], opts: UpsertOptions = {}): Promise<UpsertResult> {
  return inTransaction(q, async (tx) => {
    const result: UpsertResult = { inserted: 0, updated: 0 };
    for (let i = 0; i < grids.length; i += BATCH) {
      const batch = grids.slice(i, i + BATCH).map((g) => ({
        code: g.code,
        name: g.name,
        kind: g.kind,
        specialty: g.kind === 'basic' ? null : g.specialty,
        level: g.level ?? 4,
        village_code: g.villageCode ?? null,
        town_code: g.townCode ?? null,
        district_code: g.districtCode ?? null,
        geometry: g.geometry,
        households: g.households ?? null,
        population: g.population ?? null,
        enterprises: g.enterprises ?? null,
      }));
      const r = await tx.query<{ inserted: boolean }>(
        `insert into grids (code, name, kind, specialty, level, village_code, town_code, district_code, geometry,
                            households, population, enterprises, updated_at)
         select code, name, kind, specialty, level, village_code, town_code, district_code, geometry,
                households, population, enterprises, now()
         from jsonb_to_recordset($1::jsonb) as r(code text, name text, kind text, specialty text, level smallint,
              village_code text, town_code text, district_code text, geometry jsonb, households int, population int, enterprises int)
         on conflict (code) do update set name = excluded.name, kind = excluded.kind, specialty = excluded.specialty,
           level = excluded.level, village_code = excluded.village_code, town_code = excluded.town_code,
           district_code = excluded.district_code, geometry = excluded.geometry, households = excluded.households,
           population = excluded.population, enterprises = excluded.enterprises, updated_at = now()
         returning (xmax::text = '0') as inserted`,
        [JSON.stringify(batch)],
      );
      for (const row of r.rows) row.inserted ? result.inserted++ : result.updated++;
      opts.onProgress?.(Math.min(i + BATCH, grids.length), grids.length);
    }
    // Parents last: a parent may come later in the list than its children.
    const withParent = grids.filter((g) => g.parentCode !== undefined).map((g) => ({ code: g.code, parent_code: g.parentCode }));
    if (withParent.length) {
      await tx.query(
        `update grids g set parent_id = (select p.id from grids p where p.code = r.parent_code)
         from jsonb_to_recordset($1::jsonb) as r(code text, parent_code text) where g.code = r.code`,
        [JSON.stringify(withParent)],
      );
    }
    if (grids.length) await bumpTerritoryVersion(tx);
    return result;
  });
}

/** Inserts or updates divisions by code (parents first), in one transaction; bumps 'territory.version'. */
export async function upsertDivisions(q: Queryable, rows: readonly DivisionInput[], opts: UpsertOptions = {}): Promise<UpsertResult> {
  const sorted = [...rows].sort(
    (a, b) => DIVISION_LEVELS.indexOf(a.level) - DIVISION_LEVELS.indexOf(b.level) || (a.code < b.code ? -1 : 1),
  );
  return inTransaction(q, async (tx) => {
    const result: UpsertResult = { inserted: 0, updated: 0 };
    for (let i = 0; i < sorted.length; i += BATCH) {
      const batch = sorted.slice(i, i + BATCH).map((d) => ({
        code: d.code,
        name: d.name,
        level: d.level,
        parent_code: d.parentCode,
        kind: d.kind ?? null,
        geometry: d.geometry ?? null,
      }));
      const r = await tx.query<{ inserted: boolean }>(
        `insert into divisions (code, name, level, parent_code, kind, geometry, updated_at)
         select code, name, level, parent_code, kind, geometry, now()
         from jsonb_to_recordset($1::jsonb) as r(code text, name text, level text, parent_code text, kind text, geometry jsonb)
         on conflict (code) do update set name = excluded.name, level = excluded.level, parent_code = excluded.parent_code,
           kind = excluded.kind, geometry = coalesce(excluded.geometry, divisions.geometry), updated_at = now()
         returning (xmax::text = '0') as inserted`,
        [JSON.stringify(batch)],
      );
      for (const row of r.rows) row.inserted ? result.inserted++ : result.updated++;
      opts.onProgress?.(Math.min(i + BATCH, sorted.length), sorted.length);
    }
    if (sorted.length) await bumpTerritoryVersion(tx);
    return result;
  });
}

/** Which of the given codes exist in a table (divisions or grids); for import validation. */
export async function existingCodes(q: Queryable, table: 'divisions' | 'grids', codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const r = await q.query<{ code: string }>(`select code from ${table} where code = any($1::text[])`, [[...new Set(codes)]]);
  return new Set(r.rows.map((x) => x.code));
}
