/** 预警 (early warning): rules as data, detectors, the job on durable timers, and warnings read and handled. */
export { runWarnings, type RunOutcome } from './run-warnings.ts';
export { ensureWarningSweep, warningTimerHandlers, slotOf, WARNING_SWEEP, SWEEP_MINUTES } from './sweep-timer.ts';
export {
  listWarnings,
  warningSummary,
  getWarning,
  warningOrders,
  acknowledgeWarning,
  resolveWarning,
  listWarningRules,
  updateWarningRule,
  runWarningsNow,
} from './warnings.ts';
