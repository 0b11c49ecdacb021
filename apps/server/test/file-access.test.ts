/**
 * Files (附件) are readable only through the order they belong to. Once any signed-in user could attach
 * a foreign file id to his own order and download it (ids were sequential, and attaching checked only
 * that the file existed). Now ids are UUIDs, a user attaches only files he uploaded, each file belongs to
 * one order, and downloads carry headers that keep a browser from sniffing or running them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, startTestServer, type Client, type TestServer } from './harness.ts';
import { orderBody, orderIn, tableCounts, upload } from './order-fixtures.ts';

let s: TestServer;
let citizen: Client;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  s = await startTestServer();
  citizen = await s.as('citizen');
});

afterAll(async () => {
  await s?.close();
});

async function download(username: string, id: string | number) {
  const c = await s.as(username);
  return fetch(`${s.base}/api/v1/files/${id}`, { headers: { authorization: `Bearer ${c.token}` } });
}

async function citizenOrder(attachments: string[], key = newKey('att'), description = `测试附件 ${key}`) {
  const body = { ...(await orderBody(s, { phone: null, description })), channel: 'app', nature: 'report', attachments };
  return citizen.post('/api/v1/orders', body, { 'idempotency-key': key });
}

describe('attaching a file', () => {
  it('a citizen cannot attach a file someone else uploaded, nor then read it', async () => {
    const foreign = await upload(s, 'cgj_handler', 'private.jpg');
    const before = await tableCounts(s);
    const r = await citizenOrder([foreign]);
    expect(r.status).toBe(422);
    expect(r.body.error.field).toBe('attachments');
    expect(await tableCounts(s)).toEqual(before);
    expect((await download('citizen', foreign)).status).toBe(404);
  });

  it('a file attached to an order is not readable by whoever merely names it elsewhere', async () => {
    const f = await orderIn(s, 'handling');
    const photo = await upload(s, 'cgj_handler', 'result.jpg');
    expect((await (await s.as('cgj_handler')).act(f.id, 'feedback', { result: '已处置', attachments: [photo] })).status).toBe(200);
    // Another town's station and the citizen (not the reporter) cannot see the order, so not its file.
    for (const outsider of ['citizen', 'zhenze_station', 'swj_handler']) expect((await download(outsider, photo)).status).toBe(404);
    // Those who see the order can.
    for (const insider of ['cgj_handler', 'zx_dispatcher', 'leader']) expect((await download(insider, photo)).status).toBe(200);
    // A second order cannot take it: not by another user, not by the uploader himself.
    const other = await orderIn(s, 'handling');
    const again = await (await s.as('cgj_handler')).act(other.id, 'feedback', { result: '已处置', attachments: [photo] });
    expect(again.status).toBe(422);
    expect(again.body.error.field).toBe('attachments');
    expect((await s.as('cgj_handler').then((c) => c.get(`/api/v1/orders/${other.id}`))).body.state.code).toBe('handling');
  });

  it('two orders racing for one file: exactly one gets it, the other is refused and not written', async () => {
    const photo = await upload(s, 'citizen', 'race.jpg');
    const answers = await Promise.all([citizenOrder([photo]), citizenOrder([photo]), citizenOrder([photo])]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422]);
    const bound = await s.platform.db.query<{ n: number }>(
      `select count(*)::int as n from order_events e join files f on f.id = any(e.attachment_ids) where f.public_id = $1`,
      [photo],
    );
    expect(bound.rows[0]!.n).toBe(1);
  });

  it('a retry of the same report with its attachment finds the first order', async () => {
    const photo = await upload(s, 'citizen', 'retry.jpg');
    const key = newKey('retry');
    const first = await citizenOrder([photo], key);
    expect(first.status).toBe(201);
    const retry = await citizenOrder([photo], key);
    expect(retry.body.id).toBe(first.body.id);
    expect((await download('citizen', photo)).status).toBe(200);
    const shown = await citizen.get(`/api/v1/orders/${first.body.id}`);
    expect(shown.body.timeline[0].attachmentIds).toEqual([photo]);
  });
});

describe('file ids and downloads', () => {
  it('ids are UUIDs; the old sequential ids name nothing', async () => {
    const photo = await upload(s, 'citizen');
    expect(photo).toMatch(UUID);
    const row = await s.platform.db.query<{ id: number }>('select id from files where public_id = $1', [photo]);
    const sequential = await download('citizen', row.rows[0]!.id);
    expect(sequential.status).toBe(400);
    expect(((await sequential.json()) as any).error.field).toBe('id');
  });

  it('a download is sandboxed and never sniffed; every answer refuses framing and referrers', async () => {
    const photo = await upload(s, 'citizen');
    const r = await download('citizen', photo);
    expect(r.status).toBe(200);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    const health = await fetch(`${s.base}/api/health`);
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('x-frame-options')).toBe('DENY');
    expect(health.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(`${s.base}/api/docs/`)).status).toBe(200);
  });
});
