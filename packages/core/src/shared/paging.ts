/**
 * One page of a list as SQL: the bounds come from the contracts (the HTTP schema refuses anything outside
 * them first); this checks them again for callers that are not HTTP, and passes limit and offset as
 * parameters, never as SQL text.
 */
import { DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE } from '@liandong/contracts';
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
