/**
 * What an action does besides changing the order's row and writing its timeline event, as data: clocks to end,
 * start or move, units to involve or release, messages, callback links, ratings. The live executor
 * (orders/apply-effects.ts) writes them in the action's transaction; the demo history applies them in memory
 * (demo/history/sim-world.ts). Effects apply in order.
 */
import type { StateCode, Step } from '@liandong/contracts';
import type { OrderPatch } from '../order.types.ts';
import type { HandleClock } from '../clock-moves.rules.ts';

export type UnitRole = 'lead' | 'co' | 'dispatch';
export type UnitNotice = 'order.escalated' | 'order.reopened' | 'order.verify' | 'order.dispatched' | 'order.request';
export type CitizenNotice = 'citizen.accepted' | 'citizen.rejected' | 'citizen.answered' | 'citizen.closed';

export type Effect =
  /** The steps' clocks stop, done by this action (the step's own: accept, dispatch, sign, feedback, check, callback, verify). */
  | { effect: 'complete'; steps: readonly Step[] }
  /** The steps' clocks stop without the step being done (returned, escalated, voided, closed over): a withdrawn run. */
  | { effect: 'withdraw'; steps: readonly Step[] }
  | { effect: 'start'; steps: readonly Step[] }
  /** An approved extension: the handling clock moved and its limit raised (`existed`), or started. */
  | { effect: 'extendHandle'; clock: HandleClock; existed: boolean }
  /** After a suspension: every running clock moves by the time suspended. */
  | { effect: 'resumeClocks'; since: Date }
  /** The clock stops: no supervision timer fires while suspended. */
  | { effect: 'cancelTimers' }
  | { effect: 'involve'; unitId: number; role: UnitRole }
  | { effect: 'release'; role: UnitRole }
  /** A co-handler signed for its part (协办签收), or reported it (协办反馈; signing too, if it had not). */
  | { effect: 'coSigned'; unitId: number }
  | { effect: 'coReported'; unitId: number; report: string }
  /** A message to a unit's inbox. */
  | { effect: 'notify'; template: UnitNotice; vars: Record<string, string>; unitId: number }
  /** An SMS to every reporter who left a number (受理, 不予受理, 答复, 办结 notices). */
  | { effect: 'tellReporters'; template: CitizenNotice; vars: Record<string, string> }
  /** SMS links to the reporters with a phone (回访). */
  | { effect: 'requestCallbacks' }
  | { effect: 'rateReporter'; reporterId: number; satisfaction: string }
  /** A knowledge-base article answered the order (直接办结): linked to it and counted. */
  | { effect: 'useArticle'; articleId: number };

/** What an action decides: the order's next state and changed columns, the event's note and data, and its effects. */
export interface Decision {
  to: StateCode;
  patch?: OrderPatch;
  note?: string | null;
  data?: Record<string, unknown>;
  /** Public ids of files the actor attaches (bound to the order by the live executor). */
  attachmentIds?: string[];
  effects: Effect[];
}
