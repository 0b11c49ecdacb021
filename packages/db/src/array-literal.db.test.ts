import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDatabase } from './testing.ts';
import { numberArray, textArray } from './array-literal.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t?.close());

describe('array literals (数组字面量)', () => {
  it('reads back every text as it was: quotes, backslashes, braces, commas, spaces, empty, NULL, Chinese', async () => {
    const values = ['plain', '', ' lead and trail ', 'a,b', '{x}', 'say "hi"', 'back\\slash', '\\"', 'NULL', null, '违法停车 东门', 'ends\\'];
    const r = await t.db.query<{ v: string | null; o: number }>('select v, o::int from unnest($1::text[]) with ordinality as u (v, o) order by o', [textArray(values)]);
    expect(r.rows.map((row) => row.v)).toEqual(values);
    expect(textArray([])).toBe('{}');
  });

  it('reads back numbers of each kind, and refuses what is not a finite number', async () => {
    const r = await t.db.query<{ i: number; b: string; f: number; c: number }>(
      'select i, b::text as b, f, c from unnest($1::int[], $2::int8[], $3::float8[], $4::real[]) as u (i, b, f, c)',
      [numberArray([1, -2, null]), numberArray([9007199254740993n, 0, 1]), numberArray([120.123456789012, -1e-7, 0.1 + 0.2]), numberArray([0.75, 1, null])],
    );
    expect(r.rows.map((x) => x.i)).toEqual([1, -2, null]);
    expect(r.rows.map((x) => x.b)).toEqual(['9007199254740993', '0', '1']);
    expect(r.rows.map((x) => Number(x.f))).toEqual([120.123456789012, -1e-7, 0.1 + 0.2]);
    expect(r.rows.map((x) => (x.c === null ? null : Number(x.c)))).toEqual([0.75, 1, null]);
    expect(() => numberArray([Number.NaN])).toThrow(RangeError);
    expect(() => numberArray([Infinity])).toThrow(RangeError);
  });
});
