/** The transactional outbox on a real database: a message exists iff the change that caused it committed. */
import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { enqueueMessage } from './enqueue-message.ts';
import { renderTemplate, updateTemplate } from './templates.repository.ts';
import { checkTemplateText, TEMPLATE_PLACEHOLDERS, type TemplateCode } from './templates.rules.ts';

let t: TestDatabase;
let unitId: number;
let orderId: number;
let adminId: number;
const t0 = new Date('2026-11-23T02:00:00Z');

beforeAll(async () => {
  t = await createTestDb();
  unitId = (await t.db.query<{ id: number }>(`insert into units (code, name, kind, level, leader_name, leader_phone)
    values ('T-SWJ', '吴江区水务局', 'department', 'district', '王局长', '13800001111') returning id`)).rows[0]!.id;
  adminId = (await t.db.query<{ id: number }>(`insert into users (username, display_name) values ('t_admin', '管理员') returning id`)).rows[0]!.id;
  orderId = (await t.db.query<{ id: number }>(`insert into orders (code, state, channel, nature, description, lng, lat, level, handler_unit_id)
    values ('LD20261123000001', 'pending_sign', 'hotline', 'help', '井盖松动', 120.64, 31.16, 'district', $1) returning id`, [unitId])).rows[0]!.id;
});
afterAll(() => t?.close());

const count = async (where = 'true') => (await t.db.query<{ n: number }>(`select count(*)::int as n from outbox where ${where}`)).rows[0]!.n;
const reminder = { template: 'supervision.reminder', vars: { orderCode: 'LD20261123000001', unitName: '吴江区水务局', step: '签收', dueAt: '11月23日 10:30', timing: '将于11月23日 10:30到期，尚余 48 分钟' } } as const;

describe('message templates in the database', () => {
  it('seeds every template in Chinese and English, using only its known placeholders', async () => {
    const r = await t.db.query<{ code: TemplateCode; lang: string; subject: string; body: string }>('select code, lang, subject, body from message_templates');
    const keys = r.rows.map((x) => `${x.code}/${x.lang}`).sort();
    expect(keys).toEqual(Object.keys(TEMPLATE_PLACEHOLDERS).flatMap((c) => [`${c}/en`, `${c}/zh`]).sort());
    for (const row of r.rows) {
      expect(checkTemplateText(row.code, row.subject), `${row.code}/${row.lang} subject`).toBeNull();
      expect(checkTemplateText(row.code, row.body), `${row.code}/${row.lang} body`).toBeNull();
    }
  });

  it('renders in the language asked for', async () => {
    const zh = await renderTemplate(t.db, 'callback.request', 'zh', { orderCode: 'LD1', link: 'https://12345.example.cn/r/abc' });
    expect(zh.body).toBe('您反映的问题（工单号LD1）已办理完毕，请点击 https://12345.example.cn/r/abc 对办理结果进行评价。感谢您的支持！');
    const en = await renderTemplate(t.db, 'callback.request', 'en', { orderCode: 'LD1', link: 'https://x/r' });
    expect(en.body).toContain('Please rate the result at https://x/r');
    await expect(renderTemplate(t.db, 'no.such', 'zh', {})).rejects.toMatchObject({ status: 404 });
  });
});

describe('enqueueMessage', () => {
  it('writes nothing when the caller\'s transaction rolls back, and the message with the event when it commits', async () => {
    const before = await count();
    const failing = t.db.transaction(async (tx) => {
      await tx.query(`insert into order_events (order_id, action, note) values ($1, 'supervise', '电子催办')`, [orderId]);
      await enqueueMessage(tx, { ...reminder, channel: 'inbox', recipient: { kind: 'unit', unitId }, orderId, at: t0 });
      throw new Error('the action failed after the message was written');
    });
    await expect(failing).rejects.toThrow(/action failed/);
    expect(await count()).toBe(before);

    const id = await t.db.transaction(async (tx) => {
      await tx.query(`insert into order_events (order_id, action, note) values ($1, 'supervise', '电子催办')`, [orderId]);
      return (await enqueueMessage(tx, { ...reminder, channel: 'inbox', recipient: { kind: 'unit', unitId }, orderId, at: t0 })).id;
    });
    const m = (await t.db.query<any>('select * from outbox where id = $1', [id])).rows[0];
    expect(m).toMatchObject({ channel: 'inbox', status: 'stored', attempts: 0, next_attempt_at: null, order_id: orderId, lang: 'zh', template: 'supervision.reminder' });
    expect(m.recipient).toEqual({ kind: 'unit', unitId });
    expect(m.subject).toBe('【电子催办】工单LD20261123000001');
    expect(m.body).toBe('吴江区水务局：工单LD20261123000001的签收环节将于11月23日 10:30到期，尚余 48 分钟，请及时办理。');
    expect(new Date(m.created_at).toISOString()).toBe(t0.toISOString());
  });

  it('stores the messages of a channel that is not enabled (a fresh install) and queues them once it is', async () => {
    const sms = { ...reminder, template: 'supervision.sms', channel: 'sms', recipient: { kind: 'unit', unitId }, orderId, at: t0 } as const;
    expect((await enqueueMessage(t.db, sms)).status).toBe('stored');
    await t.db.query(`update notification_channels set enabled = true, config = '{"url":"http://127.0.0.1:9/sms"}' where code = 'sms'`);
    const queued = await enqueueMessage(t.db, { ...sms, lang: 'en' });
    expect(queued.status).toBe('pending');
    const row = (await t.db.query<any>('select next_attempt_at, body from outbox where id = $1', [queued.id])).rows[0];
    expect(new Date(row.next_attempt_at).toISOString()).toBe(t0.toISOString());
    expect(row.body).toMatch(/^Dear : order LD20261123000001/); // leaderName not given: rendered empty
    await t.db.query(`update notification_channels set enabled = false where code = 'sms'`);
  });

  it('refuses a recipient the channel cannot reach', async () => {
    const err = await enqueueMessage(t.db, { ...reminder, channel: 'email', recipient: { kind: 'unit', unitId } }).catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.field).toBe('recipient');
  });

  it('keeps the text rendered at enqueue when the template is edited later', async () => {
    const { id } = await enqueueMessage(t.db, { ...reminder, channel: 'inbox', recipient: { kind: 'unit', unitId } });
    await updateTemplate(t.db, 'supervision.reminder', 'zh', { subject: '催办 {{orderCode}}', body: '请尽快办理 {{orderCode}}' }, adminId);
    const m = (await t.db.query<{ subject: string }>('select subject from outbox where id = $1', [id])).rows[0]!;
    expect(m.subject).toBe('【电子催办】工单LD20261123000001');
    const next = await enqueueMessage(t.db, { ...reminder, channel: 'inbox', recipient: { kind: 'unit', unitId } });
    expect((await t.db.query<{ subject: string }>('select subject from outbox where id = $1', [next.id])).rows[0]!.subject).toBe('催办 LD20261123000001');
  });
});
