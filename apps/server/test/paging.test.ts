/**
 * Paging of every list: `page` and `pageSize` outside their bounds (Infinity, 1e309, fractions, text,
 * beyond the maximum) are a 400 naming the field — once a 500, when Ajv coerced "Infinity" to an integer
 * and the offset was written into the SQL text — and pages within them still work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE, MAX_PAGE_SIZE } from '@liandong/contracts';
import { startTestServer, type Client, type TestServer } from './harness.ts';

let s: TestServer;
let supervisor: Client;

beforeAll(async () => {
  s = await startTestServer();
  supervisor = await s.as('zx_supervisor');
});

afterAll(async () => {
  await s?.close();
});

const LISTS = ['/api/v1/orders', '/api/v1/inbox', '/api/v1/messages'];
const BAD_PAGES = ['Infinity', '1e309', '-Infinity', 'NaN', '0', '-1', '1.5', 'abc', String(MAX_PAGE + 1), '99999999999999999999999'];

describe('paging parameters are bounded on every list', () => {
  for (const list of LISTS) {
    it(`${list}: a page outside 1–${MAX_PAGE} is a 400 naming page`, async () => {
      for (const page of BAD_PAGES) {
        const r = await supervisor.request('GET', `${list}?page=${page}`);
        expect({ page, status: r.status, field: r.body?.error?.field }).toEqual({ page, status: 400, field: 'page' });
      }
    });

    it(`${list}: a pageSize outside 1–${MAX_PAGE_SIZE} is a 400 naming pageSize`, async () => {
      for (const pageSize of ['Infinity', '0', String(MAX_PAGE_SIZE + 1), '2.5']) {
        const r = await supervisor.request('GET', `${list}?pageSize=${pageSize}`);
        expect({ pageSize, status: r.status, field: r.body?.error?.field }).toEqual({ pageSize, status: 400, field: 'pageSize' });
      }
    });

    it(`${list}: the last allowed page answers, empty`, async () => {
      const r = await supervisor.request('GET', `${list}?page=${MAX_PAGE}&pageSize=${MAX_PAGE_SIZE}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ page: MAX_PAGE, pageSize: MAX_PAGE_SIZE, items: [] });
    });
  }
});
