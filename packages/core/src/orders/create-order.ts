/**
 * 发现/登记: a report from any channel becomes a work order. The point is located (GCJ-02 converted),
 * placed in its grid, village and town, and handed to the centre that takes that channel's intake.
 * An Idempotency-Key makes retries safe: the same key and body return the order already created;
 * the same key with another body is refused. A report made offline carries the moment it was made (Made-At),
 * shown on its `create` event beside the moment it arrived.
 */
import type { Db, Queryable } from '@liandong/db';
import type { CreateOrderInput } from '@liandong/contracts';
import { idempotencyScope, keyReused, requestHashOf, validateIdempotencyKey } from './idempotency.ts';
import type { Actor } from '../org/actor.ts';
import { madeAtOf } from './made-at.rules.ts';
import { getOrder } from './order.repository.ts';
import type { OrderRow } from './order.types.ts';
import type { OrderServices } from './order-services.ts';
import { prepareOrder, type PreparedOrder } from './intake/prepare-order.ts';
import type { IntakeReference } from './intake/reference-cache.ts';
import { insertOrders } from './intake/insert-orders.ts';

export interface CreateOrderResult {
  order: OrderRow & { reporter_id?: number | null };
  replayed: boolean;
  /** For a new order: what was decided before writing it, so the answer needs no further query. */
  prepared?: PreparedOrder;
  reference: IntakeReference;
}

/** The order an earlier request with this key created; refuses a key reused for a different request. */
async function findReplay(q: Queryable, scope: string, key: string, hash: string): Promise<OrderRow | null> {
  const r = await q.query<{ order_id: number; request_hash: string }>(
    'select order_id, request_hash from idempotency_keys where scope = $1 and key = $2',
    [scope, key],
  );
  const row = r.rows[0];
  if (!row) return null;
  if (row.request_hash !== hash) throw keyReused();
  return getOrder(q, row.order_id);
}

export async function createOrder(
  db: Db,
  actor: Actor,
  input: CreateOrderInput,
  idempotencyKey: string | undefined,
  services: OrderServices,
  /** `idempotencyScope`: whose keys this key is compared with, when not the actor's (the portal's citizens: `portal`). */
  request: { madeAt?: string; idempotencyScope?: string } = {},
): Promise<CreateOrderResult> {
  const key = validateIdempotencyKey(idempotencyKey);
  const madeAt = madeAtOf(request.madeAt, services.clock());
  const idem = { scope: request.idempotencyScope ?? idempotencyScope(actor), key, hash: requestHashOf(input) };
  const ref = await services.reference.get(db);
  const prepared = { ...(await prepareOrder(db, actor, input, idem, ref, services)), madeAt };
  const order = services.intake
    ? await services.intake.submit(prepared)
    : (await db.transaction((tx) => insertOrders(tx, [prepared])))[0]!;
  if (order) return { order, replayed: false, prepared, reference: ref };
  const earlier = await findReplay(db, idem.scope, idem.key, idem.hash);
  if (!earlier) throw new Error('idempotency key taken but no order found');
  return { order: earlier, replayed: true, reference: ref };
}
