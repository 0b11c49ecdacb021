/**
 * Who sees which counts: the rollup rows (or facts) located in the reader's areas — the district, a town, a village,
 * a grid — or whose responsible unit is one of his units (orders/order-scope.ts says the same of orders, which
 * also follows units once involved; the rollups know only the unit responsible now). Administrators see all.
 * The filters are checked here: an unknown code is a 400 naming its field, a town outside an area-scoped reader's
 * areas a 403 naming `town`.
 */
import type { Queryable } from '@liandong/db';
import type { StatsQueryInput } from '@liandong/contracts';
import { coversArea, type Actor } from '../org/actor.ts';
import { seesAll } from '../orders/order-scope.ts';
import { DomainError, invalidField } from '../shared/errors.ts';

export type StatFilters = Pick<StatsQueryInput, 'town' | 'category' | 'channel' | 'nature' | 'unit'>;

/**
 * The condition on a rollup or facts alias `s`; appends its parameters. A reader whose areas are all the district or
 * towns (`broad`) needs no village or grid column: no village or grid code is one of his area codes.
 */
export function statsScopeSql(actor: Actor, params: unknown[], s = 's', broad = false): string {
  if (seesAll(actor)) return 'true';
  params.push(actor.areaCodes, actor.unitIds);
  const [a, u] = [`$${params.length - 1}::text[]`, `$${params.length}::int[]`];
  const fine = broad ? '' : ` or ${s}.village = any(${a}) or ${s}.grid = any(${a})`;
  return `(${s}.district = any(${a}) or ${s}.town = any(${a})${fine} or ${s}.unit_id = any(${u}))`;
}

/** The columns the scope condition reads (none for one who sees all). */
export function scopeColumns(actor: Actor, broad: boolean): string[] {
  if (seesAll(actor)) return [];
  return broad ? ['district', 'town', 'unit_id'] : ['district', 'town', 'village', 'grid', 'unit_id'];
}

/** One part of a reader's scope: the columns its condition reads, and the condition on `s` (appending its parameters). */
export interface ScopePart {
  columns: string[];
  sql: (params: unknown[], s: string) => string;
}

/**
 * A reader's scope as disjoint parts whose sums add up to the scope's: the rows in his areas, and the rows of his
 * units outside his areas. The first part reads no unit column, so it can be answered from a rollup without the
 * responsible unit (a leader's answer then grows with his areas and the days, not with the units × the days); the
 * second is the few rows of his units placed elsewhere. One part when he sees all, has no areas or no units.
 */
export function scopeParts(actor: Actor, broad: boolean, districts = false): ScopePart[] {
  if (seesAll(actor) || actor.areaCodes.length === 0) return [{ columns: scopeColumns(actor, broad), sql: (params, s) => statsScopeSql(actor, params, s, broad) }];
  // Areas all districts: no town, village or grid code is one of them.
  const areaColumns = districts ? ['district'] : broad ? ['district', 'town'] : ['district', 'town', 'village', 'grid'];
  const inAreas = (params: unknown[], s: string) => {
    const a = `$${params.push(actor.areaCodes)}::text[]`;
    return `(${areaColumns.map((c) => `${s}.${c} = any(${a})`).join(' or ')})`;
  };
  if (actor.unitIds.length === 0) return [{ columns: areaColumns, sql: inAreas }];
  return [
    { columns: areaColumns, sql: inAreas },
    { columns: [...areaColumns, 'unit_id'], sql: (params, s) => `(${s}.unit_id = any($${params.push(actor.unitIds)}::int[]) and not ${inAreas(params, s)})` },
  ];
}

/**
 * The filters' condition on `s`; appends its parameters. A class is matched as a major class or a minor one
 * (`categoryIsMajor` known: only the column that can match, so a rollup without the other serves).
 */
export function statsFilterSql(f: StatFilters, params: unknown[], s = 's', categoryIsMajor?: boolean): string {
  const out: string[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  if (f.town) out.push(`${s}.town = ${p(f.town)}`);
  if (f.category) {
    const x = p(f.category);
    out.push(categoryIsMajor === undefined ? `(${s}.major = ${x} or ${s}.category = ${x})` : `${s}.${categoryIsMajor ? 'major' : 'category'} = ${x}`);
  }
  if (f.channel) out.push(`${s}.channel = ${p(f.channel)}`);
  if (f.nature) out.push(`${s}.nature = ${p(f.nature)}`);
  if (f.unit) out.push(`${s}.unit_id = ${p(f.unit)}`);
  return out.length ? out.join(' and ') : 'true';
}

/** The columns the filters read. */
export function filterColumns(f: StatFilters, categoryIsMajor: boolean): string[] {
  return [
    ...(f.town ? ['town'] : []),
    ...(f.category ? [categoryIsMajor ? 'major' : 'category'] : []),
    ...(f.channel ? ['channel'] : []),
    ...(f.nature ? ['nature'] : []),
    ...(f.unit ? ['unit_id'] : []),
  ];
}

/**
 * Every filter names something that exists, and a town one the reader may see. Answers whether the class asked is
 * a major one, whether the reader's areas are all the district or towns (`broad`), and all districts (`districts`).
 */
export async function checkFilters(q: Queryable, actor: Actor, f: StatFilters): Promise<{ categoryIsMajor: boolean; broad: boolean; districts: boolean }> {
  const r = await q.query<{ town: string | null; district: string | null; category: boolean; channel: boolean; nature: boolean; unit: boolean; major: boolean; broad: boolean; districts: boolean }>(
    `select (select code from divisions where code = $1 and level = 'town') as town,
            (select parent_code from divisions where code = $1 and level = 'town') as district,
            exists (select 1 from categories where code = $2) as category,
            exists (select 1 from channels where code = $3) as channel,
            exists (select 1 from natures where code = $4) as nature,
            exists (select 1 from units where id = $5) as unit,
            exists (select 1 from categories where code = $2 and level = 'major') as major,
            (select count(*) from divisions where code = any($6::text[]) and level in ('district', 'town')) = cardinality($6::text[]) as broad,
            (select count(*) from divisions where code = any($6::text[]) and level = 'district') = cardinality($6::text[]) as districts`,
    [f.town ?? null, f.category ?? null, f.channel ?? null, f.nature ?? null, f.unit ?? null, actor.areaCodes],
  );
  const x = r.rows[0]!;
  if (f.town && !x.town) throw invalidField('town', '没有这个镇（街道）', 'no such town');
  if (f.category && !x.category) throw invalidField('category', '没有这个类别', 'no such category');
  if (f.channel && !x.channel) throw invalidField('channel', '没有这个渠道', 'no such channel');
  if (f.nature && !x.nature) throw invalidField('nature', '没有这个诉求性质', 'no such nature');
  if (f.unit && !x.unit) throw invalidField('unit', '没有这个单位', 'no such unit');
  if (f.town && !seesAll(actor) && actor.areaCodes.length > 0 && !coversArea(actor, f.town, x.district)) {
    throw new DomainError(403, 'forbidden', { zh: '该镇（街道）不在您的数据范围内', en: 'That town is outside your data scope' }, 'town');
  }
  return { categoryIsMajor: x.major, broad: seesAll(actor) || x.broad, districts: !seesAll(actor) && x.districts };
}
