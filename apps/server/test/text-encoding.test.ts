/**
 * Text that is not valid Unicode. Once a lone UTF-16 surrogate in an action's note was stored as U+FFFD
 * while the same in a description was a 400; now every text field of every route refuses it the same way,
 * naming the field, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newKey, startTestServer, type TestServer } from './harness.ts';
import { orderBody, orderIn, snapshot, tableCounts } from './order-fixtures.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.close();
});

/** JSON.stringify writes a lone surrogate as the escape \\ud800, exactly as a careless client would send it. */
const LONE = '坏\ud800字';

describe('a lone surrogate', () => {
  it('in an action note, a description or a reporter name is a 400 naming the field; nothing changes', async () => {
    const f = await orderIn(s, 'pending_dispatch');
    const before = await snapshot(s, f.id);
    const note = await (await s.as('zx_dispatcher')).act(f.id, 'dispatch', { note: LONE });
    expect([note.status, note.body.error.field]).toEqual([400, 'note']);
    expect(await snapshot(s, f.id)).toEqual(before);

    const counts = await tableCounts(s);
    const operator = await s.as('zx_operator');
    const body = await orderBody(s);
    for (const [input, field] of [
      [{ ...body, description: LONE }, 'description'],
      [{ ...body, reporter: { name: LONE } }, 'reporter.name'],
      [{ ...body, address: `\udc00${LONE}` }, 'address'],
    ] as const) {
      const r = await operator.post('/api/v1/orders', input, { 'idempotency-key': newKey('utf') });
      expect({ field, status: r.status, named: r.body.error?.field }).toEqual({ field, status: 400, named: field });
    }
    expect(await tableCounts(s)).toEqual(counts);
  });

  it('a well-formed pair (an emoji, a rare character) is kept as written', async () => {
    const f = await orderIn(s, 'pending_dispatch');
    const r = await (await s.as('zx_dispatcher')).act(f.id, 'dispatch', { note: '请尽快处理😀𠀀' });
    expect(r.status).toBe(200);
    expect(r.body.timeline.at(-1)!.note).toBe('请尽快处理😀𠀀');
  });
});
