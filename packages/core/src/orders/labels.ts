import type { Step } from '@liandong/contracts';
import type { Messages } from '../shared/errors.ts';

/** Step names as people say them (环节). */
export const STEP_LABELS: Record<Step, Messages> = {
  accept: { zh: '受理', en: 'accept' },
  dispatch: { zh: '派遣', en: 'dispatch' },
  sign: { zh: '签收', en: 'sign' },
  handle: { zh: '处置', en: 'handle' },
  check: { zh: '核查', en: 'check' },
  callback: { zh: '回访', en: 'callback' },
};

/** Timeline action names as people say them (办理过程). */
export const ACTION_LABELS: Record<string, Messages> = {
  create: { zh: '登记', en: 'registered' },
  accept: { zh: '受理', en: 'accepted' },
  reject: { zh: '不予受理', en: 'not accepted' },
  classify: { zh: '分类', en: 'classified' },
  dispatch: { zh: '派遣', en: 'dispatched' },
  redispatch: { zh: '改派', en: 'redispatched' },
  'add-co-handler': { zh: '协办', en: 'co-handler added' },
  sign: { zh: '签收', en: 'signed' },
  return: { zh: '退单', en: 'returned' },
  'request-extension': { zh: '申请延期', en: 'extension requested' },
  'approve-extension': { zh: '批准延期', en: 'extension approved' },
  'deny-extension': { zh: '驳回延期', en: 'extension denied' },
  'request-suspension': { zh: '申请挂账', en: 'suspension requested' },
  suspend: { zh: '挂账', en: 'suspended' },
  'deny-suspension': { zh: '驳回挂账', en: 'suspension denied' },
  resume: { zh: '恢复办理', en: 'resumed' },
  'request-void': { zh: '申请作废', en: 'voiding requested' },
  void: { zh: '作废', en: 'voided' },
  'deny-void': { zh: '驳回作废', en: 'voiding denied' },
  escalate: { zh: '上推', en: 'escalated' },
  'self-handle': { zh: '自行处置', en: 'solved on the spot' },
  feedback: { zh: '反馈', en: 'result reported' },
  check: { zh: '核查', en: 'checked' },
  callback: { zh: '回访', en: 'called back' },
  reopen: { zh: '重办', en: 'reopened' },
  close: { zh: '结案', en: 'closed' },
  'force-close': { zh: '强制结案', en: 'force-closed' },
  merge: { zh: '并单', en: 'merged duplicates' },
  'merged-into': { zh: '并入', en: 'merged into' },
  supervise: { zh: '督办', en: 'supervised' },
  'supervision-reply': { zh: '督办回复', en: 'supervision answered' },
};
