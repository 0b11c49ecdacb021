/**
 * Notifications through the API with real local servers: an SMS gateway (node:http) that fails before it
 * recovers, an SMTP server (smtp-server), the inbox, the message log, templates and channel settings.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_COUNTED } from '@liandong/contracts';
import { deliverPendingMessages, DeliveryWorker, enqueueMessage, type EnqueueInput } from '@liandong/core/notify/index.ts';
import { TEMPLATE_PLACEHOLDERS } from '@liandong/core/notify/templates.rules.ts';
import { startTestServer, unitId, type TestServer } from './harness.ts';
import { expectOk, orderIn, userId } from './order-fixtures.ts';

// The fake gateways below listen on this machine: an administrator's explicit allowance (LIANDONG_OUTBOUND_ALLOW).
process.env.LIANDONG_OUTBOUND_ALLOW = '127.0.0.1';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

const enqueue = (input: EnqueueInput) => s.platform.db.transaction((tx) => enqueueMessage(tx, input));
const outboxRow = async (id: number) => (await s.platform.db.query<any>('select * from outbox where id = $1', [id])).rows[0];
async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An SMS gateway on 127.0.0.1 that answers 500 to its first `failures` requests, then 200. */
async function startGateway(failures: number) {
  const calls: { body: any; headers: IncomingHttpHeaders; status: number }[] = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const status = calls.length < failures ? 500 : 200;
      calls.push({ body: JSON.parse(data), headers: req.headers, status });
      res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"code":0}' : '{"error":"upstream carrier down"}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, calls, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

/** Decodes MIME encoded-words and a base64 / quoted-printable text body, enough to read what nodemailer wrote. */
function readMail(raw: string): { subject: string; text: string } {
  const [head, ...rest] = raw.split('\r\n\r\n');
  const headers = head!.replace(/\r\n[ \t]+/g, ' ');
  const words = (v: string) =>
    v.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toLowerCase() === 'b' ? Buffer.from(data, 'base64').toString('utf8') : qp(data.replace(/_/g, ' ')));
  const qp = (v: string) => Buffer.from(v.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  const subject = words(/^Subject: (.*)$/im.exec(headers)![1]!);
  const body = rest.join('\r\n\r\n');
  const encoding = /^Content-Transfer-Encoding: (.*)$/im.exec(headers)?.[1]?.trim().toLowerCase();
  const text = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : encoding === 'quoted-printable' ? qp(body) : body;
  return { subject, text: text.trim() };
}

const smsVars = { orderCode: '', leaderName: '赵局长同志', unitName: '吴江区城市管理局', step: '处置', dueAt: '11月23日 17:30', timing: '已超过时限 2 小时' };

