/** The console served by the platform: pages answer the app, assets travel compressed and are cached for long. */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

/** A raw GET (fetch would undo the compression and hide its size). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(s.base + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const data = Buffer.concat(chunks);
        resolve({ status: res.statusCode!, headers: res.headers, bytes: data.length, body: data.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the console’s files', () => {
  it('a page path answers the app; an unknown API path stays the API’s JSON 404', async () => {
    const page = await get('/orders/123');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<div id="root">');
    const api = await get('/api/v1/nothing-here');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/json/);
  });

  it('scripts travel Brotli- or gzip-compressed to browsers that accept it, cached for a year', async () => {
    const script = /src="(\/assets\/[^"]+\.js)"/.exec((await get('/')).body)![1]!;
    const plain = await get(script);
    const br = await get(script, { 'accept-encoding': 'br, gzip' });
    const gz = await get(script, { 'accept-encoding': 'gzip' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.bytes).toBeLessThan(plain.bytes / 2);
    expect(br.headers['cache-control']).toMatch(/immutable/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
  });
});

describe('the field app’s files (/field/)', () => {
  it('its pages answer the field app, not the console; its service worker and manifest are revalidated on each load', async () => {
    for (const path of ['/field/', '/field/tasks/12', '/field']) {
      const page = await get(path);
      expect([page.status, page.body.includes('/field/manifest.webmanifest')]).toEqual([200, true]);
      expect(page.body).toContain('<title>联动巡查</title>');
    }
    expect((await get('/orders/1')).body).not.toContain('/field/manifest.webmanifest');
    const sw = await get('/field/sw.js');
    expect([sw.status, sw.headers['content-type'], sw.headers['cache-control']]).toEqual([200, expect.stringMatching(/javascript/), 'no-cache']);
    const manifest = await get('/field/manifest.webmanifest');
    expect(JSON.parse(manifest.body)).toMatchObject({ scope: '/field/', start_url: '/field/', lang: 'zh-CN' });
    expect((await get('/field/icon-192.png')).headers['content-type']).toBe('image/png');
  });

  it('its hashed scripts are cached for a year and travel compressed', async () => {
    const script = /src="(\/field\/assets\/[^"]+\.js)"/.exec((await get('/field/')).body)![1]!;
    const br = await get(script, { 'accept-encoding': 'br' });
    expect([br.status, br.headers['content-encoding'], br.headers['cache-control']]).toEqual([200, 'br', 'public, max-age=31536000, immutable']);
  });
});

describe('the citizen portal’s files (/portal/)', () => {
  it('its pages answer the portal: home, a tracking page, a rating link', async () => {
    for (const path of ['/portal/', '/portal/track/Q7K2M9XD4TB', '/portal/rate/cb_abcdefghijkl']) {
      const page = await get(path);
      expect([page.status, page.body.includes('<title>随手拍')]).toEqual([200, true]);
    }
    const script = /src="(\/portal\/assets\/[^"]+\.js)"/.exec((await get('/portal/')).body)![1]!;
    const br = await get(script, { 'accept-encoding': 'br' });
    expect([br.status, br.headers['content-encoding'], br.headers['cache-control']]).toEqual([200, 'br', 'public, max-age=31536000, immutable']);
  });
});

describe('the big screen’s files (/screen)', () => {
  it('its address answers the screen’s page, the token in the query or not; its scripts travel compressed', async () => {
    for (const path of ['/screen', '/screen?token=ldw_x', '/screen/']) {
      const page = await get(path);
      expect([page.status, page.body.includes('<title>指挥大屏'), page.body.includes('no-referrer')]).toEqual([200, true, true]);
    }
    const script = /src="(\/screen\/assets\/[^"]+\.js)"/.exec((await get('/screen')).body)![1]!;
    const br = await get(script, { 'accept-encoding': 'br' });
    expect([br.status, br.headers['content-encoding'], br.headers['cache-control']]).toEqual([200, 'br', 'public, max-age=31536000, immutable']);
  });
});
