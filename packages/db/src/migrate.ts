import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from './db.ts';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

export interface Migration {
  version: number;
  name: string;
  up: string;
  down?: string;
}

/** Migrations are plain SQL files `NNNN_name.sql` with an optional `NNNN_name.down.sql`. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => /^\d{4}_.+\.sql$/.test(f) && !f.endsWith('.down.sql'));
  return files.sort().map((file) => {
    const version = Number(file.slice(0, 4));
    const name = file.slice(5, -4);
    const downFile = join(dir, `${file.slice(0, -4)}.down.sql`);
    let down: string | undefined;
    try {
      down = readFileSync(downFile, 'utf8');
    } catch {
      down = undefined;
    }
    return { version, name, up: readFileSync(join(dir, file), 'utf8'), down };
  });
}

const LOCK_ID = 7_211_001; // advisory lock: one migrator at a time across processes

async function ensureTable(q: Queryable): Promise<void> {
  await q.query(`create table if not exists schema_migrations (
    version int primary key, name text not null, applied_at timestamptz not null default now())`);
}

export async function appliedVersions(q: Queryable): Promise<number[]> {
  const exists = await q.query<{ t: string | null }>(`select to_regclass('schema_migrations')::text as t`);
  if (!exists.rows[0]?.t) return [];
  const r = await q.query<{ version: number }>('select version from schema_migrations order by version');
  return r.rows.map((x) => x.version);
}

/** Applies pending migrations, each in its own transaction; returns the names applied. */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK_ID]);
      await ensureTable(tx);
      const r = await tx.query('select 1 from schema_migrations where version = $1', [m.version]);
      if (r.rowCount > 0) return false;
      await execScript(tx, m.up);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(`${m.version}_${m.name}`);
  }
  return applied;
}

/** Rolls back the newest `steps` applied migrations using their down files. */
export async function migrateDown(db: Db, steps = 1, migrations = loadMigrations()): Promise<string[]> {
  const undone: string[] = [];
  for (let i = 0; i < steps; i++) {
    const name = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK_ID]);
      const versions = await appliedVersions(tx);
      const last = versions.at(-1);
      if (last === undefined) return null;
      const m = migrations.find((x) => x.version === last);
      if (!m?.down) throw new Error(`migration ${last} has no down file`);
      await execScript(tx, m.down);
      await tx.query('delete from schema_migrations where version = $1', [last]);
      return `${m.version}_${m.name}`;
    });
    if (!name) break;
    undone.push(name);
  }
  return undone;
}

export async function isMigrated(q: Queryable, migrations = loadMigrations()): Promise<boolean> {
  const versions = new Set(await appliedVersions(q));
  return migrations.every((m) => versions.has(m.version));
}

async function execScript(q: Queryable, sql: string): Promise<void> {
  await q.exec(sql);
}
