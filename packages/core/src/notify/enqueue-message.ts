/**
 * The transactional outbox (发件箱): a message is written by the caller, in the caller's transaction, beside the
 * order change that causes it. It exists iff that change committed, and nothing here talks to the outside
 * world, so a dead SMS gateway can never hold up or roll back an order. Delivery happens later
 * (deliver-messages.ts).
 */
import type { Queryable } from '@liandong/db';
import { invalidField } from '../shared/errors.ts';
import { CHANNEL_RECIPIENTS, type ChannelCode, type MessageLang, type MessageStatus, type Recipient } from './notify.types.ts';
import { renderTemplate } from './templates.repository.ts';
import type { TemplateCode, TemplateVars } from './templates.rules.ts';

export interface EnqueueInput {
  template: TemplateCode;
  /** Language of the text; zh by default (Chinese first). */
  lang?: MessageLang;
  vars: TemplateVars;
  channel: ChannelCode;
  recipient: Recipient;
  orderId?: number | null;
  /** The time of the causing change (the caller's clock); the message is due then. Defaults to now. */
  at?: Date;
}

export interface EnqueuedMessage {
  id: number;
  status: MessageStatus;
}

export function checkRecipient(channel: ChannelCode, recipient: Recipient): void {
  if (!CHANNEL_RECIPIENTS[channel].includes(recipient.kind)) {
    throw invalidField('recipient', `渠道 ${channel} 不能发送给 ${recipient.kind}`, `channel ${channel} cannot reach a ${recipient.kind} recipient`);
  }
}

/**
 * Writes one outbox row with the text rendered now (later template edits do not change a message already
 * written). Inbox messages are stored at once: the inbox is read in the app. A channel that is not enabled
 * (a fresh install) stores its messages too: kept and readable, never sent. Otherwise the row waits for the
 * delivery worker.
 */
export async function enqueueMessage(tx: Queryable, input: EnqueueInput): Promise<EnqueuedMessage> {
  checkRecipient(input.channel, input.recipient);
  const lang = input.lang ?? 'zh';
  const text = await renderTemplate(tx, input.template, lang, input.vars);
  const at = input.at ?? new Date();
  const r = await tx.query<EnqueuedMessage>(
    `insert into outbox (channel, recipient, template, lang, subject, body, order_id, status, next_attempt_at, created_at)
     select c.code, $2::jsonb, $3, $4, $5, $6, $7, s.status, case when s.status = 'pending' then $8::timestamptz end, $8
       from notification_channels c
       cross join lateral (select case when c.code <> 'inbox' and c.enabled then 'pending' else 'stored' end as status) s
      where c.code = $1
     returning id, status`,
    [input.channel, JSON.stringify(input.recipient), input.template, lang, text.subject, text.body, input.orderId ?? null, at],
  );
  const row = r.rows[0];
  if (!row) throw invalidField('channel', `未知通知渠道 ${input.channel}`, `unknown notification channel ${input.channel}`);
  return row;
}
