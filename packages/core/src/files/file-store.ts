/**
 * Where uploaded bytes live (附件存储). `database`: in the files row, committed with it (the default, one backup
 * holds everything). `folder`: on disk under one directory (photos of a large city outgrow a database),
 * written before the row is inserted, so a row never names bytes that are not there (bytes whose insert fails are
 * removed again; the sweep of unattached files removes rows and their bytes). `s3`: in a bucket of an
 * S3-compatible object store (s3-store.ts), with the same order of writes. Chosen by LIANDONG_FILE_STORE.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { s3LocationFrom, s3Store } from './s3-store.ts';
import { checkedStoreKey, newStoreKey } from './store-key.ts';

export interface FileStore {
  readonly kind: 'database' | 'folder' | 's3';
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
  const path = (key: string) => join(base, checkedStoreKey(key));
  return {
    kind: 'folder',
    async put(data) {
      const key = newStoreKey();
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

/**
 * LIANDONG_FILE_STORE: unset or `database`; `folder:/path` (a path relative to the data folder allowed); or
 * `s3:https://KEY:SECRET@host[:port]/bucket[?region=…]`.
 */
export function fileStoreFrom(setting: string | undefined, dataDir: string): FileStore {
  if (!setting || setting === 'database') return databaseStore;
  const folder = /^folder:(.+)$/.exec(setting);
  if (folder) return folderStore(resolve(dataDir, folder[1]!));
  const s3 = /^s3:(.+)$/.exec(setting);
  if (s3) {
    try {
      return s3Store(s3LocationFrom(s3[1]!));
    } catch (err) {
      throw new Error(`LIANDONG_FILE_STORE s3: ${(err as Error).message} / 对象存储地址有误（s3:https://访问密钥:私密密钥@主机/存储桶）`);
    }
  }
  throw new Error(
    `LIANDONG_FILE_STORE must be "database", "folder:/path" or "s3:https://KEY:SECRET@host/bucket" (got "${setting.replace(/\/\/[^@/]*@/, '//***@')}") / LIANDONG_FILE_STORE 须为 database、folder:路径 或 s3:对象存储地址`,
  );
}
