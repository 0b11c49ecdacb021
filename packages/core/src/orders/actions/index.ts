import type { ActionName } from '@liandong/contracts';
import type { ActionHandler } from '../action.types.ts';
import { accept, classify, reject } from './intake-actions.ts';
import { addCoHandler, dispatch, redispatch } from './dispatch-actions.ts';
import { feedback, returnOrder, sign } from './handling-actions.ts';
import {
  approveExtension,
  denyExtension,
  denySuspension,
  denyVoid,
  requestExtension,
  requestSuspension,
  requestVoid,
  resume,
  suspend,
  voidOrder,
} from './approval-actions.ts';
import { escalate, selfHandle } from './level-actions.ts';
import { callback, check, close, forceClose, reopen } from './closing-actions.ts';
import { merge } from './merge-action.ts';

/** Every action of the lifecycle, by its API name. */
export const ACTION_HANDLERS: { [A in ActionName]: ActionHandler<A> } = {
  accept,
  reject,
  classify,
  dispatch,
  redispatch,
  'add-co-handler': addCoHandler,
  sign,
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
  merge,
};
