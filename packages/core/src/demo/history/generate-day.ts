/**
 * One day of history in memory: plan the arrivals, register each order, merge repeats, and walk every
 * order through its lifecycle up to endAt. Pure apart from the context loaded before; the same (seed, day)
 * always gives the same orders, events and clocks.
 */
import type { SimOrder } from './history.types.ts';
import { raiseHistoryLadder } from './history-ladder.ts';
import { tryMerge } from './merges.ts';
import { newFlow, walk } from './order-flows.ts';
import { OrderSim } from './order-sim.ts';
import { planDay, type OrderPlan, type PlanTools } from './plan-orders.ts';
import { streamFor } from './rng.ts';
import { createSimOrder, creatorOf } from './sim-create.ts';
import { Timing } from './timing.ts';

export interface GeneratedDay {
  orders: SimOrder[];
  plans: OrderPlan[];
  /** [from, to) ranges of order indexes written in one transaction each. */
  batches: [number, number][];
}

export interface DayRequest {
  seed: number;
  start: Date;
  endAt: Date;
  perDay: number;
  batchSize: number;
}

export function generateDay(tools: PlanTools, req: DayRequest, opts: { record?: boolean } = {}): GeneratedDay {
  const day = planDayBatches(tools, req, opts);
  return { orders: day.batches.flatMap((_, b) => day.generate(b)), plans: day.plans, batches: day.batches };
}

/**
 * The day planned, its orders generated one batch at a time (the builder keeps only the batch it writes in memory).
 * A repeat merges into an order of its own batch (planDay), and every order's path draws from its own seeded
 * stream, so a batch comes out the same whether or not the batches before it were generated.
 */
export function planDayBatches(tools: PlanTools, req: DayRequest, opts: { record?: boolean } = {}) {
  const sim = new OrderSim(tools.ctx, req.endAt, opts.record);
  const { plans, batches } = planDay(tools, req.seed, req.start, req.perDay, req.batchSize);
  const generate = (b: number): SimOrder[] => {
    const [from, to] = batches[b]!;
    const orders: SimOrder[] = [];
    for (const plan of plans.slice(from, to)) {
      const rng = streamFor(plan.pathSeed, 2);
      const o = createSimOrder(sim, plan, creatorOf(sim, plan));
      const flow = newFlow(sim, plan, o, rng, new Timing(tools.ctx.calendar, rng));
      if (plan.dupOf !== null) tryMerge(flow, orders[plan.dupOf - from]!);
      walk(flow);
      orders.push(o);
    }
    // Once every path (and every merge into an earlier order) is done: the supervisions the clock would have raised.
    for (const o of orders) raiseHistoryLadder(sim, o, tools.ctx.ladder);
    return orders;
  };
  return { plans, batches, generate };
}
