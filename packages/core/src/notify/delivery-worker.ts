/**
 * The background loop that delivers the outbox: one pass every `pollMs`, at once again while passes come
 * back full. It never throws out of the loop (a database hiccup is reported and the next pass tries again),
 * and several processes may run one each on the same database (see deliver-messages.ts).
 */
import type { Queryable } from '@liandong/db';
import { systemClock, type Clock } from '../shared/clock.ts';
import { deliverPendingMessages, type DeliveryOptions, type DeliveryReport } from './deliver-messages.ts';

export interface DeliveryWorkerOptions extends Omit<DeliveryOptions, 'now'> {
  clock?: Clock;
  pollMs?: number;
  onError?: (err: unknown) => void;
  onPass?: (report: DeliveryReport) => void;
}

export class DeliveryWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly db: Queryable,
    private readonly opts: DeliveryWorkerOptions = {},
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for a pass in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass now; for tests and for `liandong` commands. Errors are reported, not thrown. */
  async runOnce(): Promise<DeliveryReport | null> {
    try {
      const { clock = systemClock, pollMs: _p, onError: _e, onPass, ...delivery } = this.opts;
      const report = await deliverPendingMessages(this.db, { ...delivery, now: clock() });
      onPass?.(report);
      return report;
    } catch (err) {
      try {
        this.opts.onError?.(err);
      } catch {
        // A failing error reporter must not stop the loop either.
      }
      return null;
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runOnce().then((report) => {
        this.running = null;
        const full = report !== null && report.claimed >= (this.opts.batchSize ?? 50);
        this.schedule(full ? 0 : (this.opts.pollMs ?? 5_000));
      });
    }, delayMs);
    // The loop alone must not keep a process (a CLI command, a test) alive.
    this.timer.unref?.();
  }
}
