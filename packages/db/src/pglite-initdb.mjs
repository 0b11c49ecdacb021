/**
 * Creates an embedded PostgreSQL cluster (initdb) in the folder given and exits. Run as a child process by
 * openPglite: initdb grows PGlite's WebAssembly memory by about half a gigabyte that is never given back, so the
 * platform's own process only ever opens a cluster that exists (265 MB instead of 755 MB resident).
 *
 *   node pglite-initdb.mjs DATA_DIR '["--wal-segsize=1"]'
 */
import { PGlite } from '@electric-sql/pglite';

const [dataDir, params] = process.argv.slice(2);
const pg = await PGlite.create({ dataDir, initDbStartParams: JSON.parse(params ?? '[]') });
await pg.query('select 1');
await pg.close();
