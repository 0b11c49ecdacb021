import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from './pglite.ts';

describe('the embedded database in a new folder', () => {
  it('gets its cluster from a child process (initdb), then opens it here with 32 MB of shared buffers; the second open finds it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liandong-pglite-'));
    try {
      const db = await openPglite(join(dir, 'pg'));
      expect(existsSync(join(dir, 'pg', 'PG_VERSION'))).toBe(true);
      // The platform's cache, not PostgreSQL's 128 MB (resident from the start in WASM memory).
      expect((await db.query<{ shared_buffers: string }>('show shared_buffers')).rows).toEqual([{ shared_buffers: '32MB' }]);
      await db.exec('create table t (x int); insert into t values (1)');
      await db.close();
      const again = await openPglite(join(dir, 'pg'), { settings: { shared_buffers: '16MB' } });
      expect((await again.query<{ x: number }>('select x from t')).rows).toEqual([{ x: 1 }]);
      expect((await again.query<{ shared_buffers: string }>('show shared_buffers')).rows).toEqual([{ shared_buffers: '16MB' }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
