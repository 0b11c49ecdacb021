/**
 * Background work that runs beside the HTTP server in `liandong start`: the clock's durable timers
 * (supervision, escalation, the early-warning job), the delivery of the notification outbox, and housekeeping (unattached uploads,
 * expired sessions, old login attempts, the portal's expired sessions and old SMS codes), the statistics
 * rollups' fold (every 5 s: the orders changed since, and the clocks fallen due), the districts' monthly analysis
 * reports (asked for every ten minutes: made once the month has ended), the smart-dispatch model's retraining
 * (hourly, when orders were dispatched or returned since) and automatic dispatch where the centre allows it (every
 * 10 s). All are safe to run in several processes on one PostgreSQL.
 */
import { purgeExpiredAuth } from '@liandong/core/auth/purge.ts';
import { purgeCitizenSessions } from '@liandong/core/portal/citizen-sign-in.ts';
import { DeliveryWorker } from '@liandong/core/notify/index.ts';
import { clockTimerHandlers } from '@liandong/core/supervision/index.ts';
import { TimerWorker } from '@liandong/core/timers/index.ts';
import { ensureWarningSweep, warningTimerHandlers } from '@liandong/core/warnings/index.ts';
import { UnattachedFileSweeper } from '@liandong/core/files/purge-unattached-files.ts';
import { foldStats } from '@liandong/core/statistics/fold-stats.ts';
import { makeMonthlyReports, MONTHLY_CHECK_MS } from '@liandong/core/analysis-reports/index.ts';
import { retrainIfStale, runAutoDispatch } from '@liandong/core/smart-dispatch/index.ts';
import type { Platform } from './platform.ts';

export interface Background {
  stop(): Promise<void>;
}

export function timerHandlers(p: Platform) {
  return { ...clockTimerHandlers(p.db, p.services), ...warningTimerHandlers((q) => p.calendar.get(q)) };
}

/**
 * Deletes expired sessions and login attempts older than the throttle window, and the citizen portal's expired
 * sessions and SMS codes older than a day (run every few minutes).
 */
export async function purgeAuth(p: Platform) {
  const now = p.clock();
  const auth = await purgeExpiredAuth(p.db, now);
  const citizens = await purgeCitizenSessions(p.db, now);
  return { ...auth, citizenSessions: citizens.sessions, signInCodes: citizens.codes };
}

export function startBackground(p: Platform): Background {
  const timers = new TimerWorker(p.db, timerHandlers(p), { now: p.clock, pollMs: 1000 });
  const delivery = new DeliveryWorker(p.db, { clock: p.clock, pollMs: 2000, onError: (err) => console.error('outbox delivery:', err) });
  // Uploads never attached, and resumable uploads never finished, are deleted after 24 h (hourly sweep).
  const fileSweeper = new UnattachedFileSweeper(p.db, { clock: p.clock, store: p.files, partialUploads: p.partialUploads, onError: (err) => console.error('unattached files:', err) });
  // 预警: the early-warning job is a chain of durable timers (one per 15-minute slot); its first link is made here.
  void ensureWarningSweep(p.db, p.clock()).catch((err) => console.error('early warning:', err));
  timers.start();
  delivery.start();
  fileSweeper.start();
  const purge = setInterval(() => void purgeAuth(p).catch((err) => console.error('auth purge:', err)), 5 * 60_000);
  purge.unref();
  let folding: Promise<unknown> = Promise.resolve();
  const fold = setInterval(() => {
    folding = foldStats(p.db, p.clock(), { wait: false }).catch((err) => console.error('statistics fold:', err));
  }, 5000);
  fold.unref();
  // 研判报告: each district's report of the month just ended, made once (the first check after the 1st).
  let reporting: Promise<unknown> = Promise.resolve();
  const monthly = () => {
    reporting = makeMonthlyReports(p.db, p.files, p.clock()).catch((err) => console.error('monthly analysis report:', err));
  };
  const reports = setInterval(monthly, MONTHLY_CHECK_MS);
  reports.unref();
  const first = setTimeout(monthly, 30_000);
  first.unref();
  // 智能分拨: a model trained at start when there is none, and hourly when orders were dispatched or returned since.
  let training: Promise<unknown> = Promise.resolve();
  const retrain = () => {
    training = retrainIfStale(p.db, p.clock()).catch((err) => console.error('dispatch model:', err));
  };
  retrain();
  const retrainTimer = setInterval(retrain, 60 * 60_000);
  retrainTimer.unref();
  // 自动派遣: where the centre allows it (off by default), orders newly waiting at the centre, every 10 s.
  let autoRun: Promise<unknown> = Promise.resolve();
  const auto = setInterval(() => {
    autoRun = runAutoDispatch(p.db, p.services).catch((err) => console.error('automatic dispatch:', err));
  }, 10_000);
  auto.unref();
  return {
    async stop() {
      clearInterval(purge);
      clearInterval(retrainTimer);
      clearInterval(auto);
      await Promise.all([training, autoRun]);
      clearInterval(fold);
      clearInterval(reports);
      clearTimeout(first);
      await Promise.all([folding, reporting]);
      await Promise.all([timers.stop(), delivery.stop(), fileSweeper.stop()]);
    },
  };
}
