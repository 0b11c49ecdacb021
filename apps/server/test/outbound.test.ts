/**
 * Notification channels cannot be turned against the platform's own network (SSRF). Once channel URLs and
 * SMTP hosts accepted loopback, link-local (169.254.169.254), private ranges and [::1]; redirects were
 * followed; SMS headers could set Host or Cookie; and a gateway's answer came back through lastError. Now
 * such targets are refused unless LIANDONG_OUTBOUND_ALLOW names them, nothing is followed, headers are
 * restricted, and lastError is a status and a short reason.
 */
import type { OutboxMessage } from '@liandong/contracts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deliverPendingMessages, enqueueMessage } from '@liandong/core/notify/index.ts';
import { startTestServer, type Client, type TestServer } from './harness.ts';
import { orderIn } from './order-fixtures.ts';

let s: TestServer;
let admin: Client;
const servers: Server[] = [];

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.as('admin');
});

afterEach(() => {
  delete process.env.LIANDONG_OUTBOUND_ALLOW;
});

afterAll(async () => {
  for (const x of servers) x.close();
  await s?.close();
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ base: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    handler!(req, res);
  });
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
}

const put = (code: string, body: unknown) => admin.request('PUT', `/api/v1/notification-channels/${code}`, body);

async function smsThroughGateway(url: string): Promise<OutboxMessage> {
  expect((await put('sms', { enabled: true, config: { url } })).status).toBe(200);
  const f = await orderIn(s, 'pending_sign', { phone: null });
  await s.platform.db.query(`update units set leader_phone = '13900000002' where id = $1`, [f.handlerUnitId]);
  await s.platform.db.transaction((tx) =>
    enqueueMessage(tx, {
      template: 'supervision.sms',
      vars: { orderCode: f.code, leaderName: '赵局长', unitName: '城管局', step: '处置', dueAt: '今天' },
      channel: 'sms',
      recipient: { kind: 'unit', unitId: f.handlerUnitId! },
      orderId: f.id,
    }),
  );
  await deliverPendingMessages(s.platform.db);
  const log = await admin.get(`/api/v1/messages?orderId=${f.id}&channel=sms`);
  return log.body.items[0]!;
}

describe('channel targets on this machine or a private network', () => {
  const bad = ['http://127.0.0.1:9/sms', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://2130706433/', 'http://0x7f.1/',
    'http://10.0.0.5/sms', 'http://192.168.1.10/', 'http://[::ffff:127.0.0.1]/', 'http://localhost:8080/', 'http://user:pw@sms.example.cn/'];

  it('are refused when configured, naming the field, and nothing is stored', async () => {
    const before = (await admin.get('/api/v1/notification-channels/sms')).body;
    for (const url of bad) {
      const r = await put('sms', { enabled: true, config: { url } });
      expect({ url, status: r.status, field: r.body?.error?.field }).toEqual({ url, status: 400, field: 'config.url' });
    }
    for (const url of ['http://127.0.0.1/robot', 'http://169.254.169.254/']) {
      expect((await put('wecom', { enabled: true, config: { webhookUrl: url } })).body.error.field).toBe('config.webhookUrl');
    }
    for (const host of ['127.0.0.1', 'localhost', '169.254.169.254', '::1']) {
      const r = await put('email', { enabled: true, config: { host, port: 25, from: 'noreply@example.cn' } });
      expect({ host, field: r.body?.error?.field }).toEqual({ host, field: 'config.host' });
    }
    expect((await admin.get('/api/v1/notification-channels/sms')).body).toEqual(before);
  });

  it('headers that steer the request are refused', async () => {
    for (const name of ['Host', 'Cookie', 'Content-Length', 'Transfer-Encoding', 'X-Forwarded-For']) {
      const r = await put('sms', { enabled: false, config: { url: 'https://sms.example.cn/send', headers: { [name]: 'x' } } });
      expect({ name, status: r.status, field: r.body?.error?.field }).toEqual({ name, status: 400, field: `config.headers.${name}` });
    }
    expect((await put('sms', { enabled: false, config: { url: 'https://sms.example.cn/send', headers: { 'X-Api-Key': 'k' } } })).status).toBe(200);
  });

  it('a target configured while allowed is refused at send time once the allowance is gone', async () => {
    const gw = await listen((_req, res) => res.writeHead(200).end('{}'));
    process.env.LIANDONG_OUTBOUND_ALLOW = '127.0.0.1';
    expect((await put('sms', { enabled: true, config: { url: `${gw.base}/sms` } })).status).toBe(200);
    delete process.env.LIANDONG_OUTBOUND_ALLOW;
    const f = await orderIn(s, 'pending_sign');
    await s.platform.db.query(`update units set leader_phone = '13900000003' where id = $1`, [f.handlerUnitId]);
    await s.platform.db.transaction((tx) =>
      enqueueMessage(tx, { template: 'supervision.sms', vars: { orderCode: f.code, leaderName: '', unitName: '', step: '', dueAt: '' }, channel: 'sms', recipient: { kind: 'unit', unitId: f.handlerUnitId! }, orderId: f.id }),
    );
    await deliverPendingMessages(s.platform.db);
    const m = (await admin.get(`/api/v1/messages?orderId=${f.id}&channel=sms`)).body.items[0];
    expect(m.lastError).toMatch(/target refused/);
    expect(gw.hits()).toBe(0);
  });
});

describe('an allowed gateway', () => {
  it('a redirect is a failure, not followed to another host', async () => {
    const elsewhere = await listen((_req, res) => res.writeHead(200).end('{}'));
    const gw = await listen((_req, res) => res.writeHead(302, { location: `${elsewhere.base}/internal` }).end());
    process.env.LIANDONG_OUTBOUND_ALLOW = '127.0.0.1';
    const m = await smsThroughGateway(`${gw.base}/sms`);
    expect(m.lastError).toMatch(/HTTP 302/);
    expect(gw.hits()).toBe(1);
    expect(elsewhere.hits()).toBe(0);
  });

  it('what a failing gateway answers never reaches lastError', async () => {
    const gw = await listen((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('root:x:0:0 SECRET-TOKEN-42 internal admin page'));
    process.env.LIANDONG_OUTBOUND_ALLOW = '127.0.0.1';
    const m = await smsThroughGateway(`${gw.base}/sms`);
    expect(m.lastError).toMatch(/HTTP 500/);
    expect(m.lastError).not.toMatch(/SECRET|root:x/);
    expect(m.lastError!.length).toBeLessThanOrEqual(160);
  });
});
