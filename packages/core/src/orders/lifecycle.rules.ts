/**
 * The work-order state machine (SPEC §4) as data: for each action, the roles that may take it, the
 * states it starts from, the states it may lead to, and how the actor must relate to the order.
 * Pure: no database. The HTTP layer and every use case go through `checkAction`.
 */
import { ACTION_NAMES, FINAL_STATES, STATE_CODES, type ActionName, type OrderLevel, type RequestKind, type StateCode } from '@liandong/contracts';
import type { Messages } from '../shared/errors.ts';
import type { OrderRow } from './order.types.ts';
import type { Role } from '../org/roles.ts';

/**
 * How the actor must relate to the order: works for its dispatching centre, its handling (lead) unit, one of its
 * co-handling units (协办), or covers its grid.
 */
export type Responsibility = 'dispatch_unit' | 'handler_unit' | 'co_unit' | 'grid';

export interface ActionRule {
  roles: readonly Role[];
  from: readonly StateCode[];
  /** The states the action may lead to; 'same' keeps the state. */
  to: readonly StateCode[] | 'same';
  by: readonly Responsibility[];
}

export { FINAL_STATES };
/** States in which an order is alive and moving (not final, not suspended), in the order of its life. */
export const ACTIVE_STATES: readonly StateCode[] = STATE_CODES.filter((s) => s !== 'suspended' && !FINAL_STATES.includes(s));

const DISPATCHERS: Role[] = ['dispatcher', 'shift_lead'];
const GRID: Role[] = ['grid_worker', 'grid_leader'];
const LIVE: StateCode[] = [...ACTIVE_STATES, 'suspended'];

export const ACTION_RULES: Record<ActionName, ActionRule> = {
  accept: { roles: [...DISPATCHERS, 'operator'], from: ['pending_accept'], to: ['pending_dispatch'], by: ['dispatch_unit'] },
  reject: { roles: DISPATCHERS, from: ['pending_accept'], to: ['rejected'], by: ['dispatch_unit'] },
  answer: { roles: [...DISPATCHERS, 'operator'], from: ['pending_accept', 'pending_dispatch'], to: ['closed'], by: ['dispatch_unit'] },
  'send-to-verify': { roles: [...DISPATCHERS, 'operator'], from: ['pending_accept'], to: ['pending_verify'], by: ['dispatch_unit'] },
  verify: { roles: GRID, from: ['pending_verify'], to: ['pending_accept', 'rejected'], by: ['grid'] },
  classify: { roles: DISPATCHERS, from: ['pending_accept', 'pending_dispatch'], to: 'same', by: ['dispatch_unit'] },
  dispatch: { roles: DISPATCHERS, from: ['pending_dispatch'], to: ['pending_sign', 'pending_dispatch'], by: ['dispatch_unit'] },
  redispatch: { roles: DISPATCHERS, from: ['pending_sign', 'handling'], to: ['pending_sign', 'pending_dispatch'], by: ['dispatch_unit'] },
  'add-co-handler': { roles: [...DISPATCHERS, 'handler'], from: ['pending_sign', 'handling'], to: 'same', by: ['dispatch_unit', 'handler_unit'] },
  sign: { roles: ['handler'], from: ['pending_sign'], to: ['handling'], by: ['handler_unit'] },
  // A co-handler signs for and reports its own part; the order's state is the lead's.
  'co-sign': { roles: ['handler'], from: ['pending_sign', 'handling'], to: 'same', by: ['co_unit'] },
  'co-feedback': { roles: ['handler'], from: ['pending_sign', 'handling'], to: 'same', by: ['co_unit'] },
  return: { roles: ['handler'], from: ['pending_sign', 'handling'], to: ['pending_dispatch'], by: ['handler_unit'] },
  'request-extension': { roles: ['handler'], from: ['handling'], to: 'same', by: ['handler_unit'] },
  'approve-extension': { roles: ['shift_lead'], from: ['handling'], to: 'same', by: ['dispatch_unit'] },
  'deny-extension': { roles: ['shift_lead'], from: ['handling'], to: 'same', by: ['dispatch_unit'] },
  'request-suspension': { roles: ['handler', 'dispatcher'], from: ['pending_dispatch', 'pending_sign', 'handling'], to: 'same', by: ['handler_unit', 'dispatch_unit'] },
  suspend: { roles: ['shift_lead'], from: ['pending_dispatch', 'pending_sign', 'handling'], to: ['suspended'], by: ['dispatch_unit'] },
  'deny-suspension': { roles: ['shift_lead'], from: ['pending_dispatch', 'pending_sign', 'handling'], to: 'same', by: ['dispatch_unit'] },
  resume: { roles: ['shift_lead'], from: ['suspended'], to: ['pending_dispatch', 'pending_sign', 'handling'], by: ['dispatch_unit'] },
  'request-void': { roles: ['dispatcher', 'operator', 'handler'], from: LIVE, to: 'same', by: ['dispatch_unit', 'handler_unit'] },
  void: { roles: ['shift_lead'], from: LIVE, to: ['voided'], by: ['dispatch_unit'] },
  'deny-void': { roles: ['shift_lead'], from: LIVE, to: 'same', by: ['dispatch_unit'] },
  // The union of the levels' rules (ESCALATION_RULES): who may push up depends on the level the order is at.
  escalate: {
    roles: [...GRID, ...DISPATCHERS, 'handler'],
    from: ['pending_dispatch', 'pending_sign', 'handling'],
    to: ['pending_dispatch', 'pending_sign'],
    by: ['grid', 'dispatch_unit', 'handler_unit'],
  },
  'self-handle': { roles: GRID, from: ['pending_accept', 'pending_dispatch'], to: ['closed'], by: ['grid'] },
  feedback: { roles: ['handler'], from: ['handling'], to: ['pending_check', 'pending_callback', 'pending_close'], by: ['handler_unit'] },
  check: {
    roles: [...GRID, 'dispatcher'],
    from: ['pending_check'],
    to: ['pending_callback', 'pending_close', 'handling'],
    by: ['grid', 'dispatch_unit'],
  },
  callback: { roles: ['operator', 'dispatcher'], from: ['pending_callback'], to: ['pending_close', 'pending_sign'], by: ['dispatch_unit'] },
  reopen: { roles: DISPATCHERS, from: ['pending_close'], to: ['pending_sign'], by: ['dispatch_unit'] },
  close: { roles: DISPATCHERS, from: ['pending_close'], to: ['closed'], by: ['dispatch_unit'] },
  'force-close': { roles: ['shift_lead'], from: LIVE, to: ['closed'], by: ['dispatch_unit'] },
  merge: { roles: DISPATCHERS, from: ['pending_accept', 'pending_dispatch', 'pending_sign', 'handling'], to: 'same', by: ['dispatch_unit'] },
};

