/**
 * The delivery worker's one pass (投递): claim the due pending messages, send them outside any transaction,
 * record the outcome. Safe with several workers on one database: a claim is one statement that takes due
 * rows `for update skip locked` and pushes their next_attempt_at a lease ahead, so a row is held by one
 * worker at a time; the outcome is written only while the claim (its attempt number) is still ours. A worker
 * that dies mid-send leaves the row to be taken over when the lease ends (at-least-once, as any outbox).
 * Channels are sent in parallel, and a channel that keeps failing defers the rest of its batch, so a dead
 * gateway delays only its own messages.
 */
import type { Queryable } from '@liandong/db';
import { defaultAdapters } from './adapters/index.ts';
import { lastErrorOf } from './outbound.ts';
import { maskSecrets } from './message-secrets.rules.ts';
import { afterFailure, DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.rules.ts';
import { loadChannels, type ChannelState } from './channels.repository.ts';
import type { ChannelCode, NotificationAdapter, OutboxRow } from './notify.types.ts';
import { resolveAddresses, type Resolved } from './recipients.ts';

export interface DeliveryOptions {
  /** The time of this pass (a controllable clock in tests). */
  now?: Date;
  /** The adapters by channel, defaultAdapters() unless given. A channel without one fails its messages. */
  adapters?: readonly NotificationAdapter[];
  batchSize?: number;
  policy?: Partial<RetryPolicy>;
  random?: () => number;
  /** Failures in a row on one channel after which the rest of its batch waits for the next retry time. */
  channelFailureLimit?: number;
}

export interface DeliveryReport {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  /** Not attempted: their channel was failing in this pass, or the pass ran out of lease time. */
  deferred: number;
  /** The channel was disabled after they were written: kept, not sent. */
  stored: number;
}

type Outcome = { kind: 'sent'; address: string | null } | { kind: 'error'; error: string; address?: string | null } | { kind: 'deferred'; until: Date };

export async function deliverPendingMessages(db: Queryable, opts: DeliveryOptions = {}): Promise<DeliveryReport> {
  const now = opts.now ?? new Date();
  const given = { ...DEFAULT_RETRY_POLICY, ...opts.policy };
  // The lease must outlast a send, or a slow send could be taken over and sent twice.
  const policy = { ...given, leaseMs: Math.max(given.leaseMs, 2 * given.sendTimeoutMs) };
  // Sends start only while the lease can still cover them (real time: `now` may be a test's fixed clock);
  // the rest of the batch is released, due at once, for the next pass to claim afresh.
  const started = performance.now();
  const leaseLeft = () => policy.leaseMs - policy.sendTimeoutMs - (performance.now() - started) > 0;
  const report: DeliveryReport = { claimed: 0, sent: 0, retried: 0, failed: 0, deferred: 0, stored: 0 };
  const claimed = await claimDue(db, now, opts.batchSize ?? 50, policy.leaseMs);
  report.claimed = claimed.length;
  if (claimed.length === 0) return report;

  const channels = await loadChannels(db);
  const disabled = claimed.filter((m) => !channels.get(m.channel)?.enabled);
  if (disabled.length > 0) {
    await db.query(
      `update outbox set status = 'stored', next_attempt_at = null, attempts = attempts - 1,
              last_error = '渠道已停用，未发送 / channel disabled, not sent'
        where id = any($1::bigint[]) and status = 'pending'`,
      [disabled.map((m) => m.id)],
    );
    report.stored = disabled.length;
  }
  const live = claimed.filter((m) => channels.get(m.channel)?.enabled);
  const addresses = await resolveAddresses(db, live);
  const adapters = new Map((opts.adapters ?? defaultAdapters()).map((a) => [a.channel, a]));
  const byChannel = new Map<ChannelCode, OutboxRow[]>();
  for (const m of live) byChannel.set(m.channel, [...(byChannel.get(m.channel) ?? []), m]);

  const sendChannel = async (code: ChannelCode, rows: OutboxRow[]) => {
    let streak = 0;
    let deferUntil: Date | null = null;
    for (const m of rows) {
      let outcome: Outcome;
      if (deferUntil) outcome = { kind: 'deferred', until: deferUntil };
      else if (!leaseLeft()) outcome = { kind: 'deferred', until: now };
      else outcome = await sendOne(m, addresses.get(m.id)!, adapters.get(code), channels.get(code)!, policy.sendTimeoutMs);
      if (outcome.kind === 'error') {
        streak += 1;
        const next = afterFailure(m.attempts, now, policy, opts.random);
        if (streak >= (opts.channelFailureLimit ?? 3) && next.status === 'pending') deferUntil = next.nextAttemptAt;
      } else if (outcome.kind === 'sent') streak = 0;
      await record(db, m, outcome, now, policy, opts.random, report);
    }
  };
  await Promise.all([...byChannel].map(([code, rows]) => sendChannel(code, rows)));
  return report;
}

/** Takes up to `limit` due messages for this worker, counting the attempt now (a crash mid-send counts too). */
async function claimDue(db: Queryable, now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const r = await db.query<OutboxRow>(
    `with due as (
       select id from outbox
        where status = 'pending' and next_attempt_at <= $1
        order by next_attempt_at, id
        limit $2
        for update skip locked)
     update outbox m set attempts = m.attempts + 1, next_attempt_at = $3
       from due where m.id = due.id
     returning m.*`,
    [now, limit, new Date(now.getTime() + leaseMs)],
  );
  return r.rows.sort((a, b) => a.id - b.id);
}

async function sendOne(m: OutboxRow, resolved: Resolved, adapter: NotificationAdapter | undefined, channel: ChannelState, timeoutMs: number): Promise<Outcome> {
  if ('error' in resolved) return { kind: 'error', error: resolved.error };
  if (!adapter) return { kind: 'error', error: `渠道 ${m.channel} 没有发送适配器 / no adapter for channel ${m.channel}` };
  const message = { id: m.id, channel: m.channel, recipient: m.recipient, address: resolved.address, subject: m.subject, body: m.body, lang: m.lang, orderId: m.order_id };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      adapter.send(message, channel.config),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`发送超时 / send timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { kind: 'sent', address: resolved.address };
  } catch (err) {
    return { kind: 'error', error: lastErrorOf(err), address: resolved.address };
  } finally {
    clearTimeout(timer);
  }
}

/** Writes the outcome only while the claim is still ours (same attempt number, still pending). */
async function record(db: Queryable, m: OutboxRow, o: Outcome, now: Date, policy: RetryPolicy, random: (() => number) | undefined, report: DeliveryReport): Promise<void> {
  const mine = `id = $1 and attempts = $2 and status = 'pending'`;
  if (o.kind === 'sent') {
    const r = await db.query(
      `update outbox set status = 'sent', sent_at = $3, next_attempt_at = null, last_error = null, address = $4, body = $5 where ${mine}`,
      [m.id, m.attempts, now, o.address, maskSecrets(m.body, { template: m.template })],
    );
    report.sent += r.rowCount;
  } else if (o.kind === 'deferred') {
    const r = await db.query(`update outbox set attempts = attempts - 1, next_attempt_at = $3 where ${mine}`, [m.id, m.attempts, o.until]);
    report.deferred += r.rowCount;
  } else {
    const next = afterFailure(m.attempts, now, policy, random);
    const r = await db.query(
      `update outbox set status = $3, next_attempt_at = $4, last_error = $5, address = coalesce($6, address),
              body = case when $3 = 'pending' then body else $7 end where ${mine}`,
      [m.id, m.attempts, next.status, next.status === 'pending' ? next.nextAttemptAt : null, o.error.slice(0, 500), o.address ?? null, maskSecrets(m.body, { template: m.template })],
    );
    if (next.status === 'pending') report.retried += r.rowCount;
    else report.failed += r.rowCount;
  }
}
