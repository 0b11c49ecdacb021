/**
 * 设备管理: administrators register cameras and sensors (each placed in its basic grid, its secret shown once),
 * list them, change them (a move looks the grid up again), deactivate them and rotate their secrets; and keep the
 * types of detection (threshold, fold radius and window, review). Every change is audited.
 */
import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '@liandong/db';
import type { DeviceCreate, DevicePatch, DeviceView, EventTypePatch, EventTypeView } from '@liandong/contracts';
import { recordAudit, type AdminContext } from '../audit/audit.repository.ts';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { conflict, notFound, unprocessable } from '../shared/errors.ts';
import { pageWindow, type Paging } from '../shared/paging.ts';
import { iso } from '../shared/wire.ts';
import { toWgs84 } from '../territory/coordinates.ts';
import type { TerritoryMatch } from '../territory/types.ts';

export interface DeviceContext extends AdminContext {
  territory: { lookup(lng: number, lat: number): Promise<TerritoryMatch> };
}

export interface DeviceRow {
  id: number;
  code: string;
  name: string;
  kind: 'camera' | 'sensor';
  lng: number;
  lat: number;
  district_code: string | null;
  town_code: string | null;
  village_code: string | null;
  grid_code: string | null;
  secret: string;
  active: boolean;
  created_at: Date;
  secret_rotated_at: Date | null;
  /** Read with the device (DEVICE_SELECT), not columns of devices. */
  last_detection_at?: Date | null;
  place?: string;
}

const DEVICE = { zh: '设备', en: 'Device' };

export function deviceView(r: DeviceRow): DeviceView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    location: { lng: r.lng, lat: r.lat },
    gridCode: r.grid_code,
    townCode: r.town_code,
    place: r.place ?? '',
    active: r.active,
    createdAt: iso(r.created_at),
    secretRotatedAt: r.secret_rotated_at ? iso(r.secret_rotated_at) : null,
    lastDetectionAt: r.last_detection_at ? iso(r.last_detection_at) : null,
  };
}

/** A device `d` with its latest detection (one probe of the index device_events_latest) and its place by name. */
const DEVICE_SELECT = `select d.*, (select e.detected_at from device_events e where e.device_id = d.id order by e.detected_at desc limit 1) as last_detection_at,
  concat_ws(' / ', (select name from divisions where code = d.town_code), (select name from divisions where code = d.village_code), (select name from grids where code = d.grid_code)) as place`;

/** The device as the list shows it, after a change in `tx`. */
async function deviceAfter(tx: Queryable, id: number): Promise<DeviceView> {
  const r = await tx.query<DeviceRow>(`${DEVICE_SELECT} from devices d where d.id = $1`, [id]);
  return deviceView(r.rows[0]!);
}

const newSecret = () => randomBytes(32).toString('hex');

/** The device's place: WGS-84 and its grid, village, town and district (looked up before any transaction). */
async function placeOf(location: { lng: number; lat: number; crs?: 'wgs84' | 'gcj02' | 'bd09' }, ctx: DeviceContext) {
  const [lng, lat] = toWgs84(location.lng, location.lat, location.crs ?? 'wgs84');
  const m = await ctx.territory.lookup(lng, lat);
  if (!m.basicGrid || !m.townCode) throw unprocessable('location', '位置不在本辖区的网格内', 'The location is not inside any grid of this territory');
  return { lng, lat, district: m.districtCode, town: m.townCode, village: m.villageCode, grid: m.basicGrid.code };
}

export async function createDevice(db: Db, actor: Actor, input: DeviceCreate, ctx: DeviceContext): Promise<{ device: DeviceView; secret: string }> {
  assertMay(actor, 'devices.manage');
  const place = await placeOf(input.location, ctx);
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const r = await tx.query<DeviceRow>(
      `insert into devices (code, name, kind, lng, lat, district_code, town_code, village_code, grid_code, secret, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) on conflict (code) do nothing returning *`,
      [input.code, input.name, input.kind, place.lng, place.lat, place.district, place.town, place.village, place.grid, secret, ctx.now],
    );
    if (!r.rows[0]) throw conflict('duplicate', `设备编码 ${input.code} 已存在`, `A device with code ${input.code} already exists`, 'code');
    await recordAudit(tx, { actor, action: 'manage_device', details: { op: 'create', deviceId: r.rows[0].id, code: input.code }, ip: ctx.ip, at: ctx.now });
    return { device: await deviceAfter(tx, r.rows[0].id), secret };
  });
}

