/** The demo order history (演示历史工单), built in the background after the demo district is loaded. */
export {
  buildDemoHistory,
  historyDays,
  DEFAULT_HISTORY_SEED,
  type BuildDemoHistoryOptions,
  type BuildDemoHistoryResult,
} from './build-demo-history.ts';
export { demoHistoryStatus, type DemoHistoryStatus } from './history-progress.ts';
export { ORDERS_PER_DAY } from './plan-mix.ts';
export { scheduleHistoryClocks } from './schedule-history-clocks.ts';
export { formatHistoryReport, historyReport, type HistoryReport } from './history-report.ts';
