/**
 * Fresh, migrated databases for tests. `LIANDONG_TEST_DB` picks the engine: 'pglite' (default) gives an
 * in-memory PGlite cloned from a migrated snapshot; 'postgres' creates a database on TEST_DATABASE_URL's
 * server from a migrated template, and drops it on close.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite, pgliteDb } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export type TestEngine = 'pglite' | 'postgres';

export function testEngine(): TestEngine {
  return process.env.LIANDONG_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** Data loaded once per test process and cloned into every database that asks for it. */
export interface TestSeed {
  key: string;
  run(db: Db): Promise<void>;
}

const snapshots = new Map<string, Promise<Blob>>();

async function pgliteSnapshot(seed?: TestSeed): Promise<Blob> {
  const key = seed?.key ?? '';
  let snap = snapshots.get(key);
  if (!snap) {
    snap = (async () => {
      const db = await openPglite('memory://');
      await migrate(db);
      await seed?.run(db);
      const blob = await (db as ReturnType<typeof pgliteDb>).pglite.dumpDataDir('none');
      await db.close();
      return blob;
    })();
    snapshots.set(key, snap);
  }
  return snap;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const templates = new Map<string, Promise<string>>();

async function postgresTemplate(serverUrl: string, seed?: TestSeed): Promise<string> {
  const key = seed?.key ?? '';
  let tpl = templates.get(key);
  if (!tpl) {
    tpl = (async () => {
      const name = `liandong_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
      const admin = await openPostgres(serverUrl, { max: 1 });
      await admin.query(`create database ${name}`);
      await admin.close();
      const db = await openPostgres(withDatabase(serverUrl, name), { max: 2 });
      await migrate(db);
      await seed?.run(db);
      await db.close();
      process.once('beforeExit', () => void dropDatabase(serverUrl, name));
      return name;
    })();
    templates.set(key, tpl);
  }
  return tpl;
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = await openPostgres(serverUrl, { max: 1 });
  await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
  await admin.close();
}

export interface TestDatabase {
  db: Db;
  engine: TestEngine;
  /** For tests that start other processes or pools on the same database. */
  url?: string;
  close(): Promise<void>;
}

export async function createTestDb(seed?: TestSeed): Promise<TestDatabase> {
  if (testEngine() === 'pglite') {
    const db = await openPglite('memory://', { loadDataDir: await pgliteSnapshot(seed) });
    return { db, engine: 'pglite', close: () => db.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('LIANDONG_TEST_DB=postgres needs TEST_DATABASE_URL');
  const tpl = await postgresTemplate(serverUrl, seed);
  const name = `liandong_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(serverUrl, { max: 1 });
  await admin.query(`create database ${name} template ${tpl}`);
  const url = withDatabase(serverUrl, name);
  const db = await openPostgres(url, { max: 12 });
  return {
    db,
    engine: 'postgres',
    url,
    async close() {
      await db.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.close();
    },
  };
}
