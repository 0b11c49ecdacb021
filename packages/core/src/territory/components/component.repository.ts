/** Component (部件) storage. Owners are units; owner_name keeps the name for owners outside the platform. */
import type { Queryable } from '@liandong/db';
import type { ComponentPoint } from './component-index.ts';

export interface ComponentInput {
  code: string;
  categoryCode: string;
  name: string;
  lng: number;
  lat: number;
  ownerUnitId?: number | null;
  ownerName?: string | null;
  gridCode?: string | null;
  status?: string;
}

const BATCH = 1000;

export async function loadComponents(q: Queryable): Promise<ComponentPoint[]> {
  const r = await q.query<{
    code: string;
    category_code: string;
    name: string;
    lng: number;
    lat: number;
    owner_unit_id: number | null;
    owner_unit_code: string | null;
    owner_name: string | null;
    grid_code: string | null;
    status: string;
  }>(
    `select c.code, c.category_code, c.name, c.lng, c.lat, c.owner_unit_id, u.code as owner_unit_code,
            coalesce(c.owner_name, u.name) as owner_name, c.grid_code, c.status
     from components c left join units u on u.id = c.owner_unit_id order by c.code`,
  );
  return r.rows.map((c) => ({
    code: c.code,
    categoryCode: c.category_code,
    name: c.name,
    lng: c.lng,
    lat: c.lat,
    ownerUnitId: c.owner_unit_id,
    ownerUnitCode: c.owner_unit_code,
    ownerName: c.owner_name,
    gridCode: c.grid_code,
    status: c.status,
  }));
}

/** Inserts components, updating those whose code exists; returns how many rows were written. */
export async function insertComponents(q: Queryable, rows: readonly ComponentInput[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((c) => ({
      code: c.code,
      category_code: c.categoryCode,
      name: c.name,
      lng: c.lng,
      lat: c.lat,
      owner_unit_id: c.ownerUnitId ?? null,
      owner_name: c.ownerName ?? null,
      grid_code: c.gridCode ?? null,
      status: c.status ?? 'normal',
    }));
    const r = await q.query(
      `insert into components (code, category_code, name, lng, lat, owner_unit_id, owner_name, grid_code, status)
       select code, category_code, name, lng, lat, owner_unit_id, owner_name, grid_code, status
       from jsonb_to_recordset($1::jsonb) as r(code text, category_code text, name text, lng float8, lat float8,
            owner_unit_id int, owner_name text, grid_code text, status text)
       on conflict (code) do update set category_code = excluded.category_code, name = excluded.name,
         lng = excluded.lng, lat = excluded.lat, owner_unit_id = excluded.owner_unit_id, owner_name = excluded.owner_name,
         grid_code = excluded.grid_code, status = excluded.status, updated_at = now()`,
      [JSON.stringify(batch)],
    );
    written += r.rowCount;
  }
  return written;
}
