/**
 * Uploads never attached (附件 uploaded but never named by an order or action) are removed after a grace
 * period, so that uploading alone cannot fill the database. A file attached to an order (files.order_id) is
 * kept. Safe in several processes: a delete is idempotent.
 */
import type { Db, Queryable } from '@liandong/db';
import { databaseStore, type FileStore } from './file-store.ts';

export const UNATTACHED_FILE_GRACE_MS = 24 * 60 * 60 * 1000;

/** Deletes files never attached and uploaded before `now - graceMs`; returns how many. */
export async function purgeUnattachedFiles(q: Queryable, now: Date, graceMs = UNATTACHED_FILE_GRACE_MS, store: FileStore = databaseStore): Promise<number> {
  const r = await q.query<{ id: string; storage_key: string | null }>(
    `delete from files f where f.order_id is null and f.created_at < $1
       and not exists (select 1 from supervisions s where s.report_docx_id = f.id or s.report_html_id = f.id)
     returning f.id, f.storage_key`,
    [new Date(now.getTime() - graceMs)],
  );
  // The rows are gone first: bytes without a row are unreachable, a row without bytes would be a broken file.
  for (const f of r.rows) if (f.storage_key) await store.delete(f.storage_key);
  return r.rows.length;
}

/** Runs the purge every `pollMs` (an hour by default); errors are logged and the next run tries again. */
export class UnattachedFileSweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Db,
    private readonly opts: { clock: () => Date; pollMs?: number; graceMs?: number; store?: FileStore; onError?: (err: unknown) => void },
  ) {}

  runOnce(): Promise<number> {
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
