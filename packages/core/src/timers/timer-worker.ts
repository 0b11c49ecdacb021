/**
 * A polling sweeper for a long-running process: runs `runDueTimers` every `pollMs`, never two runs at once in
 * this worker (the next poll is armed only when a run ends), and survives anything a run throws — a database
 * that is briefly away, a bad timer — by logging it and polling again.
 */
import type { Db } from '@liandong/db';
import { runDueTimers, type RunDueTimersOptions } from './run-due-timers.ts';
import type { TimerHandlers } from './timer.types.ts';

export interface TimerWorkerOptions extends Omit<RunDueTimersOptions, 'signal' | 'onError'> {
  pollMs?: number;
  log?: (message: string, err?: unknown) => void;
}

const defaultLog = (message: string, err?: unknown) => console.error(message, err ?? '');

export class TimerWorker {
  /** What this worker has done since it was created. */
  readonly totals = { runs: 0, fired: 0, failed: 0, errors: 0 };
  private timeout: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private abort: AbortController | null = null;

  constructor(
    private readonly db: Db,
    private readonly handlers: TimerHandlers,
    private readonly options: TimerWorkerOptions,
  ) {}

  get started(): boolean {
    return this.abort !== null;
  }

  start(): void {
    if (this.abort) return;
    this.abort = new AbortController();
    this.arm(0);
  }

  /** Stops polling and waits for a run in progress to finish its current batch. */
  async stop(): Promise<void> {
    this.abort?.abort();
    this.abort = null;
    if (this.timeout) clearTimeout(this.timeout);
    this.timeout = null;
    await this.running;
  }

  private arm(ms: number): void {
    if (this.timeout) clearTimeout(this.timeout);
    this.timeout = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    this.timeout = null;
    // A run still going (start() soon after stop()) re-arms the poll itself when it ends: never two at once.
    if (this.running || !this.abort) return;
    this.running = this.runOnce(this.abort.signal);
    await this.running;
    this.running = null;
    if (this.abort) this.arm(this.options.pollMs ?? 1000);
  }

  private async runOnce(signal: AbortSignal): Promise<void> {
    const log = (message: string, err?: unknown) => {
      try {
        (this.options.log ?? defaultLog)(message, err);
      } catch {
        // A broken logger must not stop the sweeper either.
      }
    };
    try {
      const r = await runDueTimers(this.db, this.handlers, {
        ...this.options,
        signal,
        onError: (timer, err) => log(`timer ${timer.id} (${timer.kind}) failed, attempt ${timer.attempts + 1}`, err),
      });
      this.totals.runs++;
      this.totals.fired += r.fired;
      this.totals.failed += r.failed;
    } catch (err) {
      this.totals.errors++;
      log('timer sweep failed; retrying at the next poll', err);
    }
  }
}
