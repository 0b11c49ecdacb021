/**
 * Group commit for intake (接件): orders arriving together are written in one transaction, so one
 * commit (one WAL flush) acknowledges many reports. Each caller is answered only after the commit
 * that holds its order: nothing is acknowledged before it is durable. A batch that fails is retried
 * order by order, so one bad order never takes its neighbours down with it (shared/group-commit.ts).
 */
import type { Db } from '@liandong/db';
import { GroupCommit } from '../../shared/group-commit.ts';
import { insertOrders, type InsertedOrder } from './insert-orders.ts';
import type { PreparedOrder } from './prepare-order.ts';

export interface IntakeQueueOptions {
  /** Orders per transaction at most. */
  maxBatch?: number;
  /** Transactions in flight at once (1 on the embedded database, which has one connection). */
  maxConcurrent?: number;
}

export class IntakeQueue {
  private readonly group: GroupCommit<PreparedOrder, InsertedOrder | null>;

  constructor(db: Db, opts: IntakeQueueOptions = {}) {
    this.group = new GroupCommit(
      db,
      async (tx, orders) => (await insertOrders(tx, orders)).map((row) => ({ ok: true as const, value: row })),
      { maxSize: opts.maxBatch ?? 64, ...(opts.maxConcurrent ? { maxConcurrent: opts.maxConcurrent } : {}) },
    );
  }

  /** Batches written and orders in them, for the benchmark's report. */
  get stats(): { batches: number; orders: number } {
    return { batches: this.group.stats.groups, orders: this.group.stats.items };
  }

  /** Resolves with the order once committed, or null when its idempotency key was already taken. */
  submit(order: PreparedOrder): Promise<InsertedOrder | null> {
    return this.group.submit(order);
  }
}