describe('delivery through real local servers', () => {
  it('on a fresh install an SMS is stored and readable, never sent', async () => {
    const f = await orderIn(s, 'pending_sign', { phone: null });
    const { id, status } = await enqueue({ template: 'supervision.sms', vars: { ...smsVars, orderCode: f.code }, channel: 'sms', recipient: { kind: 'unit', unitId: f.handlerUnitId! }, orderId: f.id });
    expect(status).toBe('stored');
    expect(await deliverPendingMessages(s.platform.db)).toMatchObject({ claimed: 0 });
    const log = expectOk(await (await s.as('admin')).get(`/api/v1/messages?orderId=${f.id}&channel=sms`), 'messages');
    expect(log.items).toEqual([expect.objectContaining({ id, channel: 'sms', status: 'stored', attempts: 0, orderCode: f.code })]);
    expect(log.items[0].body).toContain(`工单${f.code}处置环节已超过时限`);
  });

  it('a failing SMS gateway is retried and never blocks or loses an order event', async () => {
    const gw = await startGateway(3);
    const admin = await s.as('admin');
    const config = { url: `${gw.base}/sms/send`, headers: { 'X-Api-Key': 'k-test' }, sign: '【吴江联动】' };
    expectOk(await admin.request('PUT', '/api/v1/notification-channels/sms', { enabled: true, config }), 'enable sms');
    const f = await orderIn(s, 'pending_sign', { phone: null });
    await s.platform.db.query(`update units set leader_name = '赵局长', leader_phone = '13900000001' where id = $1`, [f.handlerUnitId]);
    // What the supervision ladder's level 4 (短信督办) writes: its timeline event and the SMS in one transaction.
    let now = new Date();
    const msgId = await s.platform.db.transaction(async (tx) => {
      await tx.query(`insert into order_events (order_id, action, note, data) values ($1, 'supervise', '短信督办', '{"level":4}')`, [f.id]);
      const vars = { ...smsVars, orderCode: f.code };
      return (await enqueueMessage(tx, { template: 'supervision.sms', vars, channel: 'sms', recipient: { kind: 'unit', unitId: f.handlerUnitId! }, orderId: f.id, at: now })).id;
    });
    const errors: unknown[] = [];
    const worker = new DeliveryWorker(s.platform.db, { clock: () => now, pollMs: 10, policy: { baseMs: 60_000, jitter: 0, leaseMs: 30_000 }, onError: (e) => errors.push(e) });
    /** The attempt is over: sent, or its retry scheduled (a backoff ≥ 1 min, longer than the 30 s claim lease). */
    const settled = (attempt: number) => async () => {
      const m = await outboxRow(msgId);
      return m.attempts === attempt && (m.status === 'sent' || new Date(m.next_attempt_at).getTime() - now.getTime() >= 60_000);
    };
    worker.start();
    try {
      await until('the first attempt', settled(1));
      // While the gateway fails, orders are created and acted on as usual.
      const other = await orderIn(s, 'handling', { phone: null });
      expect(other.order.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'accept', 'dispatch', 'sign']);
      const signed = expectOk(await (await s.as(f.handler!)).act(f.id, 'sign'), 'sign');
      expect(signed.state.code).toBe('handling');
      expect(signed.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'accept', 'dispatch', 'supervise', 'sign']);
      const pending = expectOk(await admin.get(`/api/v1/messages?orderId=${f.id}&channel=sms&status=pending`), 'pending').items[0];
      expect(pending).toMatchObject({ id: msgId, attempts: 1, lastError: expect.stringContaining('HTTP 500') });
      // The clock moves past each backoff (1 min, 2 min, 4 min) until the gateway recovers.
      for (let attempt = 2; attempt <= 4; attempt++) {
        expect(gw.calls.length).toBe(attempt - 1);
        now = new Date(now.getTime() + 60_000 * 2 ** (attempt - 2));
        await until(`attempt ${attempt}`, settled(attempt));
      }
      expect((await outboxRow(msgId)).status).toBe('sent');
    } finally {
      await worker.stop();
      await gw.close();
    }
    expect(errors).toEqual([]);
    expect(gw.calls.map((c) => c.status)).toEqual([500, 500, 500, 200]);
    const last = gw.calls.at(-1)!;
    expect(last.headers['x-api-key']).toBe('k-test');
    expect(last.body).toEqual({
      phone: '13900000001',
      content: `赵局长同志：贵单位（吴江区城市管理局）承办的工单${f.code}处置环节已超过时限 2 小时，请督促尽快办理。`,
      sign: '【吴江联动】',
    });
    const sent = expectOk(await admin.get(`/api/v1/messages?orderId=${f.id}&status=sent`), 'sent').items[0];
    expect(sent).toMatchObject({ id: msgId, attempts: 4, lastError: null, address: '13900000001' });
    const bySupervisor = expectOk(await (await s.as('zx_supervisor')).get(`/api/v1/messages?orderId=${f.id}&status=sent`), 'supervisor').items[0];
    expect(bySupervisor.address).toBe('139****0001');
    expectOk(await admin.request('PUT', '/api/v1/notification-channels/sms', { enabled: false }), 'disable sms');
  });

  it('sends an e-mail to a real local SMTP server with authentication', async () => {
    const mails: { from: string; to: string[]; raw: string; user?: string }[] = [];
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth: (auth, _session, cb) => (auth.username === 'liandong' && auth.password === 's3cret' ? cb(null, { user: auth.username }) : cb(new Error('bad login'))),
      onData: (stream, session, cb) => {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          mails.push({ from: (session.envelope.mailFrom || { address: '' }).address, to: session.envelope.rcptTo.map((r) => r.address), raw, user: session.user as string });
          cb();
        });
      },
    });
    await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', () => ok()));
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      const admin = await s.as('admin');
      const config = { host: '127.0.0.1', port, secure: false, user: 'liandong', pass: 's3cret', from: '吴江联动平台 <noreply@liandong.example>' };
      expectOk(await admin.request('PUT', '/api/v1/notification-channels/email', { enabled: true, config }), 'enable email');
      expect(expectOk(await admin.get('/api/v1/notification-channels/email'), 'get email').config.pass).toBe('********');
      const vars = { orderCode: 'LD20261123000042', unitName: '吴江区城市管理局', summary: '井盖缺失逾期未处置', dueAt: '11月20日' };
      const { id } = await enqueue({ template: 'supervision.special_report', vars, channel: 'email', recipient: { kind: 'email', address: 'leader@wujiang.example' } });
      expect(await deliverPendingMessages(s.platform.db)).toMatchObject({ claimed: 1, sent: 1 });
      expect(await outboxRow(id)).toMatchObject({ status: 'sent', address: 'leader@wujiang.example' });
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ from: 'noreply@liandong.example', to: ['leader@wujiang.example'], user: 'liandong' });
      const mail = readMail(mails[0]!.raw);
      expect(mail.subject).toBe('【专报批办】工单LD20261123000042督办专报');
      expect(mail.text).toBe('工单LD20261123000042（承办单位：吴江区城市管理局）经多级督办仍未办结，原定11月20日到期。情况摘要：井盖缺失逾期未处置。请领导批示。');
    } finally {
      await new Promise<void>((ok) => smtp.close(() => ok()));
    }
  });
});

