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

let snapshot: Promise<Blob> | undefined;

async function pgliteSnapshot(): Promise<Blob> {
  snapshot ??= (async () => {
    const db = await openPglite('memory://');
    await migrate(db);
    const blob = await (db as ReturnType<typeof pgliteDb>).pglite.dumpDataDir('none');
    await db.close();
    return blob;
  })();
  return snapshot;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

let template: Promise<string> | undefined;

async function postgresTemplate(serverUrl: string): Promise<string> {
  template ??= (async () => {
    const name = `liandong_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = await openPostgres(serverUrl, { max: 1 });
    await admin.query(`create database ${name}`);
    await admin.close();
    const db = await openPostgres(withDatabase(serverUrl, name), { max: 1 });
    await migrate(db);
    await db.close();
    return name;
  })();
  return template;
}

export interface TestDatabase {
  db: Db;
  engine: TestEngine;
  /** For tests that start other processes or pools on the same database. */
  url?: string;
  close(): Promise<void>;
}

export async function createTestDb(): Promise<TestDatabase> {
  if (testEngine() === 'pglite') {
    const db = await openPglite('memory://', { loadDataDir: await pgliteSnapshot() });
    return { db, engine: 'pglite', close: () => db.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('LIANDONG_TEST_DB=postgres needs TEST_DATABASE_URL');
  const tpl = await postgresTemplate(serverUrl);
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
