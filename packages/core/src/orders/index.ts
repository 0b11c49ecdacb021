export { createOrder, validateIdempotencyKey, type CreateOrderResult } from './create-order.ts';
export { performAction, lockVisibleOrder, findVisibleOrder, ORDER } from './perform-action.ts';
export { orderView, listOrders, type Lang } from './order-view.ts';
export { canSeeOrder, orderScopeSql } from './order-scope.ts';
export { ACTION_RULES, checkAction, ACTIVE_STATES, FINAL_STATES } from './lifecycle.rules.ts';
export type { OrderServices } from './order-services.ts';
export type { OrderRow } from './order.types.ts';
export { DEFAULT_STEP_LIMITS } from './deadlines.ts';
