/**
 * One page of a list as SQL: the bounds come from the contracts (the HTTP schema refuses anything outside
 * them first); this checks them again for callers that are not HTTP, and passes limit and offset as
 * parameters, never as SQL text.
 */
import type { Queryable } from '@liandong/db';
import { DEFAULT_PAGE_SIZE, MAX_COUNTED, MAX_PAGE, MAX_PAGE_SIZE } from '@liandong/contracts';
import { invalidField } from './errors.ts';

export interface Paging {
  page?: number;
  pageSize?: number;
}

export interface PageWindow {
  page: number;
  pageSize: number;
  /** `limit $n offset $m`, its two values pushed onto the query's parameters. */
  sql: string;
}

function bounded(value: number | undefined, fallback: number, max: number, field: string): number {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < 1 || n > max) {
    throw invalidField(field, `须为 1–${max} 的整数`, `must be an integer from 1 to ${max}`);
  }
  return n;
}

export function pageWindow(f: Paging, params: unknown[]): PageWindow {
  const page = bounded(f.page, 1, MAX_PAGE, 'page');
  const pageSize = bounded(f.pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, 'pageSize');
  params.push(pageSize, (page - 1) * pageSize);
  return { page, pageSize, sql: `limit $${params.length - 1} offset $${params.length}` };
}

/** The rows `fromWhere` (`from … where …`) matches, counted up to MAX_COUNTED + 1: enough to say "more" without reading a million. */
export async function countUpTo(q: Queryable, fromWhere: string, params: unknown[]): Promise<number> {
  const r = await q.query<{ n: number }>(`select count(*)::int as n from (select 1 ${fromWhere} limit ${MAX_COUNTED + 1}) counted`, params);
  return r.rows[0]!.n;
}

/** A count of countUpTo's as a counted page says it: the total up to MAX_COUNTED, and whether there were more. */
export function cappedTotal(n: number): { total: number; totalCapped: boolean } {
  return { total: Math.min(n, MAX_COUNTED), totalCapped: n > MAX_COUNTED };
}
