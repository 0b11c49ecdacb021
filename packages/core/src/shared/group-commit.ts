/**
 * Group commit: requests arriving together are written in one transaction, so one commit (one WAL flush) and a
 * few set-based statements acknowledge many of them. Each caller is answered only after the commit that holds its
 * item: nothing is acknowledged before it is durable. A writer may refuse one item of a group (its answer says so)
 * without failing the others; a group whose transaction fails is rolled back whole and retried item by item, each
 * in a transaction of its own, so one bad item never takes its neighbours down and each caller hears its own
 * outcome. Used by order intake (orders/intake/intake-queue.ts) and by the intake of detections
 * (devices/ingest-events.ts).
 */
import type { Db, Queryable } from '@liandong/db';

/** What a writer answers for one item of its group: its result, or the error its caller is told. */
export type GroupOutcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Thrown by a writer that learned, inside its transaction, that its plan was wrong (a guess it made to save a read
 * did not hold): the group is rolled back and written again in a new transaction, told the attempt's number.
 */
export class WriteAgain extends Error {}

/** How often a group is written again on the writer's request before its failure stands. */
const MAX_WRITE_AGAIN = 2;

export interface GroupCommitOptions<I> {
  /** Size of a group at most, in the units of `sizeOf` (items by default). An item larger than it goes alone. */
  maxSize?: number;
  /** An item's size (a batch of detections counts its detections). */
  sizeOf?: (item: I) => number;
  /** Transactions in flight at once (1 on the embedded database, which has one connection). */
  maxConcurrent?: number;
}

interface Waiting<I, R> {
  item: I;
  resolve(value: R): void;
  reject(err: unknown): void;
}

export class GroupCommit<I, R> {
  private readonly waiting: Waiting<I, R>[] = [];
  private inFlight = 0;
  private readonly maxSize: number;
  private readonly sizeOf: (item: I) => number;
  private readonly maxConcurrent: number;
  /** Groups committed, the items in them, items retried alone, groups written again (benchmarks report them). */
  readonly stats = { groups: 0, items: 0, retried: 0, again: 0 };

  constructor(
    private readonly db: Db,
    /**
     * Writes a group inside its transaction: one outcome per item, in order. A throw rolls the group back; a
     * WriteAgain has it written again (`attempt` counts from 0).
     */
    private readonly write: (tx: Queryable, items: readonly I[], attempt: number) => Promise<GroupOutcome<R>[]>,
    opts: GroupCommitOptions<I> = {},
  ) {
    this.maxSize = opts.maxSize ?? 64;
    this.sizeOf = opts.sizeOf ?? (() => 1);
    this.maxConcurrent = opts.maxConcurrent ?? (db.kind === 'pglite' ? 1 : 4);
  }

  /** Resolves with the item's result once its group has committed; rejects with its refusal or its own failure. */
  submit(item: I): Promise<R> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxConcurrent && this.waiting.length > 0) {
      let size = this.sizeOf(this.waiting[0]!.item);
      let n = 1;
      while (n < this.waiting.length && size + this.sizeOf(this.waiting[n]!.item) <= this.maxSize) size += this.sizeOf(this.waiting[n++]!.item);
      const group = this.waiting.splice(0, n);
      this.inFlight++;
      void this.flush(group).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(group: Waiting<I, R>[]): Promise<void> {
    let outcomes: GroupOutcome<R>[];
    try {
      outcomes = await this.transaction(group.map((w) => w.item));
    } catch (err) {
      if (group.length === 1) return group[0]!.reject(err);
      // Nothing of the group was written: each item again, alone, and its caller told its own outcome.
      this.stats.retried += group.length;
      for (const w of group) {
        try {
          settle(w, (await this.transaction([w.item]))[0]!);
        } catch (e) {
          w.reject(e);
        }
      }
      return;
    }
    this.stats.groups++;
    this.stats.items += group.length;
    group.forEach((w, i) => settle(w, outcomes[i] ?? { ok: false, error: new Error('the group writer gave no outcome for an item') }));
  }

  /** One transaction of the writer over `items`, written again while it asks (at most MAX_WRITE_AGAIN times). */
  private async transaction(items: readonly I[]): Promise<GroupOutcome<R>[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.db.transaction((tx) => this.write(tx, items, attempt));
      } catch (err) {
        if (!(err instanceof WriteAgain) || attempt >= MAX_WRITE_AGAIN) throw err;
        this.stats.again++;
      }
    }
  }
}

function settle<R>(w: Waiting<unknown, R>, o: GroupOutcome<R>): void {
  if (o.ok) w.resolve(o.value);
  else w.reject(o.error);
}
