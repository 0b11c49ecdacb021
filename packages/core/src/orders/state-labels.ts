import type { StateCode } from '@liandong/contracts';
import type { Messages } from '../shared/errors.ts';

/**
 * Built-in labels, used in error messages. The labels shown to people come from the `order_states`
 * rows, which a deployment may rename.
 */
const LABELS: Record<StateCode, Messages> = {
  pending_accept: { zh: '待受理', en: 'Awaiting acceptance' },
  pending_verify: { zh: '待核实', en: 'Awaiting verification' },
  pending_dispatch: { zh: '待派遣', en: 'Awaiting dispatch' },
  pending_sign: { zh: '待签收', en: 'Awaiting signature' },
  handling: { zh: '处置中', en: 'Being handled' },
  pending_check: { zh: '待核查', en: 'Awaiting check' },
  pending_callback: { zh: '待回访', en: 'Awaiting callback' },
  pending_close: { zh: '待结案', en: 'Awaiting closure' },
  suspended: { zh: '挂账中', en: 'Suspended' },
  closed: { zh: '已结案', en: 'Closed' },
  rejected: { zh: '不予受理', en: 'Not accepted' },
  merged: { zh: '已并单', en: 'Merged' },
  voided: { zh: '已作废', en: 'Voided' },
};

export function stateLabel(state: StateCode): Messages {
  return LABELS[state];
}
