/**
 * Validation of one GeoJSON feature of a grid import, without the database. Turns the loose input
 * into a GridInput or throws an ImportValidationError naming the feature and the field.
 */
import { isValidLngLat, toWgs84, type Crs } from './coordinates.ts';
import { levelFromCode, normalizeDivisionCode } from './divisions.ts';
import type { AreaGeometry, Position, Ring } from './geometry.ts';
import { featureError } from './import-errors.ts';
import { isSpecialty, SPECIALTIES, type DivisionLevel, type GridInput } from './types.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const absent = (v: unknown) => v === undefined || v === null || v === '';

function validateRing(i: number, path: string, raw: unknown, crs: Crs): Ring {
  if (!Array.isArray(raw)) throw featureError(i, path, '应为坐标数组', 'must be an array of positions');
  const ring: Ring = raw.map((p, k) => {
    const at = `${path}[${k}]`;
    if (!Array.isArray(p) || p.length < 2) throw featureError(i, at, '应为 [经度, 纬度]', 'must be [lng, lat]');
    if (!isValidLngLat(p[0], p[1])) {
      throw featureError(i, at, `经纬度无效：${JSON.stringify(p)}（经度 −180..180，纬度 −90..90）`, `invalid lng/lat ${JSON.stringify(p)} (lng −180..180, lat −90..90)`);
    }
    return toWgs84(p[0], p[1], crs);
  });
  const first = ring[0];
  const last = ring[ring.length - 1];
  // Open rings are common in hand-made files: close them rather than reject.
  if (first && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]] as Position);
  if (ring.length < 4) throw featureError(i, path, '环至少需要 3 个不同的点', 'a ring needs at least 3 distinct positions');
  return ring;
}

function validatePolygon(i: number, path: string, raw: unknown, crs: Crs): Ring[] {
  if (!Array.isArray(raw) || raw.length === 0) throw featureError(i, path, '应为非空的环数组', 'must be a non-empty array of rings');
  return raw.map((r, k) => validateRing(i, `${path}[${k}]`, r, crs));
}

export function validateGeometry(i: number, raw: unknown, crs: Crs): AreaGeometry {
  if (!isObject(raw)) throw featureError(i, 'geometry', '缺少几何图形', 'geometry is missing');
  if (raw.type === 'Polygon') {
    return { type: 'Polygon', coordinates: validatePolygon(i, 'geometry.coordinates', raw.coordinates, crs) };
  }
  if (raw.type === 'MultiPolygon') {
    const c = raw.coordinates;
    if (!Array.isArray(c) || c.length === 0) {
      throw featureError(i, 'geometry.coordinates', '应为非空的多边形数组', 'must be a non-empty array of polygons');
    }
    return { type: 'MultiPolygon', coordinates: c.map((p, k) => validatePolygon(i, `geometry.coordinates[${k}]`, p, crs)) };
  }
  throw featureError(i, 'geometry.type', `应为 Polygon 或 MultiPolygon，实为 ${JSON.stringify(raw.type)}`, `must be Polygon or MultiPolygon, got ${JSON.stringify(raw.type)}`);
}

function text(i: number, props: Record<string, unknown>, key: string, max: number, required: true): string;
function text(i: number, props: Record<string, unknown>, key: string, max: number, required: false): string | null;
function text(i: number, props: Record<string, unknown>, key: string, max: number, required: boolean): string | null {
  const v = props[key];
  if (absent(v)) {
    if (required) throw featureError(i, `properties.${key}`, '不能为空', 'is required');
    return null;
  }
  const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v.trim() : null;
  if (s === null || s === '') throw featureError(i, `properties.${key}`, '应为文本', 'must be text');
  if (s.length > max) throw featureError(i, `properties.${key}`, `不能超过 ${max} 个字符`, `must be at most ${max} characters`);
  return s;
}

function count(i: number, props: Record<string, unknown>, key: string): number | null {
  const v = props[key];
  if (absent(v)) return null;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 100_000_000) {
    throw featureError(i, `properties.${key}`, '应为非负整数', 'must be a non-negative integer');
  }
  return v;
}

function divisionCode(i: number, props: Record<string, unknown>, key: string, level: DivisionLevel): string | null {
  const v = props[key];
  if (absent(v)) return null;
  const code = normalizeDivisionCode(v);
  if (!code) throw featureError(i, `properties.${key}`, '应为 6/9/12 位区划代码', 'must be a 6, 9 or 12-digit division code');
  if (levelFromCode(code) !== level) {
    throw featureError(i, `properties.${key}`, `${code} 不是${level === 'village' ? '村（社区）' : level === 'town' ? '镇（街道）' : '区县'}级代码`, `${code} is not a ${level}-level code`);
  }
  return code;
}

/** One feature → a GridInput (geometry converted to WGS-84). */
export function validateGridFeature(i: number, raw: unknown, crs: Crs): GridInput {
  if (!isObject(raw) || raw.type !== 'Feature') throw featureError(i, 'type', '应为 Feature', 'must be a Feature');
  const props = raw.properties;
  if (!isObject(props)) throw featureError(i, 'properties', '缺少属性', 'properties are missing');
  const code = text(i, props, 'code', 64, true);
  if (/\s/.test(code)) throw featureError(i, 'properties.code', '不能包含空白字符', 'must not contain spaces');
  const name = text(i, props, 'name', 100, true);
  const kind = props.kind;
  if (kind !== 'basic' && kind !== 'professional') {
    throw featureError(i, 'properties.kind', '应为 basic（基础网格）或 professional（专业网格）', 'must be basic or professional');
  }
  let specialty = null;
  if (kind === 'professional') {
    if (!isSpecialty(props.specialty)) {
      throw featureError(i, 'properties.specialty', `专业网格须注明专业：${SPECIALTIES.join(' / ')}`, `a professional grid needs one of ${SPECIALTIES.join(', ')}`);
    }
    specialty = props.specialty;
  } else if (!absent(props.specialty)) {
    throw featureError(i, 'properties.specialty', '基础网格不能有专业', 'must be empty for a basic grid');
  }
  const level = absent(props.level) ? 4 : props.level;
  if (typeof level !== 'number' || !Number.isInteger(level) || level < 1 || level > 4) {
    throw featureError(i, 'properties.level', '应为 1–4 的整数', 'must be an integer 1–4');
  }
  const villageCode = divisionCode(i, props, 'villageCode', 'village');
  const townCode = divisionCode(i, props, 'townCode', 'town');
  const districtCode = divisionCode(i, props, 'districtCode', 'district');
  if (villageCode && townCode && !villageCode.startsWith(townCode.slice(0, 9))) {
    throw featureError(i, 'properties.townCode', `与村（社区）代码 ${villageCode} 不一致`, `does not contain village ${villageCode}`);
  }
  if (townCode && districtCode && !townCode.startsWith(districtCode.slice(0, 6))) {
    throw featureError(i, 'properties.districtCode', `与镇（街道）代码 ${townCode} 不一致`, `does not contain town ${townCode}`);
  }
  return {
    code,
    name,
    kind,
    specialty,
    level,
    // Absent key: leave the stored parent alone; explicit null: clear it.
    parentCode: 'parentCode' in props ? text(i, props, 'parentCode', 64, false) : undefined,
    villageCode,
    townCode,
    districtCode,
    households: count(i, props, 'households'),
    population: count(i, props, 'population'),
    enterprises: count(i, props, 'enterprises'),
    geometry: validateGeometry(i, raw.geometry, crs),
  };
}
