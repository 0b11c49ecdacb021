/**
 * Uploads never attached are removed after 24 hours by the background sweeper; attached ones stay
 * (issue 6, defect 12). The clock is injected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnattachedFileSweeper } from '@liandong/core/files/purge-unattached-files.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { orderIn, upload } from './order-fixtures.ts';

let s: TestServer;
let now = new Date('2026-03-04T02:00:00Z');
beforeAll(async () => {
  s = await startTestServer({ clock: () => now });
});
afterAll(() => s?.close());

const exists = async (id: string) => (await s.platform.db.query('select 1 from files where public_id = $1', [id])).rows.length === 1;

describe('unattached uploads', () => {
  it('are deleted after the grace period; attached files and special reports are kept', async () => {
    const sweeper = new UnattachedFileSweeper(s.platform.db, { clock: s.platform.clock });
    const f = await orderIn(s, 'handling');
    const lonely = await upload(s, 'cgj_handler', 'never-attached.jpg');
    const kept = await upload(s, 'cgj_handler', 'result.jpg');
    const fb = await (await s.as('cgj_handler')).act(f.id, 'feedback', { result: '已处置', attachments: [kept] });
    expect(fb.status).toBe(200);

    now = new Date(now.getTime() + 23 * 3600_000);
    expect(await sweeper.runOnce()).toBe(0);
    expect(await exists(lonely)).toBe(true);

    now = new Date(now.getTime() + 2 * 3600_000);
    expect(await sweeper.runOnce()).toBeGreaterThanOrEqual(1);
    expect(await exists(lonely)).toBe(false);
    expect(await exists(kept)).toBe(true);
    s.forgetSessions();
    const r = await fetch(`${s.base}/api/v1/files/${lonely}`, { headers: { authorization: `Bearer ${(await s.as('cgj_handler')).token}` } });
    expect(r.status).toBe(404);
  });
});
