import type { Queryable } from '@liandong/db';
import { describe, expect, it } from 'vitest';
import { DeliveryWorker } from './delivery-worker.ts';

describe('DeliveryWorker', () => {
  it('polls with its clock, reports errors without throwing out of the loop, and stops cleanly', async () => {
    let calls = 0;
    const seenNow: unknown[] = [];
    const db: Queryable = {
      async query(_sql, params) {
        calls += 1;
        seenNow.push(params?.[0]);
        if (calls <= 2) throw new Error('connection reset');
        return { rows: [], rowCount: 0 };
      },
      async exec() {},
    };
    const errors: unknown[] = [];
    let passes = 0;
    const clock = () => new Date('2026-11-23T02:00:00Z');
    const worker = new DeliveryWorker(db, { clock, pollMs: 5, onError: (e) => errors.push(e), onPass: () => (passes += 1) });
    worker.start();
    worker.start(); // a second start does not run a second loop
    while (passes < 2) await new Promise((r) => setTimeout(r, 5));
    await worker.stop();
    const after = calls;
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(after);
    expect(errors.map((e) => (e as Error).message)).toEqual(['connection reset', 'connection reset']);
    expect(seenNow[0]).toEqual(clock());
  });
});
