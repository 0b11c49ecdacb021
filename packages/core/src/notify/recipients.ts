/**
 * Where a message goes on its channel: a unit's leader phone (单位负责人手机) or a user's phone for SMS, the
 * given address for e-mail. Resolved at delivery time, so a phone filled in after the message was written
 * is still used by its retries. Robot webhooks and the inbox need no address.
 */
import type { Queryable } from '@liandong/db';
import type { OutboxRow } from './notify.types.ts';

export type Resolved = { address: string | null } | { error: string };

export async function resolveAddresses(q: Queryable, rows: readonly OutboxRow[]): Promise<Map<number, Resolved>> {
  const smsRows = rows.filter((m) => m.channel === 'sms');
  const unitIds = smsRows.flatMap((m) => (m.recipient.kind === 'unit' ? [m.recipient.unitId] : []));
  const userIds = smsRows.flatMap((m) => (m.recipient.kind === 'user' ? [m.recipient.userId] : []));
  const unitPhones = new Map<number, string | null>();
  const userPhones = new Map<number, string | null>();
  if (unitIds.length > 0) {
    const r = await q.query<{ id: number; phone: string | null }>('select id, leader_phone as phone from units where id = any($1::int[])', [unitIds]);
    for (const u of r.rows) unitPhones.set(u.id, u.phone);
  }
  if (userIds.length > 0) {
    const r = await q.query<{ id: number; phone: string | null }>('select id, phone from users where id = any($1::int[])', [userIds]);
    for (const u of r.rows) userPhones.set(u.id, u.phone);
  }
  const out = new Map<number, Resolved>();
  for (const m of rows) out.set(m.id, resolveOne(m, unitPhones, userPhones));
  return out;
}

function resolveOne(m: OutboxRow, unitPhones: Map<number, string | null>, userPhones: Map<number, string | null>): Resolved {
  const r = m.recipient;
  if (m.channel === 'sms') {
    if (r.kind === 'phone') return { address: r.phone };
    if (r.kind === 'unit') return phoneOr(unitPhones.get(r.unitId), `单位 ${r.unitId} 未设置负责人手机 / unit ${r.unitId} has no leader phone`);
    if (r.kind === 'user') return phoneOr(userPhones.get(r.userId), `用户 ${r.userId} 未设置手机 / user ${r.userId} has no phone`);
  }
  if (m.channel === 'email') {
    return r.kind === 'email' ? { address: r.address } : { error: `邮件收件人无地址 / no e-mail address for ${r.kind}` };
  }
  return { address: null };
}

function phoneOr(phone: string | null | undefined, error: string): Resolved {
  return phone ? { address: phone } : { error };
}
