/**
 * Every action's decision, by its API name: one implementation, run by the live executor (orders/actions/) and
 * by the demo history (demo/history/order-sim.ts). Merging (并单) moves reporters between two orders and is
 * the live executor's alone (orders/actions/merge-action.ts; the history merges in demo/history/merges.ts).
 */
import type { ActionName } from '@liandong/contracts';
import type { Decide } from './decision.types.ts';
import { accept, answer, classify, reject } from './intake.ts';
import { addCoHandler, dispatch, redispatch } from './dispatch.ts';
import { feedback, returnOrder, sign } from './handling.ts';
import { approveExtension, denyExtension, denySuspension, denyVoid, requestExtension, requestSuspension, requestVoid, resume, suspend, voidOrder } from './approvals.ts';
import { escalate, selfHandle } from './levels.ts';
import { sendToVerify, verify } from './verification.ts';
import { coFeedback, coSign } from './co-handling.ts';
import { callback, check, close, forceClose, reopen } from './closing.ts';

export type DecidedAction = Exclude<ActionName, 'merge'>;

export const DECISIONS: { [A in DecidedAction]: Decide<A> } = {
  accept,
  reject,
  answer,
  'send-to-verify': sendToVerify,
  verify,
  classify,
  dispatch,
  redispatch,
  'add-co-handler': addCoHandler,
  sign,
  'co-sign': coSign,
  'co-feedback': coFeedback,
  return: returnOrder,
  'request-extension': requestExtension,
  'approve-extension': approveExtension,
  'deny-extension': denyExtension,
  'request-suspension': requestSuspension,
  suspend,
  'deny-suspension': denySuspension,
  resume,
  'request-void': requestVoid,
  void: voidOrder,
  'deny-void': denyVoid,
  escalate,
  'self-handle': selfHandle,
  feedback,
  check,
  callback,
  reopen,
  close,
  'force-close': forceClose,
};

export type { Decide, DecisionInput } from './decision.types.ts';
export type { Decision, Effect } from './effects.ts';
export { decideAsync, decideNow, type Ask, type UnitInfo, type ClockInfo, type CoPart } from './asks.ts';
