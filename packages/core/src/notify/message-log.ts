/**
 * The message log (消息发送记录) as its readers may see it: administrators everything with addresses in full
 * (each reading of addresses logged), supervisors the messages about orders in their scope with phones masked.
 * Administrators alone change templates and channels.
 */
import type { Db, Queryable } from '@liandong/db';
import type { Actor } from '../org/actor.ts';
import { hasRole } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { listMessages, type MessageFilter, type MessageScope } from './messages.repository.ts';
import { updateTemplate } from './templates.repository.ts';
import { getChannelView, listChannelViews, updateChannel, type ChannelUpdate } from './channels.repository.ts';
import type { MessageLang } from './notify.types.ts';

/** Reads a page of the log; `orderScope` is the reader's scope over orders (orders/order-scope.ts). */
export async function readMessageLog(
  q: Queryable,
  actor: Actor,
  orderScope: (params: unknown[], alias: string) => string,
  f: MessageFilter,
  ctx: { ip?: string; at: Date },
) {
  assertMay(actor, 'messages.log');
  const admin = hasRole(actor, 'admin');
  const scope: MessageScope = admin ? { all: true } : { all: false, unitIds: actor.unitIds, userId: actor.userId, orderScopeSql: orderScope };
  const page = await listMessages(q, scope, f, !admin);
  const ids = page.items.filter((m) => m.address).map((m) => m.id);
  if (admin && ids.length > 0) await recordAudit(q, { actor, action: 'view_message_addresses', details: { messageIds: ids }, ip: ctx.ip, at: ctx.at });
  return page;
}

export async function editTemplate(q: Queryable, actor: Actor, code: string, lang: MessageLang, texts: { subject: string; body: string }) {
  assertMay(actor, 'notifications.manage');
  return updateTemplate(q, code, lang, texts, actor.userId);
}

export async function readChannels(q: Queryable, actor: Actor) {
  assertMay(actor, 'notifications.manage');
  return listChannelViews(q);
}

export async function readChannel(q: Queryable, actor: Actor, code: string) {
  assertMay(actor, 'notifications.manage');
  return getChannelView(q, code);
}

/** Enables or configures a channel in one transaction (the row is locked while its config is checked). */
export async function configureChannel(db: Db, actor: Actor, code: string, update: ChannelUpdate) {
  assertMay(actor, 'notifications.manage');
  return db.transaction((tx) => updateChannel(tx, code, update, actor.userId));
}
