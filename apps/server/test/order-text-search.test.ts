/**
 * Text search (q): an order matches when its description, address or number contains the text, exactly as a
 * plain "contains" says, whatever the index finds first (the text's bigrams, migration 0024): two characters
 * (one bigram), four, one (none), bigrams present but apart, a text across two columns, wildcards, paging.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, startTestServer, type TestServer } from './harness.ts';
import { expectOk, orderBody } from './order-fixtures.ts';

let s: TestServer;
const made: Record<string, { id: number; code: string }> = {};

const ORDERS: Record<string, { description: string; address?: string }> = {
  manhole: { description: '小区门口井盖松动，行人险些绊倒', address: '松陵街道江兴西路18号' },
  apart: { description: '井盖歪了，盖松了，松动明显' }, // the bigrams of 井盖松动, never together
  street: { description: '路灯不亮', address: '平望镇井盖路1号' },
  across: { description: '小区里的窨井', address: '盖家弄3号' }, // 井 | 盖 only across the two columns
  percent: { description: '满意率100%_已核实' },
  number: { description: '满意率1000已核实' },
};

beforeAll(async () => {
  s = await startTestServer();
  const operator = await s.as('zx_operator');
  for (const [name, text] of Object.entries(ORDERS)) {
    const body = { ...(await orderBody(s)), ...text };
    made[name] = expectOk(await operator.post('/api/v1/orders', body, { 'idempotency-key': newKey('q') }), `create ${name}`, 201);
  }
});
afterAll(() => s?.close());

/** The orders whose description, address or number contains `text` (strpos: no pattern at all), newest first. */
async function containing(text: string): Promise<number[]> {
  const r = await s.platform.db.query<{ id: number }>(
    `select id from orders where strpos(description, $1) > 0 or strpos(coalesce(address, ''), $1) > 0 or strpos(code, $1) > 0
      order by created_at desc, id desc`,
    [text],
  );
  return r.rows.map((o) => Number(o.id));
}

async function search(text: string, paging = 'pageSize=200'): Promise<{ total: number; totalCapped: boolean; ids: number[] }> {
  const r = await (await s.as('admin')).get(`/api/v1/orders?${paging}&q=${encodeURIComponent(text)}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return { total: r.body.total, totalCapped: r.body.totalCapped, ids: r.body.items.map((o: { id: number }) => o.id) };
}

describe('text search', () => {
  it.each(['井盖', '井盖松动', '井', '盖松', '江兴西路', '井 盖', '100%_', '100%', '0%', '_', '绊倒'])('q=%s finds exactly the orders containing it, newest first', async (text) => {
    const expected = await containing(text);
    const found = await search(text);
    expect(found).toEqual({ total: expected.length, totalCapped: false, ids: expected.slice(0, 200) });
  });

  it('matches description, address and number, not bigrams apart nor a text across two columns', async () => {
    const ids = (text: string) => search(text).then((r) => r.ids);
    expect(await ids('井盖')).toEqual(expect.arrayContaining([made.manhole!.id, made.apart!.id, made.street!.id]));
    expect(await ids('井盖')).not.toContain(made.across!.id);
    expect(await ids('井盖松动')).toContain(made.manhole!.id);
    expect(await ids('井盖松动')).not.toContain(made.apart!.id);
    expect(await ids('井 盖')).not.toContain(made.across!.id);
    expect(await ids(made.number!.code)).toEqual([made.number!.id]);
    expect(await ids(made.number!.code.slice(-6))).toContain(made.number!.id);
    expect(await ids('100%_')).toEqual([made.percent!.id]);
    expect(await ids('100%')).toEqual([made.percent!.id]);
  });

  it('pages through the matches as the rest of the list does', async () => {
    const expected = await containing('井');
    expect(expected.length).toBeGreaterThan(3);
    for (const page of [1, 2, Math.ceil(expected.length / 2) + 1]) {
      const found = await search('井', `pageSize=2&page=${page}`);
      expect(found).toEqual({ total: expected.length, totalCapped: false, ids: expected.slice((page - 1) * 2, page * 2) });
    }
    const twoCharacters = await containing('井盖');
    const second = await search('井盖', 'pageSize=2&page=2');
    expect(second).toEqual({ total: twoCharacters.length, totalCapped: false, ids: twoCharacters.slice(2, 4) });
  });
});
