/**
 * Fresh, migrated databases for tests. `LIANDONG_TEST_DB` picks the engine: 'pglite' (default) gives an
 * in-memory PGlite loaded from a migrated (and seeded) dump; 'postgres' creates a database on TEST_DATABASE_URL's
 * server from a migrated (and seeded) template, and drops it on close.
 *
 * Seeds are built once per test run by the global setup (prepareSeeds): a PGlite dump file and a PostgreSQL
 * template database per seed, announced to the test processes in LIANDONG_TEST_SEEDS_<ENGINE>. A process that
 * finds no prepared seed (a single file run outside the configured projects) builds it itself, once.
 *
 * PGlite's initdb (WASM) takes seconds, more than migrating and loading the demo district together, so a run does it
 * once: every dump starts from that cluster, and tests that start `liandong` on an empty data folder get a copy of
 * it (`emptyPgliteCluster`) — the state initdb leaves, before any migration.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite, pgliteDb } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export type TestEngine = 'pglite' | 'postgres';

export function testEngine(): TestEngine {
  return process.env.LIANDONG_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

/** Data loaded once and cloned into every database that asks for it. */
export interface TestSeed {
  key: string;
  run(db: Db): Promise<void>;
}

/** Where each prepared seed is: a dump file (pglite) or a template database name (postgres). */
export type PreparedSeeds = Record<string, string>;

const SEEDS_ENV: Record<TestEngine, string> = { pglite: 'LIANDONG_TEST_SEEDS_PGLITE', postgres: 'LIANDONG_TEST_SEEDS_POSTGRES' };

function prepared(engine: TestEngine): PreparedSeeds {
  const raw = process.env[SEEDS_ENV[engine]];
  return raw ? (JSON.parse(raw) as PreparedSeeds) : {};
}

/**
 * Test databases live seconds and hold little: 16 MB of shared buffers instead of PostgreSQL's 128 MB halves the
 * time an instance takes to start (~1.0 s → ~0.55 s), which every test file pays (the platform opens with 32 MB).
 */
const TEST_SETTINGS = { shared_buffers: '16MB' };

/** The key under which the prepared seeds name the empty cluster's folder (pglite). */
const EMPTY_CLUSTER = '#empty-cluster';

async function dumpOf(db: Db): Promise<Blob> {
  return (db as ReturnType<typeof pgliteDb>).pglite.dumpDataDir('none');
}

/** A cluster as initdb leaves it: the one initdb of the run (or of a process that finds none prepared). */
let emptyCluster: Promise<Blob> | undefined;
function emptyClusterDump(): Promise<Blob> {
  emptyCluster ??= (async () => {
    const db = await openPglite('memory://', { settings: TEST_SETTINGS });
    const blob = await dumpOf(db);
    await db.close();
    return blob;
  })();
  return emptyCluster;
}