/**
 * 上推 is decided at the level the order is at, and only one level up (小事不出格，大事不出村，难事不出镇):
 * - grid → village: the grid's worker or leader, once the town has accepted the report (受理 makes it a valid
 *   report; before that the worker can only solve it himself, 自行处置);
 * - village → town: the village station that signed or handles it;
 * - town → district: the town sub-centre that holds it for dispatch (a town department returns instead).
 * Nobody below can skip a level: a village grid leader has no say over a town's order.
 */
export const ESCALATION_RULES: Record<Exclude<OrderLevel, 'district'>, ActionRule> = {
  grid: { roles: GRID, from: ['pending_dispatch'], to: ['pending_sign'], by: ['grid'] },
  village: { roles: ['handler'], from: ['pending_sign', 'handling'], to: ['pending_dispatch'], by: ['handler_unit'] },
  town: { roles: DISPATCHERS, from: ['pending_dispatch'], to: ['pending_dispatch'], by: ['dispatch_unit'] },
};

/** The rule for an action on an order at a level: the table's, but escalation's is the level's own. */
export function ruleFor(action: ActionName, level: OrderLevel): ActionRule {
  if (action === 'escalate' && level !== 'district') return ESCALATION_RULES[level];
  return ACTION_RULES[action];
}

export interface ActorRelation {
  roles: ReadonlySet<Role>;
  /** Which responsibilities the actor holds towards this order. */
  holds: ReadonlySet<Responsibility>;
}

export type ActionVerdict =
  | { ok: true }
  | { ok: false; reason: 'role' | 'responsibility' | 'state' };

/** Where an order stands, as the rules of who may act read it. */
export interface OrderPlace {
  state: StateCode;
  level: OrderLevel;
}

/** Decides whether an actor may take an action on an order where it stands. Role, then responsibility, then state. */
export function checkAction(action: ActionName, order: OrderPlace, actor: ActorRelation): ActionVerdict {
  const rule = ruleFor(action, order.level);
  const state = order.state;
  if (!rule.roles.some((r) => actor.roles.has(r))) return { ok: false, reason: 'role' };
  if (!rule.by.some((b) => actor.holds.has(b))) return { ok: false, reason: 'responsibility' };
  if (!rule.from.includes(state)) return { ok: false, reason: 'state' };
  return { ok: true };
}

/** What an order must show, beyond its state, for some actions: the facts the rules read from its row. */
export interface OrderFacts {
  state: StateCode;
  pendingRequest: RequestKind | null;
  satisfaction: string | null;
  level: OrderLevel;
  nature: string;
}

