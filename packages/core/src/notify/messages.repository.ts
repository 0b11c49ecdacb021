/**
 * Reading the outbox: the inbox (站内信) of a user — messages to his units (his scope units and their
 * sub-units) or to him — and the message log for administrators and supervisors. Read state is per
 * message: when one person of a unit opens a reminder, the unit has seen it.
 */
import type { Queryable } from '@liandong/db';
import type { InboxMessage, OutboxMessage } from '@liandong/contracts';
import { iso, isoOrNull } from '../shared/wire.ts';
import { maskPhone } from '../org/personal-data.ts';
import { maskSecrets } from './message-secrets.rules.ts';
import { notFound } from '../shared/errors.ts';
import type { ChannelCode, MessageStatus, OutboxRow } from './notify.types.ts';

export const MESSAGE = { zh: '消息', en: 'Message' };

import { cappedTotal, countUpTo, pageWindow, type Paging } from '../shared/paging.ts';
export type { Paging };

export interface InboxOwner {
  unitIds: readonly number[];
  userId: number;
}

type ViewRow = OutboxRow & { order_code: string | null };

const SELECT = `select m.*, o.code as order_code from outbox m left join orders o on o.id = m.order_id`;
/** The log's rows also name the unit or user a message is for. */
const LOG_SELECT = `select m.*, o.code as order_code, coalesce(ru.name, rp.display_name) as recipient_name
  from outbox m left join orders o on o.id = m.order_id
  left join units ru on ru.id = (m.recipient ->> 'unitId')::int left join users rp on rp.id = (m.recipient ->> 'userId')::int`;

/** Addressed to one of the owner's units or to him; appends its parameters. */
function toOwnerSql(owner: InboxOwner, params: unknown[]): string {
  params.push(owner.unitIds, owner.userId);
  const [u, me] = [params.length - 1, params.length];
  return `((m.recipient ->> 'unitId')::int = any($${u}::int[]) or (m.recipient ->> 'userId')::int = $${me})`;
}

function inboxWhere(owner: InboxOwner, params: unknown[]): string {
  return `m.channel = 'inbox' and ${toOwnerSql(owner, params)}`;
}

export function inboxView(m: ViewRow): InboxMessage {
  return {
    id: m.id,
    template: m.template,
    subject: m.subject,
    body: maskSecrets(m.body, { template: m.template }),
    recipient: m.recipient,
    orderId: m.order_id,
    orderCode: m.order_code,
    createdAt: iso(m.created_at),
    readAt: isoOrNull(m.read_at),
  };
}

export async function listInbox(q: Queryable, owner: InboxOwner, f: Paging & { unread?: boolean }) {
  const params: unknown[] = [];
  const where = inboxWhere(owner, params);
  const rowParams = [...params];
  const w = pageWindow(f, rowParams);
  const counts = await q.query<{ total: number; unread: number }>(
    `select count(*)::int as total, (count(*) filter (where m.read_at is null))::int as unread from outbox m where ${where}`,
    params,
  );
  const rows = await q.query<ViewRow>(
    `${SELECT} where ${where} ${f.unread ? 'and m.read_at is null' : ''}
      order by m.created_at desc, m.id desc ${w.sql}`,
    rowParams,
  );
  const c = counts.rows[0]!;
  return { total: f.unread ? c.unread : c.total, unread: c.unread, page: w.page, pageSize: w.pageSize, items: rows.rows.map(inboxView) };
}

/** Marks an inbox message read (the first reading counts); 404 when it is not in the owner's inbox. */
export async function markInboxRead(q: Queryable, owner: InboxOwner, id: number, at: Date) {
  const params: unknown[] = [id, at];
  const where = inboxWhere(owner, params);
  const r = await q.query<ViewRow>(
    `with m as (update outbox m set read_at = coalesce(m.read_at, $2) where m.id = $1 and ${where} returning m.*)
     select m.*, o.code as order_code from m left join orders o on o.id = m.order_id`,
    params,
  );
  if (!r.rows[0]) throw notFound(MESSAGE);
  return inboxView(r.rows[0]);
}

/** Who may read which messages: everything (administrators), or those about orders he sees and those to him. */
export type MessageScope =
  | { all: true }
  | { all: false; unitIds: readonly number[]; userId: number; orderScopeSql: (params: unknown[], alias: string) => string };

export interface MessageFilter extends Paging {
  channel?: ChannelCode;
  status?: MessageStatus;
  orderId?: number;
  /** The order's number (工单编号). */
  orderCode?: string;
  template?: string;
}

export function messageView(m: ViewRow & { recipient_name?: string | null }, maskPhones: boolean): OutboxMessage {
  const phone = (p: string | null) => (maskPhones ? maskPhone(p) : p);
  const recipient = m.recipient.kind === 'phone' ? { ...m.recipient, phone: phone(m.recipient.phone) } : m.recipient;
  return {
    id: m.id,
    channel: m.channel,
    recipient,
    recipientName: m.recipient_name ?? null,
    address: m.channel === 'sms' ? phone(m.address) : m.address,
    template: m.template,
    lang: m.lang,
    subject: maskSecrets(m.subject, { template: m.template, status: m.status }),
    body: maskSecrets(m.body, { template: m.template, status: m.status }),
    orderId: m.order_id,
    orderCode: m.order_code,
    status: m.status,
    attempts: m.attempts,
    nextAttemptAt: isoOrNull(m.next_attempt_at),
    lastError: m.last_error,
    createdAt: iso(m.created_at),
    sentAt: isoOrNull(m.sent_at),
    readAt: isoOrNull(m.read_at),
  };
}

export async function listMessages(q: Queryable, scope: MessageScope, f: MessageFilter, maskPhones: boolean) {
  const params: unknown[] = [];
  const conds: string[] = [];
  const add = (sql: (n: string) => string, v: unknown) => {
    params.push(v);
    conds.push(sql(`$${params.length}`));
  };
  if (f.channel) add((n) => `m.channel = ${n}`, f.channel);
  if (f.status) add((n) => `m.status = ${n}`, f.status);
  if (f.orderId) add((n) => `m.order_id = ${n}`, f.orderId);
  if (f.orderCode) add((n) => `m.order_id = (select id from orders where code = ${n})`, f.orderCode);
  if (f.template) add((n) => `m.template = ${n}`, f.template);
  if (!scope.all) {
    const toOwner = toOwnerSql(scope, params);
    const aboutOrder = `exists (select 1 from orders so where so.id = m.order_id and ${scope.orderScopeSql(params, 'so')})`;
    conds.push(`(${aboutOrder} or ${toOwner})`);
  }
  const where = conds.length > 0 ? conds.join(' and ') : 'true';
  const rowParams = [...params];
  const w = pageWindow(f, rowParams);
  // Counted as the order list is: a district's outbox holds millions of messages.
  const n = await countUpTo(q, `from outbox m where ${where}`, params);
  const rows = await q.query<ViewRow & { recipient_name: string | null }>(`${LOG_SELECT} where ${where} order by m.created_at desc, m.id desc ${w.sql}`, rowParams);
  return { ...cappedTotal(n), page: w.page, pageSize: w.pageSize, items: rows.rows.map((m) => messageView(m, maskPhones)) };
}
