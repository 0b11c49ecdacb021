/**
 * The process's end of live updates: one LISTEN on the database (migration 0022 NOTIFYs every committed batch of
 * timeline events, from any process), the changed orders read once per short burst, and each change sent to the
 * connected readers who may see that order (core: mayHear, the rule every read uses).
 */
import type { Db } from '@liandong/db';
import { LIVE_EVENTS } from '@liandong/contracts';
import { ORDER_CHANGES_CHANNEL, parseChangedIds, readChangedOrders, type ChangedOrder } from '@liandong/core/orders/index.ts';

/** An order changed (`order`, with it), or many may have (`reset`, null): read everything again. */
export type Send = (event: typeof LIVE_EVENTS.order | typeof LIVE_EVENTS.reset, change: ChangedOrder | null) => void;

interface Subscriber {
  hears: (c: ChangedOrder) => boolean;
  send: Send;
}

/** Changes arriving this close together are read in one query. */
const BURST_MS = 30;
const READ_CHUNK = 500;

export class LiveHub {
  private readonly subscribers = new Set<Subscriber>();
  private listening: Promise<() => Promise<void>> | null = null;
  private pending = new Set<number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Db) {}

  /** Starts listening with the first reader; answers the function that ends his subscription. */
  async subscribe(hears: (c: ChangedOrder) => boolean, send: Send): Promise<() => void> {
    if (!this.listening) {
      this.listening = this.db.listen(ORDER_CHANGES_CHANNEL, (payload) => this.heard(payload));
      this.listening.catch(() => (this.listening = null));
    }
    await this.listening;
    const sub = { hears, send };
    this.subscribers.add(sub);
    return () => this.subscribers.delete(sub);
  }

  private heard(payload: string): void {
    const ids = parseChangedIds(payload);
    if (ids === null) {
      this.pending.clear();
      for (const s of this.subscribers) s.send(LIVE_EVENTS.reset, null);
      return;
    }
    for (const id of ids) this.pending.add(id);
    this.timer ??= setTimeout(() => void this.flush(), BURST_MS);
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const ids = [...this.pending];
    this.pending.clear();
    if (this.subscribers.size === 0) return;
    try {
      for (let i = 0; i < ids.length; i += READ_CHUNK) {
        const changed = await readChangedOrders(this.db, ids.slice(i, i + READ_CHUNK));
        for (const s of this.subscribers) for (const c of changed) if (s.hears(c)) s.send(LIVE_EVENTS.order, c);
      }
    } catch {
      // The database is away: tell every reader to reload once it answers again.
      for (const s of this.subscribers) s.send(LIVE_EVENTS.reset, null);
    }
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.subscribers.clear();
    const stop = await this.listening?.catch(() => null);
    this.listening = null;
    await stop?.();
  }
}
