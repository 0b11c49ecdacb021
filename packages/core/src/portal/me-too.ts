/**
 * 我也遇到: a citizen adds himself to a public report instead of reporting it again. He becomes one of its reporters
 * through the step 追加来电 uses (orders/similar/add-caller.ts addReporter: an `add-caller` event on the `web`
 * channel, by nobody), so he is counted, and called back like the others when he gives a number (every reporter
 * with a phone gets a callback link when the order reaches its callback; one added after that is not called back,
 * and the receipt says so). Refused (409) when the order has ended. The Idempotency-Key is required; a retry adds
 * him once and answers the same receipt. A signed-in citizen is added with the number he proved; a number has a
 * daily limit of reports (report.ts assertReportsLeft).
 */
import type { Db } from '@liandong/db';
import type { MeTooInput, ReportReceipt } from '@liandong/contracts';
import { claimIdempotencyKey, requestHashOf } from '../orders/idempotency.ts';
import type { OrderServices } from '../orders/order-services.ts';
import { addReporter } from '../orders/similar/add-caller.ts';
import { notFound } from '../shared/errors.ts';
import { codedOrder } from './portal.repository.ts';
import { trackUrlOf, willCallBack } from './portal.rules.ts';
import type { CitizenSession } from './citizen-sign-in.ts';
import { assertReportsLeft, PORTAL_CHANNEL, PORTAL_KEY_SCOPE, publicIdempotencyKey, reporterOf } from './report.ts';
import { resolveTrackingCode } from './track-report.ts';

/** Whose keys a "me too" key is compared with. */
const ME_TOO_SCOPE = `${PORTAL_KEY_SCOPE}:me-too`;

export async function meToo(
  db: Db,
  code: string,
  body: MeTooInput,
  idempotencyKey: string | undefined,
  services: OrderServices,
  citizen?: CitizenSession | null,
): Promise<{ replayed: boolean; receipt: ReportReceipt }> {
  const key = publicIdempotencyKey(idempotencyKey);
  const { shown } = await resolveTrackingCode(db, code);
  const reporter = reporterOf(body.reporter, citizen);
  await assertReportsLeft(db, reporter.phone, { scope: ME_TOO_SCOPE, key }, services.clock());
  const hash = requestHashOf(citizen ? { code, body, citizen: citizen.phone } : { code, body });
  return db.transaction(async (tx) => {
    const order = await codedOrder(tx, shown.id, true);
    if (!order || order.confidential) throw notFound({ zh: '查询码对应的诉求', en: 'Report of this tracking code' });
    const now = services.clock();
    const receipt = (orderCode: string): ReportReceipt => ({ trackingCode: code, orderCode, trackUrl: trackUrlOf(code), callback: willCallBack(order.state, reporter.phone) });
    if (!(await claimIdempotencyKey(tx, { scope: ME_TOO_SCOPE, key, hash, orderId: order.id, now }))) return { replayed: true, receipt: receipt(order.code) };
    const description = body.description?.trim() || undefined;
    await addReporter(tx, order, { reporter, description, channel: PORTAL_CHANNEL, actorUserId: null, actorUnitId: null, now });
    return { replayed: false, receipt: receipt(order.code) };
  });
}
