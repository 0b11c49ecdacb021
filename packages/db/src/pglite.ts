import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { parseNumber, TYPE_OIDS, type Db, type Queryable, type QueryResult } from './db.ts';

/**
 * A new cluster gets 1 MB WAL segments instead of 16 MB: initdb in WASM is ~40 % faster and an embedded data
 * folder (or a dump of it) ~10 MB smaller. Only initdb reads this; an existing cluster keeps its own size.
 */
const INITDB_PARAMS = ['--wal-segsize=1'];

/**
 * The embedded server's settings unless the caller gives others. PostgreSQL's default 128 MB of shared buffers are
 * allocated and zeroed inside PGlite's WASM memory when it opens, so they are resident from the first second and
 * never given back: an empty database open is 345 MB resident with them, 250 MB with 32 MB (and opens ~0.7 s
 * sooner). The data is a few hundred MB of files the operating system caches anyway; 32 MB hold what the demo
 * history's writes and the console's reads touch at once (both take the same time as with 128 MB).
 */
const DEFAULT_SETTINGS: Readonly<Record<string, string>> = { shared_buffers: '32MB' };

export interface PgliteOptions {
  /** A dump (PGlite's dumpDataDir) to start from instead of running initdb. */
  loadDataDir?: Blob;
  /** Server settings for this run (`-c name=value`) over DEFAULT_SETTINGS, e.g. 16 MB of shared buffers for short-lived test databases. */
  settings?: Record<string, string>;
}

const INITDB_SCRIPT = fileURLToPath(new URL('./pglite-initdb.mjs', import.meta.url));

/**
 * Opens the embedded PostgreSQL (PGlite) in `dataDir`, or in memory when dataDir is 'memory://'. A folder without a
 * cluster gets one from a child process first (pglite-initdb.mjs), so initdb's memory never stays in this one.
 */
export async function openPglite(dataDir: string, options: PgliteOptions = {}): Promise<Db> {
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    if (!options.loadDataDir && !existsSync(join(dataDir, 'PG_VERSION'))) {
      await promisify(execFile)(process.execPath, [INITDB_SCRIPT, dataDir, JSON.stringify(INITDB_PARAMS)]);
    }
  }
  const settings = Object.entries({ ...DEFAULT_SETTINGS, ...options.settings }).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const pg = await PGlite.create({
    dataDir,
    loadDataDir: options.loadDataDir,
    initDbStartParams: INITDB_PARAMS,
    startParams: [...PGlite.defaultStartParams, ...settings],
    parsers: { [TYPE_OIDS.int8]: parseNumber, [TYPE_OIDS.numeric]: parseNumber },
  });
  await pg.exec(`set time zone 'UTC'`);
  return pgliteDb(pg);
}

function wrap(q: { query: PGlite['query']; exec: PGlite['exec'] }): Queryable {
  return {
    async exec(sql: string) {
      await q.exec(sql);
    },
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<T>> {
      const r = await q.query<T>(sql, params as unknown[]);
      // PGlite reports affectedRows 0 for a SELECT; count the rows then.
      return { rows: r.rows, rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
    },
  };
}

export function pgliteDb(pg: PGlite): Db & { pglite: PGlite } {
  const base = wrap(pg);
  return {
    kind: 'pglite',
    pglite: pg,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    listen: async (channel, onPayload) => {
      const stop = await pg.listen(channel, onPayload);
      return () => stop();
    },
    close: () => pg.close(),
  };
}
