/**
 * The citizen portal's rules (群众随手拍), pure: what a tracking code (查询码) is, which steps of an order's timeline
 * the public reads and what each says, and which orders a citizen is shown near his point.
 */
import { randomBytes } from 'node:crypto';
import type { Lang, StateCode } from '@liandong/contracts';
import { maskPersonalDataInText } from '../org/personal-data.ts';

/** The 32 letters and digits of a tracking code: no I, L, O or U (read aloud or typed from a phone, never mistaken). */
export const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TRACKING_PATTERN = /^Q[0-9A-HJKMNP-TV-Z]{10}$/;

/** A new tracking code: 'Q' and ten symbols from a cryptographic source (50 bits), never derived from the order. */
export function newTrackingCode(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(10);
  let code = 'Q';
  for (const b of bytes) code += TRACKING_ALPHABET[b & 31];
  return code;
}

export const isTrackingCode = (code: string) => TRACKING_PATTERN.test(code);

/** The page of the portal that follows a report. */
export const trackUrlOf = (code: string) => `/portal/track/${code}`;

/** A public photo's URL: the display form of a photo of the report named by the code. */
export const publicPhotoUrl = (code: string, fileId: string) => `/api/v1/public/reports/${code}/photos/${fileId}`;

/** The natures the public is shown near its point (complaints and suggestions about public things: never a
 * consultation, a request for help, a praise or a tip-off (举报), which are about persons). */
export const NEARBY_NATURES = ['complaint', 'suggestion'] as const;
/** A closed order is still shown near its point for this long (someone may report it again). */
export const NEARBY_CLOSED_DAYS = 3;
export const NEARBY_LIMIT = 5;
/** How much of a description the public is shown in a list (the nearby reports, 我的上报). */
export const LISTED_TEXT_CHARS = 80;

/**
 * Reports (and 我也遇到) one mobile number may make in a day through the portal, signed in or not: more is a flood,
 * not a citizen (429). A retry of one already made is answered as before.
 */
export const REPORTS_PER_PHONE_PER_DAY = 20;

/**
 * A sliding window's wait: milliseconds until fewer than `limit` of the moments `times` lie within `windowMs`
 * before now (0 when one more fits).
 */
export function windowWaitMs(times: readonly Date[], now: Date, limit: number, windowMs: number): number {
  const ages = times.map((d) => now.getTime() - d.getTime()).filter((age) => age >= 0 && age < windowMs).sort((a, b) => a - b);
  // The oldest of the newest `limit` must leave the window before one more fits.
  return ages.length >= limit ? windowMs - ages[limit - 1]! : 0;
}

/** An order's states where it is over (a "me too" is refused). */
export const FINISHED_STATES: readonly StateCode[] = ['closed', 'rejected', 'merged', 'voided'];
/** States from which a reporter added now is no longer called back (the callback links were sent or the order is over). */
const NO_MORE_CALLBACKS: readonly StateCode[] = ['pending_callback', 'pending_close', ...FINISHED_STATES];

/** Whether a citizen who gives a phone number now will be called back (回访): links go out on entering pending_callback. */
export const willCallBack = (state: StateCode, phone: string | undefined | null) => Boolean(phone) && !NO_MORE_CALLBACKS.includes(state);

/** A citizen's text as the public reads it: personal data masked (identity and phone numbers, e-mail), at most `max` characters (by code point, a cut one ending in …). */
export function publicText(text: string, max?: number): string {
  const masked = maskPersonalDataInText(text.trim());
  const chars = [...masked];
  return max !== undefined && chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : masked;
}

/** A point rounded to 4 decimals (about 10 m): where, not which door. */
export const roundedPoint = (lng: number, lat: number) => ({ lng: Math.round(lng * 1e4) / 1e4, lat: Math.round(lat * 1e4) / 1e4 });

type L = { zh: string; en: string };

