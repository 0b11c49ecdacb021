/**
 * Uploads never attached (附件 uploaded but never named by an order or action) are removed after a grace
 * period, so that uploading alone cannot fill the database. A file attached to an order (files.order_id) is
 * kept, and so is a device's snapshot that a detection of that device names (its evidence), and a file a
 * knowledge-base article names, now or in one of its versions. Resumable uploads begun before the same grace period go too, with their partial bytes (a phone that has
 * not finished in a day starts again). Safe in several processes: a delete is idempotent.
 */
import type { Db, Queryable } from '@liandong/db';
import { namesSnapshotSql } from '../devices/detection-scope.ts';
import { articleNamesFileSql } from '../knowledge/article-scope.ts';
import { databaseStore, type FileStore } from './file-store.ts';
import type { PartialUploads } from './partial-uploads.ts';
import { forgetStaleUploads } from './resumable-uploads.ts';

export const UNATTACHED_FILE_GRACE_MS = 24 * 60 * 60 * 1000;

/** Deletes files never attached and uploaded before `now - graceMs`; returns how many. */
export async function purgeUnattachedFiles(q: Queryable, now: Date, graceMs = UNATTACHED_FILE_GRACE_MS, store: FileStore = databaseStore): Promise<number> {
  // A photo's variants go with it (their rows by the cascade, named here first for their stored bytes).
  const r = await q.query<{ n: number; keys: string[] }>(
    `with gone as (
       delete from files f where f.order_id is null and f.created_at < $1
         and not exists (select 1 from supervisions s where s.report_docx_id = f.id or s.report_html_id = f.id)
         and not exists (select 1 from analysis_reports a where a.docx_file_id = f.id or a.html_file_id = f.id)
         and not ${articleNamesFileSql}
         and not (f.device_id is not null and exists (select 1 from device_events e where ${namesSnapshotSql('e', 'f')} and e.device_id = f.device_id))
       returning f.id, f.storage_key),
     variants as (select v.storage_key from file_variants v where v.file_id in (select id from gone))
     select (select count(*)::int from gone) as n,
            array(select storage_key from gone where storage_key is not null
                  union all select storage_key from variants where storage_key is not null) as keys`,
    [new Date(now.getTime() - graceMs)],
  );
  // The rows are gone first: bytes without a row are unreachable, a row without bytes would be a broken file.
  const { n, keys } = r.rows[0]!;
  for (const key of keys) await store.delete(key);
  return n;
}

/** Forgets resumable uploads begun before `now - graceMs` and removes their partial bytes (and any older orphan's). */
export async function purgeStaleUploads(q: Queryable, folder: PartialUploads, now: Date, graceMs = UNATTACHED_FILE_GRACE_MS): Promise<number> {
  const before = new Date(now.getTime() - graceMs);
  const ids = await forgetStaleUploads(q, before);
  for (const id of ids) await folder.remove(id);
  await folder.removeOlderThan(before);
  return ids.length;
}

/** Runs the purge every `pollMs` (an hour by default); errors are logged and the next run tries again. */
export class UnattachedFileSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly opts: { clock: () => Date; pollMs?: number; graceMs?: number; store?: FileStore; partialUploads?: PartialUploads; onError?: (err: unknown) => void },
  ) {}

  /** Sweeps once; answers how many files were removed. */
  async runOnce(): Promise<number> {
    if (this.opts.partialUploads) await purgeStaleUploads(this.db, this.opts.partialUploads, this.opts.clock(), this.opts.graceMs);
    return purgeUnattachedFiles(this.db, this.opts.clock(), this.opts.graceMs, this.opts.store);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((err) => (this.opts.onError ?? console.error)(err))
        .finally(() => (this.running = null));
    }, this.opts.pollMs ?? 60 * 60 * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