describe('inbox and message log', () => {
  it('shows a unit\'s reminders to its people only, newest first, with the unread count', async () => {
    const f = await orderIn(s, 'pending_sign');
    const other = await unitId(s, 'WJ-SWJ');
    const vars = { orderCode: f.code, unitName: '吴江区城市管理局', step: '签收', dueAt: '11月23日 10:30' };
    const mine = await enqueue({ template: 'supervision.reminder', vars, channel: 'inbox', recipient: { kind: 'unit', unitId: f.handlerUnitId! }, orderId: f.id });
    const theirs = await enqueue({ template: 'supervision.reminder', vars, channel: 'inbox', recipient: { kind: 'unit', unitId: other } });
    const toSupervisor = await enqueue({ template: 'supervision.onsite', vars: { orderCode: f.code }, channel: 'inbox', recipient: { kind: 'user', userId: await userId(s, 'zx_supervisor') } });
    expect(mine.status).toBe('stored');

    const handler = await s.as(f.handler!);
    const inbox = expectOk(await handler.get('/api/v1/inbox'), 'inbox');
    expect(inbox.items.map((m: { id: number }) => m.id)).toContain(mine.id);
    expect(inbox.items.map((m: { id: number }) => m.id)).not.toContain(theirs.id);
    expect(inbox.items[0]).toMatchObject({ id: mine.id, orderId: f.id, orderCode: f.code, readAt: null, subject: `【电子催办】工单${f.code}` });
    const unread = inbox.unread;
    expect(unread).toBeGreaterThanOrEqual(1);

    const read = expectOk(await handler.post(`/api/v1/inbox/${mine.id}/read`), 'read');
    expect(read.readAt).not.toBeNull();
    const after = expectOk(await handler.get('/api/v1/inbox?unread=true'), 'unread');
    expect(after.unread).toBe(unread - 1);
    expect(after.items.map((m: { id: number }) => m.id)).not.toContain(mine.id);

    expect((await (await s.as('swj_handler')).post(`/api/v1/inbox/${mine.id}/read`)).status).toBe(404);
    const sup = expectOk(await (await s.as('zx_supervisor')).get('/api/v1/inbox?pageSize=5'), 'supervisor inbox');
    expect(sup.items.map((m: { id: number }) => m.id)).toContain(toSupervisor.id);
    expect((await s.anonymous.get('/api/v1/inbox')).status).toBe(401);
  });

  it('lets administrators and supervisors read the log, in their scope, and nobody else', async () => {
    const dept = await unitId(s, 'WJ-SWJ');
    const unrelated = await enqueue({ template: 'order.reopened', vars: { orderCode: 'X' }, channel: 'inbox', recipient: { kind: 'unit', unitId: dept } });
    const ids = (r: any) => expectOk(r, 'messages').items.map((m: { id: number }) => m.id);
    expect(ids(await (await s.as('admin')).get('/api/v1/messages?channel=inbox&pageSize=200'))).toContain(unrelated.id);
    // Not about an order he sees, not to him: the district supervisor does not see a department's own message.
    expect(ids(await (await s.as('zx_supervisor')).get('/api/v1/messages?channel=inbox&pageSize=200'))).not.toContain(unrelated.id);
    const denied = await (await s.as('cgj_handler', 'en')).get('/api/v1/messages');
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe('Only administrators and supervisors may read the message log');
    const bad = await (await s.as('admin')).get('/api/v1/messages?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('status');
  });

  it('counts the log up to MAX_COUNTED and says there are more, as the order list does', async () => {
    const dept = await unitId(s, 'WJ-SWJ');
    await s.platform.db.query(
      `insert into outbox (channel, recipient, template, lang, subject, body, status, sent_at)
       select 'inbox', jsonb_build_object('kind', 'unit', 'unitId', $1::int), 'test.bulk', 'zh', '批量', '批量消息', 'stored', now()
         from generate_series(1, $2::int)`,
      [dept, MAX_COUNTED + 5],
    );
    const log = expectOk(await (await s.as('admin')).get('/api/v1/messages?template=test.bulk&pageSize=20'), 'bulk');
    expect(log).toMatchObject({ total: MAX_COUNTED, totalCapped: true });
    expect(log.items).toHaveLength(20);
    const one = expectOk(await (await s.as('admin')).get('/api/v1/messages?template=order.reopened'), 'few');
    expect(one.totalCapped).toBe(false);
  });

  it('names the unit or user a message is for, and finds the messages about an order by its number', async () => {
    const f = await orderIn(s, 'pending_sign');
    const vars = { orderCode: f.code, unitName: '吴江区城市管理局', step: '签收', dueAt: '11月23日 10:30' };
    const toUnit = await enqueue({ template: 'supervision.reminder', vars, channel: 'inbox', recipient: { kind: 'unit', unitId: await unitId(s, 'WJ-SWJ') }, orderId: f.id });
    const toUser = await enqueue({ template: 'supervision.reminder', vars, channel: 'inbox', recipient: { kind: 'user', userId: await userId(s, 'zx_supervisor') }, orderId: f.id });
    const unitName = (await s.platform.db.query<{ name: string }>(`select name from units where code = 'WJ-SWJ'`)).rows[0]!.name;
    const log = expectOk(await (await s.as('admin')).get(`/api/v1/messages?orderCode=${f.code}&pageSize=200`), 'by order');
    expect(log.items.every((m: { orderCode: string }) => m.orderCode === f.code)).toBe(true);
    const byId = new Map(log.items.map((m: { id: number; recipientName: string | null }) => [m.id, m.recipientName]));
    expect(byId.get(toUnit.id)).toBe(unitName);
    expect(byId.get(toUser.id)).toBe((await s.platform.db.query<{ display_name: string }>(`select display_name from users where username = 'zx_supervisor'`)).rows[0]!.display_name);
    expect(expectOk(await (await s.as('admin')).get('/api/v1/messages?orderCode=LD20990101999999'), 'none').total).toBe(0);
    expect((await (await s.as('admin')).get('/api/v1/messages?orderCode=123')).body.error.field).toBe('orderCode');
  });
});

describe('templates and channels', () => {
  it('lists the templates with their placeholders, in both languages, to any signed-in user', async () => {
    const list = expectOk(await (await s.as('cgj_handler')).get('/api/v1/message-templates'), 'templates');
    // Every template the platform knows, in zh and en.
    expect(list.map((t: { code: string; lang: string }) => `${t.code}/${t.lang}`).sort()).toEqual(Object.keys(TEMPLATE_PLACEHOLDERS).flatMap((c) => [`${c}/en`, `${c}/zh`]).sort());
    expect(list.length).toBeGreaterThanOrEqual(38);
    expect(list.find((t: { code: string; lang: string }) => t.code === 'callback.request' && t.lang === 'zh')).toMatchObject({ placeholders: ['orderCode', 'link'] });
  });

  it('lets only administrators edit a template, with known placeholders only; new messages use the new text', async () => {
    const put = (c: any, path: string, body: unknown) => c.request('PUT', `/api/v1/message-templates/${path}`, body);
    const admin = await s.as('admin', 'en');
    const text = { subject: '回访 {{orderCode}}', body: '请通过 {{link}} 评价工单{{orderCode}}的办理结果。' };
    expect((await put(await s.as('zx_supervisor'), 'callback.request/zh', text)).status).toBe(403);
    const unknown = await put(admin, 'callback.request/zh', { ...text, body: '{{unitName}} 请评价 {{link}}' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'invalid_field', field: 'body' });
    expect(unknown.body.error.message).toContain('has no placeholder {{unitName}}');
    const malformed = await put(await s.as('admin'), 'callback.request/zh', { ...text, subject: '回访 {{orderCode}' });
    expect(malformed.body.error).toMatchObject({ field: 'subject', message: expect.stringContaining('占位符格式错误') });
    expect((await put(admin, 'callback.request/fr', text)).body.error.field).toBe('lang');
    expect((await put(admin, 'callback.request/zh', { ...text, extra: 1 })).body.error.field).toBe('extra');
    expect((await put(admin, 'no.such/zh', text)).status).toBe(404);

    expectOk(await put(admin, 'callback.request/zh', text), 'edit');
    const { id } = await enqueue({ template: 'callback.request', vars: { orderCode: 'LD1', link: 'https://12345.example/r/1' }, channel: 'sms', recipient: { kind: 'phone', phone: '13800138000' } });
    expect((await outboxRow(id)).body).toBe('请通过 https://12345.example/r/1 评价工单LD1的办理结果。');
  });

  it('lets only administrators read and set channels, and checks the config field by field', async () => {
    const admin = await s.as('admin');
    expect((await (await s.as('zx_supervisor')).get('/api/v1/notification-channels')).status).toBe(403);
    const channels = expectOk(await admin.get('/api/v1/notification-channels'), 'channels');
    expect(channels.map((c: { code: string }) => c.code)).toEqual(['inbox', 'sms', 'wecom', 'dingtalk', 'email']);
    expect(channels.find((c: { code: string }) => c.code === 'wecom')).toMatchObject({ enabled: false, config: {} });
    const put = (code: string, body: unknown) => admin.request('PUT', `/api/v1/notification-channels/${code}`, body);
    expect((await put('sms', { enabled: true, config: {} })).body.error.field).toBe('config.url');
    expect((await put('wecom', { config: { webhookUrl: 'not a url' } })).body.error.field).toBe('config.webhookUrl');
    expect((await put('email', { config: { host: 'h', port: '25' } })).body.error.field).toBe('config.port');
    expect((await put('inbox', { enabled: false })).status).toBe(422);
    expect((await put('fax', { enabled: true })).status).toBe(404);
    expect((await put('wecom', { enabled: 'yes' })).body.error.field).toBe('enabled');
    const wecom = expectOk(await put('wecom', { enabled: true, config: { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' } }), 'wecom');
    expect(wecom).toMatchObject({ code: 'wecom', enabled: true });
    expectOk(await put('wecom', { enabled: false }), 'wecom off');
  });

  it('never answers a channel secret in clear, and a config sent back as read keeps the stored secrets', async () => {
    const admin = await s.as('admin');
    const put = (code: string, body: unknown) => admin.request('PUT', `/api/v1/notification-channels/${code}`, body);
    const stored = async (code: string) => (await s.platform.db.query<{ config: any }>('select config from notification_channels where code = $1', [code])).rows[0]!.config;
    const ding = { webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=dt-t0ken', secret: 'SECdingtalk' };
    const sms = { url: 'https://sms.example.cn/send?apikey=gw-key', headers: { Authorization: 'Bearer gw-token', Accept: 'application/json' }, sign: '吴江联动' };
    try {
      const answers = [expectOk(await put('dingtalk', { config: ding }), 'dingtalk'), expectOk(await put('sms', { config: sms }), 'sms')];
      answers.push(...expectOk(await admin.get('/api/v1/notification-channels'), 'channels'), expectOk(await admin.get('/api/v1/notification-channels/dingtalk'), 'one'));
      for (const secret of ['dt-t0ken', 'SECdingtalk', 'gw-key', 'gw-token']) expect(JSON.stringify(answers)).not.toContain(secret);
      const read = expectOk(await admin.get('/api/v1/notification-channels/dingtalk'), 'dingtalk');
      expect(read.config).toEqual({ webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=********', secret: '********' });

      // The form sent back as read: the secrets stay; the SMS gateway's header typed anew replaces the old one.
      expectOk(await put('dingtalk', { enabled: false, config: read.config }), 'dingtalk again');
      expect(await stored('dingtalk')).toEqual(ding);
      const smsRead = expectOk(await admin.get('/api/v1/notification-channels/sms'), 'sms').config;
      expectOk(await put('sms', { config: { ...smsRead, headers: { ...smsRead.headers, Authorization: 'Bearer new' }, sign: '联动' } }), 'sms again');
      expect(await stored('sms')).toEqual({ ...sms, headers: { ...sms.headers, Authorization: 'Bearer new' }, sign: '联动' });
      // Another host never receives the stored key.
      expectOk(await put('dingtalk', { config: { ...read.config, webhookUrl: 'https://robot.example.com/send?access_token=********' } }), 'moved');
      expect((await stored('dingtalk')).webhookUrl).toBe('https://robot.example.com/send?access_token=********');
    } finally {
      await put('dingtalk', { enabled: false, config: {} });
      await put('sms', { enabled: false, config: {} });
    }
  });
});
