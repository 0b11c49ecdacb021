/**
 * 自动派遣 by the model, where the centre allows it (setting `dispatch.auto`, off by default): an order that has
 * just arrived at a command centre's dispatch (待派遣; not one a unit returned — those stay with people) is sent to
 * the unit the model ranks first at the order's place — as the dispatcher's suggestions rank it, so a territorial
 * (属地) matter goes to its town's sub-centre — when its confidence reaches the centre's threshold. The platform
 * acts (no user; the centre as the unit), the note and the event's data name the model's version and confidence.
 * Orders below the threshold are left to the dispatcher. Enabling starts from the orders that arrive afterwards
 * (a watermark of order events), never the backlog. Run by the background work every few seconds.
 */
import type { Db, Queryable } from '@liandong/db';
import type { Actor } from '../org/actor.ts';
import { assertMay } from '../org/permissions.rules.ts';
import { invalidField } from '../shared/errors.ts';
import { lockOrder } from '../orders/order.repository.ts';
import type { OrderServices } from '../orders/order-services.ts';
import { applyAction } from '../orders/perform-action.ts';
import { placeOfOrder, rankUnits } from './rank-units.ts';
import { currentModel } from './model-store.ts';

export const AUTO_KEY = 'dispatch.auto';

/** What a centre's order can be sent to: a department or station to handle, its town's sub-centre (属地, 二级分拨). */
const DISPATCHABLE = new Set(['department', 'station', 'sub_centre']);

export interface AutoDispatchSetting {
  enabled: boolean;
  /** 0.5…1: the least confidence at which the model dispatches by itself. */
  minConfidence: number;
  /** The newest order event already considered. */
  afterEventId: number;
}

export const AUTO_DEFAULT: AutoDispatchSetting = { enabled: false, minConfidence: 0.9, afterEventId: 0 };

export async function readAutoDispatch(q: Queryable): Promise<AutoDispatchSetting> {
  const r = await q.query<{ value: Partial<AutoDispatchSetting> }>('select value from settings where key = $1', [AUTO_KEY]);
  return { ...AUTO_DEFAULT, ...(r.rows[0]?.value ?? {}) };
}

async function writeAutoDispatch(q: Queryable, s: AutoDispatchSetting): Promise<void> {
  await q.query(`insert into settings (key, value) values ($1, $2::jsonb) on conflict (key) do update set value = excluded.value, updated_at = now()`, [AUTO_KEY, JSON.stringify(s)]);
}

/** An administrator turns it on or off and sets the threshold; turning it on starts after the newest event. */
export async function setAutoDispatch(db: Db, actor: Actor, input: { enabled: boolean; minConfidence: number }): Promise<{ enabled: boolean; minConfidence: number }> {
  assertMay(actor, 'dispatch.models');
  if (!(input.minConfidence >= 0.5 && input.minConfidence <= 1)) throw invalidField('minConfidence', '须在 0.5 到 1 之间', 'must be between 0.5 and 1');
  return db.transaction(async (tx) => {
    const before = await readAutoDispatch(tx);
    const head = await tx.query<{ id: string | null }>('select max(id) as id from order_events');
    const afterEventId = input.enabled && !before.enabled ? Number(head.rows[0]!.id ?? 0) : before.afterEventId;
    await writeAutoDispatch(tx, { enabled: input.enabled, minConfidence: input.minConfidence, afterEventId });
    return { enabled: input.enabled, minConfidence: input.minConfidence };
  });
}

export async function autoDispatchSetting(db: Db, actor: Actor): Promise<{ enabled: boolean; minConfidence: number }> {
  assertMay(actor, 'dispatch.models');
  const s = await readAutoDispatch(db);
  return { enabled: s.enabled, minConfidence: s.minConfidence };
}

/** One sweep: the orders that arrived at a centre's dispatch since the watermark. Answers how many it dispatched. */
export async function runAutoDispatch(db: Db, services: OrderServices): Promise<number> {
  const setting = await readAutoDispatch(db);
  if (!setting.enabled) return 0;
  const current = await currentModel(db);
  if (!current) return 0;
  const arrived = await db.query<{ event_id: string; order_id: string }>(
    `select e.id as event_id, e.order_id from order_events e
      where e.id > $1 and e.to_state = 'pending_dispatch' and e.from_state is distinct from 'pending_dispatch' and e.action <> 'return'
      order by e.id limit 200`,
    [setting.afterEventId],
  );
  let dispatched = 0;
  let last = setting.afterEventId;
  for (const a of arrived.rows) {
    last = Number(a.event_id);
    const done = await db.transaction(async (tx) => {
      const order = await lockOrder(tx, Number(a.order_id));
      if (!order || order.state !== 'pending_dispatch' || order.dispatch_unit_id == null) return false;
      const centre = await tx.query<{ kind: string }>('select kind from units where id = $1', [order.dispatch_unit_id]);
      if (centre.rows[0]?.kind !== 'centre') return false;
      const top = (await rankUnits(tx, current.model, order.description, placeOfOrder(order), 1))[0];
      if (!top || top.confidence < setting.minConfidence || !DISPATCHABLE.has(top.unit.kind)) return false;
      const pct = Math.round(top.confidence * 100);
      const actor: Actor = { userId: 0, username: 'smart-dispatch', displayName: '智能分拨', roles: new Set(['dispatcher']), unitId: order.dispatch_unit_id, unitIds: [order.dispatch_unit_id], areaCodes: [] };
      await applyAction(db, tx, order, actor, 'dispatch', { unitId: top.unit.id, note: `智能分拨自动派遣（模型 v${current.version}，置信度 ${pct}%）` }, services, services.clock(), {
        data: { smartDispatch: { version: current.version, confidence: top.confidence } },
      });
      return true;
    });
    if (done) dispatched++;
  }
  if (last !== setting.afterEventId) {
    await db.query(`update settings set value = jsonb_set(value, '{afterEventId}', to_jsonb($2::bigint)), updated_at = now() where key = $1`, [AUTO_KEY, last]);
  }
  return dispatched;
}
