import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from './pglite.ts';

describe('the embedded database in a new folder', () => {
  it('gets its cluster from a child process (initdb), then opens it here; the second open finds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liandong-pglite-'));
    try {
      const db = await openPglite(join(dir, 'pg'));
      expect(existsSync(join(dir, 'pg', 'PG_VERSION'))).toBe(true);
      await db.exec('create table t (x int); insert into t values (1)');
      await db.close();
      const again = await openPglite(join(dir, 'pg'));
      expect((await again.query<{ x: number }>('select x from t')).rows).toEqual([{ x: 1 }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
