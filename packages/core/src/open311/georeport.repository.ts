/**
 * SQL of the Open311 endpoint: the catalogue's minor classes in use as services, a class's case-opening
 * conditions, and the public read of orders (never a confidential one, never a person: no reporter, no staff).
 */
import type { Queryable } from '@liandong/db';

export interface ServiceRow {
  code: string;
  name: string;
  name_en: string | null;
  standard_ref: string | null;
  group_name: string;
  group_name_en: string | null;
  conditions: number;
}

const SERVICE_SQL = `select c.code, c.name, c.name_en, c.standard_ref, m.name as group_name, m.name_en as group_name_en,
    (select count(*) from category_conditions cc where cc.category_code = c.code and cc.active)::int as conditions
  from categories c join categories m on m.code = c.parent_code
  where c.level = 'minor' and c.active and m.active`;

export async function listServiceRows(q: Queryable): Promise<ServiceRow[]> {
  return (await q.query<ServiceRow>(`${SERVICE_SQL} order by c.kind = 'component', m.sort, m.code, c.sort, c.code`)).rows;
}

export async function serviceRow(q: Queryable, code: string): Promise<ServiceRow | null> {
  return (await q.query<ServiceRow>(`${SERVICE_SQL} and c.code = $1`, [code])).rows[0] ?? null;
}

export async function serviceConditions(q: Queryable, code: string): Promise<{ code: string; description: string }[]> {
  return (await q.query<{ code: string; description: string }>('select code, description from category_conditions where category_code = $1 and active order by id', [code])).rows;
}

/** The jurisdictions this deployment answers for: its districts' division codes. */
export async function jurisdictionIds(q: Queryable): Promise<string[]> {
  return (await q.query<{ code: string }>(`select code from divisions where level = 'district' order by code`)).rows.map((r) => r.code);
}

export interface PublicOrderRow {
  code: string;
  description: string;
  address: string | null;
  lat: number;
  lng: number;
  category_code: string;
  category_name: string | null;
  category_name_en: string | null;
  state_type: string;
  label_zh: string;
  label_en: string;
  agency: string | null;
  agency_en: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  expected_at: Date | null;
}

export interface PublicOrderFilter {
  codes: string[];
  serviceCodes: string[];
  from?: Date;
  to?: Date;
  /** State types (closed, voided for 'closed'; the rest for 'open'); empty: all. */
  closed?: boolean;
  limit: number;
}

/**
 * Orders the public may read: not confidential and classified (a service request has a service code), newest
 * first. The running step's due time is the expected one; the handling unit (else the dispatching centre) is the
 * agency responsible.
 */
export async function publicOrders(q: Queryable, f: PublicOrderFilter): Promise<PublicOrderRow[]> {
  const where = ['not o.confidential', 'o.category_code is not null'];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.codes.length) add('o.code = any(?::text[])', f.codes);
  if (f.serviceCodes.length) add('o.category_code = any(?::text[])', f.serviceCodes);
  if (f.from) add('o.created_at >= ?', f.from);
  if (f.to) add('o.created_at <= ?', f.to);
  if (f.closed !== undefined) where.push(`${f.closed ? '' : 'not '}(s.type in ('closed', 'voided'))`);
  params.push(f.limit);
  const sql = `select o.code, o.description, o.address, o.lat, o.lng, o.category_code, c.name as category_name, c.name_en as category_name_en,
      s.type as state_type, s.label_zh, s.label_en, coalesce(hu.name, du.name) as agency, coalesce(hu.name_en, du.name_en) as agency_en,
      o.created_at, o.updated_at, o.closed_at,
      (select d.due_at from order_deadlines d where d.order_id = o.id and d.done_at is null order by d.started_at desc limit 1) as expected_at
    from orders o
    join order_states s on s.code = o.state
    left join categories c on c.code = o.category_code
    left join units hu on hu.id = o.handler_unit_id
    left join units du on du.id = o.dispatch_unit_id
    where ${where.join(' and ')}
    order by o.created_at desc, o.id desc
    limit $${params.length}`;
  return (await q.query<PublicOrderRow>(sql, params)).rows;
}
