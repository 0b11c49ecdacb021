/**
 * Group commit for intake (接件): orders arriving together are written in one transaction, so one
 * commit (one WAL flush) acknowledges many reports. Each caller is answered only after the commit
 * that holds its order: nothing is acknowledged before it is durable. A batch that fails is retried
 * order by order, so one bad order never takes its neighbours down with it.
 */
import type { Db } from '@liandong/db';
import { insertOrders, type InsertedOrder } from './insert-orders.ts';
import type { PreparedOrder } from './prepare-order.ts';

interface Waiting {
  order: PreparedOrder;
  resolve(row: InsertedOrder | null): void;
  reject(err: unknown): void;
}

export interface IntakeQueueOptions {
  /** Orders per transaction at most. */
  maxBatch?: number;
  /** Transactions in flight at once (1 on the embedded database, which has one connection). */
  maxConcurrent?: number;
}

export class IntakeQueue {
  private readonly waiting: Waiting[] = [];
  private inFlight = 0;
  private readonly maxBatch: number;
  private readonly maxConcurrent: number;
  /** Batches written and orders in them, for the benchmark's report. */
  readonly stats = { batches: 0, orders: 0 };

  constructor(
    private readonly db: Db,
    opts: IntakeQueueOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? 64;
    this.maxConcurrent = opts.maxConcurrent ?? (db.kind === 'pglite' ? 1 : 4);
  }

  /** Resolves with the order once committed, or null when its idempotency key was already taken. */
  submit(order: PreparedOrder): Promise<InsertedOrder | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ order, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxConcurrent && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      void this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(batch: Waiting[]): Promise<void> {
    try {
      const rows = await this.db.transaction((tx) => insertOrders(tx, batch.map((w) => w.order)));
      this.stats.batches++;
      this.stats.orders += batch.length;
      batch.forEach((w, i) => w.resolve(rows[i]!));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      for (const w of batch) {
        try {
          w.resolve(await this.db.transaction(async (tx) => (await insertOrders(tx, [w.order]))[0]!));
        } catch (e) {
          w.reject(e);
        }
      }
    }
  }
}
