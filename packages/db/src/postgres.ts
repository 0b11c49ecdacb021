import pg from 'pg';
import { parseNumber, TYPE_OIDS, type Db, type Queryable, type QueryOptions, type QueryResult } from './db.ts';

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TYPE_OIDS.int8 || oid === TYPE_OIDS.numeric) return parseNumber;
    return pg.types.getTypeParser(oid, format);
  },
};

/** Opens a pool on a PostgreSQL server given by URL. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Db & { pool: pg.Pool }> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types: types as pg.CustomTypesConfig,
    // No JIT: a list's plan may be estimated as costly (a walk it stops early), and compiling it then took longer
    // than running it (200 ms of a text search's 460 ms at 1M orders; a second for its page 50). PGlite has none.
    options: '-c TimeZone=UTC -c jit=off',
  });
  // An idle client that loses its server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  const query = async <T>(sql: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<QueryResult<T>> => {
    const r = await pool.query({ text: sql, values: params as unknown[], name: options?.name });
    return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
  };
  return {
    kind: 'postgres',
    pool,
    query,
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      const tx: Queryable = {
        async exec(sql: string) {
          await client.query(sql);
        },
        async query<T>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) {
          const r = await client.query({ text: sql, values: params as unknown[], name: options?.name });
          return { rows: r.rows as T[], rowCount: r.rowCount ?? r.rows.length };
        },
      };
      try {
        await client.query('begin');
        const result = await fn(tx);
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    listen: (channel, onPayload) => listenOn(url, channel, onPayload),
    close: () => pool.end(),
  };
}

/**
 * A connection of its own that LISTENs (a pooled one would be handed to others); when the server drops it, it
 * reconnects with growing pauses and reports '*', since notifications sent meanwhile were lost.
 */
async function listenOn(url: string, channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (attempt: number): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === channel) onPayload(n.payload ?? '');
    });
    c.on('error', () => undefined);
    c.on('end', () => {
      // Only a live listening connection is replaced; a failed attempt schedules its own retry.
      if (stopped || client !== c) return;
      client = null;
      retry = setTimeout(() => void connect(1).catch(() => undefined), 250);
    });
    try {
      await c.connect();
      await c.query(`listen ${pg.escapeIdentifier(channel)}`);
      client = c;
      if (attempt > 0) onPayload('*');
    } catch (err) {
      await c.end().catch(() => undefined);
      if (attempt === 0) throw err;
      if (!stopped) retry = setTimeout(() => void connect(attempt + 1).catch(() => undefined), Math.min(30_000, 250 * 2 ** attempt));
    }
  };
  await connect(0);
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
