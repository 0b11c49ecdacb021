/**
 * How one outbox item reaches the server, step by step, each step remembered as it succeeds so that a broken
 * connection resumes where it stopped: its photos are uploaded (each once: its file id is kept), then its request
 * is sent with the item's Idempotency-Key and Made-At (a resend after a lost answer is answered as the first);
 * a report solved on the spot then sends its 自行处置 with the photos after handling.
 */
import type { ApiRoutes, CallInput, ResponseOf, RouteName } from '@liandong/contracts';
import { call } from '../../shared/api.ts';
import { uploadPhoto } from '../photos/upload-photo.ts';
import { fieldDb, type OutboxItem } from './outbox.db.ts';

const ACTION_ROUTES = { verify: 'actions.verify', check: 'actions.check', escalate: 'actions.escalate' } as const;

function withHeaders<N extends RouteName>(item: OutboxItem, key: string, input: CallInput<ApiRoutes[N]>): CallInput<ApiRoutes[N]> {
  return { ...input, headers: { 'idempotency-key': key, 'made-at': item.madeAt } };
}

async function send<N extends RouteName>(name: N, item: OutboxItem, key: string, input: CallInput<ApiRoutes[N]>): Promise<ResponseOf<ApiRoutes[N]>> {
  return call(name, withHeaders(item, key, input));
}

export async function sendItem(item: OutboxItem): Promise<void> {
  for (const [i, ref] of item.photos.entries()) {
    if (ref.fileId) continue;
    const photo = await fieldDb.photos.get(ref.photoId);
    if (!photo) throw new Error(`photo ${ref.photoId} of outbox item ${item.id} is missing`);
    const fileId = await uploadPhoto(photo, ref, async (uploadUrl) => {
      item.photos[i] = { ...item.photos[i]!, uploadUrl: uploadUrl || undefined };
      await fieldDb.outbox.update(item.id!, { photos: item.photos });
    });
    item.photos[i] = { ...item.photos[i]!, fileId };
    await fieldDb.outbox.update(item.id!, { photos: item.photos });
  }
  const files = (role: 'report' | 'after') => item.photos.filter((p) => p.role === role).map((p) => p.fileId!);
  const r = item.request;
  if (r.kind === 'report') {
    if (!item.result) {
      const order = await send('orders.createOrder', item, item.key, { body: { ...r.body, attachments: files('report') } });
      item.result = { orderId: order.id, orderCode: order.code };
      await fieldDb.outbox.update(item.id!, { result: item.result });
    }
    if (r.selfHandle && !item.result.selfHandled) {
      await send('actions.self-handle', item, `${item.key}:self-handle`, {
        params: { id: item.result.orderId },
        body: { result: r.selfHandle.result, location: r.body.location, attachments: files('after') },
      });
      item.result = { ...item.result, selfHandled: true };
    }
    return;
  }
  if (r.kind === 'track') {
    await send('patrol.recordTrack', item, item.key, { body: r.body });
    return;
  }
  const attachments = r.kind === 'escalate' ? {} : { attachments: files('report') };
  await send(ACTION_ROUTES[r.kind], item, item.key, { params: { id: r.orderId }, body: { ...r.body, ...attachments } as never });
  item.result = { orderId: r.orderId, orderCode: r.orderCode };
}