/** The facts of an order row the rules read. */
export function orderFacts(o: Pick<OrderRow, 'state' | 'pending_request' | 'satisfaction' | 'level' | 'nature'>): OrderFacts {
  return { state: o.state, pendingRequest: o.pending_request?.kind ?? null, satisfaction: o.satisfaction, level: o.level, nature: o.nature };
}

export const DISSATISFIED: ReadonlySet<string> = new Set(['dissatisfied', 'very_dissatisfied']);

/** What the centre may answer and close itself (直接办结): a consultation (咨询) needs an answer, not a department. */
export const DIRECTLY_ANSWERABLE: ReadonlySet<string> = new Set(['consultation']);

/** A request's kind as people say it (延期 / 挂账 / 作废). */
export const KIND_ZH: Record<RequestKind, string> = { extension: '延期', suspension: '挂账', void: '作废' };

/** Why the order refuses the action now (409), or null. One home for these conditions: checks and allowedActions read it. */
export function orderCondition(action: ActionName, o: OrderFacts): { code: 'request_pending' | 'wrong_state'; messages: Messages } | null {
  const waiting = (kind: RequestKind) =>
    o.pendingRequest === kind ? null : { code: 'wrong_state' as const, messages: { zh: `没有待审批的${KIND_ZH[kind]}申请`, en: `There is no ${kind} request waiting` } };
  switch (action) {
    case 'request-extension':
    case 'request-suspension':
    case 'request-void':
      return o.pendingRequest
        ? { code: 'request_pending', messages: { zh: `已有待审批的申请（${o.pendingRequest}），请先处理`, en: `A ${o.pendingRequest} request is already waiting for approval` } }
        : null;
    case 'approve-extension':
    case 'deny-extension':
      return waiting('extension');
    case 'deny-suspension':
      return waiting('suspension');
    case 'deny-void':
      return waiting('void');
    case 'reopen':
      return o.satisfaction && DISSATISFIED.has(o.satisfaction)
        ? null
        : { code: 'wrong_state', messages: { zh: '只有群众不满意的工单才能重办', en: 'Only an order the citizen was dissatisfied with can be reopened' } };
    case 'answer':
      return DIRECTLY_ANSWERABLE.has(o.nature)
        ? null
        : { code: 'wrong_state', messages: { zh: '只有咨询类诉求可以直接办结，其余请派遣办理', en: 'Only a consultation can be answered and closed directly; dispatch anything else' } };
    case 'escalate':
      return nextLevel(o.level) ? null : { code: 'wrong_state', messages: { zh: '工单已在区级，无法继续上推', en: 'The order is already at the district level' } };
    default:
      return null;
  }
}

/** The actions an actor may take on an order now: the same checks the server enforces (role, responsibility, state, condition). */
export function allowedActionsFor(o: OrderFacts, actor: ActorRelation): ActionName[] {
  return ACTION_NAMES.filter((a) => checkAction(a, o, actor).ok && orderCondition(a, o) === null);
}

/** Actions whose purpose is to answer a waiting request; any other action that clears one records it as dropped. */
const RESOLVES_REQUEST: ReadonlySet<ActionName> = new Set<ActionName>(['approve-extension', 'deny-extension', 'suspend', 'deny-suspension', 'void', 'deny-void']);

/** The event's data: the decision's, plus the request an action cleared without answering it (droppedRequest). */
export function eventDataOf(action: ActionName, pendingBefore: RequestKind | null, clearsRequest: boolean, data: Record<string, unknown> = {}): Record<string, unknown> {
  return pendingBefore && clearsRequest && !RESOLVES_REQUEST.has(action) ? { ...data, droppedRequest: pendingBefore } : data;
}

/**
 * How an order came to where it is (orders.arrived_by): the action of its last change of state, or of an escalation
 * (上报), which may keep the state (pending dispatch, one level up). Undefined: the action leaves it as it was.
 */
export function arrivalBy(action: string, from: StateCode, to: StateCode): string | undefined {
  return from !== to || action === 'escalate' ? action : undefined;
}

/** Whether `to` is a state the action may lead to from `from`. Use cases assert their outcome with it. */
export function isAllowedTarget(action: ActionName, from: StateCode, to: StateCode): boolean {
  const rule = ACTION_RULES[action];
  return rule.to === 'same' ? to === from : rule.to.includes(to);
}

/**
 * The next level up a report is pushed to (上推): what the grid cannot solve goes to the village (community),
 * then the town centre, then the district — 小事不出格，大事不出村，难事不出镇.
 */
export function nextLevel(level: 'grid' | 'village' | 'town' | 'district'): 'village' | 'town' | 'district' | null {
  if (level === 'grid') return 'village';
  if (level === 'village') return 'town';
  if (level === 'town') return 'district';
  return null;
}
