/**
 * The audit trail of access to personal data (SPEC §9): who searched by a phone number, who saw a
 * reporter's full name or number, when, from where. Rows are only ever added; administrators read them.
 */
import type { Queryable } from '@liandong/db';
import type { Actor } from '../org/actor.ts';
import { invalidField } from '../shared/errors.ts';
import { pageWindow, type Paging } from '../shared/paging.ts';

export { AUDIT_ACTIONS, type AuditAction } from '@liandong/contracts';
import type { AuditAction, AuditPage } from '@liandong/contracts';
import { assertMay } from '../org/permissions.rules.ts';
import { iso } from '../shared/wire.ts';

export interface AuditEntry {
  actor: Actor;
  action: AuditAction;
  orderId?: number | null;
  details?: Record<string, unknown>;
  ip?: string | null;
  at: Date;
}

/** When and from where an administrator's change was made (系统管理操作): what its audit entry records. */
export interface AdminContext {
  now: Date;
  ip?: string | null;
}

export async function recordAudit(q: Queryable, e: AuditEntry): Promise<void> {
  await q.query('insert into audit_log (at, user_id, username, action, order_id, details, ip) values ($1, $2, $3, $4, $5, $6, $7)', [
    e.at,
    e.actor.userId || null,
    e.actor.username,
    e.action,
    e.orderId ?? null,
    JSON.stringify(e.details ?? {}),
    e.ip ?? null,
  ]);
}

export interface AuditFilter extends Paging {
  userId?: number;
  action?: string;
  orderId?: number;
  from?: string;
  to?: string;
}

function instant(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw invalidField(field, '应为 ISO 8601 时间', 'must be an ISO 8601 date-time');
  return d;
}

export async function listAudit(q: Queryable, f: AuditFilter) {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.userId) add((n) => `a.user_id = ${n}`, f.userId);
  if (f.action) add((n) => `a.action = ${n}`, f.action);
  if (f.orderId) add((n) => `a.order_id = ${n}`, f.orderId);
  const from = instant(f.from, 'from');
  const to = instant(f.to, 'to');
  if (from) add((n) => `a.at >= ${n}`, from);
  if (to) add((n) => `a.at < ${n}`, to);
  const whereSql = where.length ? `where ${where.join(' and ')}` : '';
  const rowParams = [...params];
  const w = pageWindow(f, rowParams);
  const total = await q.query<{ n: number }>(`select count(*)::int as n from audit_log a ${whereSql}`, params);
  const rows = await q.query<Record<string, unknown>>(
    `select a.id, a.at, a.user_id as "userId", a.username, a.action, a.order_id as "orderId", a.details, a.ip
       from audit_log a ${whereSql} order by a.at desc, a.id desc ${w.sql}`,
    rowParams,
  );
  return { total: total.rows[0]!.n, page: w.page, pageSize: w.pageSize, items: rows.rows };
}

/** The audit trail as administrators read it (newest first). */
export async function readAudit(q: Queryable, actor: Actor, f: AuditFilter): Promise<AuditPage> {
  assertMay(actor, 'audit.read');
  const page = await listAudit(q, f);
  return { ...page, items: page.items.map((e) => ({ ...(e as Omit<AuditPage['items'][number], 'at'>), at: iso(e.at as Date) })) };
}
