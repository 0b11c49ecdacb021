/**
 * 随手拍: a citizen's report through the portal, with no account. It becomes a work order through the intake
 * every channel uses (createOrder), on the `web` channel, registered by nobody (PORTAL_ACTOR: the citizen role,
 * no user); its reporter (name, phone, anonymous) is kept as every channel keeps one; its photos are public uploads
 * (files.storePublicPhoto) attached within the hour. The answer is a receipt: the tracking code (查询码) to follow it.
 *
 * Idempotency: the Idempotency-Key is required and compared within the portal's own scope (`portal`), never with a
 * signed-in user's; a retry with the same key and body answers the first receipt; the same key with another body
 * is refused (422).
 */
import type { Db, Queryable } from '@liandong/db';
import type { CreateOrderInput, PublicReportInput, ReportReceipt } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import { createOrder } from '../orders/create-order.ts';
import { ATTACHMENT_UNAVAILABLE } from '../orders/attachments.ts';
import { isKeyTaken, validateIdempotencyKey } from '../orders/idempotency.ts';
import type { OrderServices } from '../orders/order-services.ts';
import { DomainError, invalidField, TooManyRequests, unprocessable } from '../shared/errors.ts';
import { storePublicPhoto, type Upload } from '../files/files.ts';
import type { FileStore } from '../files/file-store.ts';
import { ensureTrackingCode } from './portal.repository.ts';
import type { CitizenSession } from './citizen-sign-in.ts';
import { reportTimesSince } from './my-reports.repository.ts';
import { REPORTS_PER_PHONE_PER_DAY, trackUrlOf, windowWaitMs } from './portal.rules.ts';

const DAY = 86_400_000;

/** Who registers what the portal's citizens send: the citizen role and no user (the order's creator is nobody). */
export const PORTAL_ACTOR: Actor = { userId: 0, username: 'portal', displayName: '群众随手拍', roles: new Set(['citizen']), unitId: null, unitIds: [], areaCodes: [] };

/** The channel the portal's reports arrive on. */
export const PORTAL_CHANNEL = 'web';
/** Whose keys a portal key is compared with. */
export const PORTAL_KEY_SCOPE = 'portal';
/** A public key must be hard to guess, so that two citizens never meet in one (a UUID is 36). */
const MIN_PUBLIC_KEY = 16;

/** The Idempotency-Key of a public request: required, 16–200 visible ASCII characters. */
export function publicIdempotencyKey(key: string | undefined): string {
  const k = validateIdempotencyKey(key);
  if (k.length < MIN_PUBLIC_KEY) throw invalidField('Idempotency-Key', `至少 ${MIN_PUBLIC_KEY} 个字符（例如一个 UUID）`, `at least ${MIN_PUBLIC_KEY} characters (a UUID, say)`);
  return k;
}

/** A photo uploaded through the portal (POST /api/v1/public/photos). */
export async function uploadPublicPhoto(db: Db, store: FileStore, upload: Upload, now: Date) {
  return storePublicPhoto(db, store, PORTAL_ACTOR, upload, now);
}

/**
 * The reporter row a portal citizen becomes: anonymous unless he gave his name or number and did not ask for it.
 * A citizen signed in (citizen-sign-in.ts) is called back on the number he proved, whatever the body says: the
 * server decides it, so 我的上报 lists exactly what was reported with that number.
 */
export function reporterOf(r: PublicReportInput['reporter'], citizen?: CitizenSession | null): NonNullable<CreateOrderInput['reporter']> {
  const name = r?.name?.trim() || undefined;
  const phone = citizen?.phone ?? r?.phone;
  return { name, phone, anonymous: r?.anonymous ?? (!name && !phone) };
}

/**
 * A number's daily limit (REPORTS_PER_PHONE_PER_DAY), or 429; a retry of a request already taken (its key in
 * `scope`) is let through to be answered as the first.
 */
export async function assertReportsLeft(q: Queryable, phone: string | undefined, key: { scope: string; key: string }, now: Date): Promise<void> {
  if (!phone || (await isKeyTaken(q, key.scope, key.key))) return;
  const times = await reportTimesSince(q, phone, new Date(now.getTime() - DAY), REPORTS_PER_PHONE_PER_DAY);
  const wait = Math.ceil(windowWaitMs(times, now, REPORTS_PER_PHONE_PER_DAY, DAY) / 1000);
  if (wait > 0) {
    throw new TooManyRequests(wait, 'rate_limited', {
      zh: `该手机号今日反映次数已达上限（${REPORTS_PER_PHONE_PER_DAY} 次），请拨打 12345 热线或稍后再试`,
      en: `This number has made ${REPORTS_PER_PHONE_PER_DAY} reports in a day; call the 12345 hotline or try later`,
    });
  }
}

/** An attachment refusal named as the portal's body names it (`photos`). */
function photosRefused(err: unknown): never {
  if (err instanceof DomainError && err.field === 'attachments') throw unprocessable('photos', err.messages.zh.replace('附件', '照片'), err.messages.en.replace('Attachment', 'Photo'));
  if ((err as { code?: string }).code === ATTACHMENT_UNAVAILABLE) {
    throw unprocessable('photos', '照片不存在、已超过一小时或已用于其他诉求', 'A photo does not exist, is more than an hour old or belongs to another report');
  }
  throw err;
}

export async function submitPublicReport(
  db: Db,
  body: PublicReportInput,
  idempotencyKey: string | undefined,
  services: OrderServices,
  citizen?: CitizenSession | null,
): Promise<{ replayed: boolean; receipt: ReportReceipt }> {
  const key = publicIdempotencyKey(idempotencyKey);
  const reporter = reporterOf(body.reporter, citizen);
  await assertReportsLeft(db, reporter.phone, { scope: PORTAL_KEY_SCOPE, key }, services.clock());
  const input: CreateOrderInput = {
    channel: PORTAL_CHANNEL,
    nature: body.nature,
    description: body.description,
    location: body.location,
    ...(body.address?.trim() ? { address: body.address.trim() } : {}),
    ...(body.categoryCode ? { categoryCode: body.categoryCode } : {}),
    reporter,
    attachments: body.photos ?? [],
  };
  const r = await createOrder(db, PORTAL_ACTOR, input, key, services, { idempotencyScope: PORTAL_KEY_SCOPE }).catch(photosRefused);
  // Given after the order is written; a retry (or a crash in between) finds the order and gives it then.
  const trackingCode = await ensureTrackingCode(db, r.order.id);
  return {
    replayed: r.replayed,
    receipt: { trackingCode, orderCode: r.order.code, trackUrl: trackUrlOf(trackingCode), callback: Boolean(input.reporter?.phone) },
  };
}
