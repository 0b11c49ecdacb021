import type { Db, Queryable } from '@liandong/db';
import type { ActionBody, ActionName, StateCode } from '@liandong/contracts';
import type { Actor } from '../org/actor.ts';
import type { OrderPatch, OrderRow } from './order.types.ts';
import type { OrderServices } from './order-services.ts';

/** What an action's handler receives: the locked order, the actor, the validated body, the time. */
export interface ActionContext<A extends ActionName = ActionName> {
  tx: Queryable;
  db: Db;
  order: OrderRow;
  actor: Actor;
  body: ActionBody<A>;
  now: Date;
  services: OrderServices;
}

/** What an action decides; the executor writes it with the timeline event. */
export interface ActionOutcome {
  to: StateCode;
  patch?: OrderPatch;
  note?: string | null;
  data?: Record<string, unknown>;
  /** Public ids of files the actor attaches (bound to the order by the executor). */
  attachmentIds?: string[];
  /** Writes that follow the order's update in the same transaction (clocks, involved units, other orders). */
  after?: (updated: OrderRow) => Promise<void>;
}

export type ActionHandler<A extends ActionName> = (ctx: ActionContext<A>) => Promise<ActionOutcome>;
