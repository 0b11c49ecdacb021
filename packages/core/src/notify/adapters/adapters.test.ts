/** The HTTP adapters against a real local server on 127.0.0.1 (no internet). */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../notify.types.ts';
import { dingtalkAdapter, smsHttpAdapter, wecomAdapter } from './index.ts';

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
  body: any;
}
// The fake gateway listens on this machine: an administrator's explicit allowance (LIANDONG_OUTBOUND_ALLOW).
process.env.LIANDONG_OUTBOUND_ALLOW = '127.0.0.1';

let server: Server;
let base: string;
const seen: Seen[] = [];
/** What the next request gets: [status, body]. */
let answer: [number, string] = [200, '{"errcode":0,"errmsg":"ok"}'];

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      seen.push({ url: req.url!, headers: req.headers, body: JSON.parse(data) });
      res.writeHead(answer[0], { 'content-type': 'application/json' }).end(answer[1]);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const message: OutgoingMessage = {
  id: 1,
  channel: 'sms',
  recipient: { kind: 'unit', unitId: 7 },
  address: '13800001111',
  subject: '【短信督办】工单LD1',
  body: '王局长同志：工单LD1已超时，请督促办理。',
  lang: 'zh',
  orderId: 1,
};

describe('notification adapters', () => {
  it('SMS gateway: posts phone, content and sign as JSON with the configured headers', async () => {
    answer = [200, 'OK'];
    await smsHttpAdapter.send(message, { url: `${base}/sms/send`, headers: { 'X-Api-Key': 'k1' }, sign: '【吴江联动】' });
    const last = seen.at(-1)!;
    expect(last.url).toBe('/sms/send');
    expect(last.headers['x-api-key']).toBe('k1');
    expect(last.body).toEqual({ phone: '13800001111', content: message.body, sign: '【吴江联动】' });
  });

  it('SMS gateway: a non-2xx answer is a failure that says the status', async () => {
    answer = [503, '<html>Service Unavailable</html>'];
    await expect(smsHttpAdapter.send(message, { url: `${base}/sms` })).rejects.toThrow(/HTTP 503/);
  });

  it('WeCom robot: posts a text message; errcode 0 succeeds, any other errcode fails', async () => {
    answer = [200, '{"errcode":0,"errmsg":"ok"}'];
    await wecomAdapter.send({ ...message, channel: 'wecom', address: null }, { webhookUrl: `${base}/cgi-bin/webhook/send?key=abc` });
    expect(seen.at(-1)!.body).toEqual({ msgtype: 'text', text: { content: `${message.subject}\n${message.body}` } });
    answer = [200, '{"errcode":93000,"errmsg":"invalid webhook url"}'];
    await expect(wecomAdapter.send(message, { webhookUrl: `${base}/x` })).rejects.toThrow(/errcode 93000/);
  });

  it('DingTalk robot: signs the URL when a secret is set, and fails on errcode', async () => {
    answer = [200, '{"errcode":0,"errmsg":"ok"}'];
    await dingtalkAdapter.send(message, { webhookUrl: `${base}/robot/send?access_token=t`, secret: 'SECabc' });
    const url = new URL(seen.at(-1)!.url, base);
    expect(url.searchParams.get('access_token')).toBe('t');
    expect(url.searchParams.get('timestamp')).toMatch(/^\d{13}$/);
    expect(url.searchParams.get('sign')).toMatch(/^[A-Za-z0-9+/]+=*$/);
    answer = [200, '{"errcode":310000,"errmsg":"keywords not in content"}'];
    await expect(dingtalkAdapter.send(message, { webhookUrl: `${base}/robot/send` })).rejects.toThrow(/310000/);
    answer = [200, 'not json'];
    await expect(dingtalkAdapter.send(message, { webhookUrl: `${base}/robot/send` })).rejects.toThrow(/not JSON/);
  });
});
