/**
 * 并单: a repeat report of an incident is merged into the earlier order while both are still early in their
 * lives. The merge lands on the target's timeline at its moment ('merge', state unchanged) and closes the
 * duplicate ('merged-into'); the duplicate's reporters join the target, as merge-action.ts does.
 */
import type { StateCode } from '@liandong/contracts';
import { coversUnit, type Actor } from '../../org/actor.ts';
import { now, type Flow } from './flow-core.ts';
import type { SimOrder } from './history.types.ts';
import { assertMayAct } from './order-sim.ts';

/** merge-action.ts: only orders not yet dispatched to a handler can be merged away. */
const MERGEABLE = new Set<StateCode>(['pending_accept', 'pending_dispatch']);
const NOTE = '同一事件多人反映，并单处理';

/** Merges f.o into target if the timing allows; otherwise leaves it to be walked like any other order. */
export function tryMerge(f: Flow, target: SimOrder): boolean {
  const { sim, o, ctx } = f;
  const d = ctx.actors.dispatcher;
  let at = f.time.centre(now(f), 3, 30);
  if (at > sim.endAt || target.mergedInto) return false;
  // Two events of one timeline never share an instant, so the order by time is the order by id.
  while (target.events.some((e) => e.at.getTime() === at.getTime())) at = new Date(at.getTime() + 1);
  const snap = sim.stateAt(target, at);
  if (!snap || !MERGEABLE.has(o.row.state)) return false;
  const targetThen = { ...target.row, state: snap.state, dispatch_unit_id: snap.dispatchUnitId };
  if (!['pending_accept', 'pending_dispatch', 'pending_sign', 'handling'].includes(snap.state)) return false;
  if (!coversUnit(d as unknown as Actor, o.row.dispatch_unit_id)) return false;
  assertMayAct('merge', snap.state, targetThen, d);

  const idx = target.events.findIndex((e) => e.at > at);
  target.events.splice(idx < 0 ? target.events.length : idx, 0, {
    at,
    action: 'merge',
    actor: d,
    from: snap.state,
    to: snap.state,
    note: NOTE,
    data: {},
    resolveData: (ref) => ({ duplicateIds: [ref.idOf(o)], duplicateCodes: [ref.codeOf(o)] }),
    dispatchUnitAfter: snap.dispatchUnitId,
  });
  target.row.version += 1;
  if (at > target.row.updated_at) target.row.updated_at = at;

  const from = o.row.state;
  sim.update(o, 'merged', { closed_at: at, arrived_by: 'merged-into' }, at);
  o.mergedInto = target;
  sim.pushEvent(o, {
    at,
    action: 'merged-into',
    actor: d,
    from,
    to: 'merged',
    note: NOTE,
    data: {},
    resolveData: (ref) => ({ intoOrderId: ref.idOf(target), intoOrderCode: ref.codeOf(target) }),
  });
  for (const r of o.reporters) target.reporters.push({ name: r.name, phone: r.phone, anonymous: r.anonymous, satisfaction: null, createdAt: r.createdAt, source: o, id: 0 });
  sim.completeSteps(o, ['accept', 'dispatch'], at, 'withdrawn');
  return true;
}
