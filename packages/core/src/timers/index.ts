/** Durable timers (定时器): due moments stored as rows and fired exactly once by any number of sweepers. */
export type { CancelTimersInput, ScheduleOutcome, ScheduleTimerInput, TimerHandler, TimerHandlers, TimerRow, TimerStats } from './timer.types.ts';
export { scheduleTimer, cancelTimers, timerStats } from './timers.repository.ts';
export { runDueTimers, DEFAULT_BATCH_SIZE, type RunDueTimersOptions, type RunResult } from './run-due-timers.ts';
export { TimerWorker, type TimerWorkerOptions } from './timer-worker.ts';
export { DEFAULT_RETRY, retryDecision, type RetryPolicy } from './timer-retry.rules.ts';
