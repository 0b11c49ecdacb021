/**
 * The folder of partial uploads (续传中的文件): one file of bytes per upload, named by its id, and its `.json`
 * info beside it (the layout of @tus/file-store, which writes them). Under the data folder (`uploads/`).
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const UPLOAD_ID = /^[0-9a-f]{32}$/;

export interface PartialUploads {
  readonly dir: string;
  /** Removes an upload's bytes and info. */
  remove(uploadId: string): Promise<void>;
  /** Removes every upload whose files were last written before `before` (crashed or abandoned ones included). */
  removeOlderThan(before: Date): Promise<number>;
}

export function partialUploads(dir: string): PartialUploads {
  const remove = async (id: string) => {
    if (!UPLOAD_ID.test(id)) return;
    await rm(join(dir, id), { force: true });
    await rm(join(dir, `${id}.json`), { force: true });
  };
  return {
    dir,
    remove,
    async removeOlderThan(before) {
      const names = await readdir(dir).catch(() => [] as string[]);
      let n = 0;
      for (const id of new Set(names.map((x) => x.replace(/\.json$/, '')))) {
        if (!UPLOAD_ID.test(id)) continue;
        const times = await Promise.all([id, `${id}.json`].map((x) => stat(join(dir, x)).then((s) => s.mtimeMs).catch(() => 0)));
        if (Math.max(...times) < before.getTime()) {
          await remove(id);
          n++;
        }
      }
      return n;
    },
  };
}
