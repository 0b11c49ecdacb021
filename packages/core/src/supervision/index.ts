/** The five-level supervision ladder (五级督办), automatic escalation on the clock, and the supervision board. */
export { raiseSupervision, supervisedUnit, type RaiseInput } from './raise-supervision.ts';
export { listLevels, getLevel, type LevelDefinition } from './levels.ts';
export { superviseOrder, replyToSupervision, reviewSupervision, instructOnSupervision, listSupervisions } from './supervise-order.ts';
export { clockTimerHandler, clockTimerHandlers } from './clock-timer.ts';
export { supervisionBoard } from './board.ts';
export { storeSpecialReport, overdueText } from './store-special-report.ts';
export type { SupervisionLevel, SupervisionRow, PolicyRow, NotifyTarget } from './supervision.types.ts';
export { listPolicies, updatePolicy } from './policies.ts';
