/**
 * The state of one order's walk through the lifecycle (see order-flows.ts) and the helpers its steps share.
 */
import type { HistoryContext } from './history-context.ts';
import type { SimActor, SimOrder } from './history.types.ts';
import type { OrderSim } from './order-sim.ts';
import type { OrderPlan } from './plan-orders.ts';
import type { Rng } from './rng.ts';
import type { Timing } from './timing.ts';

/** What has already happened on this walk, so each twist happens once. */
export interface FlowMemory {
  wrongUnitId: number | null;
  returned: boolean;
  voidRequested: boolean;
  coAdded: boolean;
  suspended: boolean;
  extended: boolean;
  lingered: boolean;
  reworked: boolean;
  unhappy: boolean;
  reopened: boolean;
}

export interface Flow {
  sim: OrderSim;
  ctx: HistoryContext;
  plan: OrderPlan;
  o: SimOrder;
  rng: Rng;
  time: Timing;
  mem: FlowMemory;
}

export function newFlow(sim: OrderSim, plan: OrderPlan, o: SimOrder, rng: Rng, time: Timing): Flow {
  return {
    sim,
    ctx: sim.ctx,
    plan,
    o,
    rng,
    time,
    mem: {
      wrongUnitId: null,
      returned: false,
      voidRequested: false,
      coAdded: false,
      suspended: false,
      extended: false,
      lingered: false,
      reworked: false,
      unhappy: false,
      reopened: false,
    },
  };
}

/** The time of the order's latest event: every next step starts from it. */
export const now = (f: Flow): Date => f.sim.lastAt(f.o);

/** The dispatcher of the centre that dispatches the order now (the district centre's or the town's). */
export function dispatcherOf(f: Flow): SimActor {
  const id = f.o.row.dispatch_unit_id;
  return id === f.ctx.centre.id || id == null ? f.ctx.actors.dispatcher : f.ctx.actors.townDispatcher(id);
}

/** The shift lead who approves the order's requests: the one of the centre that dispatched it. */
export function approverOf(f: Flow): SimActor {
  const id = f.o.row.dispatch_unit_id;
  return id === f.ctx.centre.id || id == null ? f.ctx.actors.shiftLead : f.ctx.actors.townShiftLead(id);
}

export function atCentre(f: Flow): boolean {
  return f.o.row.dispatch_unit_id === f.ctx.centre.id;
}