export async function listDevices(q: Queryable, actor: Actor, f: Paging & { q?: string; active?: boolean }) {
  assertMay(actor, 'devices.manage');
  const params: unknown[] = [];
  const where: string[] = [];
  if (f.q) {
    params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(d.code ilike $${params.length} or d.name ilike $${params.length})`);
  }
  if (f.active !== undefined) {
    params.push(f.active);
    where.push(`d.active = $${params.length}`);
  }
  const fromWhere = `from devices d ${where.length ? `where ${where.join(' and ')}` : ''}`;
  const total = await q.query<{ n: number }>(`select count(*)::int as n ${fromWhere}`, params);
  const w = pageWindow(f, params);
  const r = await q.query<DeviceRow>(`${DEVICE_SELECT} ${fromWhere} order by d.code ${w.sql}`, params);
  return { total: total.rows[0]!.n, page: w.page, pageSize: w.pageSize, items: r.rows.map(deviceView) };
}

export async function updateDevice(db: Db, actor: Actor, id: number, patch: DevicePatch, ctx: DeviceContext): Promise<DeviceView> {
  assertMay(actor, 'devices.manage');
  const place = patch.location ? await placeOf(patch.location, ctx) : null;
  return db.transaction(async (tx) => {
    const r = await tx.query<DeviceRow>(
      `update devices set name = coalesce($2, name), kind = coalesce($3, kind), active = coalesce($4, active),
         lng = coalesce($5, lng), lat = coalesce($6, lat),
         district_code = case when $5::float8 is null then district_code else $7 end, town_code = case when $5::float8 is null then town_code else $8 end,
         village_code = case when $5::float8 is null then village_code else $9 end, grid_code = case when $5::float8 is null then grid_code else $10 end,
         updated_at = $11
       where id = $1 returning *`,
      [id, patch.name ?? null, patch.kind ?? null, patch.active ?? null, place?.lng ?? null, place?.lat ?? null, place?.district ?? null, place?.town ?? null, place?.village ?? null, place?.grid ?? null, ctx.now],
    );
    if (!r.rows[0]) throw notFound(DEVICE);
    await recordAudit(tx, { actor, action: 'manage_device', details: { op: 'update', deviceId: id, fields: Object.keys(patch) }, ip: ctx.ip, at: ctx.now });
    return deviceAfter(tx, id);
  });
}

export const deactivateDevice = (db: Db, actor: Actor, id: number, ctx: DeviceContext) => updateDevice(db, actor, id, { active: false }, ctx);

export async function rotateDeviceSecret(db: Db, actor: Actor, id: number, ctx: AdminContext): Promise<{ device: DeviceView; secret: string }> {
  assertMay(actor, 'devices.manage');
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const r = await tx.query<DeviceRow>('update devices set secret = $2, secret_rotated_at = $3, updated_at = $3 where id = $1 returning *', [id, secret, ctx.now]);
    if (!r.rows[0]) throw notFound(DEVICE);
    await recordAudit(tx, { actor, action: 'manage_device', details: { op: 'rotate_secret', deviceId: id }, ip: ctx.ip, at: ctx.now });
    return { device: await deviceAfter(tx, id), secret };
  });
}

export interface EventTypeRow {
  code: string;
  name_zh: string;
  name_en: string;
  category_code: string | null;
  threshold: number;
  fold_radius_m: number;
  fold_window_minutes: number;
  review: boolean;
  active: boolean;
}

export function eventTypeView(r: EventTypeRow): EventTypeView {
  return {
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    categoryCode: r.category_code,
    threshold: Number(r.threshold),
    foldRadiusM: r.fold_radius_m,
    foldWindowMinutes: r.fold_window_minutes,
    review: r.review,
    active: r.active,
  };
}

export async function listEventTypes(q: Queryable, actor: Actor): Promise<{ items: EventTypeView[] }> {
  assertMay(actor, 'devices.manage');
  const r = await q.query<EventTypeRow>('select * from event_types order by code');
  return { items: r.rows.map(eventTypeView) };
}

export async function updateEventType(db: Db, actor: Actor, code: string, patch: EventTypePatch, ctx: AdminContext): Promise<EventTypeView> {
  assertMay(actor, 'devices.manage');
  return db.transaction(async (tx) => {
    if (patch.categoryCode) {
      const c = await tx.query('select 1 from categories where code = $1', [patch.categoryCode]);
      if (!c.rows[0]) throw unprocessable('categoryCode', `分类 ${patch.categoryCode} 不存在`, `Unknown category ${patch.categoryCode}`);
    }
    const r = await tx.query<EventTypeRow>(
      `update event_types set name_zh = coalesce($2, name_zh), name_en = coalesce($3, name_en),
         category_code = case when $4 then $5 else category_code end, threshold = coalesce($6, threshold),
         fold_radius_m = coalesce($7, fold_radius_m), fold_window_minutes = coalesce($8, fold_window_minutes),
         review = coalesce($9, review), active = coalesce($10, active), updated_at = $11
       where code = $1 returning *`,
      [code, patch.nameZh ?? null, patch.nameEn ?? null, patch.categoryCode !== undefined, patch.categoryCode ?? null, patch.threshold ?? null,
        patch.foldRadiusM ?? null, patch.foldWindowMinutes ?? null, patch.review ?? null, patch.active ?? null, ctx.now],
    );
    if (!r.rows[0]) throw notFound({ zh: '事件类型', en: 'Event type' });
    await recordAudit(tx, { actor, action: 'manage_event_type', details: { code, fields: Object.keys(patch) }, ip: ctx.ip, at: ctx.now });
    return eventTypeView(r.rows[0]);
  });
}

/** The demo's types of detection (seeded with the demo district; categories from its catalogue). */
export async function seedDemoEventTypes(q: Queryable): Promise<void> {
  await q.query(
    `insert into event_types (code, name_zh, name_en, category_code, threshold, fold_radius_m, fold_window_minutes, review)
     select v.code, v.zh, v.en, (select code from categories where code = v.cat), v.th, v.r, v.w, v.review
       from (values ('illegal_parking', '机动车违停', 'Illegal parking', '09009', 0.8::real, 50, 30, false),
                    ('garbage_overflow', '垃圾满溢', 'Overflowing bins', '06042', 0.7::real, 30, 240, false),
                    ('road_ponding', '道路积水', 'Water on the road', 'B01004', 0.6::real, 100, 120, true))
            as v (code, zh, en, cat, th, r, w, review)
     on conflict (code) do nothing`,
  );
}