/** A migrated database with the seed's data; without a seed, the migrated database every seed starts from. */
async function buildPgliteDump(seed?: TestSeed, migrated?: Blob): Promise<Blob> {
  const db = await openPglite('memory://', { loadDataDir: migrated ?? (await emptyClusterDump()), settings: TEST_SETTINGS });
  if (!migrated) await migrate(db);
  await seed?.run(db);
  const blob = await dumpOf(db);
  await db.close();
  return blob;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function buildPostgresTemplate(serverUrl: string, name: string, seed?: TestSeed): Promise<void> {
  const admin = await openPostgres(serverUrl, { max: 1 });
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.close();
  const db = await openPostgres(withDatabase(serverUrl, name), { max: 2 });
  await migrate(db);
  await seed?.run(db);
  await db.close();
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = await openPostgres(serverUrl, { max: 1 });
  await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
  await admin.close();
}

/**
 * Builds every seed for one engine (global setup): returns where they are, for LIANDONG_TEST_SEEDS_<ENGINE>, and
 * how to remove them afterwards.
 */
export async function prepareSeeds(engine: TestEngine, seeds: readonly TestSeed[], dir: string): Promise<{ env: [string, string]; dispose(): Promise<void> }> {
  const out: PreparedSeeds = {};
  const serverUrl = process.env.TEST_DATABASE_URL;
  const run = randomBytes(3).toString('hex');
  let migrated: Blob | undefined;
  if (engine === 'pglite') await writeEmptyCluster((out[EMPTY_CLUSTER] = join(dir, 'pglite-empty-cluster')));
  for (const seed of [{ key: '', run: async () => undefined } as TestSeed, ...seeds]) {
    if (engine === 'pglite') {
      const file = `${dir}/pglite-${seed.key || 'migrated'}.tar`;
      const dump = seed.key ? await buildPgliteDump(seed, migrated) : (migrated = await buildPgliteDump());
      await writeFile(file, Buffer.from(await dump.arrayBuffer()));
      out[seed.key] = file;
    } else {
      if (!serverUrl) throw new Error('LIANDONG_TEST_DB=postgres needs TEST_DATABASE_URL');
      const name = `liandong_tpl_${run}_${(seed.key || 'migrated').replace(/[^a-z0-9]/g, '_')}`;
      await buildPostgresTemplate(serverUrl, name, seed.key ? seed : undefined);
      out[seed.key] = name;
    }
  }
  return {
    env: [SEEDS_ENV[engine], JSON.stringify(out)],
    async dispose() {
      if (engine === 'postgres') for (const name of Object.values(out)) await dropDatabase(serverUrl!, name);
    },
  };
}

const dumps = new Map<string, Promise<Blob>>();

async function pgliteDump(seed?: TestSeed): Promise<Blob> {
  const key = seed?.key ?? '';
  let dump = dumps.get(key);
  if (!dump) {
    const file = prepared('pglite')[key];
    dump = file ? readFile(file).then((b) => new Blob([b])) : key ? pgliteDump().then((migrated) => buildPgliteDump(seed, migrated)) : buildPgliteDump();
    dumps.set(key, dump);
  }
  return dump;
}

const templates = new Map<string, Promise<string>>();

async function postgresTemplate(serverUrl: string, seed?: TestSeed): Promise<string> {
  const key = seed?.key ?? '';
  let tpl = templates.get(key);
  if (!tpl) {
    const ready = prepared('postgres')[key];
    tpl = ready
      ? Promise.resolve(ready)
      : (async () => {
          const name = `liandong_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
          await buildPostgresTemplate(serverUrl, name, seed);
          process.once('beforeExit', () => void dropDatabase(serverUrl, name));
          return name;
        })();
    templates.set(key, tpl);
  }
  return tpl;
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
    const db = await openPglite('memory://', { loadDataDir: await pgliteDump(seed), settings: TEST_SETTINGS });
    return { db, engine: 'pglite', close: () => db.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('LIANDONG_TEST_DB=postgres needs TEST_DATABASE_URL');
  const tpl = await postgresTemplate(serverUrl, seed);
  const name = `liandong_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(serverUrl, { max: 1 });
  await admin.query(`create database ${name} template ${tpl}`);
  const url = withDatabase(serverUrl, name);
  const pool = await openPostgres(url, { max: 12 });
  // Tests that hand the database to other processes close this pool early; the database is dropped all the same.
  let poolClosed: Promise<void> | undefined;
  const db: Db = { ...pool, close: () => (poolClosed ??= pool.close()) };
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

/**
 * Puts an empty PGlite cluster (initdb done, nothing migrated) at `dataDir/pglite`, where `liandong` looks for its
 * embedded database: what a first start meets, without paying initdb again in every process a test starts.
 */
export async function emptyPgliteCluster(dataDir: string): Promise<void> {
  const target = join(dataDir, 'pglite');
  if (existsSync(target)) throw new Error(`${target} exists already`);
  const template = prepared('pglite')[EMPTY_CLUSTER];
  if (template) {
    cpSync(template, target, { recursive: true });
    return;
  }
  await writeEmptyCluster(target);
}

/** The run's empty cluster written to a folder (openPglite creates the folder). */
async function writeEmptyCluster(folder: string): Promise<void> {
  const db = await openPglite(folder, { loadDataDir: await emptyClusterDump() });
  await db.close();
}
