import { createTestDb, type TestDatabase } from '@liandong/db/testing.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroupCommit, WriteAgain } from './group-commit.ts';

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDb();
  await t.db.exec('create table gc_items (id int primary key, label text not null)');
});
afterAll(() => t?.close());

const rows = async () => (await t.db.query<{ id: number }>('select id from gc_items order by id')).rows.map((r) => r.id);

/** Writes each item as a row in one statement; an item labelled 'refuse' is refused without failing the group. */
function writer() {
  return new GroupCommit<{ id: number; label: string }, number>(
    t.db,
    async (tx, items) => {
      const kept = items.filter((i) => i.label !== 'refuse');
      if (kept.length) {
        await tx.query('insert into gc_items (id, label) select * from unnest($1::int[], $2::text[])', [kept.map((i) => i.id), kept.map((i) => i.label)]);
      }
      // Each caller is answered after the commit: the row is there when it hears.
      return items.map((i) => (i.label === 'refuse' ? { ok: false as const, error: new Error(`refused ${i.id}`) } : { ok: true as const, value: i.id }));
    },
    { maxConcurrent: 1, maxSize: 10 },
  );
}

describe('group commit (成组提交)', () => {
  it('writes items arriving together in one transaction and answers each after its commit', async () => {
    const g = writer();
    const heard: number[][] = [];
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map((id) =>
        g.submit({ id, label: 'ok' }).then(async (v) => {
          heard.push(await rows());
          return v;
        }),
      ),
    );
    expect(answers).toEqual([1, 2, 3, 4, 5]);
    // The first went alone (nothing was in flight); the four that came meanwhile went together.
    expect(g.stats).toMatchObject({ groups: 2, items: 5, retried: 0 });
    heard.forEach((seen, i) => expect(seen).toContain(answers[i]));
  });

  it('refuses one item of a group without failing the others', async () => {
    const g = writer();
    const results = await Promise.allSettled([10, 11, 12, 13].map((id) => g.submit({ id, label: id === 12 ? 'refuse' : 'ok' })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[2] as PromiseRejectedResult).reason)).toContain('refused 12');
    expect((await rows()).filter((id) => id >= 10 && id < 20)).toEqual([10, 11, 13]);
  });

  it('rolls a failing group back whole and retries each item alone: the bad one is told, the others written once', async () => {
    const g = writer();
    // 21 is taken already: the group's one insert fails, and nothing of the group stays.
    await t.db.query(`insert into gc_items (id, label) values (21, 'before')`);
    const results = await Promise.allSettled([20, 22, 21, 23].map((id) => g.submit({ id, label: 'ok' })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(g.stats.retried).toBe(3);
    expect((await rows()).filter((id) => id >= 20 && id < 30)).toEqual([20, 21, 22, 23]);
    const labels = await t.db.query<{ label: string }>('select label from gc_items where id = 21');
    expect(labels.rows).toEqual([{ label: 'before' }]);
  });

  it('keeps a group within its size', async () => {
    const g = new GroupCommit<number, number>(t.db, async (_tx, items) => items.map((i) => ({ ok: true as const, value: items.length * 100 + i })), {
      maxConcurrent: 1,
      maxSize: 5,
      sizeOf: () => 2,
    });
    // Two units each, five at most: the first alone, then two and two.
    const sizes = (await Promise.all([1, 2, 3, 4, 5].map((i) => g.submit(i)))).map((v) => Math.floor(v / 100));
    expect(sizes).toEqual([1, 2, 2, 2, 2]);
  });

  it('writes a group again in a new transaction when its writer asks, nothing of the first attempt kept', async () => {
    const attempts: number[] = [];
    const g = new GroupCommit<number, number>(
      t.db,
      async (tx, items, attempt) => {
        attempts.push(attempt);
        await tx.query('insert into gc_items (id, label) select id, $2 from unnest($1::int[]) as u (id)', [items, `attempt ${attempt}`]);
        // The first attempt learns its guess was wrong after it wrote: rolled back, written again.
        if (attempt === 0) throw new WriteAgain('guessed wrong');
        return items.map((i) => ({ ok: true as const, value: i }));
      },
      { maxConcurrent: 1 },
    );
    expect(await g.submit(30)).toBe(30);
    expect(attempts).toEqual([0, 1]);
    expect(g.stats).toMatchObject({ groups: 1, again: 1 });
    const kept = await t.db.query<{ label: string }>('select label from gc_items where id = 30');
    expect(kept.rows).toEqual([{ label: 'attempt 1' }]);
  });

  it('lets a writer that keeps asking fail after two more attempts', async () => {
    let calls = 0;
    const g = new GroupCommit<number, number>(
      t.db,
      async () => {
        calls++;
        throw new WriteAgain('never right');
      },
      { maxConcurrent: 1 },
    );
    await expect(g.submit(40)).rejects.toThrow('never right');
    expect(calls).toBe(3);
  });
});
