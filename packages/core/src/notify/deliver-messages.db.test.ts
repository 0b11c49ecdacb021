/**
 * Delivery on a real database with fake adapters and a controllable clock: sending, retries with backoff,
 * giving up, channel isolation, and several workers at once never sending a message twice.
 */
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverPendingMessages, type DeliveryOptions } from './deliver-messages.ts';
import { enqueueMessage } from './enqueue-message.ts';
import type { ChannelCode, NotificationAdapter, OutgoingMessage, Recipient } from './notify.types.ts';

let t: TestDatabase;
let unitId: number;
let noPhoneUnitId: number;
const t0 = new Date('2026-11-23T02:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const policy = { baseMs: 1_000, capMs: 60_000, jitter: 0, maxAttempts: 4, leaseMs: 30_000 };

beforeAll(async () => {
  t = await createTestDb();
  const unit = (code: string, phone: string | null) =>
    t.db.query<{ id: number }>(`insert into units (code, name, kind, level, leader_name, leader_phone) values ($1, $1, 'department', 'district', '王局长', $2) returning id`, [code, phone]);
  unitId = (await unit('T-SWJ', '13800001111')).rows[0]!.id;
  noPhoneUnitId = (await unit('T-NOPHONE', null)).rows[0]!.id;
  await t.db.query(`update notification_channels set enabled = true, config = '{"url":"http://127.0.0.1:9/unused"}' where code in ('sms', 'wecom')`);
});
afterAll(() => t?.close());
beforeEach(async () => {
  await t.db.query('delete from outbox');
});

/** A fake adapter recording what it sends; `fail` decides per call whether it throws. */
function fake(channel: ChannelCode, fail: (call: number) => boolean = () => false, delayMs = 0) {
  const sent: OutgoingMessage[] = [];
  let calls = 0;
  const adapter: NotificationAdapter = {
    channel,
    async send(m) {
      calls += 1;
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      if (fail(calls)) throw new Error(`gateway down (call ${calls})`);
      sent.push(m);
    },
  };
  return { adapter, sent, calls: () => calls };
}

const smsTo = (recipient: Recipient = { kind: 'unit', unitId }) =>
  enqueueMessage(t.db, { template: 'supervision.sms', vars: { orderCode: 'LD1', leaderName: '王局长同志', unitName: '水务局', step: '处置', dueAt: '今天', timing: '已超过时限 1 工作日' }, channel: 'sms', recipient, at: t0 });
const row = async (id: number) => (await t.db.query<any>('select * from outbox where id = $1', [id])).rows[0];
const pass = (now: Date, adapters: NotificationAdapter[], extra: DeliveryOptions = {}) => deliverPendingMessages(t.db, { now, adapters, policy, ...extra });

describe('deliverPendingMessages', () => {
  it('sends a due message to the unit leader\'s phone and marks it sent', async () => {
    const { id } = await smsTo();
    const sms = fake('sms');
    expect(await pass(at(0), [sms.adapter])).toMatchObject({ claimed: 1, sent: 1 });
    expect(sms.sent).toHaveLength(1);
    expect(sms.sent[0]).toMatchObject({ id, address: '13800001111', channel: 'sms' });
    expect(sms.sent[0]!.body).toContain('王局长同志：贵单位（水务局）承办的工单LD1处置环节已超过时限');
    const m = await row(id);
    expect(m).toMatchObject({ status: 'sent', attempts: 1, address: '13800001111', last_error: null, next_attempt_at: null });
    expect(new Date(m.sent_at).toISOString()).toBe(t0.toISOString());
    expect(await pass(at(60_000), [sms.adapter])).toMatchObject({ claimed: 0 });
  });

  it('retries a failure with exponential backoff and sends it once the gateway recovers', async () => {
    const { id } = await smsTo();
    const sms = fake('sms', (n) => n <= 2);
    expect(await pass(at(0), [sms.adapter])).toMatchObject({ retried: 1 });
    let m = await row(id);
    expect(m).toMatchObject({ status: 'pending', attempts: 1, last_error: 'gateway down (call 1)' });
    expect(new Date(m.next_attempt_at).getTime()).toBe(at(1_000).getTime());
    expect(await pass(at(999), [sms.adapter])).toMatchObject({ claimed: 0 }); // not due yet
    expect(await pass(at(1_000), [sms.adapter])).toMatchObject({ retried: 1 });
    expect(new Date((await row(id)).next_attempt_at).getTime()).toBe(at(3_000).getTime()); // 1 s, then 2 s
    expect(await pass(at(3_000), [sms.adapter])).toMatchObject({ sent: 1 });
    m = await row(id);
    expect(m).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(sms.sent).toHaveLength(1);
  });

  it('gives up after the last attempt, keeping the error', async () => {
    const { id } = await smsTo();
    const sms = fake('sms', () => true);
    let now = 0;
    for (let i = 0; i < policy.maxAttempts; i++) {
      await pass(at(now), [sms.adapter]);
      now += 60_000;
    }
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 4, next_attempt_at: null, last_error: 'gateway down (call 4)' });
    expect(await pass(at(now + 3_600_000), [sms.adapter])).toMatchObject({ claimed: 0 });
  });

  it('a failing channel delays only its own messages', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await smsTo()).id);
    const robot = await enqueueMessage(t.db, { template: 'order.escalated', vars: { orderCode: 'LD2' }, channel: 'wecom', recipient: { kind: 'webhook' }, at: t0 });
    const sms = fake('sms', () => true);
    const wecom = fake('wecom');
    const r = await pass(at(0), [sms.adapter, wecom.adapter]);
    expect(r).toMatchObject({ claimed: 6, sent: 1, retried: 3, deferred: 2 });
    expect(wecom.sent.map((m) => m.id)).toEqual([robot.id]);
    expect(sms.calls()).toBe(3); // the rest of the batch was not tried against a dead gateway
    const deferred = await row(ids[4]!);
    expect(deferred).toMatchObject({ status: 'pending', attempts: 0 });
    expect(new Date(deferred.next_attempt_at).getTime()).toBe(at(1_000).getTime());
  });

  it('retries a unit without a leader phone, saying why, and stores messages of a channel disabled meanwhile', async () => {
    const { id } = await smsTo({ kind: 'unit', unitId: noPhoneUnitId });
    const sms = fake('sms');
    await pass(at(0), [sms.adapter]);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringContaining('no leader phone') });
    expect(sms.calls()).toBe(0);
    await t.db.query(`update notification_channels set enabled = false where code = 'sms'`);
    try {
      expect(await pass(at(5_000), [sms.adapter])).toMatchObject({ stored: 1 });
      expect(await row(id)).toMatchObject({ status: 'stored', attempts: 1, next_attempt_at: null });
    } finally {
      await t.db.query(`update notification_channels set enabled = true where code = 'sms'`);
    }
  });

  it('several workers at once send every message exactly once', async () => {
    const ids = new Set<number>();
    for (let i = 0; i < 40; i++) ids.add((await smsTo({ kind: 'phone', phone: `1390000${String(i).padStart(4, '0')}` })).id);
    const sms = fake('sms', () => false, 2);
    const worker = async () => {
      for (;;) {
        const r = await pass(at(0), [sms.adapter], { batchSize: 3 });
        if (r.claimed === 0) return;
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const sentIds = sms.sent.map((m) => m.id).sort((a, b) => a - b);
    expect(sentIds).toEqual([...ids].sort((a, b) => a - b));
    const states = await t.db.query<{ status: string; attempts: number; n: number }>('select status, attempts, count(*)::int as n from outbox group by 1, 2');
    expect(states.rows).toEqual([{ status: 'sent', attempts: 1, n: 40 }]);
  });

  it('releases the rest of a slow batch, due at once, before its claim could run out', async () => {
    for (let i = 0; i < 5; i++) await smsTo();
    const slow = fake('sms', () => false, 150);
    // lease 400 ms, send timeout 200 ms: sends may start during the first 200 ms only, so two at most
    const r = await pass(at(0), [slow.adapter], { policy: { ...policy, leaseMs: 400, sendTimeoutMs: 200 } });
    expect(r.sent + r.deferred).toBe(5);
    expect(r.sent).toBeGreaterThanOrEqual(1);
    expect(r.deferred).toBeGreaterThanOrEqual(1);
    const waiting = await t.db.query<{ attempts: number; next_attempt_at: Date }>(`select attempts, next_attempt_at from outbox where status = 'pending'`);
    expect(waiting.rows).toHaveLength(r.deferred);
    for (const w of waiting.rows) expect(w).toEqual({ attempts: 0, next_attempt_at: t0 });
  });

  it('a message claimed by a worker is not taken by another until its lease ends', async () => {
    const { id } = await smsTo();
    let release!: () => void;
    const slow: NotificationAdapter = { channel: 'sms', send: () => new Promise<void>((r) => (release = r)) };
    const first = pass(at(0), [slow]);
    while (!release) await new Promise((r) => setTimeout(r, 5));
    const other = fake('sms');
    expect(await pass(at(10_000), [other.adapter])).toMatchObject({ claimed: 0 }); // within the 30 s lease
    release();
    expect(await first).toMatchObject({ sent: 1 });
    expect(other.calls()).toBe(0);
    expect((await row(id)).status).toBe('sent');
  });
});
