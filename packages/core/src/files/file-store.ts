/**
 * Where uploaded bytes live (附件存储). `database`: in the files row, committed with it (the default, one backup
 * holds everything). `folder`: on disk under one directory (photos of a large city outgrow a database),
 * written before the row is inserted, so a row never names bytes that are not there (bytes whose insert fails are
 * removed again; the sweep of unattached files removes rows and their bytes). Chosen by LIANDONG_FILE_STORE.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';

export interface FileStore {
  readonly kind: 'database' | 'folder';
  /** Stores bytes outside the database; returns the key to find them (database store: null, the row keeps them). */
  put(data: Buffer): Promise<string | null>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

export const databaseStore: FileStore = {
  kind: 'database',
  put: async () => null,
  get: async () => {
    throw new Error('database-stored bytes are read with their row');
  },
  delete: async () => undefined,
};

export function folderStore(root: string): FileStore {
  const base = resolve(root);
  const path = (key: string) => {
    if (!/^[0-9a-f]{2}\/[0-9a-f-]{36}$/.test(key)) throw new Error(`not a file store key: ${key}`);
    return join(base, key);
  };
  return {
    kind: 'folder',
    async put(data) {
      const id = randomUUID();
      const key = `${id.slice(0, 2)}/${id}`;
      const file = path(key);
      await mkdir(dirname(file), { recursive: true });
      // Written under a temporary name and renamed: a reader never sees half a file.
      await writeFile(`${file}.part`, data);
      await rename(`${file}.part`, file);
      return key;
    },
    get: (key) => readFile(path(key)),
    delete: (key) => rm(path(key), { force: true }),
  };
}

/** LIANDONG_FILE_STORE: unset or `database`, or `folder:/path` (a path relative to the data folder allowed). */
export function fileStoreFrom(setting: string | undefined, dataDir: string): FileStore {
  if (!setting || setting === 'database') return databaseStore;
  const m = /^folder:(.+)$/.exec(setting);
  if (m) return folderStore(resolve(dataDir, m[1]!));
  throw new Error(`LIANDONG_FILE_STORE must be "database" or "folder:/path" (got "${setting}") / LIANDONG_FILE_STORE 须为 database 或 folder:路径`);
}
