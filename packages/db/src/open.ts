import { join } from 'node:path';
import type { Db } from './db.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export interface DatabaseConfig {
  /** A PostgreSQL server; when absent the embedded PGlite in dataDir is used. */
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  /**
   * For a command that runs a few statements and exits (`liandong user|token|calendar`): the embedded database
   * starts with a 16 MB cache instead of the platform's 32 MB (pglite.ts). A server ignores it.
   */
  brief?: boolean;
}

const BRIEF_SETTINGS = { shared_buffers: '16MB' };

export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, { max: config.poolSize });
  return openPglite(join(config.dataDir, 'pglite'), config.brief ? { settings: BRIEF_SETTINGS } : {});
}
