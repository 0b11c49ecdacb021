export * from './db.ts';
export { openPglite, pgliteDb } from './pglite.ts';
export { openPostgres } from './postgres.ts';
export { openDatabase, type DatabaseConfig } from './open.ts';
export { migrate, migrateDown, isMigrated, loadMigrations, appliedVersions, MIGRATIONS_DIR } from './migrate.ts';
export { textArray, numberArray } from './array-literal.ts';
