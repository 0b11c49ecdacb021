/**
 * The one database interface business code sees. A `Db` opens transactions; a `Queryable`
 * (the Db itself or a transaction) runs parameterised SQL. Both the embedded PGlite and a
 * PostgreSQL server implement it, so the same SQL and migrations run on either.
 */
export type Row = Record<string, unknown>;

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface QueryOptions {
  /** Prepare the statement once per connection under this name (a hot path's fixed SQL); ignored by PGlite. */
  name?: string;
}

export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations, seeds). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed if fn resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * LISTEN on a channel: `onPayload` gets each NOTIFY's payload once its transaction commits, from any process
   * on the database. After a lost connection is restored it gets '*' (notifications may have been missed).
   * Answers the function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Postgres type oids whose text form we parse the same way on both drivers. */
export const TYPE_OIDS = { int8: 20, numeric: 1700 } as const;

/** int8 and numeric arrive as numbers: counts and ids here stay far below 2^53. */
export function parseNumber(text: string): number {
  return Number(text);
}

/**
 * A `Db` that runs inside the caller's transaction: its `transaction(fn)` simply runs fn there. Lets code
 * written for a Db (loaders that open their own transactions) become one part of a larger, atomic whole.
 */
export function withinTransaction(tx: Queryable, kind: Db['kind']): Db {
  return {
    kind,
    query: (sql, params, options) => tx.query(sql, params, options),
    exec: (sql) => tx.exec(sql),
    transaction: (fn) => fn(tx),
    listen: async () => {
      throw new Error('withinTransaction: listen on the database itself');
    },
    close: async () => {
      throw new Error('withinTransaction: the enclosing transaction owns the connection');
    },
  };
}