/**
 * Steps the public reads, by timeline action: what it says, whose unit is shown (the unit that acted, or the one
 * an order was sent to) and whether its note is a public reply. Every other event (approvals, requests,
 * supervision, returns, co-handling, classification, reveals, ratings, instructions) is internal and not shown.
 */
const PUBLIC_STEPS: Record<string, { label: L | ((data: Record<string, unknown>) => L); unit?: 'actor' | 'target'; reply?: boolean }> = {
  create: { label: { zh: '已提交', en: 'submitted' } },
  'add-caller': { label: { zh: '又有群众反映此问题', en: 'reported again by another citizen' } },
  accept: { label: { zh: '已受理', en: 'accepted' }, unit: 'actor' },
  reject: { label: { zh: '不予受理', en: 'not accepted' }, unit: 'actor', reply: true },
  answer: { label: { zh: '已答复', en: 'answered' }, unit: 'actor', reply: true },
  verify: { label: (d) => (d.confirmed === false ? { zh: '现场核实未发现所述问题', en: 'not found on site' } : { zh: '已现场核实', en: 'verified on site' }) },
  dispatch: { label: { zh: '已派遣至责任单位', en: 'sent to the responsible department' }, unit: 'target' },
  redispatch: { label: { zh: '已改派责任单位', en: 'sent to another department' }, unit: 'target' },
  escalate: { label: { zh: '已提交上级协调办理', en: 'referred to the level above' } },
  sign: { label: { zh: '责任单位已签收', en: 'received by the department' }, unit: 'actor' },
  suspend: { label: { zh: '暂缓办理', en: 'on hold' } },
  resume: { label: { zh: '恢复办理', en: 'resumed' } },
  'self-handle': { label: { zh: '已现场处置', en: 'solved on the spot' }, unit: 'actor', reply: true },
  feedback: { label: { zh: '处置完毕', en: 'handled' }, unit: 'actor', reply: true },
  check: { label: (d) => (d.passed === false ? { zh: '核查未通过，重新处置', en: 'not solved yet: handled again' } : { zh: '处置结果已核查', en: 'result checked on site' }) },
  callback: { label: { zh: '已回访', en: 'called back' } },
  reopen: { label: { zh: '重新办理', en: 'reopened' } },
  close: { label: { zh: '已办结', en: 'closed' } },
  'force-close': { label: { zh: '已办结', en: 'closed' } },
  void: { label: { zh: '已作废', en: 'voided' } },
  merge: { label: { zh: '已合并同类诉求', en: 'similar reports merged into it' } },
  'merged-into': { label: { zh: '已与同类诉求合并办理', en: 'merged with a similar report' } },
};

/** The actions whose photos the public may see: the report's own and the handling result's. */
export const PUBLIC_PHOTO_ACTIONS = ['create', 'feedback', 'self-handle'] as const;

export interface TimelineFact {
  at: string;
  action: string;
  note: string | null;
  data: Record<string, unknown>;
  /** The unit that acted and the unit the event names (data.unitId), in the reader's language. */
  actorUnit: string | null;
  targetUnit: string | null;
}

export interface PublicStep {
  at: string;
  label: string;
  unit: string | null;
  reply: string | null;
}

/** The public steps of a timeline, in order: never a person; replies with personal data masked (publicText). */
export function publicSteps(events: readonly TimelineFact[], lang: Lang): PublicStep[] {
  const steps: PublicStep[] = [];
  for (const e of events) {
    const rule = PUBLIC_STEPS[e.action];
    if (!rule) continue;
    const label = typeof rule.label === 'function' ? rule.label(e.data) : rule.label;
    const unit = rule.unit === 'actor' ? e.actorUnit : rule.unit === 'target' ? e.targetUnit : null;
    steps.push({ at: e.at, label: label[lang], unit: unit ?? null, reply: rule.reply && e.note?.trim() ? publicText(e.note) : null });
  }
  return steps;
}
